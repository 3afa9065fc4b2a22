import { describe, expect, it } from "vitest";
import { commandNames } from "../../src/cli/main.js";
import { run } from "./run.js";

describe("driftlab <command> --help", () => {
  it("prints that command's usage and exits 0, for every command", async () => {
    const names = commandNames();
    expect(names).toEqual(
      expect.arrayContaining(["profile", "drift", "fairness", "validate", "infer-schema"]),
    );
    for (const name of names) {
      for (const help of ["--help", "-h"]) {
        const { code, out } = await run([name, help]);
        expect(code, `${name} ${help}`).toBe(0);
        expect(out.startsWith(`driftlab ${name}`), `${name} ${help}: ${out}`).toBe(true);
        expect(out).toContain("Exit codes");
      }
    }
  });

  it("prints the same with `driftlab help <command>`, and exits 2 for an unknown command", async () => {
    expect(await run(["help", "drift"])).toEqual(await run(["drift", "--help"]));
    expect((await run(["help", "no-such-command"])).code).toBe(2);
  });

  it("shows --help even when the other arguments are incomplete", async () => {
    const { code, out } = await run(["validate", "--help", "--schema"]);
    expect(code).toBe(0);
    expect(out).toContain("--schema");
  });
});
