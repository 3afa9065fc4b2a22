#!/usr/bin/env node
/**
 * Writes notebooks/data/berkeley-1973.csv: one row per applicant (dept, gender, admitted) of the six largest
 * departments of the University of California, Berkeley graduate admissions, fall 1973.
 *
 * Source: P. J. Bickel, E. A. Hammel and J. W. O'Connell, "Sex Bias in Graduate Admissions: Data from Berkeley",
 * Science 187 (4175): 398–404, 1975 — the counts of the six largest departments (4,526 applicants) as published and
 * as distributed in R's `datasets::UCBAdmissions`:
 *
 *   dept   men applied / admitted   women applied / admitted
 *   A            825 / 512                 108 / 89
 *   B            560 / 353                  25 / 17
 *   C            325 / 120                 593 / 202
 *   D            417 / 138                 375 / 131
 *   E            191 /  53                 393 / 94
 *   F            373 /  22                 341 / 24
 *
 * Totals: men 2,691 applied / 1,198 admitted (44.5 %), women 1,835 / 557 (30.4 %).
 * Rows are in a fixed order (dept, gender, admitted first), so the file is reproducible byte for byte.
 *
 *   node notebooks/data/make_berkeley.mjs
 */

import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const COUNTS = [
  // [dept, gender, applied, admitted]
  ["A", "male", 825, 512],
  ["A", "female", 108, 89],
  ["B", "male", 560, 353],
  ["B", "female", 25, 17],
  ["C", "male", 325, 120],
  ["C", "female", 593, 202],
  ["D", "male", 417, 138],
  ["D", "female", 375, 131],
  ["E", "male", 191, 53],
  ["E", "female", 393, 94],
  ["F", "male", 373, 22],
  ["F", "female", 341, 24],
];

const lines = ["dept,gender,admitted"];
for (const [dept, gender, applied, admitted] of COUNTS) {
  for (let i = 0; i < applied; i++) lines.push(`${dept},${gender},${i < admitted ? 1 : 0}`);
}
const out = join(dirname(fileURLToPath(import.meta.url)), "berkeley-1973.csv");
writeFileSync(out, lines.join("\n") + "\n");
console.log(`wrote ${out}: ${lines.length - 1} applicants`);
