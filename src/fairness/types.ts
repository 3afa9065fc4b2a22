/** Moved to the report format layer: src/format/fairness.ts. Kept for extension/src until it imports src/format/. */
export type * from "../format/fairness.js";
