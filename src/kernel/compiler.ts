/**
 * Type-checks and compiles cells with tslab's converter (tslab 1.0.22, its internal `dist/converter` module), and
 * answers completion, inspection and is-complete questions about a cell.
 *
 * tslab builds its compiler options inside `createConverter` with no way to extend them, so we load its converter with
 * one added line: the options pass through `extendCompilerOptions`, which maps `driftlab` to this package's own
 * declarations and `@types/node` to this package's own when the notebook folder has none (notebooks outside an npm
 * project still type-check `import { profile } from "driftlab"`). If tslab's source ever stops matching, the stock
 * converter is used and only those two fallbacks are lost.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import vm from "node:vm";
import type * as ts from "@tslab/typescript-for-tslab";
import type { ConvertResult, Converter, Diagnostic } from "tslab/dist/converter.js";
import type { CompleteOutcome, ErrorOutcome, InspectOutcome, IsCompleteOutcome } from "./ipc.js";
import { packageRoot } from "./package-root.js";

type ConverterModule = typeof import("tslab/dist/converter.js");
type CompilerOptions = Record<string, unknown> & { typeRoots?: string[] };

const require = createRequire(import.meta.url);
const converterPath = require.resolve("tslab/dist/converter.js");
const typescriptPath = createRequire(converterPath).resolve("@tslab/typescript-for-tslab");
const typescriptCode = loadWithCodeCache(typescriptPath);
const tsModule = createRequire(converterPath)("@tslab/typescript-for-tslab") as typeof ts;

/**
 * Loads a large CommonJS file (TypeScript, 9 MB) into the module cache through `vm.Script` with V8's code cache, kept in
 * `$XDG_CACHE_HOME/driftlab` (or ~/.cache/driftlab). Node 20 has no module compile cache; this one makes the runner
 * ready about a third sooner. Without a writable cache folder it just loads the file.
 */
