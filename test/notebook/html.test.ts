import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import type { Notebook } from "../../src/notebook/format.js";
import { notebookToHTML } from "../../src/notebook/html.js";
import { highlightTypeScript, stripAnsi } from "../../src/notebook/highlight.js";

async function notebook(): Promise<Notebook> {
  const report = drift(
    fromColumns({ x: [1, 2, 3, 4, 5, 6, 7, 8] }),
    fromColumns({ x: [11, 12, 13, 14, 15, 16, 17, 18] }),
  );
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", source: ["# Flight delays\n", "Some *markdown* with `code`."] },
      {
        cell_type: "code",
        execution_count: 1,
        source: 'const x: number = 1; // a comment\nconsole.log("hi <b>")',
        outputs: [
          { output_type: "stream", name: "stdout", text: ["hi <b>\n"] },
          {
            output_type: "execute_result",
            execution_count: 1,
            data: await report.toMimeBundle(),
            metadata: {},
          },
        ],
      },
      {
        cell_type: "code",
        execution_count: 2,
        source: "throw new Error('boom')",
        outputs: [
          { output_type: "error", ename: "Error", evalue: "boom", traceback: ["\x1b[31mError: boom\x1b[0m"] },
        ],
      },
    ],
  };
}

describe("notebookToHTML", () => {
  it("renders markdown, highlighted code, escaped streams, errors without ANSI, and the static report", async () => {
    const html = notebookToHTML(await notebook());
    expect(html).toContain("<title>Flight delays</title>");
    expect(html).toContain("<h1>Flight delays</h1>");
    expect(html).toContain("<em>markdown</em>");
    expect(html).toContain('<span class="k">const</span>');
    expect(html).toContain('<span class="c">// a comment</span>');
    expect(html).toContain("hi &lt;b&gt;");
    expect(html).toContain("Error: boom");
    expect(html).not.toContain("\x1b[");
    expect(html).toContain("<svg");
    expect(html).not.toContain("<script");
  });

  it("inlines the renderer once and embeds report JSON when interactive", async () => {
    const html = notebookToHTML(await notebook(), {
      rendererScript: "window.rendered = true; // </script> inside",
    });
    expect(html.match(/window\.rendered/g)).toHaveLength(1);
    expect(html).toContain("data-driftlab-report");
    expect(html).toContain('"kind":"drift"');
    expect(html).not.toContain("// </script> inside");
  });

  it("highlights without losing text and strips ANSI codes", () => {
    const source = "let s = `a ${b}` + 'c' /* d */ + 1e3;";
    expect(
      highlightTypeScript(source)
        .replace(/<[^>]+>/g, "")
        .replace(/&#39;/g, "'"),
    ).toBe(source);
    expect(stripAnsi("\x1b[1;31mred\x1b[0m")).toBe("red");
  });
});
