import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";

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
});
