import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBooleanText, parseDatetimeText, parseNumberText, parsed } from "../../src/data/parse.js";

function number(text: string): number | "fail" {
  const value = parseNumberText(text);
  return parsed.ok ? value : "fail";
}

function datetime(text: string): number | "fail" {
  const value = parseDatetimeText(text);
  return parsed.ok ? value : "fail";
}

describe("number parsing", () => {
  it("reads integers, decimals, exponents and signs like Number()", () => {
    for (const text of [
      "0",
      "-0",
      "42",
      "+7",
      "-12.5",
      ".5",
      "5.",
      "1e3",
      "1E-3",
      "-2.5e+10",
      "007",
      "123456789012345678",
    ]) {
      expect(number(text)).toBe(Number(text));
    }
  });

  it("reads inf, infinity and nan in any case", () => {
    expect(number("inf")).toBe(Infinity);
    expect(number("-Infinity")).toBe(-Infinity);
    expect(number("+INF")).toBe(Infinity);
    expect(number("NaN")).toBeNaN();
    expect(number("nan")).toBeNaN();
  });

  it("allows surrounding spaces", () => {
    expect(number("  3.25 ")).toBe(3.25);
  });

  it("rejects what is not a decimal number", () => {
    for (const text of [
      "",
      " ",
      "-",
      ".",
      "e5",
      "1e",
      "1.2.3",
      "0x10",
      "1,000",
      "12abc",
      "abc",
      "1 2",
      "--1",
      "nan1",
    ]) {
      expect(number(text), text).toBe("fail");
    }
  });

  it("is correctly rounded: equals Number() on random decimal strings", () => {
    const decimal = fc
      .tuple(
        fc.constantFrom("", "-", "+"),
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,20}$/)),
        fc.option(fc.integer({ min: -330, max: 330 })),
      )
      .map(([sign, whole, fraction, exponent]) => {
        let text = sign + whole;
        if (fraction !== null) text += "." + fraction;
        if (exponent !== null) text += "e" + exponent;
        return text;
      });
    fc.assert(
      fc.property(decimal, (text) => {
        expect(number(text)).toBe(Number(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("matches Number() on doubles printed by JavaScript", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }).filter((x) => !Object.is(x, -0)),
        (x) => {
          expect(number(String(x))).toBe(x);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

describe("datetime parsing", () => {
  it("reads ISO dates and timestamps as UTC milliseconds", () => {
    expect(datetime("2024-01-31")).toBe(Date.UTC(2024, 0, 31));
    expect(datetime("2024-01-31T12:34")).toBe(Date.UTC(2024, 0, 31, 12, 34));
    expect(datetime("2024-01-31 12:34:56")).toBe(Date.UTC(2024, 0, 31, 12, 34, 56));
    expect(datetime("2024-01-31T12:34:56.789Z")).toBe(Date.UTC(2024, 0, 31, 12, 34, 56, 789));
    expect(datetime("1969-12-31T23:59:59Z")).toBe(-1000);
    expect(datetime("1900-03-01")).toBe(Date.UTC(1900, 2, 1));
  });

  it("reads a naive timestamp (no zone) as UTC", () => {
    expect(datetime("2024-06-01T08:00:00")).toBe(Date.parse("2024-06-01T08:00:00Z"));
  });

  it("applies zone offsets", () => {
    expect(datetime("2024-03-01T02:00:00+02:00")).toBe(Date.UTC(2024, 2, 1));
    expect(datetime("2024-03-01T00:00:00-0130")).toBe(Date.UTC(2024, 2, 1, 1, 30));
    expect(datetime("2024-03-01T05:00:00+05")).toBe(Date.UTC(2024, 2, 1));
  });

  it("truncates fractions beyond the millisecond", () => {
    expect(datetime("2024-03-01T00:00:00.999999")).toBe(Date.UTC(2024, 2, 1, 0, 0, 0, 999));
  });

  it("checks the calendar", () => {
    expect(datetime("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    for (const text of [
      "2023-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "2024-01-01T24:00",
      "2024-01-01T10:60",
    ]) {
      expect(datetime(text), text).toBe("fail");
    }
  });

  it("rejects non-ISO layouts", () => {
    for (const text of [
      "01/02/2024",
      "2024/01/02",
      "Jan 1 2024",
      "2024-1-2",
      "2024-01",
      "2024",
      "2024-01-01X",
    ]) {
      expect(datetime(text), text).toBe("fail");
    }
  });

  it("agrees with Date.parse on random ISO timestamps with a Z", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const text = date.toISOString();
          expect(datetime(text)).toBe(date.getTime());
          expect(datetime(text.slice(0, 10))).toBe(Date.parse(text.slice(0, 10)));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("boolean parsing", () => {
  it("reads true/false in any case and nothing else", () => {
    expect(parseBooleanText("TRUE")).toBe(1);
    expect(parsed.ok).toBe(true);
    expect(parseBooleanText("False")).toBe(0);
    expect(parsed.ok).toBe(true);
    for (const text of ["yes", "no", "1", "0", "t", ""]) {
      parseBooleanText(text);
      expect(parsed.ok, text).toBe(false);
    }
  });
});
