/**
 * The layers of src/ (docs/architecture.md): no import cycles between files or top-level folders (type-only and
 * dynamic imports count), the ESLint layer rule rejects upward imports, and computing a report never loads vega.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { ESLint } from "eslint";
import { describe, expect, it, vi } from "vitest";

const loaded = vi.hoisted(() => ({ vega: 0, vegaLite: 0 }));
vi.mock("vega", async (importOriginal) => {
  loaded.vega++;
  return importOriginal();
});
vi.mock("vega-lite", async (importOriginal) => {
  loaded.vegaLite++;
  return importOriginal();
});

interface Graph {
  files: string[];
  fileCycles: string[][];
  folderCycles: string[][];
  folderEdges: Record<string, string[]>;
}

/** The graph from scripts/import-graph.mjs, run asynchronously so the test worker's event loop stays free. */
async function graph(): Promise<Graph> {
  const { stdout } = await promisify(execFile)(process.execPath, ["scripts/import-graph.mjs", "--json"]);
  return JSON.parse(stdout);
}

describe("the import graph of src/", async () => {
  const g = await graph();

  it("has no cycle between files (type-only and dynamic imports count)", () => {
    expect(g.files.length).toBeGreaterThan(100);
    expect(g.fileCycles).toEqual([]);
  });

  it("has no cycle between top-level folders", () => {
    expect(g.folderCycles).toEqual([]);
  });

  it("keeps the format layer free of imports, and analyses free of charts and presenters", () => {
    expect(g.folderEdges.format).toEqual([]);
    for (const analysis of ["stats", "schema", "drift", "fairness"]) {
      expect(g.folderEdges[analysis], analysis).not.toContain("charts");
      expect(g.folderEdges[analysis], analysis).not.toContain("presenters");
    }
  });
});

describe("the ESLint layer rule", () => {
  const eslint = new ESLint();
  const messagesOf = async (code: string, filePath: string) =>
    (await eslint.lintText(code, { filePath }))[0].messages.filter((m) => m.ruleId === "driftlab/layers");

  it("fails on an upward import, a type-only one too", async () => {
    const chart = await messagesOf(
      'import { driftSummarySpec } from "../charts/drift.js";\n',
      "src/drift/new.ts",
    );
    expect(chart.map((m) => m.message)).toEqual([expect.stringContaining("drift may not import charts")]);
    const typeOnly = await messagesOf(
      'import type { DriftReport } from "../drift/report.js";\n',
      "src/format/new.ts",
    );
    expect(typeOnly).toHaveLength(1);
    const exported = await messagesOf('export { profile } from "../stats/profile.js";\n', "src/data/new.ts");
    expect(exported).toHaveLength(1);
  });

  it("fails when an analysis imports vega or the SVG renderer, or the format layer a package", async () => {
    expect(await messagesOf('import * as vega from "vega";\n', "src/fairness/new.ts")).toHaveLength(1);
    expect(
      await messagesOf('import { vegaLiteToSVG } from "../report/svg.js";\n', "src/drift/new.ts"),
    ).toHaveLength(1);
    expect(await messagesOf('import { readFileSync } from "node:fs";\n', "src/format/new.ts")).toHaveLength(
      1,
    );
  });

  it("accepts downward imports", async () => {
    const ok = await messagesOf(
      'import type { DriftJSON } from "../format/drift.js";\nimport { envelope } from "../report/report.js";\n',
      "src/drift/new.ts",
    );
    expect(ok).toEqual([]);
    expect(
      await messagesOf('import type { DriftJSON } from "../format/drift.js";\n', "src/presenters/new.ts"),
    ).toEqual([]);
  });
});

describe("computing apart from presenting", () => {
  it("loads vega only when an SVG is drawn, not when drift is imported or computed", async () => {
    const { drift } = await import("../src/drift/index.js");
    const report = drift({ x: [1, 2, 3, 4, 5, 6, 7, 8] }, { x: [5, 6, 7, 8, 9, 10, 11, 12] });
    expect(report.toJSON().kind).toBe("drift");
    expect(report.toString()).toContain("x");
    expect(report.toVegaLite()).toBeDefined();
    expect(loaded).toEqual({ vega: 0, vegaLite: 0 });
    const html = await report.toStaticHTML();
    expect(html).toContain("<svg");
    expect(loaded.vega).toBe(1);
    expect(loaded.vegaLite).toBe(1);
  });
});
