import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../../src/presenters/index.js";
import { main } from "../../src/cli/main.js";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import type { Notebook } from "../../src/notebook/format.js";
import { notebookToHTML } from "../../src/notebook/html.js";
import { shareableNotebook } from "../../src/notebook/privacy.js";
import { renderNotebooks } from "../../src/notebook/render.js";
import { hashValue } from "../../src/report/privacy.js";
import { REPORT_MIME_TYPE, VEGA_LITE_MIME_TYPE } from "../../src/report/report.js";
import { profile } from "../../src/stats/profile.js";
import { captureStderr } from "../cli/run.js";

/** 40 people: 37 in "Springfield", 3 in "Tiny-Hamlet-7731" (a group of 3 < k = 10); e-mail is unique per person. */
function people(shift = 0) {
  const town = Array.from({ length: 40 }, (_, i) => (i < 37 ? "Springfield" : "Tiny-Hamlet-7731"));
  const email = town.map((_, i) => `person${i}@example.org`);
  const income = town.map((_, i) => 1000 * (i + 1) + shift);
  return fromColumns({ town, email, income });
}

async function notebookWithReports(): Promise<Notebook> {
  const bundles = [
    await profile(people()).toMimeBundle(),
    await drift(people(), people(5000)).toMimeBundle(),
  ];
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", source: "# People", metadata: {} },
      {
        cell_type: "code",
        source: "profile(people)",
        metadata: {},
        execution_count: 1,
        outputs: bundles.map((data) => ({
          output_type: "execute_result" as const,
          execution_count: 1,
          data: { ...data, "image/png": "iVBORw0KGgo=" },
          metadata: {},
        })),
      },
    ],
  };
}

describe("rendered notebooks are shared reports", () => {
  it("saved bundles carry the small group before protection (the test's premise)", async () => {
    const text = JSON.stringify(await notebookWithReports());
    expect(text).toContain("Tiny-Hamlet-7731");
    expect(text).toContain("person3@example.org");
  });

  it("protects every saved report and makes its static HTML, text and chart again from the protected JSON", async () => {
    const { notebook, summary } = await shareableNotebook(await notebookWithReports(), {
      sensitive: ["email"],
      hashKey: "test-key",
    });
    const text = JSON.stringify(notebook);
    expect(text).not.toContain("Tiny-Hamlet-7731");
    expect(text).not.toContain("@example.org");
    expect(text).toContain("Springfield");
    expect(summary.reports).toBe(2);
    expect(summary.suppressed).toBeGreaterThanOrEqual(2);
    expect(summary.redactedColumns).toEqual(["email"]);
    const [profileOutput, driftOutput] = notebook.cells[1].outputs!;
    if (!("data" in profileOutput) || !("data" in driftOutput)) throw new Error("expected bundles");
    // The saved image of the unprotected report is dropped; the bundle is the presenter's, from protected JSON.
    expect(profileOutput.data["image/png"]).toBeUndefined();
    expect(Object.keys(profileOutput.data).sort()).toEqual(
      [
        REPORT_MIME_TYPE,
        "text/html",
        "text/plain",
        ...(VEGA_LITE_MIME_TYPE in profileOutput.data ? [VEGA_LITE_MIME_TYPE] : []),
      ].sort(),
    );
    expect(String(profileOutput.data["text/html"])).toContain("privacy: ");
    const json = profileOutput.data[REPORT_MIME_TYPE] as { omitted: { redactedColumns: string[] } };
    expect(json.omitted.redactedColumns).toEqual(["email"]);
    // A unique e-mail is a group of 1: left out; hashing under the key applies to what is left (nothing here).
    expect(text).not.toContain(hashValue("person3@example.org", "test-key"));
  });

  it("replaces a report output it cannot read by a note instead of keeping its saved HTML", async () => {
    const notebook = await notebookWithReports();
    const output = notebook.cells[1].outputs![0];
    if (!("data" in output)) throw new Error("expected a bundle");
    output.data[REPORT_MIME_TYPE] = { format: "driftlab-report", kind: "no-such-kind" };
    const { notebook: shared, summary } = await shareableNotebook(notebook);
    expect(summary.dropped).toBe(1);
    const first = shared.cells[1].outputs![0];
    expect("data" in first && Object.keys(first.data)).toEqual(["text/plain"]);
    expect(JSON.stringify(first)).not.toContain("Tiny-Hamlet-7731");
  });

  it("writes pages without the small group by default, says so on the page, and --no-privacy keeps it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-render-privacy-"));
    try {
      const path = join(dir, "people.ipynb");
      writeFileSync(path, JSON.stringify(await notebookWithReports()));
      const lines: string[] = [];
      const result = await renderNotebooks([path], { outDir: join(dir, "site"), log: (l) => lines.push(l) });
      const page = readFileSync(result.files[0].output, "utf8");
      expect(page).not.toContain("Tiny-Hamlet-7731");
      expect(page).not.toContain("@example.org");
      expect(page).toContain("Springfield");
      expect(page).toMatch(
        /class="privacy-note">privacy: \d+ categories or slices with fewer than 10 members/,
      );
      expect(lines.join("\n")).toMatch(/people\.ipynb: privacy: \d+ categories, values or slices/);
      const open = await renderNotebooks([path], { outDir: join(dir, "open"), privacy: false });
      expect(readFileSync(open.files[0].output, "utf8")).toContain("Tiny-Hamlet-7731");
      // The executed-notebook output is protected too.
      const ipynb = await renderNotebooks([path], { outDir: join(dir, "nb"), format: "ipynb" });
      expect(readFileSync(ipynb.files[0].output, "utf8")).not.toContain("Tiny-Hamlet-7731");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a static page (no renderer) shows the protected fallback with its notes", async () => {
    const { notebook } = await shareableNotebook(await notebookWithReports());
    const page = notebookToHTML(notebook);
    expect(page).not.toContain("Tiny-Hamlet-7731");
    expect(page).toContain("privacy: ");
  });
});

