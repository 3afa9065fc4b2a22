import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readCsvFileParallel } from "../../src/data/csv-parallel.js";
import { readCsvFile } from "../../src/data/csv.js";
import { WorkerPool } from "../../src/data/worker-pool.js";
import { statesInWorkers } from "../../src/stats/parallel.js";
import { stateOfColumn } from "../../src/stats/state/build.js";
import { DEFAULT_STATE_SETTINGS } from "../../src/stats/state/settings.js";

/**
 * Workers that fail: a task must fail (not wait for ever), and the reader and the profile then do the work on the
 * calling thread, with the same results.
 */
const dir = mkdtempSync(join(tmpdir(), "driftlab-worker-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker script that, at its first task, stops (`exit`) or throws an uncaught error (`throw`). */
function failingWorker(how: "exit" | "throw"): URL {
  const path = join(dir, `${how}.mjs`);
  writeFileSync(
    path,
    `import { parentPort } from "node:worker_threads";
parentPort.on("message", () => { ${how === "exit" ? "process.exit(3);" : 'throw new Error("boom");'} });\n`,
  );
  return pathToFileURL(path);
}

describe("a worker pool whose workers fail", () => {
  for (const how of ["exit", "throw"] as const) {
    it(`fails the pending and later tasks when a worker ${how === "exit" ? "stops" : "throws"}`, async () => {
      const pool = new WorkerPool<{ type: string }>(failingWorker(how), 2, undefined);
      try {
        const first = pool.run({ type: "x" });
        const second = pool.run({ type: "x" });
        await expect(first).rejects.toThrow(how === "exit" ? /stopped \(exit code 3\)/ : /boom/);
        await expect(second).rejects.toThrow();
        await expect(pool.run({ type: "x" })).rejects.toThrow();
      } finally {
        await pool.close();
      }
    });
  }

  it("reads a CSV on the calling thread instead, and profiles there", async () => {
    const lines = ["x,y,label"];
    for (let i = 0; i < 3000; i++) lines.push(`${(i * 0.37) % 11},${i % 7},${["a", "b", "NA"][i % 3]}`);
    const path = join(dir, "data.csv");
    writeFileSync(path, lines.join("\n") + "\n");
    const pool = new WorkerPool<never>(failingWorker("exit"), 2, undefined);
    const handle = await open(path, "r");
    try {
      const events: string[] = [];
      const data = await readCsvFileParallel(handle, path, path, { pool }, ",", 0, (e) => events.push(e));
      expect(events.at(-1)).toMatch(/^one thread after a worker error: a worker thread stopped/);
      const single = await readCsvFile(handle, path, {}, ",");
      expect(data.numRows).toBe(3000);
      expect(Array.from((data.column("x") as { values: Float64Array }).values)).toEqual(
        Array.from((single.column("x") as { values: Float64Array }).values),
      );
      const traced: string[] = [];
      const states = await statesInWorkers(
        data.columns,
        DEFAULT_STATE_SETTINGS,
        false,
        { size: 2, pool, close: () => pool.close() },
        0,
        (e) => traced.push(e),
      );
      expect(traced.at(-1)).toMatch(/^one thread after a worker error/);
      data.columns.forEach((column, k) => {
        expect(JSON.stringify(states[k]), column.name).toBe(
          JSON.stringify(stateOfColumn(column, DEFAULT_STATE_SETTINGS, false)),
        );
      });
    } finally {
      await handle.close();
      await pool.close();
    }
  }, 60_000);
});
