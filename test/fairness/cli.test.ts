import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BERKELEY, SCORED } from "./helpers.js";

async function run(args: string[]): Promise<{ code: number; output: string }> {
  let output = "";
  const code = await main(args, (text) => (output += text + "\n"));
  return { code, output };
}

describe("driftlab fairness", () => {
  it("prints the text summary and exits 0 without --fail-on-disparity", async () => {
    const { code, output } = await run([
      "fairness",
      BERKELEY,
      "--prediction",
      "admitted",
      "--groups",
      "gender",
      "--stratify-by",
      "dept",
    ]);
    expect(code).toBe(0);
    expect(output).toContain("opportunity denial: female");
    expect(output).toContain("Simpson's paradox");
  });

  it("exits 1 with --fail-on-disparity when a harm flag fires, 0 when none does", async () => {
    const flagged = await run([
      "fairness",
      BERKELEY,
      "--prediction",
      "admitted",
      "--groups",
      "gender",
      "--fail-on-disparity",
    ]);
    expect(flagged.code).toBe(1);
    const clean = await run([
      "fairness",
      SCORED,
      "--label",
      "y",
      "--score",
      "score",
      "--groups",
      "region",
      "--fail-on-disparity",
    ]);
    expect(clean.output).toContain("No harm flags.");
    expect(clean.code).toBe(0);
  });

  it("reads --groups a,b as the intersection and prints JSON, writes HTML", async () => {
    const html = join(mkdtempSync(join(tmpdir(), "driftlab-fairness-")), "out.html");
    const { code, output } = await run([
      "fairness",
      SCORED,
      "--label",
      "y",
      "--score",
      "score",
      "--threshold",
      "0.6",
      "--groups",
      "sex,race",
      "--json",
      "--html",
      html,
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(output);
    expect(json.kind).toBe("fairness");
    expect(json.groupings[0].name).toBe("sex × race");
    expect(json.settings.threshold).toBe(0.6);
    expect(readFileSync(html, "utf8")).toContain("<svg");
  });

  it("exits 2 with a clear message on bad usage", async () => {
    expect((await run(["fairness", SCORED, "--label", "y", "--score", "score"])).code).toBe(2);
    expect(
      (
        await run([
          "fairness",
          SCORED,
          "--groups",
          "sex",
          "--label",
          "y",
          "--score",
          "score",
          "--threshold",
          "x",
        ])
      ).code,
    ).toBe(2);
    expect(
      (await run(["fairness", SCORED, "--groups", "sex", "--label", "y", "--score", "score", "--bogus"]))
        .code,
    ).toBe(2);
  });
});