function loadWithCodeCache(path: string): { save(): void } {
  const stat = statSync(path);
  const key = createHash("sha256")
    .update([path, stat.size, stat.mtimeMs, process.version, process.arch].join("\0"))
    .digest("hex")
    .slice(0, 16);
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "driftlab");
  const cacheFile = join(cacheDir, `v8-${basename(path, ".js")}-${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // first run
  }
  const script = new vm.Script(Module.wrap(readFileSync(path, "utf8")), { filename: path, cachedData });
  const loaded = new Module(path);
  const internals = Module as unknown as { _nodeModulePaths(dir: string): string[] };
  loaded.filename = path;
  loaded.paths = internals._nodeModulePaths(dirname(path));
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    loaded.exports,
    loaded.exports,
    createRequire(path),
    loaded,
    path,
    dirname(path),
  );
  loaded.loaded = true;
  require.cache[path] = loaded;
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    // After the converter ran, so the cache also holds the functions compiled while parsing the libraries.
    save() {
      if (!fresh) return;
      try {
        mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // a read-only home: no cache
      }
    },
  };
}

/** The line of tslab's converter.js where its compiler options can be extended. */
const OPTIONS_ANCHOR = "typeRoots: getTypeRoots(),";

function loadConverterModule(extend: (options: CompilerOptions) => CompilerOptions): ConverterModule {
  const source = readFileSync(converterPath, "utf8");
  if (!source.includes(OPTIONS_ANCHOR)) return require(converterPath) as ConverterModule;
  const patched = source.replace(
    OPTIONS_ANCHOR,
    "...module.driftlabExtendOptions({ typeRoots: getTypeRoots() }),",
  );
  const internals = Module as unknown as { _nodeModulePaths(dir: string): string[] };
  const loaded = new Module(converterPath) as Module & {
    driftlabExtendOptions: typeof extend;
    _compile(source: string, filename: string): void;
  };
  loaded.filename = converterPath;
  loaded.paths = internals._nodeModulePaths(dirname(converterPath));
  loaded.driftlabExtendOptions = extend;
  loaded._compile(patched, converterPath);
  return loaded.exports as ConverterModule;
}

function findUp(from: string, relative: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return undefined;
  }
}

/** The compiler options we add to tslab's, for a notebook in `cwd`. */
export function extendCompilerOptions(options: CompilerOptions, cwd: string): CompilerOptions {
  const root = packageRoot();
  const extended: CompilerOptions = { ...options };
  if (findUp(cwd, join("node_modules", "driftlab", "package.json")) === undefined) {
    extended.paths = {
      driftlab: [join(root, "dist", "index.d.ts")],
      "driftlab/*": [join(root, "dist", "*")],
    };
  }
  // tslab falls back to its own @types (node 18) when the notebook folder has no @types/node; prefer ours.
  const tslabTypes = join(dirname(converterPath), "..", "node_modules", "@types");
  if (options.typeRoots?.includes(tslabTypes)) {
    try {
      const ownTypes = dirname(
        dirname(createRequire(join(root, "package.json")).resolve("@types/node/package.json")),
      );
      extended.typeRoots = options.typeRoots.map((typeRoot) =>
        typeRoot === tslabTypes ? ownTypes : typeRoot,
      );
      // Only node's: the other @types of driftlab's own folder are its business, and parsing them slows the start.
      extended.types = ["node"];
    } catch {
      // @types/node is a dev dependency: an installed driftlab may not have it; tslab's own then stays.
    }
  }
  return extended;
}

export class CellCompiler {
  private readonly converter: Converter;

  constructor(cwd = process.cwd()) {
    const converterModule = loadConverterModule((options) => extendCompilerOptions(options, cwd));
    this.converter = converterModule.createConverter({ isJS: false, isBrowser: false });
    this.converter.convert("", "0");
    typescriptCode.save();
  }

  convert(previousDeclarations: string, code: string): ConvertResult {
    return this.converter.convert(previousDeclarations, code);
  }

  complete(previousDeclarations: string, code: string, cursor: number): CompleteOutcome {
    const info = this.converter.complete(previousDeclarations, code, cursor);
    const entries = info.original?.entries ?? [];
    const kinds = new Map(entries.map((entry) => [entry.name, String(entry.kind)]));
    return {
      start: info.start,
      end: info.end,
      matches: info.candidates,
      types: info.candidates.map((text) => ({ text, type: kinds.get(text) ?? "" })),
    };
  }

  inspect(previousDeclarations: string, code: string, cursor: number): InspectOutcome {
    // Frontends send the cursor just after the name; quick info wants a position inside it.
    const info =
      this.converter.inspect(previousDeclarations, code, cursor) ??
      (cursor > 0 ? this.converter.inspect(previousDeclarations, code, cursor - 1) : undefined);
    if (info === undefined) return { found: false, data: {} };
    const signature = tsModule.displayPartsToString(info.displayParts);
    const documentation = tsModule.displayPartsToString(info.documentation);
    const tags = (info.tags ?? []).map((tag) =>
      `@${tag.name} ${tsModule.displayPartsToString(tag.text)}`.trimEnd(),
    );
    const prose = [documentation, ...tags].filter((part) => part !== "").join("\n");
    return {
      found: signature !== "" || prose !== "",
      data: {
        "text/plain": prose === "" ? signature : `${signature}\n\n${prose}`,
        "text/markdown": "```typescript\n" + signature + "\n```" + (prose === "" ? "" : `\n\n${prose}`),
      },
    };
  }

  close(): void {
    this.converter.close();
  }
}

/**
 * Whether a cell is complete, incomplete (it only lacks its end: `let x = {`, an open template string or comment) or
 * invalid (a syntax error before its end: `let x = )`). Needs only the parser, not the type checker.
 */
export function isComplete(code: string): IsCompleteOutcome {
  const file = tsModule.createSourceFile(
    "cell.ts",
    code,
    tsModule.ScriptTarget.Latest,
    false,
    tsModule.ScriptKind.TS,
  );
  const diagnostics = (file as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  const end = code.length;
  const onlyLacksItsEnd = diagnostics.every((diagnostic) => {
    const message = tsModule.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    const atEnd = diagnostic.start >= end;
    const unterminated = diagnostic.code === UNTERMINATED_TEMPLATE || diagnostic.code === COMMENT_NOT_CLOSED;
    return unterminated || (atEnd && message.endsWith(" expected."));
  });
  return onlyLacksItsEnd ? { status: "incomplete", indent: nextIndent(code) } : { status: "invalid" };
}

const UNTERMINATED_TEMPLATE = 1160;
const COMMENT_NOT_CLOSED = 1010;

/** The indent of the next line: the current line's, plus two spaces after an opening bracket. */
function nextIndent(code: string): string {
  const line = code.slice(code.lastIndexOf("\n") + 1);
  const current = /^\s*/.exec(line)![0];
  return /[{([]\s*$/.test(line) ? current + "  " : current;
}

const red = (text: string): string => `\x1b[31;1m${text}\x1b[0m`;
const cyan = (text: string): string => `\x1b[36m${text}\x1b[0m`;
const grey = (text: string): string => `\x1b[90m${text}\x1b[0m`;

/**
 * Type errors as a compiler prints them: `cell:1:7 - error TS2322: Type 'string' is not assignable to type 'number'.`
 * and the source line with the span underlined. `ename` is "TSError"; `evalue` is the first error,
 * "TS2322: Type 'string' is not assignable to type 'number'." (line and column are in the traceback).
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], code: string): ErrorOutcome {
  const lines = code.split("\n");
  const traceback: string[] = [];
  let previous: Diagnostic | undefined;
  let first: Diagnostic | undefined;
  for (const diagnostic of diagnostics) {
    const continues =
      previous !== undefined &&
      diagnostic.fileName === undefined &&
      diagnostic.start.offset === previous.start.offset &&
      diagnostic.end.offset === previous.end.offset;
    if (continues) {
      // A message chain ("Type X is not assignable… / Property y is missing…"): indent under its head.
      traceback.push(`  ${diagnostic.messageText}`);
      continue;
    }
    first ??= diagnostic;
    previous = diagnostic;
    const where = `${diagnostic.fileName ?? "cell"}:${diagnostic.start.line + 1}:${diagnostic.start.character + 1}`;
    if (traceback.length > 0) traceback.push("");
    traceback.push(
      `${cyan(where)} - ${red("error")} ${grey(`TS${diagnostic.code}:`)} ${diagnostic.messageText}`,
    );
    if (diagnostic.fileName === undefined && lines[diagnostic.start.line] !== undefined) {
      const number = String(diagnostic.start.line + 1);
      const source = lines[diagnostic.start.line];
      const width =
        diagnostic.end.line === diagnostic.start.line
          ? Math.max(1, diagnostic.end.character - diagnostic.start.character)
          : Math.max(1, source.length - diagnostic.start.character);
      traceback.push(`${grey(number + " |")} ${source}`);
      traceback.push(
        `${grey(" ".repeat(number.length) + " |")} ${" ".repeat(diagnostic.start.character)}${red("~".repeat(width))}`,
      );
    }
  }
  if (first === undefined)
    return { status: "error", ename: "TSError", evalue: "Compilation failed.", traceback };
  return { status: "error", ename: "TSError", evalue: `TS${first.code}: ${first.messageText}`, traceback };
}
