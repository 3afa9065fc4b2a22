/**
 * `driftlab install` / `driftlab uninstall`: writes or removes the kernelspec of driftlab's Jupyter kernel
 * (kernel.json + logos) where Jupyter looks for kernels.
 * https://jupyter-client.readthedocs.io/en/stable/kernels.html#kernel-specs
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DriftlabError } from "../errors.js";
import { checkKnown, flag, parseArgs, stringOption } from "./args.js";

/** Where the kernelspec goes. */
export interface KernelLocationOptions {
  /**
   * `user` (default): `$JUPYTER_DATA_DIR/kernels`, else the per-user Jupyter data dir (`~/.local/share/jupyter` on
   * Linux, `~/Library/Jupyter` on macOS, `%APPDATA%\jupyter` on Windows). `sys-prefix`: `<sys.prefix of python>/share/
   * jupyter/kernels`. `prefix`: `<prefix>/share/jupyter/kernels`.
   */
  scope?: "user" | "sys-prefix" | "prefix";
  /** Required with scope `prefix`. */
  prefix?: string;
  /** The Python whose `sys.prefix` is used with scope `sys-prefix`. Default `python3` on PATH, then /usr/bin/python3. */
  python?: string;
  /** The kernel's folder name, what notebooks refer to in `kernelspec.name`. Default `driftlab`. */
  name?: string;
}

export interface InstallOptions extends KernelLocationOptions {
  /** How Jupyter interrupts the kernel: `message` (interrupt_request, default) or `signal` (SIGINT). */
  interruptMode?: "message" | "signal";
  /** Compute and return the kernelspec without writing anything. Default false. */
  dryRun?: boolean;
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: "message" | "signal";
  metadata: Record<string, unknown>;
}

export interface InstallResult {
  /** The kernelspec folder (…/kernels/driftlab). */
  directory: string;
  spec: KernelSpec;
}

/** driftlab's package folder (this file is dist/cli/install.js once built). */
function packagePath(...parts: string[]): string {
  return fileURLToPath(new URL(["..", "..", ...parts].join("/"), import.meta.url));
}

/** The kernel.json of driftlab's kernel: the current Node runs dist/kernel/main.js. */
export function kernelSpec(interruptMode: "message" | "signal" = "message"): KernelSpec {
  return {
    argv: [process.execPath, packagePath("dist", "kernel", "main.js"), "{connection_file}"],
    display_name: "TypeScript (driftlab)",
    language: "typescript",
    interrupt_mode: interruptMode,
    metadata: { debugger: false },
  };
}

/** The `kernels` folder for `options` (without the kernel's own folder). */
export function kernelsDirectory(options: KernelLocationOptions = {}): string {
  switch (options.scope ?? "user") {
    case "user":
      return join(jupyterDataDir(), "kernels");
    case "prefix":
      if (options.prefix === undefined || options.prefix === "") {
        throw new DriftlabError(
          "INVALID_OPTION",
          "driftlab install --prefix needs a folder, e.g. --prefix ~/venv.",
          {
            subject: "prefix",
          },
        );
      }
      return join(options.prefix, "share", "jupyter", "kernels");
    case "sys-prefix":
      return join(pythonSysPrefix(options.python), "share", "jupyter", "kernels");
  }
}

/** jupyter_core's `jupyter_data_dir()`. */
export function jupyterDataDir(): string {
  const fromEnv = process.env.JUPYTER_DATA_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (process.platform === "darwin") return join(homedir(), "Library", "Jupyter");
  if (process.platform === "win32")
    return join(process.env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "jupyter");
  const xdg = process.env.XDG_DATA_HOME;
  return join(xdg !== undefined && xdg !== "" ? xdg : join(homedir(), ".local", "share"), "jupyter");
}

function pythonSysPrefix(python: string | undefined): string {
  const candidates = python !== undefined ? [python] : ["python3", "/usr/bin/python3"];
  for (const candidate of candidates) {
    try {
      return execFileSync(candidate, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
    } catch {
      // try the next one
    }
  }
  throw new DriftlabError(
    "INVALID_OPTION",
    `driftlab install --sys-prefix: cannot run ${candidates.join(" or ")} to ask for sys.prefix. ` +
      "Name the Python with --python, or give the prefix with --prefix.",
    { subject: "sys-prefix" },
  );
}

/** Writes kernel.json and the logos into `<kernels>/<name>/`, replacing an earlier install. */
export function installKernel(options: InstallOptions = {}): InstallResult {
  const directory = join(kernelsDirectory(options), options.name ?? "driftlab");
  const spec = kernelSpec(options.interruptMode);
  if (options.dryRun === true) return { directory, spec };
  if (!existsSync(spec.argv[1])) {
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `The kernel is not built: ${spec.argv[1]} is missing. Run npm run build.`,
      {
        subject: spec.argv[1],
      },
    );
  }
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  for (const logo of ["logo-32x32.png", "logo-64x64.png"]) {
    const source = packagePath("kernel", logo);
    if (existsSync(source)) copyFileSync(source, join(directory, logo));
  }
  return { directory, spec };
}

