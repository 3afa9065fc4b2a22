import { describe, expect, it } from "vitest";
import { formatDate, formatNumber, formatPercent, formatPValue } from "../../src/core/format.js";
import * as html from "../../src/report/html.js";

describe("the one number formatter", () => {
  it("prints integers with separators and others with 4 significant digits", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(3.14159)).toBe("3.142");
    expect(formatNumber(0.0001234)).toBe("1.234e-4");
    expect(formatNumber(2.5e12 + 0.5)).toBe("2.500e+12");
    expect(formatNumber(-0.5)).toBe("-0.5");
  });

  it("prints missing, NaN and infinities the same everywhere", () => {
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("NaN");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(-Infinity)).toBe("−∞");
    expect(formatPercent(Infinity)).toBe("∞%");
    expect(formatPercent(-Infinity)).toBe("−∞%");
    expect(formatPercent(Number.NaN)).toBe("–");
    expect(formatPercent(undefined)).toBe("–");
  });

  it("prints shares that would round to zero as below the smallest step, keeping the sign", () => {
    expect(formatPercent(0.125)).toBe("12.5%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(0.0004)).toBe("<0.1%");
    expect(formatPercent(-0.0004)).toBe(">−0.1%");
    expect(formatPercent(0.00004, 2)).toBe("<0.01%");
  });

  it("prints p-values with three decimals, scientific below 0.001", () => {
    expect(formatPValue(0.04321)).toBe("0.043");
    expect(formatPValue(0.00012)).toBe("1.2e-4");
    expect(formatPValue(0)).toBe("0");
  });

  it("prints instants in UTC at their granularity", () => {
    const t = Date.UTC(2024, 2, 5, 12, 30);
    expect(formatDate(t, "month")).toBe("2024-03");
    expect(formatDate(t, "day")).toBe("2024-03-05");
    expect(formatDate(t, "minute")).toBe("2024-03-05 12:30:00");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("is the formatter the static HTML uses (one function, not a copy)", () => {
    expect(html.formatNumber).toBe(formatNumber);
    expect(html.formatPercent).toBe(formatPercent);
  });
});
