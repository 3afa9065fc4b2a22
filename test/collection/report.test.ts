import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { coverage, predictiveContent, representation } from "../../src/index.js";
import { coveragePair, plantedContent, representationData } from "./generate.js";

const validate = new Ajv({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync("docs/report.schema.json", "utf8")),
);

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, (text) => (out += text + "\n"));
  return { code, out };
}

function csv(columns: Record<string, ArrayLike<unknown>>): string {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines = [names.join(",")];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => String(columns[c][i])).join(","));
  return lines.join("\n") + "\n";
}

describe("collection reports", () => {
  const content = predictiveContent(plantedContent(1500, 4), { label: "y", permutations: 99 });
  const pair = coveragePair(1200, 8, true);
  const covered = coverage(pair.training, pair.serving, { sampleRows: 800 });
  const people = representation(representationData(2000, 6), {
    groups: ["sex", "race"],
    reference: { sex: { F: 0.5, M: 0.5 } },
    permutations: 99,
  });

  it("validate against the generated report schema", () => {
    for (const report of [content, covered, people]) {
      const json = JSON.parse(JSON.stringify(report.toJSON()));
      expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it("carry verdicts that name what failed", () => {
    expect(content.verdict.status).toBe("fail");
    expect(content.verdict.reasons[0]).toMatch(/leakage suspected in "leak"/);
    expect(content.leakageSuspects).toEqual(["leak"]);
    expect(covered.verdict.status).toBe("fail");
    expect(covered.gap).toBe(true);
    expect(people.verdict.status).toBe("fail");
    expect(people.verdict.reasons[0]).toMatch(/under-represented: "sex=F"/);
    expect(people.proxies.map((p) => p.feature).sort()).toEqual(["height", "zip"]);
    const calm = representation(representationData(2000, 6), {
      groups: ["race"],
      features: ["score"],
      permutations: 49,
    });
    expect(calm.verdict.status).not.toBe("ok"); // race is far from parity (60/39/1)
  });

  it("show as text, static HTML with inline SVG charts, and a Vega-Lite spec", async () => {
    for (const report of [content, covered, people]) {
      const html = await report.toStaticHTML();
      expect(html).toContain("<svg");
      expect(html).not.toContain("<script");
      expect(report.toVegaLite()).toHaveProperty("$schema");
      expect(report.toString()).toMatch(/^(Predictive content|Coverage|Representation)/);
    }
    expect(content.toString()).toMatch(/duplicate of signal/);
    expect(await covered.toStaticHTML()).toContain("Under-covered slices");
    expect(people.toString()).toMatch(/height\s+sex\s+0\.9\d\d/);
  });

  it("throw DriftlabError lookups that name what exists", () => {
    expect(() => content.feature("nope")).toThrow(/No feature "nope".*"signal"/);
    expect(content.feature("signal").status).toBe("informative");
  });
});

describe("collection commands", () => {
  const dir = mkdtempSync(join(tmpdir(), "driftlab-collection-"));
  const penguins = "node_modules/vega-datasets/data/penguins.json";

  it("driftlab predictive on the penguins: every measurement informative about the species", async () => {
    const { code, out } = await run(["predictive", penguins, "--label", "Species", "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(json.label.task).toBe("multiclass");
    const status = Object.fromEntries(
      json.features.map((f: { name: string; status: string }) => [f.name, f.status]),
    );
    for (const name of ["Island", "Beak Length (mm)", "Flipper Length (mm)", "Body Mass (g)"]) {
      expect(status[name], name).toBe("informative");
    }
  });

  it("driftlab predictive --fail-on-leakage exits 1 on a leaking feature, 2 without --label", async () => {
    const file = join(dir, "planted.csv");
    const data = plantedContent(800, 9);
    writeFileSync(
      file,
      csv(
        Object.fromEntries(
          ["signal", "leak", "y"].map((n) => {
            const c = data.column(n);
            return [
              n,
              c.kind === "numeric"
                ? c.values
                : Array.from({ length: c.length }, (_, i) =>
                    c.kind === "categorical" || c.kind === "text" ? c.dictionary[c.codes[i]] : "",
                  ),
            ];
          }),
        ),
      ),
    );
    expect((await run(["predictive", file, "--label", "y", "--fail-on-leakage"])).code).toBe(1);
    expect((await run(["predictive", file, "--label", "y"])).code).toBe(0);
    expect((await run(["predictive", file])).code).toBe(2);
  });

  it("driftlab coverage --fail-on-gap exits 1 on the planted gap and 0 without it", async () => {
    const write = (name: string, data: ReturnType<typeof coveragePair>["training"]) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        csv({
          age: (data.column("age") as { values: Float64Array }).values,
          income: (data.column("income") as { values: Float64Array }).values,
        }),
      );
      return path;
    };
    const gap = coveragePair(600, 31, true);
    const same = coveragePair(600, 32, false);
    const t1 = write("t1.csv", gap.training);
    const s1 = write("s1.csv", gap.serving);
    const t2 = write("t2.csv", same.training);
    const s2 = write("s2.csv", same.serving);
    const failing = await run(["coverage", t1, s1, "--fail-on-gap"]);
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/no training row nearby/);
    expect((await run(["coverage", t2, s2, "--fail-on-gap"])).code).toBe(0);
  });

  it("driftlab representation with a reference file, and a clear error for a bad one", async () => {
    const reference = join(dir, "shares.json");
    writeFileSync(reference, JSON.stringify({ gender: { female: 0.5, male: 0.5 } }));
    const berkeley = "notebooks/data/berkeley-1973.csv";
    const { code, out } = await run([
      "representation",
      berkeley,
      "--groups",
      "gender",
      "--reference",
      reference,
      "--json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.proxies.find((p: { feature: string }) => p.feature === "dept").proxy).toBe(true);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ gender: ");
    expect((await run(["representation", berkeley, "--groups", "gender", "--reference", bad])).code).toBe(2);
    // 40.5 % women applied: within the band of a 50 % reference (0.81), under-represented against 60 % (0.68).
    const args = [
      "representation",
      berkeley,
      "--groups",
      "gender",
      "--fail-on-under-representation",
      "--reference",
    ];
    expect((await run([...args, reference])).code).toBe(0);
    const sixty = join(dir, "sixty.json");
    writeFileSync(sixty, JSON.stringify({ gender: { female: 0.6, male: 0.4 } }));
    expect((await run([...args, sixty])).code).toBe(1);
  });
});
