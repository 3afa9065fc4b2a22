import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { coverage, predictiveContent, representation, read } from "../../src/index.js";
import { coveragePair, plantedContent, representationData } from "./generate.js";

it("demo", async () => {
  const p = predictiveContent(plantedContent(3000, 11), { label: "y" });
  const { training, serving } = coveragePair(3000, 21, true);
  const c = coverage(training, serving, { sampleRows: 1500 });
  const r = representation(representationData(4000, 3), { groups: ["sex", "race"], reference: { sex: { F: 0.5, M: 0.5 }, race: { A: 0.6, B: 0.3, C: 0.1 } } });
  const berkeley = await read("notebooks/data/berkeley-1973.csv");
  const b = representation(berkeley, { groups: ["gender"], features: ["dept"] });
  for (const [name, rep] of [["predictive", p], ["coverage", c], ["representation", r], ["berkeley", b]] as const) {
    writeFileSync(`/tmp/collect-${name}.html`, await rep.toHTML());
    writeFileSync(`/tmp/collect-${name}.txt`, rep.toString());
  }
}, 60000);
