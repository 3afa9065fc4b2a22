import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EARLY_WORKERS_BYTES } from "../../src/cli/early-workers.js";
import { captureStderr, run } from "./run.js";

/**
 * Start-up of the command (issue 15.4): loading dist/cli/main.js resolves no npm package — vega, marked, zeromq and
 * parquet-wasm load only in the commands that use them. Needs the build (`npm run build`, as `npm test` runs first).
 */
const LOADER = `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const at = result.url.indexOf("/node_modules/");
  if (at >= 0) process.stderr.write("PACKAGE " + result.url.slice(at + 14).split("/")[0] + "\\n");
  return result;
}`;

describe("driftlab CLI start-up", () => {
  it("loads no npm package before a command runs", () => {
    expect(existsSync("dist/cli/main.js"), "run `npm run build` first").toBe(true);
    const loader = `data:text/javascript,${encodeURIComponent(LOADER)}`;
    const result = spawnSync(
      process.execPath,
      [
        "--no-warnings",
        "--loader",
        loader,
        "--input-type=module",
        "-e",
        'await import("./dist/cli/main.js");',
      ],
      { encoding: "utf8" },
    );
    expect(result.status, result.stderr).toBe(0);
    const packages = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("PACKAGE "))
      .map((line) => line.slice(8));
    expect(packages).toEqual([]);
    // The hook does see packages: the same check on the parquet reader lists parquet-wasm.
    const parquet = spawnSync(
      process.execPath,
      [
        "--no-warnings",
        "--loader",
        loader,
        "--input-type=module",
        "-e",
        'await import("./dist/data/parquet.js");',
      ],
      { encoding: "utf8" },
    );
    expect(parquet.stderr).toMatch(/PACKAGE (parquet-wasm|apache-arrow)/);
  }, 60_000);

  it("profiles and drifts a CSV as JSON without loading vega (or any npm package)", () => {
    const loader = `data:text/javascript,${encodeURIComponent(LOADER)}`;
    const csv = "node_modules/vega-datasets/data/seattle-weather.csv";
    for (const command of [
      ["profile", csv, "--json"],
      ["drift", csv, csv, "--json"],
    ]) {
      const result = spawnSync(
        process.execPath,
        ["--no-warnings", "--loader", loader, "bin/driftlab.js", ...command],
        { encoding: "utf8", maxBuffer: 1 << 26 },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).kind).toBe(command[0]);
      const packages = result.stderr
        .split("\n")
        .filter((line) => line.startsWith("PACKAGE "))
        .map((line) => line.slice(8));
      expect(packages, command.join(" ")).toEqual([]);
    }
  }, 60_000);

  describe("a large CSV read before the command loads (bin/driftlab.js profile FILE, no read option)", () => {
    const stderr = captureStderr();
    /** A seeded table of `rows` rows: a decimal, a count and a category column. */
    function table(rows: number, malformedAt = -1): string {
      let state = 7;
      const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
      const lines = ["x,n,c"];
      for (let i = 0; i < rows; i++) {
        lines.push(
          i === malformedAt
            ? `1,2,"open`
            : `${(next() * 100 - 50).toFixed(4)},${Math.floor(next() * 40)},c${Math.floor(next() * 12)}`,
        );
      }
      return lines.join("\n") + "\n";
    }
    const withoutTime = (text: string) => {
      const { createdAt: _createdAt, ...report } = JSON.parse(text) as Record<string, unknown>;
      return report;
    };

    it("gives the report the command gives when it reads the file itself, and fails the same way", async () => {
      const dir = mkdtempSync(join(tmpdir(), "driftlab-early-read-"));
      try {
        const file = join(dir, "table.csv");
        writeFileSync(file, table(640_000));
        const bad = join(dir, "bad.csv");
        writeFileSync(bad, table(640_000, 500_000));
        for (const path of [file, bad]) expect(statSync(path).size).toBeGreaterThan(EARLY_WORKERS_BYTES);
        const early = spawnSync(process.execPath, ["bin/driftlab.js", "profile", file, "--json"], {
          encoding: "utf8",
          maxBuffer: 1 << 26,
        });
        expect(early.status, early.stderr).toBe(0);
        // A read option (here one that changes nothing for UTF-8 data) makes the command read the file itself.
        const itself = await run(["profile", file, "--encoding", "utf8", "--json"]);
        expect(itself.code).toBe(0);
        expect(withoutTime(early.stdout)).toEqual(withoutTime(itself.out));
        expect(withoutTime(early.stdout).numRows).toBe(640_000);

        const failed = spawnSync(process.execPath, ["bin/driftlab.js", "profile", bad, "--json"], {
          encoding: "utf8",
        });
        expect(failed.status).toBe(2);
        expect(failed.stderr).toMatch(/line 500002: a quoted field is never closed.*\[MALFORMED_CSV\]/);
        expect((await run(["profile", bad, "--encoding", "utf8", "--json"])).code).toBe(2);
        expect(stderr()).toContain(failed.stderr.trim());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
