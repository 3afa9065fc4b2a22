import { beforeAll, describe, expect, it } from "vitest";
import { drift, inferSchema, profile, validate, type Dataset, type DriftOptions } from "../../src/index.js";
import type { DriftReport } from "../../src/drift/report.js";
import { clickhouse } from "../../src/sources/clickhouse.js";
import { expectInsideBound } from "../sources/helpers.js";
import { CLICKHOUSE_URL, SKIP_REASON, eventsDataset, filterRows, monthRows } from "./helpers.js";

const url = CLICKHOUSE_URL ?? "";

/** A month (1–12, UTC) of the events table (two shards) or events_one (one shard), as a ClickHouse source. */
const month = (table: string, m: number) => clickhouse({ url, table, where: `toMonth(ts) = ${m}` });

/** Drift of January vs June through `table`, closing the sources. */
async function driftThrough(table: string, options: DriftOptions): Promise<DriftReport> {
  const january = month(table, 1);
  const june = month(table, 6);
  try {
    return await drift(january, june, options);
  } finally {
    await Promise.all([january.close(), june.close()]);
  }
}

const numeric = ["delay", "distance"];
const categorical = ["origin", "destination"];

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `ClickHouse drift of flights-3m, January vs June, against drift of the same rows in memory${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let january: Dataset;
    let june: Dataset;

    beforeAll(async () => {
      const events = await eventsDataset();
      january = monthRows(events, 1);
      june = monthRows(events, 6);
    }, 120_000);

    it("KS: the exact D and p-value lie inside D ± ε and its p interval; the report names the sources", async () => {
      const options: DriftOptions = { method: "ks", features: numeric, correction: "none" };
      const exact = drift(january, june, options);
      const engine = await driftThrough("default.events", options);
      const json = engine.toJSON();
      expect(json.reference.name).toBe(
        `clickhouse://${new URL(url).host}/default.events?where=toMonth(ts) = 1`,
      );
      expect(json.current.name).toBe(
        `clickhouse://${new URL(url).host}/default.events?where=toMonth(ts) = 6`,
      );
      expect(json.reference.numRows).toBe(january.numRows);
      expect(json.current.numRows).toBe(june.numRows);
      for (const name of numeric) {
        const e = engine.features.find((f) => f.name === name)!;
        const x = exact.features.find((f) => f.name === name)!;
        expectInsideBound(e, x, name);
        if (!e.bound!.inconclusive) expect(e.drifted, name).toBe(x.drifted);
      }
    }, 300_000);

    it("PSI on agreed edges and Jensen–Shannon on categories use exact counts: equal to the drift in memory", async () => {
      for (const options of [
        { method: "psi", features: numeric },
        { method: "jensenshannon", features: categorical },
      ] as DriftOptions[]) {
        const exact = drift(january, june, options);
        const engine = await driftThrough("default.events", options);
        for (const name of options.features!) {
          const e = engine.features.find((f) => f.name === name)!;
          const x = exact.features.find((f) => f.name === name)!;
          expect(e.method, name).toBe(x.method);
          expect(
            Math.abs(e.statistic - x.statistic),
            `${name} ${e.statistic} vs ${x.statistic}`,
          ).toBeLessThan(1e-12);
          expect(e.drifted, name).toBe(x.drifted);
        }
      }
    }, 300_000);

    it("gives the same report through two shards as through one", async () => {
      const options: DriftOptions = {};
      const two = (await driftThrough("default.events", options)).toJSON();
      const one = (await driftThrough("default.events_one", options)).toJSON();
      expect(two.verdict).toEqual(one.verdict);
      for (const feature of two.features) {
        const other = one.features.find((f) => f.name === feature.name)!;
        expect([feature.method, feature.drifted, feature.bound], feature.name).toEqual([
          other.method,
          other.drifted,
          other.bound,
        ]);
        expect(feature.statistic, feature.name).toBeCloseTo(other.statistic, 12);
        expect(feature.reference.n, feature.name).toBe(other.reference.n);
      }
    }, 300_000);

    it("validates a ClickHouse month against a schema as the same rows in memory", async () => {
      // A schema with ranges from the first 2000 January rows: June breaks its datetime and numeric ranges.
      const schema = inferSchema(profile(filterRows(january, (i) => i < 2000, "january sample")), {
        ranges: true,
      });
      const expected = validate(profile(june), schema).toJSON();
      expect(expected.anomalies.length).toBeGreaterThanOrEqual(4);
      const source = month("default.events", 6);
      try {
        const got = (await validate(source, schema)).toJSON();
        const summary = (a: (typeof got.anomalies)[number]) => [a.feature, a.code, a.measured, a.threshold];
        expect(got.anomalies.map(summary)).toEqual(expected.anomalies.map(summary));
        expect(got.verdict.status).toBe(expected.verdict.status);
      } finally {
        await source.close();
      }
    }, 300_000);
  },
);
