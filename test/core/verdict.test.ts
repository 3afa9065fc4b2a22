import { describe, expect, it } from "vitest";
import { verdictOf } from "../../src/core/verdict.js";

describe("the verdict the side panel shows", () => {
  it("is the report's own verdict when it carries one", () => {
    const verdict = { status: "warn", reasons: ["2 of 9 features drifted"] };
    expect(verdictOf({ kind: "drift", verdict, dataset: { datasetDrift: true } })).toEqual(verdict);
  });

  it("is derived for reports saved before verdicts existed", () => {
    expect(verdictOf({ kind: "drift", dataset: { datasetDrift: true, drifted: 5, features: 9 } })).toEqual({
      status: "fail",
      reasons: ["dataset drift: 5 of 9 features drifted"],
    });
    expect(
      verdictOf({ kind: "drift", dataset: { datasetDrift: false, drifted: 1, features: 9 } }).status,
    ).toBe("warn");
    expect(verdictOf({ kind: "anomalies", anomalies: [{ severity: "warning" }] })).toEqual({
      status: "warn",
      reasons: ["1 schema warning"],
    });
    expect(
      verdictOf({ kind: "anomalies", anomalies: [{ severity: "error" }, { severity: "error" }] }),
    ).toEqual({
      status: "fail",
      reasons: ["2 schema errors"],
    });
    expect(verdictOf({ kind: "fairness", flags: [{}] }).status).toBe("fail");
    expect(verdictOf({ kind: "drift-timeline", alarms: [], incidents: [{}] }).status).toBe("warn");
    expect(verdictOf({ kind: "profile", features: [{ missing: 0 }, { missing: 3 }] })).toEqual({
      status: "warn",
      reasons: ["1 feature with missing values"],
    });
    expect(verdictOf({ kind: "hologram" })).toEqual({ status: "ok", reasons: [] });
  });

  it("ignores a malformed verdict field", () => {
    expect(verdictOf({ kind: "fairness", flags: [], verdict: { status: "great" } })).toEqual({
      status: "ok",
      reasons: [],
    });
  });
});
