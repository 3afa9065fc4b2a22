import { describe, expect, it } from "vitest";
import { markdownToHTML, notebookToHTML, outputToHTML } from "../../src/notebook/html.js";
import { indexPage, notebookSummary } from "../../src/notebook/render.js";
import { sanitizeHTML } from "../../src/notebook/sanitize.js";
import type { Notebook } from "../../src/notebook/format.js";

const PAYLOADS = [
  "<img src=x onerror=alert(9)>",
  "<script>alert(10)</script>",
  '<svg onload="alert(11)"><circle r="3"/></svg>',
  '<a href="javascript:alert(12)">x</a>',
  '<iframe src="javascript:alert(13)"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror="alert(15)"></style></mglyph></table></mtext></math>',
  '<form action="javascript:alert(16)"><button>go</button></form>',
  '<a href="JaVaScRiPt&colon;alert(17)">y</a>',
  '<base href="javascript:alert(18)//">',
  '<object data="data:text/html,<script>alert(19)</script>"></object>',
  '<div style="x" onclick="alert(20)">z</div>',
];

/** Script that a browser would run: a script element, an event handler, or a javascript: URL. */
function runnable(html: string): string[] {
  const found: string[] = [];
  if (/<script/i.test(html)) found.push("script element");
  if (/\son[a-z]+\s*=/i.test(html)) found.push("event handler");
  if (/javascript:|javascript&colon;/i.test(html)) found.push("javascript: URL");
  if (/<(iframe|object|embed|base|form)\b/i.test(html)) found.push("frame/object/base/form");
  return found;
}

describe("sanitizeHTML", () => {
  it.each(PAYLOADS)("removes what runs script from %s", (payload) => {
    expect(runnable(sanitizeHTML(payload))).toEqual([]);
  });

  it("keeps text, tables, images from data URLs, inline SVG and styles", () => {
    const html =
      '<style>.a{color:red}</style><table class="t"><tr><td>1</td></tr></table>' +
      '<img src="data:image/png;base64,AAAA" alt="p"><svg viewBox="0 0 2 2"><rect width="1" height="1"/></svg>' +
      '<a href="https://example.org/x">ok</a><a href="other.html#s">rel</a>';
    const clean = sanitizeHTML(html);
    expect(clean).toContain("<style>.a{color:red}</style>");
    expect(clean).toContain("<td>1</td>");
    expect(clean).toContain('src="data:image/png;base64,AAAA"');
    expect(clean).toContain("<rect");
    expect(clean).toContain('href="https://example.org/x"');
    expect(clean).toContain('href="other.html#s"');
    expect(clean).toContain('rel="noopener noreferrer"');
  });
});

describe("notebook pages", () => {
  const hostile: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      {
        cell_type: "markdown",
        source: "# T\n[link](javascript:alert(14))\n\n" + PAYLOADS.join("\n\n"),
        metadata: {},
      },
      {
        cell_type: "code",
        source: "1",
        metadata: {},
        execution_count: "<img src=x onerror=alert(30)>" as never,
        outputs: [
          { output_type: "stream", name: '"><img src=x onerror=alert(31)>' as never, text: "t" },
          { output_type: "display_data", data: { "text/html": PAYLOADS.join("") }, metadata: {} },
          { output_type: "display_data", data: { "image/svg+xml": PAYLOADS[2] }, metadata: {} },
          {
            output_type: "display_data",
            data: { "text/markdown": "[m](javascript:alert(32))" },
            metadata: {},
          },
          {
            output_type: "display_data",
            data: { "image/png": '"><script>alert(33)</script>' },
            metadata: {},
          },
        ],
      },
    ],
  };

  it("markdown links with unsafe schemes lose their href", () => {
    expect(runnable(markdownToHTML("[link](javascript:alert(14)) [v](vbscript:x)"))).toEqual([]);
    expect(markdownToHTML("[v](vbscript:x)")).not.toContain("vbscript");
  });

  it("a hostile notebook's page runs only its own renderer script", () => {
    const page = notebookToHTML(hostile, { rendererScript: "window.ok = 1;" });
    const body = page.slice(page.indexOf("<body>"));
    expect(runnable(body)).toEqual([]);
    expect(page).toContain('http-equiv="Content-Security-Policy"');
    expect(page).toContain("script-src 'none'");
  });

  it("every output path escapes or sanitizes", () => {
    for (const output of hostile.cells[1].outputs!) expect(runnable(outputToHTML(output, true))).toEqual([]);
  });

  it("the index links to files by percent-encoded relative hrefs and sanitizes descriptions", () => {
    const { description } = notebookSummary({
      ...hostile,
      cells: [{ cell_type: "markdown", source: "# T\n\nhi <img src=x onerror=alert(40)>", metadata: {} }],
    });
    const page = indexPage([
      { href: "./javascript%3Aalert(24).html", title: "<b>t</b>", description },
      { href: "javascript:alert(25)", title: "x" },
    ]);
    expect(page).toContain('href="./javascript%3Aalert(24).html"');
    expect(page).not.toContain('href="javascript:');
    expect(runnable(page.slice(page.indexOf("<body>")))).toEqual([]);
    expect(page).toContain("script-src 'none'");
  });
});
