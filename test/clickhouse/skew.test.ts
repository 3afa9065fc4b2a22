import { describe, expect, it } from "vitest";
import { skew } from "../../src/index.js";
import type { SkewJSON } from "../../src/format/skew.js";
import { clickhouse } from "../../src/sources/clickhouse.js";
import { CLICKHOUSE_URL, SKIP_REASON } from "./helpers.js";

const url = CLICKHOUSE_URL ?? "";

/** Skew of January (training) vs June (serving) on seeded samples drawn by ClickHouse through `table`. */
async function skewThrough(table: string): Promise<SkewJSON> {
  const january = clickhouse({ url, table, where: "toMonth(ts) = 1" });
  const june = clickhouse({ url, table, where: "toMonth(ts) = 6" });
  try {
    const report = await skew(january, june, {
      label: "late",
      features: ["delay", "distance", "origin"],
      sampleRows: 4000,
      sampleSeed: 7,
    });
    return report.toJSON();
  } finally {
    await Promise.all([january.close(), june.close()]);
  }
}

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `ClickHouse skew on samples drawn in the engine${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    it("draws the same seeded sample through two shards as through one, so the findings are the same", async () => {
      const two = await skewThrough("default.events");
      const one = await skewThrough("default.events_one");
      expect(two.training.source).toBe(
        `clickhouse://${new URL(url).host}/default.events?where=toMonth(ts) = 1`,
      );
      expect(two.notes.join(" ")).toMatch(/sample of 4,000/);
      expect(two.shifts).toEqual(one.shifts);
      expect(two.covariate).toEqual(one.covariate);
      expect(two.label).toEqual(one.label);
      expect(two.distributions.map((d) => [d.name, d.statistic])).toEqual(
        one.distributions.map((d) => [d.name, d.statistic]),
      );
    }, 300_000);
  },
);
