import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { valueAt } from "../../src/data/column.js";
import { read } from "../../src/data/index.js";
import { fairness } from "../../src/fairness/fairness.js";
import { keyedPanel, skew } from "../../src/skew/index.js";
import { duckdb } from "../../src/sources/index.js";

const dir = mkdtempSync(join(tmpdir(), "driftlab-duck-analyses-"));

function toCsv(dataset: Dataset, path: string): string {
  const names = dataset.columnNames;
  const lines = [names.join(",")];
  for (let i = 0; i < dataset.numRows; i++) {
    lines.push(names.map((n) => String(valueAt(dataset.column(n), i) ?? "")).join(","));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** Seeded loan decisions: group, sex, label, score, prediction (LCG, Numerical Recipes constants). */
function loansCsv(path: string, n: number): string {
  let state = 20261202;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ["region,sex,label,score,approved"];
  const regions = ["north", "south", "east"];
  for (let i = 0; i < n; i++) {
    const region = regions[Math.floor(random() * 3)];
    const sex = random() < 0.5 ? "F" : "M";
    const label = random() < (region === "south" ? 0.3 : 0.5) ? 1 : 0;
    const score = Math.round(Math.min(1, Math.max(0, 0.3 * label + 0.7 * random())) * 1000) / 1000;
    lines.push([region, sex, label, score, score >= 0.5 ? 1 : 0].join(","));
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

describe("fairness of a DuckDB source", () => {
  const path = loansCsv(join(dir, "loans.csv"), 20_000);
  const strip = (json: Record<string, unknown>) => {
    const { notes: _notes, source: _source, title: _title, createdAt: _at, ...rest } = json;
    return rest;
  };

  it("from GROUP BY counts equals fairness of the same rows in memory, and says it was exact", async () => {
    const options = {
      label: "label",
      prediction: "approved",
      groups: ["region", "sex"],
      intersections: true,
    };
    const engine = await fairness(duckdb(path), options);
    const inMemory = fairness(await read(path), options);
    const e = engine.toJSON() as unknown as Record<string, unknown>;
    const m = inMemory.toJSON() as unknown as Record<string, unknown>;
    expect(strip(e)).toEqual(strip(m));
    expect((e.notes as string[]).some((n) => n.includes("per-group counts") && n.includes("exact"))).toBe(
      true,
    );
  }, 60_000);

  it("scores too (thresholds from the counts of each score value)", async () => {
    const options = { label: "label", score: "score", groups: "region" };
    const engine = await fairness(duckdb(path), options);
    const inMemory = fairness(await read(path), options);
    expect(strip(engine.toJSON() as unknown as Record<string, unknown>)).toEqual(
      strip(inMemory.toJSON() as unknown as Record<string, unknown>),
    );
  }, 60_000);

  it("beyond sampleRows uses a seeded sample and says so", async () => {
    const report = await fairness(duckdb(path), {
      label: "label",
      prediction: "approved",
      groups: "region",
      sampleRows: 5000,
    });
    const notes = (report.toJSON() as unknown as { notes: string[] }).notes;
    expect(notes.some((n) => n.includes("seeded sample of 5,000 of 20,000 rows"))).toBe(true);
  }, 60_000);
});

describe("skew of DuckDB sources", () => {
  const { training, serving } = keyedPanel({ n: 3000, seed: 4 });
  const t = toCsv(training, join(dir, "training.csv"));
  const s = toCsv(serving, join(dir, "serving.csv"));

  it("runs on all rows when they fit the sample, and says so", async () => {
    const report = await skew(duckdb(t), duckdb(s), { label: "y", key: "id", resamples: 20 });
    const json = report.toJSON();
    expect(json.training.numRows).toBe(training.numRows);
    expect(
      json.notes.some((n) => n.includes(`computed on all ${training.numRows.toLocaleString("en-US")} rows`)),
    ).toBe(true);
    // The same rows as in memory: the key join finds the same matches.
    const inMemory = skew(training, serving, { label: "y", key: "id", resamples: 20 }).toJSON();
    expect(json.perExample!.joined).toBe(inMemory.perExample!.joined);
  }, 60_000);

  it("samples both sides by the key's hash, so the key join still pairs the sampled examples", async () => {
    const report = await skew(duckdb(t), duckdb(s), {
      label: "y",
      key: "id",
      resamples: 20,
      sampleRows: 1000,
    });
    const json = report.toJSON();
    expect(json.training.numRows).toBe(1000);
    expect(json.notes.some((n) => n.includes("seeded sample of 1,000 of"))).toBe(true);
    const inMemory = skew(training, serving, { label: "y", key: "id", resamples: 20 }).toJSON();
    // Shared keys are chosen on both sides alike: most sampled ids find their partner.
    expect(json.perExample!.joined / 1000).toBeGreaterThan(
      (0.9 * inMemory.perExample!.joined) / training.numRows,
    );
  }, 60_000);
});
