import { mkdtempSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../../src/data/column.js";
import { readCsvFileParallel } from "../../src/data/csv-parallel.js";
import { readCsvFile, type CsvOptions } from "../../src/data/csv.js";
import { startProfileWorkers, statesInWorkers } from "../../src/stats/parallel.js";
import { DEFAULT_STATE_SETTINGS } from "../../src/stats/state/settings.js";
import { stateOfColumn } from "../../src/stats/state/build.js";

const dir = mkdtempSync(join(tmpdir(), "driftlab-csv-parallel-"));

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A CSV with quoted fields holding delimiters, doubled quotes and line breaks, CRLF, missing values and a BOM. */
function hostileCsv(rows: number, seed: number, options: { mixedLate?: boolean } = {}): string {
  const random = seeded(seed);
  const lines = ["\uFEFFid,score,label,comment,flag,when,late"];
  for (let i = 0; i < rows; i++) {
    const score = random() < 0.05 ? "" : (random() * 1000 - 500).toFixed(random() < 0.5 ? 3 : 0);
    const label = ["a", "b", "c", "NA", ""][Math.floor(random() * 5)];
    const r = random();
    const comment =
      r < 0.2
        ? `"line one\nline, two ""${i}"""`
        : r < 0.4
          ? `"quoted ${i}"`
          : r < 0.5
            ? '""'
            : `plain ${i % 7}`;
    const flag = random() < 0.5 ? "true" : "false";
    const when = `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`;
    // A column that is numeric for most of the file and has a word near its end: read as strings everywhere.
    const late = options.mixedLate && i === rows - 3 ? "oops" : String(i % 13);
    lines.push([i, score, label, comment, flag, when, late].join(","));
  }
  return lines.join(i2crlf(seed)) + "\r\n";
}

function i2crlf(seed: number): string {
  return seed % 2 === 0 ? "\r\n" : "\n";
}

/** Reads on one thread and with workers (the compiled worker in dist/ is needed: `npm run build`). */
async function readBoth(
  text: string,
  workers: number,
  options: CsvOptions = {},
): Promise<[Dataset, Dataset, string[]]> {
  const path = join(dir, `t-${workers}-${text.length}.csv`);
  writeFileSync(path, text);
  const handle = await open(path, "r");
  try {
    const single = await readCsvFile(handle, path, options, ",");
    const events: string[] = [];
    const parallel = await readCsvFileParallel(handle, path, path, { ...options, workers }, ",", 0, (e) =>
      events.push(e),
    );
    // Cuts may land inside quoted line breaks: then the reader counts quotes first and cuts again.
    const read = events.filter((e) => e !== COUNTED_FIRST);
    expect(read).toEqual([expect.stringMatching(new RegExp(`^${workers} workers, ${workers} ranges`))]);
    return [single, parallel, events];
  } finally {
    await handle.close();
  }
}

const COUNTED_FIRST = "cuts inside quotes: counting quotes first";

function expectSame(a: Dataset, b: Dataset): void {
  expect(b.numRows).toBe(a.numRows);
  expect(b.columnNames).toEqual(a.columnNames);
  for (let k = 0; k < a.columns.length; k++) {
    const x = a.columns[k];
    const y = b.columns[k];
    expect(y.kind, x.name).toBe(x.kind);
    expect(y.valid === null, x.name).toBe(x.valid === null);
    if (x.valid !== null) expect(Array.from(y.valid!), x.name).toEqual(Array.from(x.valid));
    if ("values" in x) expect(Array.from((y as typeof x).values), x.name).toEqual(Array.from(x.values));
    if ("codes" in x) {
      const decode = (c: typeof x) => Array.from(c.codes, (code) => (code < 0 ? null : c.dictionary[code]));
      expect(decode(y as typeof x), x.name).toEqual(decode(x));
    }
  }
}

describe("CSV over worker threads", () => {
  it("reads the same dataset as one thread, with quoted line breaks cut anywhere", async () => {
    for (const workers of [2, 3, 7]) {
      const [single, parallel] = await readBoth(hostileCsv(3000, workers), workers);
      expect(single.numRows).toBe(3000);
      expectSame(single, parallel);
    }
  }, 60_000);

  it("reads a column as strings when one range sees a word in a numeric column", async () => {
    const [single, parallel] = await readBoth(hostileCsv(2000, 4, { mixedLate: true }), 4);
    expect(single.column("late").kind).toBe("categorical");
    expectSame(single, parallel);
  }, 60_000);

  it("cuts a file without quotes once, without counting quotes first", async () => {
    const random = seeded(77);
    const lines = ["x,y,label"];
    for (let i = 0; i < 4000; i++) {
      lines.push(`${(random() * 100).toFixed(4)},${i % 17},${["p", "q", "NA", ""][i % 4]}`);
    }
    for (const workers of [2, 3, 5]) {
      const [single, parallel, events] = await readBoth(lines.join("\n") + "\n", workers);
      expect(events).not.toContain(COUNTED_FIRST);
      expect(parallel.numRows).toBe(4000);
      expectSame(single, parallel);
    }
  }, 60_000);

  it("keeps column selection and kind overrides", async () => {
    const options: CsvOptions = {
      columns: ["id", "label", "flag"],
      kinds: { id: "categorical", flag: "boolean" },
    };
    const [single, parallel] = await readBoth(hostileCsv(1500, 5), 3, options);
    expect(single.column("flag").kind).toBe("boolean");
    expect(single.column("id").kind).toBe("categorical");
    expectSame(single, parallel);
  }, 60_000);

  it("reports a malformed line with its line number, as one thread does", async () => {
    const text = hostileCsv(1000, 6).replace("\n500,", "\n500,extra,");
    const path = join(dir, "malformed.csv");
    writeFileSync(path, text);
    const handle = await open(path, "r");
    try {
      const events: string[] = [];
      const error = await readCsvFileParallel(handle, path, path, { workers: 3 }, ",", 0, (e) =>
        events.push(e),
      ).catch((e: unknown) => e);
      expect(events.filter((e) => e !== COUNTED_FIRST)).toEqual([
        expect.stringMatching(/^one thread after a worker error/),
      ]);
      expect(String(error)).toMatch(/line \d+: 8 fields where the header has 7/);
    } finally {
      await handle.close();
    }
  }, 60_000);

  it("reads on threads lent by the caller (the profile's), which then profile the columns", async () => {
    // A column missing in the whole first half (its part there is all missing: filled with NaN when joined) and
    // numbers with missing values (validity joined too).
    const random = seeded(91);
    const lines = ["x,late,label"];
    for (let i = 0; i < 6000; i++) {
      const x = random() < 0.1 ? "NA" : (random() * 50 - 10).toFixed(3);
      const late = i < 4000 ? "" : String(i % 9);
      lines.push(`${x},${late},${["p", "q", ""][i % 3]}`);
    }
    const path = join(dir, "lent.csv");
    writeFileSync(path, lines.join("\n") + "\n");
    const workers = startProfileWorkers(3);
    const handle = await open(path, "r");
    try {
      const single = await readCsvFile(handle, path, {}, ",");
      const events: string[] = [];
      const lent = await readCsvFileParallel(handle, path, path, { pool: workers.pool }, ",", 0, (e) =>
        events.push(e),
      );
      expect(events.filter((e) => e !== COUNTED_FIRST)).toEqual([
        expect.stringMatching(/^3 workers, 3 ranges/),
      ]);
      expect(
        lent
          .column("late")
          .valid!.slice(0, 4000)
          .every((v) => v === 0),
      ).toBe(true);
      expectSame(single, lent);
      // The same threads then build the numeric states: equal to the states built here.
      const states = await statesInWorkers(lent.columns, DEFAULT_STATE_SETTINGS, false, workers, 0);
      lent.columns.forEach((column, k) => {
        const here = stateOfColumn(column, DEFAULT_STATE_SETTINGS, false);
        expect(JSON.stringify(states[k]), column.name).toBe(JSON.stringify(here));
      });
    } finally {
      await handle.close();
      await workers.close();
    }
  }, 60_000);

  it("joins columns where the ranges wrote them, and by copies where a range outgrew its place", async () => {
    // Ranges write their rows into the joined column's buffer at a place sized from the first lines' length; here the
    // first lines are long and the rest short, so the later range has far more rows than its place holds.
    const random = seeded(5);
    const lines = ["x,label,note"];
    for (let i = 0; i < 20_000; i++) {
      const note = i < 1000 ? "n".repeat(120) : "s";
      lines.push(`${(random() * 100).toFixed(3)},${["p", "q", "r", "s"][(i * 7) % 4]},${note}`);
    }
    const [single, parallel] = await readBoth(lines.join("\n") + "\n", 2);
    expectSame(single, parallel);
    // The first range fitted its place (the joined column is a view of the whole-file buffer), the second did not
    // (copies into a buffer of exactly the rows).
    const x = parallel.column("x") as { values: Float64Array };
    expect(x.values.buffer.byteLength).toBe(20_000 * 8);

    const even = ["x,label"];
    for (let i = 0; i < 20_000; i++) even.push(`${(random() * 100).toFixed(3)},${["p", "q", "r"][i % 3]}`);
    const [one, two] = await readBoth(even.join("\n") + "\n", 3);
    expectSame(one, two);
    const y = two.column("x") as { values: Float64Array };
    expect(y.values.buffer.byteLength).toBeGreaterThan(20_000 * 8);
    const label = two.column("label") as { codes: Int32Array };
    expect(label.codes.buffer.byteLength).toBeGreaterThan(20_000 * 4);
  }, 60_000);
});
