import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { hashValue } from "../../src/report/privacy.js";
import { captureStderr } from "./run.js";

const stderr = captureStderr();

describe("driftlab --html pages are private by default", () => {
  it("leaves out categories of fewer than 10 rows unless --no-privacy, and says so", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-privacy-"));
    const data = join(dir, "people.csv");
    const rows = Array.from({ length: 30 }, (_, i) => (i < 28 ? "Springfield" : "Tiny Hamlet"));
    writeFileSync(data, "town\n" + rows.join("\n") + "\n");
    const page = join(dir, "page.html");
    expect(await main(["profile", data, "--html", page], () => {})).toBe(0);
    const html = readFileSync(page, "utf8");
    expect(html).toContain("Springfield");
    expect(html).not.toContain("Tiny Hamlet");
    expect(html).toContain("privacy: 1 categories or slices with fewer than 10 members not shown");
    expect(stderr()).toContain("1 categories or slices with fewer than 10 members left out of");
    expect(await main(["profile", data, "--html", page, "--no-privacy"], () => {})).toBe(0);
    expect(readFileSync(page, "utf8")).toContain("Tiny Hamlet");
    // --json is for pipelines: unchanged unless privacy options are given.
    let out = "";
    await main(["profile", data, "--json"], (t) => (out += t));
    expect(out).toContain("Tiny Hamlet");
    out = "";
    await main(
      ["profile", data, "--json", "--sensitive", "town", "--redact", "--min-count", "1"],
      (t) => (out += t),
    );
    expect(out).not.toContain("Springfield");
    expect(JSON.parse(out).omitted.redactedColumns).toEqual(["town"]);
  });

  it("a schema's sensitive columns are hashed in validate and profile output, under DRIFTLAB_HASH_KEY", async () => {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-sensitive-"));
    const train = join(dir, "train.csv");
    const serve = join(dir, "serve.csv");
    writeFileSync(
      train,
      "email,n\n" + Array.from({ length: 30 }, (_, i) => `a@x.org,${i}`).join("\n") + "\n",
    );
    const rows = Array.from({ length: 30 }, (_, i) => `${i < 15 ? "a@x.org" : "new@y.org"},${i}`);
    writeFileSync(serve, "email,n\n" + rows.join("\n") + "\n");
    const schema = join(dir, "schema.json");
    expect(await main(["infer-schema", train, "-o", schema, "--sensitive", "email"], () => {})).toBe(0);
    expect(JSON.parse(readFileSync(schema, "utf8")).features[0]).toMatchObject({
      name: "email",
      sensitive: true,
    });
    process.env.DRIFTLAB_HASH_KEY = "cli-key";
    try {
      let out = "";
      expect(await main(["validate", serve, "--schema", schema, "--json"], (t) => (out += t))).toBe(1);
      expect(out).not.toContain("new@y.org");
      expect(out).toContain(hashValue("new@y.org", "cli-key"));
      expect(JSON.parse(out).omitted.redactedColumns).toEqual(["email"]);
      out = "";
      await main(["profile", serve, "--json", "--schema", schema], (t) => (out += t));
      expect(out).not.toContain("@y.org");
      expect(out).toContain(hashValue("a@x.org", "cli-key"));
      out = "";
      // --no-privacy: the pipeline's own choice.
      await main(["validate", serve, "--schema", schema, "--json", "--no-privacy"], (t) => (out += t));
      expect(out).toContain("new@y.org");
    } finally {
      delete process.env.DRIFTLAB_HASH_KEY;
    }
  });
});
