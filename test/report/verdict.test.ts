import { describe, expect, it } from "vitest";
import { exitCodeOf } from "../../src/cli/output.js";
import { drift } from "../../src/drift/index.js";
import { DriftlabError } from "../../src/errors.js";
import { profile } from "../../src/stats/profile.js";

const seq = (n: number, shift = 0) => Array.from({ length: n }, (_, i) => (i % 50) + shift);

describe("the verdict of a report", () => {
  it("is ok, warn or fail for drift, with reasons that name the features", () => {
    const same = drift({ a: seq(200), b: seq(200) }, { a: seq(200), b: seq(200) });
    expect(same.verdict).toEqual({ status: "ok", reasons: [] });

    const one = drift(
      { a: seq(200), b: seq(200), c: seq(200) },
      { a: seq(200, 40), b: seq(200), c: seq(200) },
    );
    expect(one.verdict.status).toBe("warn");
    expect(one.verdict.reasons.join(" ")).toContain("a");
    expect(one.toJSON().verdict).toEqual(one.verdict);

    const all = drift({ a: seq(200), b: seq(200) }, { a: seq(200, 40), b: seq(200, 40) });
    expect(all.datasetDrift).toBe(true);
    expect(all.verdict.status).toBe("fail");
    expect(all.verdict.reasons[0]).toContain("dataset drift");
  });

  it("warns on a profile with a feature that has no value at all", () => {
    expect(profile({ a: [1, 2, 3] }).verdict.status).toBe("ok");
    const empty = profile({ a: [1, 2, 3], b: [null, null, null] });
    expect(empty.verdict.status).toBe("warn");
    expect(empty.verdict.reasons[0]).toContain("b");
  });
});

describe("the CLI exit code from a verdict", () => {
  it("is 1 when the status reaches the command's fail-on level, else 0", () => {
    const fail = { status: "fail" as const, reasons: ["x"] };
    const warn = { status: "warn" as const, reasons: ["x"] };
    const ok = { status: "ok" as const, reasons: [] };
    expect([exitCodeOf(fail, "fail"), exitCodeOf(warn, "fail"), exitCodeOf(ok, "fail")]).toEqual([1, 0, 0]);
    expect([exitCodeOf(fail, "warn"), exitCodeOf(warn, "warn"), exitCodeOf(ok, "warn")]).toEqual([1, 1, 0]);
    expect(exitCodeOf(fail, undefined)).toBe(0);
  });
});

describe("lookups on reports", () => {
  it("throw DriftlabError MISSING_COLUMN naming what exists", () => {
    const report = drift({ a: seq(100) }, { a: seq(100) });
    const error = (() => {
      try {
        report.feature("nope");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DriftlabError);
    expect((error as DriftlabError).code).toBe("MISSING_COLUMN");
    expect((error as DriftlabError).message).toContain('"a"');
  });
});

describe("the shared vocabulary", () => {
  it("reports progress through onProgress, ending at 1", () => {
    const calls: number[] = [];
    drift({ a: seq(60), b: seq(60) }, { a: seq(60), b: seq(60) }, { onProgress: (f) => calls.push(f) });
    expect(calls).toEqual([0, 0.5, 1]);
  });

  it("takes alpha as the p-level of test-based drift methods, and corrects with holm by default", () => {
    const report = drift({ a: seq(200) }, { a: seq(200, 2) }, { alpha: 1e-12 });
    const a = report.feature("a");
    expect(a.methodType).toBe("p-value");
    expect(a.threshold).toBe(1e-12);
    expect(report.toJSON().correction).toBe("holm");
    expect(() => drift({ a: seq(10) }, { a: seq(10) }, { alpha: 2 })).toThrow(DriftlabError);
  });
});
