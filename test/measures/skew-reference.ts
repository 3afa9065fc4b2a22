/** Access to fixtures/skew-reference.json (written by fixtures/make_skew_reference.py). */
import { readFileSync } from "node:fs";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON's shape is checked by the tests using it
export const skewReference: any = JSON.parse(
  readFileSync(new URL("./fixtures/skew-reference.json", import.meta.url), "utf8"),
);