describe("driftlab render privacy flags", () => {
  const stderr = captureStderr();

  it("--min-count, --sensitive with --redact, a schema's sensitive columns and --no-privacy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-render-flags-"));
    try {
      const path = join(dir, "people.ipynb");
      writeFileSync(path, JSON.stringify(await notebookWithReports()));
      const page = async (...flags: string[]): Promise<string> => {
        const out = join(dir, `site${flags.join("").replace(/\W/g, "")}`);
        expect(await main(["render", path, "-o", out, ...flags], () => {})).toBe(0);
        return readFileSync(join(out, "people.html"), "utf8");
      };
      expect(await page()).not.toContain("Tiny-Hamlet-7731");
      expect(stderr()).toContain("people.ipynb: privacy:");
      expect(await page("--min-count", "2")).toContain("Tiny-Hamlet-7731");
      const redacted = await page("--min-count", "1", "--sensitive", "town", "--redact");
      expect(redacted).not.toContain("Springfield");
      expect(redacted).toContain("(redacted)");
      const schema = join(dir, "schema.json");
      writeFileSync(
        schema,
        JSON.stringify({
          format: "driftlab-schema",
          version: 1,
          features: [
            { name: "town", type: "categorical", sensitive: true, presence: { minFraction: 1, minCount: 1 } },
          ],
        }),
      );
      process.env.DRIFTLAB_HASH_KEY = "render-test-key";
      try {
        const hashed = await page("--schema", schema);
        expect(hashed).not.toContain("Springfield");
        expect(hashed).toContain(hashValue("Springfield", "render-test-key"));
      } finally {
        delete process.env.DRIFTLAB_HASH_KEY;
      }
      expect(await page("--no-privacy")).toContain("Tiny-Hamlet-7731");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
