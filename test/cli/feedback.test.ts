import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { simulateDeployment } from "../../src/feedback/simulate.js";
import { run } from "./run.js";

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);

function csv(columns: Record<string, unknown[]>): string {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines = [names.join(",")];
  for (let i = 0; i < n; i++) {
    lines.push(
      names
        .map((c) => {
          const v = columns[c][i];
          return v instanceof Date ? v.toISOString() : String(v);
        })
        .join(","),
    );
  }
  return lines.join("\n") + "\n";
}

describe("driftlab feedback", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftlab-feedback-"));
  const deployment = simulateDeployment(8, { days: 50, perDay: 200, failureDay: 30, driftStart: 1000 });
  const predictions = join(dir, "predictions.csv");
  const actuals = join(dir, "actuals.csv");
  writeFileSync(predictions, csv(deployment.predictions));
  writeFileSync(actuals, csv(deployment.actuals));
  const args = [
    predictions,
    actuals,
    "--key",
    "id",
    "--time",
    "ts",
    "--label",
    "y",
    "--label-time",
    "labeled_at",
  ];

  it("prints a valid feedback report with --json and exits 1 on an alarm with --fail-on-alarm", async () => {
    const { code, out } = await run([
      "feedback",
      ...args,
      "--score",
      "score",
      "--prediction",
      "prediction",
      "--every",
      "1 day",
      "--json",
      "--fail-on-alarm",
    ]);
    const json = JSON.parse(out);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.kind).toBe("feedback");
    expect(
      json.alarms.some(
        (a: { windows: string[]; type: string }) =>
          a.windows.includes(deployment.truth.failureDay) && a.type === "sudden",
      ),
    ).toBe(true);
    expect(code).toBe(1);
  });

  it("exits 0 without --fail-on-alarm and prints the label report and the timeline as text", async () => {
    const { code, out } = await run(["feedback", ...args, "--score", "score"]);
    expect(code).toBe(0);
    expect(out).toContain("Labels joined to predictions");
    expect(out).toContain("SUDDEN");
  });

  it("exits 2 naming what is missing", async () => {
    expect(
      (await run(["feedback", predictions, actuals, "--key", "id", "--time", "ts", "--label", "y"])).code,
    ).toBe(2);
    expect((await run(["feedback", predictions, "--key", "id"])).code).toBe(2);
  });
});