/** The JupyterLab extension's name: the folder under `labextensions/` that JupyterLab loads it from. */
export const LABEXTENSION_NAME = "driftlab-jupyterlab";

/** The prebuilt extension shipped in this package (`extension/labextension`, made by `npm run build`). */
export function prebuiltLabextension(): string | undefined {
  const source = packagePath("extension", "labextension");
  return existsSync(join(source, "package.json")) ? source : undefined;
}

/**
 * Copies the prebuilt JupyterLab extension (`extension/labextension`, built by `npm run build`) into
 * `<data dir>/labextensions/driftlab-jupyterlab` next to the kernels folder, replacing an earlier copy, as
 * `jupyter labextension develop` would. Returns the folder, or undefined when the package has no prebuilt extension.
 */
export function installLabextension(options: KernelLocationOptions = {}): string | undefined {
  const source = prebuiltLabextension();
  if (source === undefined) return undefined;
  const directory = labextensionDirectory(options);
  rmSync(directory, { recursive: true, force: true });
  cpSync(source, directory, { recursive: true });
  return directory;
}

/** Where {@link installLabextension} puts the extension for `options`. */
export function labextensionDirectory(options: KernelLocationOptions = {}): string {
  return join(dirname(kernelsDirectory(options)), "labextensions", LABEXTENSION_NAME);
}

/**
 * The Jupyter data folders JupyterLab reads labextensions from, as jupyter_core's `jupyter_path()` lists them:
 * `$JUPYTER_PATH` entries, the user data dir, `<sys.prefix>/share/jupyter` (when `python` answers), then
 * `/usr/local/share/jupyter` and `/usr/share/jupyter`.
 */
export function jupyterDataPath(python?: string): string[] {
  const paths: string[] = [];
  const fromEnv = process.env.JUPYTER_PATH;
  if (fromEnv !== undefined && fromEnv !== "")
    paths.push(...fromEnv.split(delimiter).filter((p) => p !== ""));
  paths.push(jupyterDataDir());
  try {
    paths.push(join(pythonSysPrefix(python), "share", "jupyter"));
  } catch {
    // no Python: only the fixed locations below
  }
  if (process.platform !== "win32") paths.push("/usr/local/share/jupyter", "/usr/share/jupyter");
  return [...new Set(paths.map((p) => resolve(p)))];
}

/** Other copies of the extension JupyterLab would also find (it loads one of them: confusing when they differ). */
export function otherLabextensionCopies(installed: string, python?: string): string[] {
  return jupyterDataPath(python)
    .map((p) => join(p, "labextensions", LABEXTENSION_NAME))
    .filter((p) => resolve(p) !== resolve(installed) && existsSync(join(p, "package.json")));
}

/**
 * The version of the JupyterLab that `python` imports (`jupyterlab.__version__`), else the version in a JupyterLab
 * application folder (`<data>/lab/static/package.json`) on the Jupyter data path; undefined when none is found.
 */
export function jupyterLabVersion(python?: string): { version: string; where: string } | undefined {
  for (const candidate of python !== undefined ? [python] : ["python3", "/usr/bin/python3"]) {
    try {
      const version = execFileSync(candidate, ["-c", "import jupyterlab; print(jupyterlab.__version__)"], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 20_000,
      }).trim();
      if (version !== "") return { version, where: `${candidate} (import jupyterlab)` };
    } catch {
      // not importable by this Python
    }
  }
  for (const data of jupyterDataPath(python)) {
    const file = join(data, "lab", "static", "package.json");
    if (!existsSync(file)) continue;
    try {
      const version = (JSON.parse(readFileSync(file, "utf8")) as { version?: unknown }).version;
      if (typeof version === "string") return { version, where: file };
    } catch {
      // unreadable: keep looking
    }
  }
  return undefined;
}

