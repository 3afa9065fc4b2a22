import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { read } from "../../src/data/index.js";
import { parseNumberText, parsed, scanDecimal, scannedDecimal } from "../../src/data/parse.js";

const EDGE_CASES = readFileSync(new URL("./fixtures/number-edge-cases.txt", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));

const stops = new Uint8Array(256);
stops[0x2c] = 1;
stops[0x0a] = 1;
stops[0x0d] = 1;

/** The value of the fused CSV scanner (the reader's hot path) for `text` followed by a line feed. */
function scanned(text: string): number | "fail" {
  const bytes = new TextEncoder().encode(text + "\n");
  const stop = scanDecimal(bytes, 0, bytes.length, stops);
  if (stop !== bytes.length - 1) return "fail";
  return scannedDecimal[0];
}

function parsedText(text: string): number | "fail" {
  const value = parseNumberText(text);
  return parsed.ok ? value : "fail";
}

/** Decimal strings as data files write them: sign, digits, fraction, exponent, up to 30 significant digits. */
const decimalText = fc
  .record({
    sign: fc.constantFrom("", "-", "+"),
    integer: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 0, maxLength: 20 }),
    fraction: fc.option(fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 0, maxLength: 20 })),
    exponent: fc.option(fc.integer({ min: -340, max: 320 })),
    e: fc.constantFrom("e", "E"),
  })
  .filter((r) => r.integer.length > 0 || (r.fraction !== null && r.fraction.length > 0))
  .map(
    (r) =>
      r.sign +
      r.integer +
      (r.fraction === null ? "" : "." + r.fraction) +
      (r.exponent === null ? "" : r.e + r.exponent),
  );

/** Shortest round-trip texts of random doubles (what most writers produce), across the whole range. */
const doubleText = fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x));

describe("numbers read from text equal Number(text)", () => {
  it("on the edge cases: subnormals, 17-digit mantissas, 2^53, exponents, signs, halfway cases", () => {
    expect(EDGE_CASES.length).toBeGreaterThan(50);
    for (const text of EDGE_CASES) {
      expect(Object.is(scanned(text), Number(text)), `scanDecimal ${text}`).toBe(true);
      expect(Object.is(parsedText(text), Number(text)), `parseNumberText ${text}`).toBe(true);
    }
  });

  it("on random decimal strings (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(decimalText, (text) => {
        return Object.is(scanned(text), Number(text)) && Object.is(parsedText(text), Number(text));
      }),
      { seed: 15, numRuns: 20_000 },
    );
  });

  it("on the shortest texts of random doubles (fast-check, fixed seed)", () => {
    fc.assert(
      fc.property(doubleText, (text) => Object.is(scanned(text), Number(text))),
      { seed: 1517, numRuns: 20_000 },
    );
  });

  it("through the CSV reader, field by field", async () => {
    const texts = fc.sample(decimalText, { seed: 42, numRuns: 2000 }).concat(EDGE_CASES);
    const bytes = new TextEncoder().encode("x\n" + texts.join("\n") + "\n");
    const data = await read(bytes, { format: "csv" });
    const column = data.column("x");
    expect(column.kind).toBe("numeric");
    const values = (column as { values: Float64Array }).values;
    const wrong = texts.filter((text, i) => !Object.is(values[i], Number(text)));
    expect(wrong).toEqual([]);
  });

  it("through the CSV reader's fast path: three columns, CRLF, 15 and 16 digits, records cut by chunk ends", async () => {
    // The hot path parses up to 15 digits itself and hands longer numbers and exponents to scanDecimal; a record
    // cut by the end of a chunk is read again with the next chunk. Each text sits in the first, middle and last
    // field of some record.
    const texts = fc
      .sample(decimalText, { seed: 7, numRuns: 3000 })
      .concat(EDGE_CASES, ["123456789012345", "-123456789012345", "1234567890123456", "0.00000000000001"])
      .concat(["000000000000001", "-0", "+0.0", "-0.000", "99999999999999.9", "9007199254740993", "5."]);
    const rows = texts.map((_, i) => [
      texts[i],
      texts[(i + 1) % texts.length],
      texts[(i + 2) % texts.length],
    ]);
    const text = "a,b,c\r\n" + rows.map((r) => r.join(",")).join("\r\n") + "\r\n";
    const dir = mkdtempSync(join(tmpdir(), "driftlab-numbers-"));
    const file = join(dir, "numbers.csv");
    writeFileSync(file, text);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    for (const chunkSize of [16, 1000, 1 << 20]) {
      const data = await read(file, { chunkSize, workers: 1 });
      expect(data.numRows).toBe(texts.length);
      ["a", "b", "c"].forEach((name, k) => {
        const values = (data.column(name) as { values: Float64Array }).values;
        const wrong = rows.filter((row, i) => !Object.is(values[i], Number(row[k])));
        expect(wrong, `column ${name}, chunk size ${chunkSize}`).toEqual([]);
      });
    }
  });
});
