import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { CLICKHOUSE_URL, SKIP_REASON } from "./helpers.js";

const schemaValidator = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);
// flights-3m's numbers computed by DuckDB (test/data/reference/flights-3m.mjs): an independent reference.
const reference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as {
  rows: string;
  delay_sum: string;
  distance_sum: string;
  origins: string;
  topOrigin: { origin: string; n: string };
};

const host = CLICKHOUSE_URL === undefined ? "" : new URL(CLICKHOUSE_URL).host;

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, (text) => (out += text + "\n"));
  return { code, out };
}

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `driftlab with clickhouse:// sources${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    it("driftlab profile clickhouse://HOST:PORT/default.flights gives a schema-valid report with the exact counts", async () => {
      const url = `clickhouse://${host}/default.flights`;
      const { code, out } = await run(["profile", url, "--json"]);
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(schemaValidator(json), JSON.stringify(schemaValidator.errors)).toBe(true);
      expect(json.source).toBe(url);
      expect(json.numRows).toBe(Number(reference.rows));
      const feature = (name: string) => json.features.find((f: { name: string }) => f.name === name);
      expect(feature("delay").numeric.sum).toBe(Number(reference.delay_sum));
      expect(feature("distance").numeric.sum).toBe(Number(reference.distance_sum));
      expect(feature("origin").categorical.unique).toBe(Number(reference.origins));
      expect(feature("origin").categorical.top[0]).toEqual({
        value: reference.topOrigin.origin,
        count: Number(reference.topOrigin.n),
      });
    }, 300_000);

    it("driftlab drift takes the issue's two clickhouse:// URLs with where=toMonth(ts)=…, and names them", async () => {
      const january = `clickhouse://${host}/default.events?where=toMonth(ts)=1`;
      const june = `clickhouse://${host}/default.events?where=toMonth(ts)=6`;
      const { code, out } = await run(["drift", january, june, "--json"]);
      expect(code).toBe(0);
      const json = JSON.parse(out);
      expect(schemaValidator(json), JSON.stringify(schemaValidator.errors)).toBe(true);
      expect(json.reference.name).toBe(january);
      expect(json.current.name).toBe(june);
      // January against June: the time column moved completely, the rest did not move much.
      const ts = json.features.find((f: { name: string }) => f.name === "ts");
      expect(ts.drifted).toBe(true);
    }, 300_000);

    it("driftlab infer-schema and validate take clickhouse:// URLs; a missing table exits 2", async () => {
      const january = `clickhouse://${host}/default.events?where=toMonth(ts)=1`;
      const schema = await run(["infer-schema", january]);
      expect(schema.code).toBe(0);
      const path = `${process.env.TMPDIR ?? "/tmp"}/driftlab-clickhouse-schema-${process.pid}.json`;
      writeFileSync(path, schema.out);
      try {
        const validated = await run(["validate", january, "--schema", path, "--json"]);
        expect(validated.code).toBe(0);
        expect(JSON.parse(validated.out).anomalies).toEqual([]);
      } finally {
        rmSync(path, { force: true });
      }
      const missing = await run(["profile", `clickhouse://${host}/default.no_such_table`, "--json"]);
      expect(missing.code).toBe(2);
    }, 300_000);
  },
);
