import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const DIR = "test/drift/fixtures/schema-change";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  const err: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args, (text) => (out += text + "\n"));
    return { code, out, err: err.join("") };
  } finally {
    process.stderr.write = write;
  }
}

describe("driftlab drift on schema changes (issue 14)", () => {
  it("fails with --fail-on-drift when two of three columns empty out, naming them and their counts", async () => {
    const { code, out } = await run([
      "drift",
      `${DIR}/reference.csv`,
      `${DIR}/current-emptied.csv`,
      "--fail-on-drift",
    ]);
    expect(code).toBe(1);
    expect(out).toContain(
      "Dataset drift: 2 of 3 features drifted (67%; threshold 50%), 2 by a schema change",
    );
    expect(out).toContain("a: all missing in current: 40 of 40 rows have no value");
    expect(out).toContain("b: all missing in current: 40 of 40 rows have no value");
  });

  it("puts schema changes in the JSON report", async () => {
    const { out } = await run(["drift", `${DIR}/reference.csv`, `${DIR}/current-emptied.csv`, "--json"]);
    const json = JSON.parse(out);
    expect(json.dataset).toMatchObject({ features: 3, drifted: 2, schemaChanges: 2, datasetDrift: true });
    expect(json.schemaChanges[0]).toMatchObject({
      name: "a",
      change: "all-missing-in-current",
      reference: { kind: "numeric", count: 40, missing: 0, n: 40 },
      current: { count: 40, missing: 40, n: 0 },
    });
  });

  it("exits 2 when the two files have no column in common, listing both sides' columns", async () => {
    const { code, out, err } = await run([
      "drift",
      `${DIR}/reference.csv`,
      `${DIR}/current-disjoint.csv`,
      "--fail-on-drift",
    ]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toContain("have no feature in common");
    expect(err).toContain("Reference: a, b, c; current: p, q");
    expect(err).toContain("[EMPTY_TABLE]");
  });
});
