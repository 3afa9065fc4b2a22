import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { read } from "../../src/data/index.js";
import { DriftlabError } from "../../src/errors.js";
import { profile } from "../../src/stats/profile.js";

/** Fixed seed: the same cases every run. */
const RUN = { seed: 4242, numRuns: 80 };
const encoder = new TextEncoder();

/** Text cells that need quoting at times: commas, quotes, line breaks, unicode; never a missing token. */
const cell = fc
  .string({
    unit: fc.constantFrom("a", "b", "é", "😀", ",", '"', "\n", " ", "x", "1"),
    minLength: 1,
    maxLength: 8,
  })
  .map((s) => `t${s}`);

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function labels(dataset: Awaited<ReturnType<typeof read>>, name: string): (string | null)[] {
  const column = dataset.column(name) as { codes: Int32Array; dictionary: readonly string[] };
  return Array.from(column.codes, (c) => (c < 0 ? null : column.dictionary[c]));
}

describe("readers on generated input (fast-check, seeded)", () => {
  it("CSV: quoted fields with commas, quotes and line breaks read back as written", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
          ),
        async (rows) => {
          const width = rows[0].length;
          const header = Array.from({ length: width }, (_, k) => `c${k}`);
          const text = [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\n";
          const dataset = await read(encoder.encode(text), { format: "csv", kinds: { c0: "text" } });
          expect(dataset.numRows).toBe(rows.length);
          for (let k = 0; k < width; k++) {
            const column = dataset.column(`c${k}`);
            if (column.kind === "categorical" || column.kind === "text") {
              expect(labels(dataset, `c${k}`)).toEqual(rows.map((r) => r[k]));
            }
          }
        },
      ),
      RUN,
    );
  });

  it("CSV: numbers written by JavaScript read back exactly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }),
        async (xs) => {
          const dataset = await read(encoder.encode("x\n" + xs.map((x) => String(x)).join("\n") + "\n"), {
            format: "csv",
          });
          const column = dataset.column("x") as { values: Float64Array };
          expect(Array.from(column.values).map((v) => (Object.is(v, -0) ? 0 : v))).toEqual(
            xs.map((v) => (Object.is(v, -0) ? 0 : v)),
          );
        },
      ),
      RUN,
    );
  });

  it("JSON and NDJSON: records of strings, numbers, booleans and nulls read back; nested objects stay labels", async () => {
    const value = fc.oneof(
      fc.string({ maxLength: 6 }).map((s) => `s${s}`),
      fc.integer({ min: -1000, max: 1000 }),
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(fc.constantFrom("a", "b"), fc.integer(), { maxKeys: 2 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ v: value, n: fc.integer() }), { minLength: 1, maxLength: 20 }),
        async (records) => {
          const json = await read(encoder.encode(JSON.stringify(records)), { format: "json" });
          const ndjson = await read(encoder.encode(records.map((r) => JSON.stringify(r)).join("\n")), {
            format: "ndjson",
          });
          for (const dataset of [json, ndjson]) {
            expect(dataset.numRows).toBe(records.length);
            const n = dataset.column("n") as { values: Float64Array };
            expect(Array.from(n.values)).toEqual(records.map((r) => r.n));
            // Whatever kind v got, profiling it never yields "[object Object]".
            expect(JSON.stringify(profile(dataset).toJSON())).not.toContain("[object Object]");
          }
        },
      ),
      RUN,
    );
  });

  it("report JSON round trip: a profile of generated data survives JSON and validates against the schema", async () => {
    const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), cell), {
          minLength: 1,
          maxLength: 30,
        }),
        async (rows) => {
          const text = "x,y\n" + rows.map(([x, y]) => `${x},${csvField(y)}`).join("\n") + "\n";
          const report = profile(await read(encoder.encode(text), { format: "csv" }));
          const once = JSON.stringify(report.toJSON());
          const parsed = JSON.parse(once);
          expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
          expect(JSON.stringify(parsed)).toBe(once);
        },
      ),
      { ...RUN, numRuns: 40 },
    );
  });
});

/** Malformed files: each must end in a DriftlabError with its code (never a crash or a silent table). */
const CORPUS: {
  name: string;
  format: "csv" | "json" | "ndjson" | "parquet" | "arrow";
  bytes: string | number[];
  code: string;
}[] = [
  { name: "empty CSV", format: "csv", bytes: "", code: "EMPTY_TABLE" },
  { name: "ragged CSV row", format: "csv", bytes: "a,b\n1,2\n3\n", code: "MALFORMED_CSV" },
  { name: "unclosed CSV quote", format: "csv", bytes: 'a,b\n1,"two\n', code: "MALFORMED_CSV" },
  {
    name: "invalid UTF-8 in CSV",
    format: "csv",
    bytes: [0x61, 0x0a, 0xff, 0xfe, 0x0a],
    code: "INVALID_UTF8",
  },
  { name: "truncated JSON", format: "json", bytes: '[{"a": 1}, {"a": ', code: "MALFORMED_JSON" },
  { name: "JSON scalar", format: "json", bytes: "42", code: "MALFORMED_JSON" },
  { name: "JSON array of numbers", format: "json", bytes: "[1, 2, 3]", code: "MALFORMED_JSON" },
  { name: "NDJSON with a broken line", format: "ndjson", bytes: '{"a":1}\n{"a":\n', code: "MALFORMED_JSON" },
  { name: "NDJSON line that is an array", format: "ndjson", bytes: '{"a":1}\n[1]\n', code: "MALFORMED_JSON" },
  {
    name: "Parquet of random bytes",
    format: "parquet",
    bytes: "PAR1 not really parquet PAR1",
    code: "MALFORMED_PARQUET",
  },
  { name: "Parquet without footer", format: "parquet", bytes: "PAR1", code: "MALFORMED_PARQUET" },
  { name: "Arrow of random bytes", format: "arrow", bytes: "ARROW1\0\0garbage", code: "MALFORMED_ARROW" },
];

describe("a corpus of malformed files", () => {
  for (const entry of CORPUS) {
    it(`${entry.name}: ${entry.code}`, async () => {
      const bytes =
        typeof entry.bytes === "string" ? encoder.encode(entry.bytes) : Uint8Array.from(entry.bytes);
      const error = await read(bytes, { format: entry.format }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DriftlabError);
      expect((error as DriftlabError).code).toBe(entry.code);
      expect((error as DriftlabError).message.length).toBeGreaterThan(20);
    });
  }
});
