import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

let stderr = "";
beforeEach(() => {
  stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

describe("driftlab --html pages are private by default", () => {
  it("leaves out categories of fewer than 10 rows unless --no-privacy, and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-privacy-"));
    const data = join(dir, "people.csv");
    const rows = Array.from({ length: 30 }, (_, i) => (i < 28 ? "Springfield" : "Tiny Hamlet"));
    writeFileSync(data, "town\n" + rows.join("\n") + "\n");
    const page = join(dir, "page.html");
    expect(await main(["profile", data, "--html", page], () => {})).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("Springfield");
    expect(html).not.toContain("Tiny Hamlet");
    expect(html).toContain("privacy: 1 categories or slices with fewer than 10 members not shown");
    expect(stderr).toContain("1 categories or slices with fewer than 10 members left out of");
    expect(await main(["profile", data, "--html", page, "--no-privacy"], () => {})).toBe(0);
    expect(readFileSync(page, "utf8")).toContain("Tiny Hamlet");
    // --json is for pipelines: unchanged unless privacy options are given.
    let out = "";
    await main(["profile", data, "--json"], (t) => (out += t));
    expect(out).toContain("Tiny Hamlet");
    out = "";
    await main(
      ["profile", data, "--json", "--sensitive", "town", "--redact", "--min-count", "1"],
      (t) => (out += t),
    );
    expect(out).not.toContain("Springfield");
    expect(JSON.parse(out).omitted.redactedColumns).toEqual(["town"]);
  });
});
