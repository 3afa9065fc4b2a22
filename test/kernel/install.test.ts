import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  installCommand,
  installKernel,
  kernelSpec,
  kernelsDirectory,
  uninstallCommand,
  uninstallKernel,
} from "../../src/cli/install.js";
import { repoRoot } from "./client.js";

let dir: string;
const savedDataDir = process.env.JUPYTER_DATA_DIR;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "driftlab-install-"));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (savedDataDir === undefined) delete process.env.JUPYTER_DATA_DIR;
  else process.env.JUPYTER_DATA_DIR = savedDataDir;
});

describe("driftlab install", () => {
  it("writes kernel.json that runs this Node on the built kernel, and both logos", () => {
    const { directory } = installKernel({ scope: "prefix", prefix: dir });
    expect(directory).toBe(join(dir, "share", "jupyter", "kernels", "driftlab"));
    const spec = JSON.parse(readFileSync(join(directory, "kernel.json"), "utf8"));
    expect(spec).toEqual({
      argv: [process.execPath, join(repoRoot, "dist", "kernel", "main.js"), "{connection_file}"],
      display_name: "TypeScript (driftlab)",
      language: "typescript",
      interrupt_mode: "message",
      metadata: { debugger: false },
    });
    for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
      const png = readFileSync(join(directory, logo));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    }
  });

  it("installs per user into $JUPYTER_DATA_DIR/kernels", () => {
    process.env.JUPYTER_DATA_DIR = join(dir, "data");
    expect(kernelsDirectory()).toBe(join(dir, "data", "kernels"));
    expect(installKernel({ scope: "user" }).directory).toBe(join(dir, "data", "kernels", "driftlab"));
  });

  it("asks python for sys.prefix with --sys-prefix", () => {
    expect(kernelsDirectory({ scope: "sys-prefix", python: "/usr/bin/python3" })).toBe(
      "/usr/share/jupyter/kernels",
    );
  });

  it("--print shows the spec and writes nothing", async () => {
    const lines: string[] = [];
    const code = await installCommand(["--prefix", dir, "--print", "--interrupt-mode", "signal"], (t) =>
      lines.push(t),
    );
    expect(code).toBe(0);
    expect(lines.join("\n")).toContain('"interrupt_mode": "signal"');
    expect(existsSync(join(dir, "share"))).toBe(false);
  });

  it("rejects two locations at once and unknown options", async () => {
    await expect(installCommand(["--user", "--prefix", dir], () => undefined)).rejects.toThrow(/choose one/);
    await expect(installCommand(["--global"], () => undefined)).rejects.toThrow(/unknown option --global/);
    expect(() => kernelsDirectory({ scope: "prefix" })).toThrow(/--prefix needs a folder/);
  });

  it("uninstall removes the kernelspec and says when there is none", async () => {
    installKernel({ scope: "prefix", prefix: dir });
    expect(uninstallKernel({ scope: "prefix", prefix: dir }).removed).toBe(true);
    expect(existsSync(join(dir, "share", "jupyter", "kernels", "driftlab"))).toBe(false);
    const lines: string[] = [];
    await uninstallCommand(["--prefix", dir], (t) => lines.push(t));
    expect(lines[0]).toMatch(/nothing removed/);
  });

  it("uses the kernel's name for the folder", () => {
    expect(installKernel({ scope: "prefix", prefix: dir, name: "drift2", dryRun: true }).directory).toBe(
      join(dir, "share", "jupyter", "kernels", "drift2"),
    );
    expect(kernelSpec("signal").interrupt_mode).toBe("signal");
  });
});
