import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBatches } from "../../src/data/batches.js";
import { isPresent, type Column, type Dataset } from "../../src/data/column.js";
import { read } from "../../src/data/index.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "driftlab-batches-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cell(column: Column, i: number): unknown {
  if (!isPresent(column, i)) return null;
  return "codes" in column ? column.dictionary[column.codes[i]] : column.values[i];
}

/** Rows of datasets, as arrays of values in column order. */
function rowsOf(datasets: Dataset[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const d of datasets) {
    for (let i = 0; i < d.numRows; i++) rows.push(d.columns.map((c) => cell(c, i)));
  }
  return rows;
}

async function batches(path: string, batchBytes: number): Promise<Dataset[]> {
  const out: Dataset[] = [];
  for await (const batch of readBatches(path, {
    batchBytes,
    kinds: { id: "numeric", text: "text", n: "numeric" },
  }))
    out.push(batch);
  return out;
}

/** 40 seeded rows; quoted fields with commas, quotes and newlines; row 17 has a field of 5,000 bytes. */
function hostileCsv(): string {
  let seed = 11;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const lines = ["id,text,n"];
  for (let i = 0; i < 40; i++) {
    const pick = Math.floor(random() * 4);
    const text = i === 17 ? "x".repeat(5000) : ['"a, b"', '"line\nbreak"', '"say ""hi"""', `plain${i}`][pick];
    lines.push(`${i},${text},${(random() * 100).toFixed(3)}`);
  }
  return lines.join("\n") + "\n";
}

describe("readBatches of CSV text", () => {
  it("gives the rows of read() at any batch size, with a record longer than many batches", async () => {
    const path = join(dir, "hostile.csv");
    writeFileSync(path, hostileCsv());
    const whole = rowsOf([await read(path, { kinds: { id: "numeric", text: "text", n: "numeric" } })]);
    expect(whole).toHaveLength(40);
    expect(whole[17][1]).toBe("x".repeat(5000));
    for (const size of [256, 257, 300, 1000, 4096, 1 << 20]) {
      const parts = await batches(path, size);
      expect(rowsOf(parts), `batchBytes ${size}`).toEqual(whole);
      for (const part of parts) expect(part.columnNames).toEqual(["id", "text", "n"]);
      if (size <= 1000) expect(parts.length).toBeGreaterThan(1);
    }
  });

  it("reads a file without a final newline and refuses one with only a header", async () => {
    const path = join(dir, "tail.csv");
    writeFileSync(path, "id,text,n\n1,a,2\n2,b,3");
    expect(rowsOf(await batches(path, 256))).toEqual([
      [1, "a", 2],
      [2, "b", 3],
    ]);
    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "id,text,n\n");
    await expect(batches(empty, 256)).rejects.toMatchObject({ code: "EMPTY_TABLE" });
  });
});
