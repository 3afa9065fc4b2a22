import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RecordBatchStreamWriter, tableFromArrays } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { readBatches, recordBatches } from "../../src/data/batches.js";
import { read } from "../../src/data/index.js";
import { parquetFailure } from "../../src/data/parquet.js";
import { profile } from "../../src/stats/profile.js";
import { errorOf, VEGA } from "../data/helpers.js";

const flightsReference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as Record<
  string,
  unknown
>;

/** Seeded linear congruential generator (Numerical Recipes constants), values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sortedFinite(values: Float64Array): Float64Array {
  return Float64Array.from(values.filter((v) => Number.isFinite(v))).sort();
}

/** The first index of a sorted array where `past` holds (binary search). */
function firstIndex(sorted: Float64Array, past: (v: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (past(sorted[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

describe("profile over a stream of record batches", () => {
  it("profiles flights-3m.parquet one row group at a time, matching DuckDB's exact figures", async () => {
    let groups = 0;
    const counted = (async function* () {
      for await (const batch of readBatches(VEGA + "flights-3m.parquet")) {
        groups++;
        yield batch;
      }
    })();
    const streamed = await profile(counted);
    expect(groups).toBe(11); // the file's row groups: never the whole file at once
    expect(streamed.numRows).toBe(Number(flightsReference.rows));
    const delay = streamed.feature("delay").numeric!;
    expect(delay.sum).toBe(Number(flightsReference.delay_sum));
    expect(delay.min).toBe(Number(flightsReference.delay_min));
    expect(delay.max).toBe(Number(flightsReference.delay_max));
    expect(streamed.feature("distance").numeric!.sum).toBe(Number(flightsReference.distance_sum));
    const origin = streamed.feature("origin").categorical!;
    expect(origin.unique).toBe(Number(flightsReference.origins));
    expect(origin.uniqueMethod).toBe("exact");
    expect(origin.top[0]).toEqual({
      value: (flightsReference.topOrigin as Record<string, string>).origin,
      count: Number((flightsReference.topOrigin as Record<string, string>).n),
    });
    expect(streamed.feature("destination").categorical!.unique).toBe(Number(flightsReference.destinations));
  });

  it("reports streamed quantiles as sketched, within their stated rank error of the exact ones", async () => {
    const streamed = await profile(readBatches(VEGA + "flights-3m.parquet", { columns: ["delay"] }));
    const whole = await read(VEGA + "flights-3m.parquet", { columns: ["delay"] });
    const column = whole.column("delay");
    if (column.kind !== "numeric") throw new Error("delay is numeric");
    const sorted = sortedFinite(column.values);
    const stats = streamed.feature("delay").numeric!;
    expect(stats.quantileMethod).toBe("sketch");
    expect(stats.quantileRankError).toBeGreaterThan(0);
    expect(stats.quantileRankError).toBeLessThan(0.02);
    for (const { q, value } of stats.quantiles) {
      // The value's rank among the exact values is within the bound of q.
      const below = firstIndex(sorted, (v) => v >= value);
      const atOrBelow = firstIndex(sorted, (v) => v > value);
      const n = sorted.length;
      expect(below / n).toBeLessThanOrEqual(q + stats.quantileRankError);
      expect(atOrBelow / n).toBeGreaterThanOrEqual(q - stats.quantileRankError);
    }
  });

  it("cuts CSV into batches at record boundaries, keeping quoted newlines inside their field", async () => {
    const random = lcg(16);
    const lines = ["id,amount,note"];
    let amountSum = 0;
    for (let i = 0; i < 3000; i++) {
      const amount = Math.round(random() * 1e6) / 100;
      amountSum += amount;
      lines.push(`${i},${amount},"line one\nline ${i % 7}, with comma"`);
    }
    const dir = mkdtempSync(join(tmpdir(), "driftlab-stream-"));
    const path = join(dir, "notes.csv");
    writeFileSync(path, lines.join("\n") + "\n");
    let batches = 0;
    for await (const batch of readBatches(path, { batchBytes: 4096 })) {
      batches++;
      expect(batch.columnNames).toEqual(["id", "amount", "note"]);
    }
    expect(batches).toBeGreaterThan(10);
    const streamed = await profile(readBatches(path, { batchBytes: 4096 }));
    expect(streamed.numRows).toBe(3000);
    expect(streamed.feature("amount").numeric!.sum).toBeCloseTo(amountSum, 6);
    expect(streamed.feature("id").numeric!.max).toBe(2999);
    expect(streamed.feature("note").categorical!.unique).toBe(7);
  });

  it("streams NDJSON chunks, Arrow IPC record batches and async iterables of records", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-stream-"));
    const records = Array.from({ length: 5000 }, (_, i) => ({ x: i % 100, g: `g${i % 3}` }));
    const ndjson = join(dir, "rows.ndjson");
    writeFileSync(ndjson, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const fromNdjson = await profile(readBatches(ndjson, { batchBytes: 2048 }));
    expect(fromNdjson.numRows).toBe(5000);
    expect(fromNdjson.feature("x").numeric!.sum).toBe(50 * 99 * 50);

    const arrow = join(dir, "rows.arrows");
    const table = tableFromArrays({ x: Float64Array.from(records, (r) => r.x) });
    const parts = [table.slice(0, 2000), table.slice(2000, 5000)];
    // One IPC stream of two record batches.
    const writer = new RecordBatchStreamWriter();
    for (const p of parts) for (const b of p.batches) writer.write(b);
    writer.finish();
    writeFileSync(arrow, await writer.toUint8Array());
    let arrowBatches = 0;
    for await (const batch of readBatches(arrow)) {
      arrowBatches++;
      expect(batch.numRows).toBeGreaterThan(0);
    }
    expect(arrowBatches).toBe(2);
    expect((await profile(readBatches(arrow))).feature("x").numeric!.sum).toBe(50 * 99 * 50);

    const generated = (async function* () {
      for (const r of records) yield r;
    })();
    const fromRecords = await profile(recordBatches(generated, 700));
    expect(fromRecords.numRows).toBe(5000);
    expect(fromRecords.feature("g").categorical!.top.map((t) => t.count)).toEqual([1667, 1667, 1666]);
  });

  it("refuses slices over a stream and an empty stream", async () => {
    const empty = (async function* (): AsyncGenerator<Record<string, unknown>[]> {})();
    await errorOf(() => profile(empty), "EMPTY_TABLE");
    const one = (async function* () {
      yield [{ a: 1 }];
    })();
    expect(await errorOf(() => profile(one, { slices: ["a"] }), "INVALID_OPTION")).toContain("slices");
  });

  it("tells a corrupt Parquet file from the reader running out of memory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-stream-"));
    const path = join(dir, "broken.parquet");
    const bytes = readFileSync(VEGA + "flights-3m.parquet");
    writeFileSync(path, bytes.subarray(0, 100_000)); // footer cut off
    expect(
      await errorOf(async () => {
        for await (const batch of readBatches(path)) void batch;
      }, "MALFORMED_PARQUET"),
    ).toContain("broken.parquet");
    const limit = parquetFailure(
      new Error("Out of memory: allocation of 536870912 bytes failed"),
      "big.parquet",
    );
    expect(limit.code).toBe("RESOURCE_LIMIT");
    expect(limit.message).toContain("in batches");
    expect(parquetFailure(new Error("invalid footer"), "big.parquet").code).toBe("MALFORMED_PARQUET");
  });
});
