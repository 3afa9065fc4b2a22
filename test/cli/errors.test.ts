import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asDriftlabError, inCliWords } from "../../src/cli/failure.js";
import { captureStderr, run } from "./run.js";

const stderr = captureStderr();

function file(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "driftlab-cli-errors-"));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("the CLI speaks for itself", () => {
  it("says an unwritable --html path in one line with a code, no stack trace", async () => {
    const data = file("a.csv", "x\n1\n2\n");
    const { code } = await run(["profile", data, "--html", "/nonexistent-folder-17/page.html"]);
    expect(code).toBe(2);
    expect(stderr()).toMatch(
      /^driftlab profile: cannot write \/nonexistent-folder-17\/page.html: the folder does not exist; create it first or choose another path\. \[WRITE_FAILED\]\n$/,
    );
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it("says a folder given as --html file, and shows the stack only with --debug", async () => {
    const data = file("a.csv", "x\n1\n2\n");
    const dir = mkdtempSync(join(tmpdir(), "driftlab-cli-dir-"));
    expect((await run(["profile", data, "--html", dir])).code).toBe(2);
    expect(stderr()).toContain("it is a folder; give a file name. [WRITE_FAILED]");
    const before = stderr().length;
    expect((await run(["profile", data, "--html", dir, "--debug"])).code).toBe(2);
    expect(stderr().slice(before)).toMatch(/EISDIR[^\n]*\n\s+at /);
  });

  it("names CLI flags in advice: --encoding and --invalid-utf8 for Latin-1 bytes, then reads with them", async () => {
    const data = file("latin.csv", Buffer.from("city\nS\xe3o Paulo\n", "latin1"));
    expect((await run(["profile", data])).code).toBe(2);
    expect(stderr()).toContain("read it with --encoding latin1");
    expect(stderr()).toContain("pass --invalid-utf8 replace");
    expect(stderr()).toContain("[INVALID_UTF8]");
    expect(stderr()).not.toContain("{ encoding");
    const { code, out } = await run(["profile", data, "--encoding", "latin1", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out).features[0].categorical.top[0].value).toBe("São Paulo");
  });

  it("puts renamed duplicate and empty column names on stderr() and into the report", async () => {
    const data = file("dup.csv", "a,a,,b\n1,2,3,x\n4,5,6,y\n");
    const { code, out } = await run(["profile", data, "--json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.warnings).toEqual([
      `${data}: column 3 has no name in the header; it was named "column_3".`,
      `${data}: column name "a" appears more than once; the repeat was renamed "a_2".`,
    ]);
    expect(stderr()).toContain(`driftlab: warning: ${data}: column name "a" appears more than once`);
    const drift = await run(["drift", data, data, "--json"]);
    expect(JSON.parse(drift.out).warnings).toHaveLength(2);
  });

  it("reads --kinds and rejects a malformed one with the fix", async () => {
    const data = file("k.csv", "zip,n\n01234,1\n02345,2\n");
    const { out } = await run(["profile", data, "--kinds", "zip=categorical", "--json"]);
    expect(JSON.parse(out).features[0].kind).toBe("categorical");
    expect((await run(["profile", data, "--kinds", "zip"])).code).toBe(2);
    expect(stderr()).toContain('--kinds "zip": write column=kind');
  });

  it("turns unexpected errors into coded messages", () => {
    expect(asDriftlabError(new RangeError("Invalid string length")).code).toBe("TOO_LARGE");
    const internal = asDriftlabError(new TypeError("x is undefined"));
    expect(internal.code).toBe("INTERNAL_ERROR");
    expect(internal.message).toContain("--debug");
    expect(inCliWords("Pass positiveLabel to name the positive class")).toBe(
      "Pass --positive-label to name the positive class",
    );
    expect(inCliWords('positiveLabel "yes" does not occur')).toBe('--positive-label "yes" does not occur');
  });
});
