import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { DEFAULT_STATE_SETTINGS, stateOfColumn, stateToJSON } from "../../src/stats/feature-state.js";
import { statesInWorkers } from "../../src/stats/parallel.js";
import { profile, profileWithWorkers } from "../../src/stats/profile.js";

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Numeric columns with missing values, NaN, ±Infinity and ties; a datetime, a categorical and a boolean column. */
function table(rows: number, seed: number) {
  const random = seeded(seed);
  const pick = <T>(values: T[]) => values[Math.floor(random() * values.length)];
  return fromColumns({
    plain: Array.from({ length: rows }, () => random() * 100 - 50),
    holes: Array.from({ length: rows }, () =>
      random() < 0.1 ? null : pick([NaN, Infinity, -Infinity, 0, 1.5, Math.floor(random() * 9)]),
    ),
    counts: Array.from({ length: rows }, () => Math.floor(-Math.log(random() + 1e-12) * 4)),
    when: Array.from(
      { length: rows },
      () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 1e6) * 60_000),
    ),
    label: Array.from({ length: rows }, () => pick(["a", "b", "c", null])),
    flag: Array.from({ length: rows }, () => random() < 0.3),
  });
}

describe("profile column kernels on worker threads", () => {
  it("gives every state exactly as one thread does, sketches included", async () => {
    const dataset = table(20_000, 5);
    for (const eager of [false, true]) {
      const events: string[] = [];
      const states = await statesInWorkers(dataset.columns, DEFAULT_STATE_SETTINGS, eager, 3, 0, (e) =>
        events.push(e),
      );
      expect(events).toEqual(["3 workers for 4 columns"]);
      dataset.columns.forEach((column, k) => {
        const single = stateOfColumn(column, DEFAULT_STATE_SETTINGS, eager);
        expect(states[k].kind, column.name).toBe(single.kind);
        expect(stateToJSON(states[k]), column.name).toEqual(stateToJSON(single));
        if ("exact" in single) expect((states[k] as typeof single).exact, column.name).toEqual(single.exact);
      });
    }
  }, 60_000);

  it("reports the same profile as profile()", async () => {
    // 4 numeric and datetime columns x 600k rows: above the 2^21 values from which the CLI's path uses workers.
    const dataset = table(600_000, 9);
    const single = profile(dataset).toJSON();
    const parallel = (await profileWithWorkers(dataset, { workers: 2 })).toJSON();
    expect(parallel.features).toEqual(single.features);
  }, 120_000);
});
