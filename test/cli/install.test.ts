import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  installCommand,
  jupyterLabVersion,
  LABEXTENSION_NAME,
  otherLabextensionCopies,
  prebuiltLabextension,
} from "../../src/cli/install.js";

let dir: string;
const saved = { data: process.env.JUPYTER_DATA_DIR, path: process.env.JUPYTER_PATH };

/** A stand-in for python3 that reports `labVersion` for `import jupyterlab` and `prefix` as sys.prefix. */
function fakePython(labVersion: string | undefined, prefix: string): string {
  const file = join(dir, "python");
  writeFileSync(
    file,
    [
      "#!/bin/sh",
      'case "$2" in',
      `  *jupyterlab*) ${labVersion === undefined ? "exit 1" : `echo ${labVersion}`} ;;`,
      `  *sys.prefix*) echo ${prefix} ;;`,
      "esac",
      "",
    ].join("\n"),
  );
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "driftlab-labext-"));
  process.env.JUPYTER_DATA_DIR = join(dir, "data");
  process.env.JUPYTER_PATH = join(dir, "other");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  if (saved.data === undefined) delete process.env.JUPYTER_DATA_DIR;
  else process.env.JUPYTER_DATA_DIR = saved.data;
  if (saved.path === undefined) delete process.env.JUPYTER_PATH;
  else process.env.JUPYTER_PATH = saved.path;
});

describe("driftlab install: the JupyterLab extension", () => {
  it("ships the prebuilt extension that npm run build makes", () => {
    const prebuilt = prebuiltLabextension();
    expect(prebuilt, "extension/labextension is missing: npm run build makes it").toBeDefined();
    const data = JSON.parse(readFileSync(join(prebuilt!, "package.json"), "utf8"));
    expect(data.name).toBe(LABEXTENSION_NAME);
    expect(data.jupyterlab._build.mimeExtension).toBeDefined();
    expect(data.jupyterlab._build.extension).toBeDefined();
  });

  it("copies it next to the kernel and says where, with no warning when nothing else is found", async () => {
    const python = fakePython(undefined, join(dir, "prefix"));
    const lines: string[] = [];
    expect(await installCommand(["--user", "--python", python], (t) => lines.push(t))).toBe(0);
    const target = join(dir, "data", "labextensions", LABEXTENSION_NAME);
    expect(existsSync(join(target, "package.json"))).toBe(true);
    expect(lines.join("\n")).toContain(`Installed the JupyterLab extension ${LABEXTENSION_NAME}`);
    expect(lines.join("\n")).toContain(target);
    expect(lines.join("\n")).toContain(join(dir, "data", "kernels", "driftlab"));
    expect(lines.join("\n")).not.toContain("Warning");
  });

  it("warns about a second copy on the Jupyter path and about a JupyterLab older than 4", async () => {
    const other = join(dir, "other", "labextensions", LABEXTENSION_NAME);
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, "package.json"), JSON.stringify({ name: LABEXTENSION_NAME, version: "0.0.1" }));
    const python = fakePython("3.6.8", join(dir, "prefix"));
    const lines: string[] = [];
    await installCommand(["--user", "--python", python], (t) => lines.push(t));
    const text = lines.join("\n");
    expect(text).toContain(`Warning: another copy of ${LABEXTENSION_NAME} is in ${other}`);
    expect(text).toContain("Warning: JupyterLab 3.6.8");
    expect(otherLabextensionCopies(join(dir, "data", "labextensions", LABEXTENSION_NAME), python)).toEqual([
      other,
    ]);
  });

  it("reads JupyterLab's version from an application folder when Python cannot import it", () => {
    const python = fakePython(undefined, join(dir, "prefix"));
    const staticDir = join(dir, "prefix", "share", "jupyter", "lab", "static");
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, "package.json"), JSON.stringify({ version: "4.6.4" }));
    expect(jupyterLabVersion(python)).toEqual({ version: "4.6.4", where: join(staticDir, "package.json") });
    rmSync(staticDir, { recursive: true });
    expect(jupyterLabVersion(python)).toBeUndefined();
  });
});
