import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import type { Cell, Notebook } from "../../src/notebook/format.js";
import { notebookSummary, renderNotebooks } from "../../src/notebook/render.js";
import { REPORT_MIME_TYPE } from "../../src/report/report.js";

// Runs real kernels (dist/kernel/main.js): `npm run build` first, as for test/kernel.

const code = (source: string): Cell => ({
  cell_type: "code",
  source,
  metadata: {},
  outputs: [],
  execution_count: null,
});

function writeNotebook(path: string, cells: Cell[]): void {
  const notebook: Notebook = { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
  writeFileSync(path, JSON.stringify(notebook));
}

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "driftlab-render-"));
  mkdirSync(join(dir, "nb"));
  // The kernel's cwd is the notebook's folder: the notebook reads data.json by a relative path.
  writeFileSync(join(dir, "nb", "data.json"), JSON.stringify({ greeting: "hello from data.json" }));
  writeNotebook(join(dir, "nb", "small.ipynb"), [
    {
      cell_type: "markdown",
      source: "# A small notebook\n\nIt *checks* the renderer.\n\nSecond paragraph.",
      metadata: {},
    },
    code(
      'import { readFileSync } from "node:fs";\nconsole.log(JSON.parse(readFileSync("data.json", "utf8")).greeting);\n6 * 7',
    ),
    code(
      'import { drift, display, updateDisplay, clearOutput } from "driftlab";\ndisplay("first" + " version", { displayId: "status" });',
    ),
    code(
      'console.log("before" + " clear");\nclearOutput();\nconsole.log("after" + " clear");\n' +
        "drift([{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }, { x: 5 }], [{ x: 11 }, { x: 12 }, { x: 13 }, { x: 14 }, { x: 15 }])",
    ),
    code('updateDisplay("status", "second" + " version");\nconsole.error("a" + " warning");'),
  ]);
  writeNotebook(join(dir, "nb", "failing.ipynb"), [
    { cell_type: "markdown", source: "# Failing", metadata: {} },
    code("const ok = 1;"),
    code('throw new RangeError("this cell fails on purpose");'),
    code('console.log("still" + " runs")'),
  ]);
  writeNotebook(join(dir, "nb", "endless.ipynb"), [code("while (true) {}")]);
  writeFileSync(join(dir, "nb", "not-a-notebook.ipynb"), JSON.stringify({ hello: "world" }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("driftlab render", () => {
  it("executes a notebook in the kernel (cwd = the notebook's folder) and writes a page with every output", async () => {
    const out = join(dir, "site");
    const result = await renderNotebooks([join(dir, "nb", "small.ipynb")], { outDir: out, execute: true });
    const html = readFileSync(join(out, "small.html"), "utf8");
    expect(html).toContain("<title>A small notebook</title>");
    expect(html).toContain("hello from data.json");
    expect(html).toContain("<pre>42</pre>");
    expect(html).toContain('<pre class="stderr">a warning');
    expect(html).toContain("after clear");
    expect(html.includes("before clear")).toBe(false); // cleared
    // update_display_data replaced the earlier cell's output in place
    expect(html).toContain("second version");
    expect(html.includes("first version")).toBe(false);
    // the report JSON is embedded for the widget, with the static HTML as fallback
    expect(html).toMatch(/<div class="driftlab-output" data-driftlab-report><div class="driftlab-static">/);
    expect(html).toContain('"format":"driftlab-report","version":1');
    expect(html).toContain('"kind":"drift"');
    expect(html.split("<script>").length - 1).toBe(1); // the renderer script, once
    expect(html).toContain("vega-embed");
    for (const cdn of ["https://cdn", "unpkg", "jsdelivr"]) expect(html.includes(cdn), cdn).toBe(false);
    const index = readFileSync(result.index!, "utf8");
    expect(index).toContain('<a href="./small.html">A small notebook</a>');
    expect(index).toContain("<p>It <em>checks</em> the renderer.</p>");
  });

  it("--format ipynb saves the executed notebook as Jupyter does", async () => {
    const out = join(dir, "executed");
    const lines: string[] = [];
    const code = await main(
      ["render", join(dir, "nb", "small.ipynb"), "--execute", "--format", "ipynb", "-o", out],
      (t) => lines.push(t),
    );
    expect(code).toBe(0);
    expect(lines).toEqual([join(out, "small.ipynb")]);
    const saved = JSON.parse(readFileSync(join(out, "small.ipynb"), "utf8")) as Notebook;
    expect(saved.nbformat).toBe(4);
    expect((saved.metadata.kernelspec as { name: string }).name).toBe("driftlab");
    const [, first, shown, second, third] = saved.cells;
    expect(first.execution_count).toBe(1);
    expect(first.source).toEqual([
      'import { readFileSync } from "node:fs";\n',
      'console.log(JSON.parse(readFileSync("data.json", "utf8")).greeting);\n',
      "6 * 7",
    ]);
    expect(first.outputs).toEqual([
      { output_type: "stream", name: "stdout", text: ["hello from data.json\n"] },
      { output_type: "execute_result", execution_count: 1, data: { "text/plain": ["42"] }, metadata: {} },
    ]);
    // update_display_data (in a later cell) replaced the display in place
    expect(shown.outputs).toEqual([
      { output_type: "display_data", data: { "text/plain": ["'second version'"] }, metadata: {} },
    ]);
    const types = second.outputs!.map((o) => o.output_type);
    expect(types).toEqual(["stream", "execute_result"]); // clearOutput() removed "before clear"
    const result = second.outputs![1] as { data: Record<string, unknown> };
    expect((result.data[REPORT_MIME_TYPE] as { kind: string }).kind).toBe("drift"); // JSON stays an object
    expect(Array.isArray(result.data["text/html"])).toBe(true); // text is saved as lines
    expect(third.outputs).toEqual([{ output_type: "stream", name: "stderr", text: ["a warning\n"] }]);
  });

  it("stops at a failing cell with exit 1, naming the notebook and the cell", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const path = join(dir, "nb", "failing.ipynb");
      const code = await main(["render", path, "--execute", "-o", join(dir, "failed")], () => undefined);
      expect(code).toBe(1);
      const message = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(message).toContain(`${path}: cell 3 failed: RangeError: this cell fails on purpose`);
      expect(message).toContain("--allow-errors");
    } finally {
      stderr.mockRestore();
    }
  });

  it("interrupts a cell that runs longer than --timeout and exits 1", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const path = join(dir, "nb", "endless.ipynb");
      const args = ["render", path, "--execute", "--timeout", "2", "-o", join(dir, "endless")];
      expect(await main(args, () => undefined)).toBe(1);
      const message = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(message).toContain(`${path}: cell 1 failed: TimeoutError: the cell ran longer than 2 s`);
    } finally {
      stderr.mockRestore();
    }
  });

  it("--allow-errors renders the error and keeps going", async () => {
    const out = join(dir, "allowed");
    await renderNotebooks([join(dir, "nb", "failing.ipynb")], {
      outDir: out,
      execute: true,
      allowErrors: true,
    });
    const html = readFileSync(join(out, "failing.html"), "utf8");
    expect(html).toContain('<pre class="error">');
    expect(html).toContain("this cell fails on purpose");
    expect(html).toContain("still runs"); // the last cell ran
  });

  it("rejects a missing file and a non-notebook with exit 2 before running anything", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect(await main(["render", join(dir, "nb", "nope.ipynb")], () => undefined)).toBe(2);
      expect(await main(["render", join(dir, "nb", "not-a-notebook.ipynb")], () => undefined)).toBe(2);
      expect(await main(["render", "--format", "pdf", join(dir, "nb", "small.ipynb")], () => undefined)).toBe(
        2,
      );
      const message = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(message).toContain("nope.ipynb: no such notebook.");
      expect(message).toContain("not-a-notebook.ipynb is not an nbformat 4 notebook");
      expect(message).toContain("--format pdf: use html or ipynb.");
    } finally {
      stderr.mockRestore();
    }
  });
});

describe("notebookSummary", () => {
  it("takes the first heading as title and the first paragraph as description", () => {
    const summary = notebookSummary({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: [
        {
          cell_type: "markdown",
          source: ["# Flights\n", "\n", "Three million\n", "flights, `flights-3m`.\n"],
        },
        { cell_type: "markdown", source: "Later text." },
      ],
    });
    expect(summary).toEqual({
      title: "Flights",
      description: "Three million flights, <code>flights-3m</code>.",
    });
  });
});
