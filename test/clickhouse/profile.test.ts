import { beforeAll, describe, expect, it } from "vitest";
import { profile, type Dataset } from "../../src/index.js";
import type { FeatureProfile, ProfileJSON } from "../../src/format/profile.js";
import { clickhouse } from "../../src/sources/clickhouse.js";
import {
  CLICKHOUSE_URL,
  SKIP_REASON,
  eventsDataset,
  exactFields,
  expectClose,
  expectQuantileWithin,
  flightsDataset,
  monthRows,
  sortedValues,
} from "./helpers.js";

const url = CLICKHOUSE_URL ?? "";

async function profileOf(table: string, where?: string): Promise<ProfileJSON> {
  const source = clickhouse({ url, table, where });
  try {
    return (await source.profile()).toJSON();
  } finally {
    await source.close();
  }
}

const byName = (p: ProfileJSON) => new Map(p.features.map((f) => [f.name, f]));

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `ClickHouse profile of flights-3m through the two-shard Distributed table${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let data: Dataset;
    let local: ProfileJSON;
    let twoShards: ProfileJSON;
    let oneShard: ProfileJSON;

    beforeAll(async () => {
      data = await flightsDataset();
      local = profile(data).toJSON();
      twoShards = await profileOf("default.flights");
      oneShard = await profileOf("default.flights_one");
    }, 300_000);

    it("names the source and counts every row", () => {
      expect(twoShards.source).toBe(`clickhouse://${new URL(url).host}/default.flights`);
      expect(twoShards.numRows).toBe(3_000_000);
      expect(twoShards.numRows).toBe(local.numRows);
      expect(twoShards.features.map((f) => [f.name, f.kind])).toEqual(
        local.features.map((f) => [f.name, f.kind]),
      );
    });

    it("has the exact fields of the in-process profile, exactly", () => {
      const reference = byName(local);
      for (const feature of twoShards.features) {
        expect(exactFields(feature), feature.name).toEqual(exactFields(reference.get(feature.name)!));
      }
    });

    it("has the moments of the in-process profile to floating-point rounding", () => {
      const reference = byName(local);
      for (const feature of twoShards.features) {
        if (feature.numeric === undefined) continue;
        const expected = reference.get(feature.name)!.numeric!;
        const got = feature.numeric;
        expectClose(got.mean, expected.mean, 1e-10, `${feature.name} mean`);
        expectClose(got.std, expected.std, 1e-10, `${feature.name} std`);
        expectClose(got.stdPopulation, expected.stdPopulation, 1e-10, `${feature.name} stdPopulation`);
        expectClose(got.skewness, expected.skewness, 1e-8, `${feature.name} skewness`);
        expectClose(got.kurtosis, expected.kurtosis, 1e-8, `${feature.name} kurtosis`);
      }
      for (const feature of twoShards.features) {
        if (feature.categorical === undefined) continue;
        const expected = reference.get(feature.name)!.categorical!;
        expectClose(
          feature.categorical.averageLength,
          expected.averageLength,
          1e-12,
          `${feature.name} averageLength`,
        );
      }
    });

    it("has quantiles within the rank error it states, against the exact ranks of the data", () => {
      for (const feature of twoShards.features) {
        const stats = feature.numeric;
        if (stats === undefined) continue;
        expect(stats.quantileMethod).toBe("sketch");
        expect(stats.quantileRankError).toBeGreaterThan(0);
        expect(stats.quantileRankError).toBeLessThan(0.01);
        const values = sortedValues(data, feature.name);
        for (const { q, value } of stats.quantiles) {
          expectQuantileWithin(values, q, value, stats.quantileRankError, feature.name);
        }
        expectQuantileWithin(values, 0.5, stats.median, stats.quantileRankError, `${feature.name} median`);
      }
    });

    it("has histogram counts within twice the stated rank error of the exact counts", () => {
      const reference = byName(local);
      for (const feature of twoShards.features) {
        const stats = feature.numeric;
        if (stats === undefined) continue;
        const expected = reference.get(feature.name)!.numeric!.histogram;
        expect(expected.method).toBe("exact");
        const bound = 2 * stats.quantileRankError * stats.finiteCount;
        expect(stats.histogram.counts.reduce((a, b) => a + b, 0)).toBe(stats.finiteCount);
        stats.histogram.counts.forEach((count, i) => {
          expect(Math.abs(count - expected.counts[i]), `${feature.name} bucket ${i}`).toBeLessThanOrEqual(
            bound,
          );
        });
      }
    });

    it("gives the same exact numbers through two shards as through one", () => {
      const single = byName(oneShard);
      for (const feature of twoShards.features) {
        const other = single.get(feature.name) as FeatureProfile;
        expect(exactFields(feature), feature.name).toEqual(exactFields(other));
        if (feature.numeric !== undefined) {
          // The quantile summary is built from exact per-bucket counts, so it does not depend on the shards.
          expect(feature.numeric.quantiles, feature.name).toEqual(other.numeric!.quantiles);
          expect(feature.numeric.histogram, feature.name).toEqual(other.numeric!.histogram);
          expect(feature.numeric.quantileRankError).toBe(other.numeric!.quantileRankError);
          expectClose(feature.numeric.mean, other.numeric!.mean, 1e-12, `${feature.name} mean`);
          expectClose(feature.numeric.std, other.numeric!.std, 1e-12, `${feature.name} std`);
        }
        if (feature.datetime !== undefined) expect(feature.datetime).toEqual(other.datetime);
      }
    });

    it("profiles only the rows of a where condition (January, through toMonth(ts))", async () => {
      const january = await profileOf("default.events", "toMonth(ts) = 1");
      const rows = monthRows(await eventsDataset(), 1);
      expect(january.source).toBe(`clickhouse://${new URL(url).host}/default.events?where=toMonth(ts) = 1`);
      expect(january.numRows).toBe(rows.numRows);
      const reference = profile(rows).toJSON();
      expect(january.features.map((f) => f.name)).toEqual(reference.features.map((f) => f.name));
      january.features.forEach((feature, i) => {
        expect(exactFields(feature), feature.name).toEqual(exactFields(reference.features[i]));
      });
    });
  },
);