/** Removes `<kernels>/<name>/`; returns whether it existed. */
export function uninstallKernel(options: KernelLocationOptions = {}): {
  directory: string;
  removed: boolean;
} {
  const directory = join(kernelsDirectory(options), options.name ?? "driftlab");
  const existed = existsSync(join(directory, "kernel.json"));
  if (existed) rmSync(directory, { recursive: true, force: true });
  return { directory, removed: existed };
}

export const installUsage = `install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--python PY]
        [--interrupt-mode message|signal] [--print]
    Installs the Jupyter kernel "TypeScript (driftlab)". --user (default): the per-user Jupyter data dir
    ($JUPYTER_DATA_DIR if set). --print: show kernel.json and where it would go, write nothing.`;

export const uninstallUsage = `uninstall [--user | --sys-prefix | --prefix DIR] [--name NAME] [--python PY]
    Removes the kernel installed by driftlab install.`;

function locationFromArgs(args: readonly string[], command: string, extra: readonly string[]) {
  const parsed = parseArgs(args, ["prefix", "name", "python", "interrupt-mode"]);
  checkKnown(parsed, command, ["user", "sys-prefix", "prefix", "name", "python", ...extra]);
  if (parsed.positional.length > 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab ${command} takes no arguments (got "${parsed.positional[0]}").`,
    );
  }
  const prefix = stringOption(parsed, "prefix");
  const scopes = [flag(parsed, "user"), flag(parsed, "sys-prefix"), prefix !== undefined].filter(
    Boolean,
  ).length;
  if (scopes > 1) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab ${command}: choose one of --user, --sys-prefix, --prefix.`,
    );
  }
  const scope: KernelLocationOptions["scope"] =
    prefix !== undefined ? "prefix" : flag(parsed, "sys-prefix") ? "sys-prefix" : "user";
  return {
    parsed,
    location: { scope, prefix, name: stringOption(parsed, "name"), python: stringOption(parsed, "python") },
  };
}

/** `driftlab install ...`; returns the exit code. */
export async function installCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const { parsed, location } = locationFromArgs(args, "install", ["interrupt-mode", "print"]);
  const interruptMode = stringOption(parsed, "interrupt-mode") ?? "message";
  if (interruptMode !== "message" && interruptMode !== "signal") {
    throw new DriftlabError(
      "INVALID_OPTION",
      `--interrupt-mode is "message" or "signal", not "${interruptMode}".`,
      {
        subject: "interrupt-mode",
      },
    );
  }
  const dryRun = flag(parsed, "print");
  const result = installKernel({ ...location, interruptMode, dryRun });
  const json = join(result.directory, "kernel.json");
  if (dryRun) out(`Would write ${json}:\n${JSON.stringify(result.spec, null, 2)}`);
  else out(`Installed the kernel "${result.spec.display_name}" in ${result.directory}`);
  if (dryRun) {
    out(
      prebuiltLabextension() === undefined
        ? "Would not install the JupyterLab extension: this package has no prebuilt one (run npm run build)."
        : `Would copy the JupyterLab extension to ${labextensionDirectory(location)}`,
    );
    return 0;
  }
  const labextension = installLabextension(location);
  if (labextension !== undefined) {
    out(
      `Installed the JupyterLab extension ${LABEXTENSION_NAME} (report widgets, export commands, Data health panel) in ${labextension}; restart or reload JupyterLab`,
    );
    for (const other of otherLabextensionCopies(labextension, location.python)) {
      out(
        `Warning: another copy of ${LABEXTENSION_NAME} is in ${other}; JupyterLab loads only one of them. Remove the one you do not want (rm -r "${other}").`,
      );
    }
  } else {
    out(
      "No prebuilt JupyterLab extension in this package (extension/labextension): in a clone of driftlab, run `npm run build` and install again. Reports still show as static HTML and Vega-Lite without it.",
    );
  }
  const lab = jupyterLabVersion(location.python);
  if (lab !== undefined && Number.parseInt(lab.version, 10) < 4) {
    out(
      `Warning: JupyterLab ${lab.version} (${lab.where}) is older than 4; the driftlab extension needs JupyterLab 4 and will not load there (reports fall back to static HTML and Vega-Lite). Upgrade JupyterLab to 4.x.`,
    );
  }
  return 0;
}

/** `driftlab uninstall ...`; returns the exit code. */
export async function uninstallCommand(
  args: readonly string[],
  out: (text: string) => void,
): Promise<number> {
  const { location } = locationFromArgs(args, "uninstall", []);
  const result = uninstallKernel(location);
  out(
    result.removed
      ? `Removed ${result.directory}`
      : `No driftlab kernel in ${result.directory}; nothing removed.`,
  );
  return 0;
}
