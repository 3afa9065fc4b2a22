import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { run } from "./run.js";

const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe("driftlab CLI", () => {
  it("profiles the 3M flights parquet file to a valid profile report", async () => {
    const { code, out } = await run([
      "profile",
      "node_modules/vega-datasets/data/flights-3m.parquet",
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.numRows).toBe(3_000_000);
    expect(json.features.map((f: { name: string }) => f.name)).toEqual([
      "date",
      "delay",
      "distance",
      "origin",
      "destination",
    ]);
  });

  it("writes a standalone HTML page", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-cli-"));
    const page = join(dir, "weather.html");
    const { code } = await run([
      "profile",
      "node_modules/vega-datasets/data/seattle-weather.csv",
      "--html",
      page,
    ]);
    expect(code).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("temp_max");
  });

  it("exits 1 with --fail-on-drift when the dataset drifts, 0 otherwise", async () => {
    const ref = "test/drift/fixtures/large-reference.csv";
    const cur = "test/drift/fixtures/large-current.csv";
    expect((await run(["drift", ref, cur, "--fail-on-drift"])).code).toBe(1);
    expect((await run(["drift", ref, ref, "--fail-on-drift"])).code).toBe(0);
    expect((await run(["drift", ref, cur])).code).toBe(0);
  });

  it("exits 2 on bad input and names the file", async () => {
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      stderr.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    try {
      expect((await run(["profile", "no/such/file.csv"])).code).toBe(2);
      expect((await run(["drift", "only-one.csv"])).code).toBe(2);
      expect((await run(["profile", "x.csv", "--bogus"])).code).toBe(2);
      expect((await run(["nonsense"])).code).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join("")).toContain("no/such/file.csv");
    expect(stderr.join("")).toContain("unknown option --bogus");
  });

  it("works as a shell command in a pipeline (built bin)", () => {
    const result = spawnSync(
      "sh",
      [
        "-c",
        "node bin/driftlab.js drift test/drift/fixtures/large-reference.csv test/drift/fixtures/large-current.csv --fail-on-drift --json > /dev/null || echo drifted",
      ],
      { encoding: "utf8" },
    );
    expect(result.stdout.trim()).toBe("drifted");
    expect(execFileSync("node", ["bin/driftlab.js", "--version"], { encoding: "utf8" }).trim()).toMatch(
      /^\d+\.\d+\.\d+/,
    );
  });
});
