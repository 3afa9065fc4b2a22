import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ANOMALY_CODE_LIST, anomalyCatalogueMarkdown } from "../../src/schema/anomaly-codes.js";

const DOC = "docs/anomalies.md";
const START =
  "<!-- catalogue:start (generated from src/schema/anomaly-codes.ts by test/schema/docs.test.ts) -->";
const END = "<!-- catalogue:end -->";

describe("docs/anomalies.md", () => {
  it("holds the catalogue as generated from src/schema/anomaly-codes.ts (UPDATE_DOCS=1 rewrites it)", () => {
    const text = readFileSync(DOC, "utf8");
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start, `${DOC} lacks the catalogue markers`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const expected = `${text.slice(0, start + START.length)}\n\n${anomalyCatalogueMarkdown()}\n\n${text.slice(end)}`;
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, expected);
    expect(
      text,
      "docs/anomalies.md is out of date: run UPDATE_DOCS=1 npx vitest run test/schema/docs.test.ts",
    ).toBe(expected);
    for (const code of ANOMALY_CODE_LIST) expect(text).toContain(`\`${code}\``);
  });

  it("lists the same codes in docs/report.schema.json", () => {
    const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
    expect(schema.definitions.AnomalyCode.enum).toEqual([...ANOMALY_CODE_LIST]);
  });
});
