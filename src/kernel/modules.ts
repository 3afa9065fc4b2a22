/**
 * Module loading for cells. tslab compiles cells to CommonJS (`require("x")`), but many packages — driftlab itself —
 * are ES modules whose package.json `exports` only have an `import` condition, which `require` cannot load. So before a
 * cell runs, every module it requires is resolved; ES modules are loaded with `import()` and handed to the cell's
 * `require` from a cache. Bare names resolve from the notebook folder first, then from driftlab's own folder, so
 * `import { profile } from "driftlab"` works in a notebook outside any npm project.
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

type Format = "commonjs" | "module";

interface Resolved {
  path: string;
  format: Format;
}

const builtins = new Set(builtinModules);
const ESM_CONDITIONS = new Set(["import", "node", "module-sync", "default"]);

export class ModuleLoader {
  private readonly modules = new Map<string, unknown>();
  private readonly resolutions = new Map<string, Resolved>();

  constructor(
    /** Where bare names are looked up when the notebook folder does not have them: driftlab's package folder. */
    private readonly fallbackRoot: string,
    private readonly fallbackName = "driftlab",
  ) {}

  /** Loads the ES modules that `code` (CommonJS output of a cell or a local module in `fromDir`) requires. */
  async preload(code: string, fromDir: string, isLocal: (path: string) => boolean): Promise<void> {
    for (const match of code.matchAll(/\brequire\((["'])([^"'\n]+)\1\)/g)) {
      const specifier = match[2];
      if (isBuiltin(specifier)) continue;
      const resolved = this.resolve(specifier, fromDir);
      if (resolved === null || resolved.format !== "module" || isLocal(resolved.path)) continue;
      if (!this.modules.has(resolved.path)) {
        this.modules.set(resolved.path, interop(await import(pathToFileURL(resolved.path).href)));
      }
    }
  }

  /** The `require` of code in `fromDir`. */
  require(specifier: string, fromDir: string): unknown {
    const nodeRequire = createRequire(join(fromDir, "[cell].js"));
    if (isBuiltin(specifier)) return nodeRequire(specifier);
    const resolved = this.resolve(specifier, fromDir);
    if (resolved === null) return nodeRequire(specifier); // throws Node's own "Cannot find module" error
    const loaded = this.modules.get(resolved.path);
    if (loaded !== undefined) return loaded;
    return nodeRequire(resolved.path);
  }

  resolve(specifier: string, fromDir: string): Resolved | null {
    const key = `${fromDir}\0${specifier}`;
    const cached = this.resolutions.get(key);
    if (cached !== undefined) return cached;
    const resolved = this.resolveUncached(specifier, fromDir);
    // Failures are not cached: the user may install the package and run the cell again.
    if (resolved !== null) this.resolutions.set(key, resolved);
    return resolved;
  }

  private resolveUncached(specifier: string, fromDir: string): Resolved | null {
    const relative = specifier.startsWith(".") || specifier.startsWith("/");
    const bases = relative ? [fromDir] : [fromDir, this.fallbackRoot];
    for (const base of bases) {
      try {
        const path = createRequire(join(base, "[cell].js")).resolve(specifier);
        return { path, format: formatOf(path) };
      } catch {
        if (relative) continue;
        const path = this.resolveEsmPackage(specifier, base);
        if (path !== undefined) return { path, format: formatOf(path) };
      }
    }
    return null;
  }

  /** Node's ESM resolution of `name/subpath` through package.json `exports` (import conditions), from `base`. */
  private resolveEsmPackage(specifier: string, base: string): string | undefined {
    const parts = specifier.split("/");
    const nameLength = specifier.startsWith("@") ? 2 : 1;
    const name = parts.slice(0, nameLength).join("/");
    const subpath = parts.length > nameLength ? "./" + parts.slice(nameLength).join("/") : ".";
    const packageDir =
      name === this.fallbackName && base === this.fallbackRoot
        ? this.fallbackRoot
        : findPackageDir(name, base);
    if (packageDir === undefined) return undefined;
    const manifest = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
      exports?: unknown;
      main?: string;
      module?: string;
    };
    if (manifest.exports === undefined) {
      const target = subpath === "." ? (manifest.main ?? "index.js") : subpath;
      return existsSync(join(packageDir, target)) ? join(packageDir, target) : undefined;
    }
    const target = exportTarget(manifest.exports, subpath);
    return target === undefined ? undefined : join(packageDir, target);
  }
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtins.has(specifier);
}

function findPackageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function exportTarget(exports: unknown, subpath: string): string | undefined {
  const isSubpathMap =
    typeof exports === "object" &&
    exports !== null &&
    Object.keys(exports).some((key) => key.startsWith("."));
  if (!isSubpathMap) return subpath === "." ? conditionalTarget(exports) : undefined;
  const map = exports as Record<string, unknown>;
  if (subpath in map) return conditionalTarget(map[subpath]);
  for (const [pattern, target] of Object.entries(map)) {
    const star = pattern.indexOf("*");
    if (star < 0) continue;
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= pattern.length - 1) {
      const matched = subpath.slice(prefix.length, subpath.length - suffix.length);
      return conditionalTarget(target)?.replaceAll("*", matched);
    }
  }
  return undefined;
}

function conditionalTarget(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionalTarget(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== "object" || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (!ESM_CONDITIONS.has(condition)) continue;
    const found = conditionalTarget(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

function formatOf(path: string): Format {
  if (path.endsWith(".mjs")) return "module";
  if (!path.endsWith(".js")) return "commonjs";
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, "utf8")) as { type?: string }).type === "module"
          ? "module"
          : "commonjs";
      } catch {
        return "commonjs";
      }
    }
    if (dirname(dir) === dir) return "commonjs";
  }
}

/** An ES module namespace as TypeScript's CommonJS output expects it: `__esModule` set, live bindings kept. */
function interop(namespace: Record<string, unknown>): Record<string, unknown> {
  const module: Record<string, unknown> = {};
  Object.defineProperty(module, "__esModule", { value: true });
  for (const key of Object.keys(namespace)) {
    Object.defineProperty(module, key, { enumerable: true, get: () => namespace[key] });
  }
  return module;
}
