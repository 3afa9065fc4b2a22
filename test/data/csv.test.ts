import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { read } from "../../src/data/index.js";
import { FIXTURES, errorOf, kinds, values } from "./helpers.js";

const encoder = new TextEncoder();
const csv = (text: string, options = {}) => read(encoder.encode(text), { format: "csv", ...options });

describe("CSV: RFC 4180", () => {
  it("reads quoted fields with delimiters, doubled quotes and line breaks", async () => {
    const data = await read(FIXTURES + "quoting.csv");
    expect(data.numRows).toBe(3);
    expect(values(data, "name")).toEqual(["Smith, John", "plain", null]);
    expect(values(data, "comment")).toEqual(['He said "hi"', "line one\nline two", '"']);
    // Every name is distinct and half contain spaces: by the text rule, both string columns are free text.
    expect(kinds(data)).toEqual({ id: "numeric", name: "text", comment: "text" });
  });

  it("strips a UTF-8 byte order mark and reads CRLF line ends", async () => {
    const data = await read(FIXTURES + "crlf-bom.csv");
    expect(data.columnNames).toEqual(["a", "b"]);
    expect(values(data, "a")).toEqual([1, 2]);
    expect(values(data, "b")).toEqual(["x", "y"]);
  });

  it("reads lone CR line ends and a last line without a line break", async () => {
    const data = await csv("a,b\r1,2\r3,4");
    expect(values(data, "b")).toEqual([2, 4]);
  });

  it("skips blank lines", async () => {
    const data = await csv("a\n1\n\n2\n\n");
    expect(values(data, "a")).toEqual([1, 2]);
  });

  it("reads TSV by extension, with quotes", async () => {
    const data = await read(FIXTURES + "data.tsv");
    expect(values(data, "name")).toEqual(["tab\there", "plain"]);
    expect(values(data, "score")).toEqual([1, 2]);
  });

  it("takes another delimiter and no header", async () => {
    const data = await csv("1;x\n2;y\n", { delimiter: ";", header: false });
    expect(data.columnNames).toEqual(["column_1", "column_2"]);
    expect(values(data, "column_1")).toEqual([1, 2]);
  });

  it("rejects a delimiter that is not one ASCII character", async () => {
    const message = await errorOf(() => csv("a\n1\n", { delimiter: "::" }), "INVALID_OPTION");
    expect(message).toContain("`delimiter`");
  });

  it("gives the same result whatever the chunk size (fields, quotes and CRLF split across chunks)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-csv-"));
    const row = fc.tuple(
      fc.integer({ min: -1000, max: 1000 }),
      fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\n", "é", "€", "😀", " ") }),
      fc.constantFrom("2024-01-01", "2024-05-06T07:08:09Z", ""),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 16, max: 64 }),
        async (rows, chunkSize) => {
          const quote = (s: string) => '"' + s.replaceAll('"', '""') + '"';
          const text = "n,s,d\r\n" + rows.map(([n, s, d]) => `${n},${quote(s)},${d}`).join("\r\n") + "\r\n";
          const path = join(dir, "chunks.csv");
          writeFileSync(path, text);
          const whole = await read(path);
          const chunked = await read(path, { chunkSize });
          expect(values(chunked, "s")).toEqual(values(whole, "s"));
          expect(values(chunked, "n")).toEqual(rows.map(([n]) => n));
          expect(values(chunked, "s")).toEqual(rows.map(([, s]) => (s === "" ? null : s)));
          expect(values(chunked, "d")).toEqual(values(whole, "d"));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("CSV: nulls and types", () => {
  it("reads the default null tokens as missing and NaN/-inf as numbers", async () => {
    const data = await read(FIXTURES + "nulls.csv");
    expect(kinds(data)).toEqual({ score: "numeric", label: "categorical", when: "datetime" });
    const score = values(data, "score");
    expect(score.slice(0, 3)).toEqual([1.5, null, null]);
    expect(score[3]).toBeNaN();
    expect(score.slice(4)).toEqual([-Infinity, 2000]);
    expect(values(data, "label")).toEqual(["a", null, null, null, null, "b"]);
    expect(values(data, "when")).toEqual([
      "2024-01-01T00:00:00.000Z",
      null,
      null,
      "2024-01-03T10:00:00.000Z",
      null,
      "2024-01-04T12:30:00.000Z",
    ]);
  });

  it("takes other null tokens, replacing the defaults", async () => {
    const data = await csv("a,b\n-,1\nx,\n", { nullValues: ["", "-"] });
    expect(values(data, "a")).toEqual([null, "x"]);
    expect(values(data, "b")).toEqual([1, null]);
    expect(kinds(data).a).toBe("categorical");
    const noEmpty = await csv("a,b\n-,1\nx,\n", { nullValues: ["-"] });
    expect(values(noEmpty, "b")).toEqual(["1", ""]);
  });

  it("reads booleans, dates, timestamps with fractions and offsets", async () => {
    const data = await read(FIXTURES + "bool-dates.csv");
    expect(kinds(data)).toEqual({ flag: "boolean", day: "datetime", stamp: "datetime", offset: "datetime" });
    expect(values(data, "flag")).toEqual([true, false, true]);
    expect(values(data, "day")).toEqual([
      "2024-02-29T00:00:00.000Z",
      "2023-12-31T00:00:00.000Z",
      "2000-01-01T00:00:00.000Z",
    ]);
    expect(values(data, "stamp")).toEqual([
      "2024-03-01T00:00:00.123Z",
      "2024-03-01T00:00:00.000Z",
      "2024-03-01T00:00:00.999Z",
    ]);
    expect(values(data, "offset")).toEqual([
      "2024-03-01T00:00:00.000Z",
      "2024-03-01T01:30:00.000Z",
      "2024-02-29T19:00:00.000Z",
    ]);
  });

  it("reads a column that mixes numbers and strings as categorical with the original text", async () => {
    const data = await read(FIXTURES + "mixed.csv");
    expect(kinds(data)).toEqual({ code: "categorical", value: "numeric" });
    expect(values(data, "code")).toEqual(["1", "2", "A7"]);
  });

  it("keeps leading zeros when a column is set to categorical", async () => {
    const data = await csv("zip,n\n02134,1\n10001,2\n", { kinds: { zip: "categorical" } });
    expect(values(data, "zip")).toEqual(["02134", "10001"]);
    const inferred = await csv("zip,n\n02134,1\n10001,2\n");
    expect(values(inferred, "zip")).toEqual([2134, 10001]);
  });

  it("flags integer columns", async () => {
    const data = await csv("i,f\n1,1.5\n2,2\n");
    const i = data.column("i");
    const f = data.column("f");
    expect(i.kind === "numeric" && i.integer).toBe(true);
    expect(f.kind === "numeric" && f.integer).toBe(false);
  });

  it("errors with the line when a value does not fit a forced kind", async () => {
    const message = await errorOf(() => csv("a\n1\n2\nx\n", { kinds: { a: "numeric" } }), "INVALID_KIND");
    expect(message).toContain("line 4");
    expect(message).toContain('"x"');
  });

  it("reads a forced boolean column leniently", async () => {
    const data = await csv("b\nyes\nno\nY\n", { kinds: { b: "boolean" } });
    expect(values(data, "b")).toEqual([true, false, true]);
  });

  it("reads only the selected columns", async () => {
    const data = await csv("a,b,c\n1,x,2\n", { columns: ["c", "a"] });
    expect(data.columnNames).toEqual(["c", "a"]);
    await errorOf(() => csv("a,b\n1,2\n", { columns: ["z"] }), "MISSING_COLUMN");
  });

  it("reads 1M distinct strings quickly", async () => {
    const n = 1_000_000;
    const parts = ["id,group"];
    for (let i = 0; i < n; i++) parts.push(`user-${i},g${i % 7}`);
    const bytes = encoder.encode(parts.join("\n"));
    const start = performance.now();
    const data = await read(bytes, { format: "csv" });
    const elapsed = performance.now() - start;
    const id = data.column("id");
    expect(id.kind === "categorical" && id.dictionary.length).toBe(n);
    expect(id.kind === "categorical" && id.dictionary[123456]).toBe("user-123456");
    const group = data.column("group");
    expect(group.kind === "categorical" && group.dictionary.length).toBe(7);
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe("CSV: malformed input", () => {
  it("names the file and line of a row with the wrong number of fields", async () => {
    const message = await errorOf(() => read(FIXTURES + "bad-row.csv"), "MALFORMED_CSV");
    expect(message).toContain("bad-row.csv");
    expect(message).toContain("line 4");
    expect(message).toContain("2 fields where the header has 3");
    expect(message).toContain("delimiter");
  });

  it("names the line of an unclosed quote", async () => {
    const message = await errorOf(() => read(FIXTURES + "unclosed-quote.csv"), "MALFORMED_CSV");
    expect(message).toContain("line 2");
    expect(message).toContain("never closed");
  });

  it("rejects text after a closing quote", async () => {
    const message = await errorOf(() => read(FIXTURES + "after-quote.csv"), "MALFORMED_CSV");
    expect(message).toContain("line 2");
    expect(message).toContain("after the closing quote");
  });

  it("rejects bytes that are not UTF-8, naming the line, and reads them as Latin-1 or replaced on request", async () => {
    const message = await errorOf(() => read(FIXTURES + "latin1.csv"), "INVALID_UTF8");
    expect(message).toContain("latin1.csv: line 2");
    expect(message).toContain('column "city"');
    expect(message).toContain('encoding: "latin1"');
    const latin1 = await read(FIXTURES + "latin1.csv", { encoding: "latin1" });
    expect(values(latin1, "city")).toEqual(["Zürich", "München"]);
    const replaced = await read(FIXTURES + "latin1.csv", { invalidUtf8: "replace" });
    expect(values(replaced, "city")).toEqual(["Z\uFFFDrich", "M\uFFFDnchen"]);
  });

  it("rejects an invalid UTF-8 byte in the header", async () => {
    const bytes = new Uint8Array([0x61, 0xff, 0x0a, 0x31, 0x0a]);
    const message = await errorOf(() => read(bytes, { format: "csv" }), "INVALID_UTF8");
    expect(message).toContain("line 1, the header");
  });

  it("errors on a zero-byte file (no columns) and reads a header-only file as 0 rows", async () => {
    const message = await errorOf(() => read(FIXTURES + "empty.csv"), "EMPTY_TABLE");
    expect(message).toContain("empty.csv");
    const headerOnly = await read(FIXTURES + "header-only.csv");
    expect(headerOnly.numRows).toBe(0);
    expect(headerOnly.columnNames).toEqual(["a", "b", "c"]);
    expect(kinds(headerOnly)).toEqual({ a: "categorical", b: "categorical", c: "categorical" });
  });

  it("renames duplicate column names with a warning", async () => {
    const data = await read(FIXTURES + "duplicate-header.csv");
    expect(data.columnNames).toEqual(["x", "y", "x_3", "x_2"]);
    expect(values(data, "x_3")).toEqual([3]);
    expect(data.warnings).toHaveLength(1);
    expect(data.warnings[0]).toContain('"x" appears more than once; the repeat was renamed "x_3"');
  });

  it("keeps an all-missing column as categorical, or as its forced kind", async () => {
    const data = await csv("a,b\n1,\n2,NA\n");
    expect(kinds(data).b).toBe("categorical");
    expect(values(data, "b")).toEqual([null, null]);
    const forced = await csv("a,b\n1,\n2,NA\n", { kinds: { b: "numeric" } });
    expect(kinds(forced).b).toBe("numeric");
  });
});
