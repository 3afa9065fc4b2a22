import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Dataset } from "../../src/data/column.js";
import { valueAt } from "../../src/data/column.js";
import { keyedPanel, skew, skewPanel } from "../../src/skew/index.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function toCsv(dataset: Dataset): string {
  const names = dataset.columnNames;
  const lines = [names.join(",")];
  for (let i = 0; i < dataset.numRows; i++) {
    lines.push(names.map((n) => String(valueAt(dataset.column(n), i) ?? "")).join(","));
  }
  return lines.join("\n") + "\n";
}

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, (text) => (out += text + "\n"));
  return { code, out };
}

describe("the skew report", () => {
  it("is valid against the report JSON Schema, with and without labels, score and key", () => {
    const { training, serving } = skewPanel("covariate+concept", { n: 800, seed: 2 });
    const keyed = keyedPanel({ n: 800 });
    for (const json of [
      skew(training, serving, { label: "y", score: "score", resamples: 20 }).toJSON(),
      skew(training, serving).toJSON(),
      skew(training, serving.select(["x1", "x2", "x3", "x4", "score"]), {
        label: "y",
        score: "score",
        resamples: 20,
      }).toJSON(),
      skew(keyed.training, keyed.serving, { label: "y", key: "id", resamples: 20 }).toJSON(),
    ]) {
      expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(json.kind).toBe("skew");
    }
  });

  it("shows itself as text, static HTML with SVG charts, and a Vega-Lite summary", async () => {
    const { training, serving } = skewPanel("concept", { n: 800, seed: 2 });
    const report = skew(training, serving, { label: "y", resamples: 20 });
    expect(report.toString()).toContain("Concept shift (x2)");
    const html = await report.toStaticHTML();
    expect(html).toContain("<svg");
    expect(html).toContain("P(y | x)");
    expect(html).toContain("DISDE");
    const bundle = await report.toMimeBundle();
    expect(bundle["application/vnd.vegalite.v5+json"]).toBeDefined();
    expect(JSON.stringify(report.toJSON()).length).toBeLessThan(200_000);
  });
});

describe("driftlab skew", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftlab-skew-"));
  const { training, serving } = skewPanel("label", { n: 1500, seed: 3 });
  writeFileSync(join(dir, "training.csv"), toCsv(training));
  writeFileSync(join(dir, "serving.csv"), toCsv(serving));
  writeFileSync(join(dir, "unlabelled.csv"), toCsv(serving.select(["x1", "x2", "x3", "x4", "score"])));

  it("prints JSON naming label shift and exits 1 with --fail-on-skew", async () => {
    const args = [
      "skew",
      join(dir, "training.csv"),
      join(dir, "serving.csv"),
      "--label",
      "y",
      "--score",
      "score",
    ];
    const { code, out } = await run([...args, "--json", "--fail-on-skew"]);
    expect(code).toBe(1);
    const json = JSON.parse(out);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(json.shifts.label.detected).toBe(true);
    expect(json.shifts.concept.detected).toBe(false);
    expect((await run(args)).code).toBe(0);
  });

  it("estimates the serving prior by BBSE when serving has no labels", async () => {
    const { code, out: text } = await run([
      "skew",
      join(dir, "training.csv"),
      join(dir, "unlabelled.csv"),
      "--label",
      "y",
      "--score",
      "score",
    ]);
    expect(code).toBe(0);
    expect(text).toMatch(/BBSE/);
  });

  it("exits 2 naming the column when --label is missing", async () => {
    const { code } = await run([
      "skew",
      join(dir, "training.csv"),
      join(dir, "serving.csv"),
      "--label",
      "target",
    ]);
    expect(code).toBe(2);
  });
});
