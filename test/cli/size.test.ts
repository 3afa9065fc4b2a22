import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "driftlab-size-"));
  data = join(dir, "wide.csv");
  const columns = Array.from({ length: 80 }, (_, c) => `c${c}`);
  const rows = Array.from({ length: 30 }, (_, r) => columns.map((_, c) => (r * 31 + c * 7) % 97).join(","));
  writeFileSync(data, [columns.join(","), ...rows].join("\n") + "\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stderr = "";
async function json(...args: string[]) {
  let out = "";
  stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    expect(await main(["profile", data, "--json", ...args], (t) => (out += t))).toBe(0);
  } finally {
    vi.restoreAllMocks();
  }
  return { size: Buffer.byteLength(out), report: JSON.parse(out) };
}

describe("driftlab profile --max-report-size", () => {
  it("caps the JSON it writes, says what it summarized, and none turns the cap off", async () => {
    const full = await json();
    expect(full.report.omitted?.sizeCap).toBeUndefined();
    expect(full.size).toBeGreaterThan(150_000);
    const capped = await json("--max-report-size", "120kB");
    expect(capped.size).toBeLessThanOrEqual(120_000);
    expect(capped.report.omitted.sizeCap.summarizedColumns).toBeGreaterThan(0);
    expect(capped.report.features).toHaveLength(80);
    expect(stderr).toContain(
      `driftlab: size cap: distributions of ${capped.report.omitted.sizeCap.summarizedColumns} columns left out`,
    );
    expect((await json("--max-report-size", "none")).size).toBe(full.size);
  });

  it("rejects a size it cannot read with the fix", async () => {
    let error = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      error += String(chunk);
      return true;
    });
    try {
      expect(await main(["profile", data, "--json", "--max-report-size", "big"], () => {})).toBe(2);
    } finally {
      vi.restoreAllMocks();
    }
    expect(error).toContain("--max-report-size big: give a size of at least 1kB, e.g. 20MB");
  });
});
