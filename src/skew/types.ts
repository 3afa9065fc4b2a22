export type * from "../format/skew.js";
