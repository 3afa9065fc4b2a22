/**
 * Runs cells in the runner process and keeps their state, the way tslab's executor does (variables of earlier cells
 * live on one `exports` object; the declarations of earlier cells are fed back to the type checker), but returning
 * the last value and errors as data instead of printing them.
 *
 * Interrupts: a cell runs inside `vm.runInThisContext(..., { breakOnSigint: true })`, so SIGINT stops synchronous code
 * (`while (true) {}`, also in functions of earlier cells) with an exception and the process — and every variable —
 * survives. Awaiting cells are stopped by racing them against a promise that the kernel's interrupt notice (naming the
 * cell) rejects.
 */
import Module from "node:module";
import { dirname, extname, join } from "node:path";
import { inspect } from "node:util";
import vm from "node:vm";
import type { ConvertResult } from "tslab/dist/converter.js";
import { isPromiseLike, mimeBundleOf, plainText, type MimeBundle } from "../display/bundle.js";
import { formatDiagnostics, type CellCompiler } from "./compiler.js";
import type { CompleteOutcome, ErrorOutcome, ExecuteOutcome, InspectOutcome } from "./ipc.js";
import type { ModuleLoader } from "./modules.js";

/** Where a running cell finds its `exports` and `require`. */
const cellScopeKey = Symbol.for("driftlab.cell");

class Interrupted extends Error {}

/**
 * What the runner gives every cell (see {@link CellSession.provide}), declared for the type checker before each
 * cell's own declarations (tslab keeps only module-level declarations from one cell to the next, so this is
 * prepended every time).
 */
export const CELL_GLOBALS =
  "declare global {\n" +
  "  /** Asks the notebook's user for a line of text (Jupyter input_request); resolves with the answer. */\n" +
  "  function prompt(message?: string, defaultValue?: string): Promise<string>;\n" +
  "}\nexport {};\n";

const red = (text: string): string => `\x1b[31;1m${text}\x1b[0m`;

export class CellSession {
  private previousDeclarations = "";
  private readonly exports = createExports();
  private readonly localSources = new Map<string, string>();
  private readonly localModules = new Map<string, Module>();
  private readonly pendingDisplays = new Set<Promise<unknown>>();
  private running = false;
  private runningId: number | undefined;
  /** Execute requests interrupted before they started. */
  private readonly interruptedEarly = new Set<number>();
  private interruptRequested = false;
  private rejectRunning: ((reason: Interrupted) => void) | undefined;

  constructor(
    private readonly compiler: CellCompiler,
    private readonly loader: ModuleLoader,
    private readonly cwd = process.cwd(),
  ) {}

  /**
   * Stops execute request `target` (an interrupt notice from the kernel): now if it runs, at its start if it is still
   * queued. The notice and SIGINT race the request; the notice cannot be lost.
   */
  interruptExecution(target: number): void {
    if (this.running && this.runningId === target) this.interrupt();
    else if (this.runningId === undefined || target > this.runningId) this.interruptedEarly.add(target);
  }

  /** Stops the running cell, if any (for an interrupt notice naming it, {@link interruptExecution}). */
  private interrupt(): void {
    if (!this.running) return;
    this.interruptRequested = true;
    this.rejectRunning?.(new Interrupted());
  }

  /**
   * Gives cells a variable declared in {@link CELL_GLOBALS}: tslab's converter turns names declared before a cell into
   * reads of the cells' `exports`, so the value lives there (a cell may still redefine the name).
   */
  provide(name: string, value: unknown): void {
    this.exports[name] = value;
  }

  /** Makes the running cell wait for an asynchronous display before it ends. */
  track(pending: Promise<unknown>): void {
    if (!this.running) return;
    this.pendingDisplays.add(pending);
    void pending.finally(() => this.pendingDisplays.delete(pending)).catch(() => undefined);
  }

  complete(code: string, cursor: number): CompleteOutcome {
    return this.compiler.complete(CELL_GLOBALS + this.previousDeclarations, code, cursor);
  }

  inspect(code: string, cursor: number): InspectOutcome {
    return this.compiler.inspect(CELL_GLOBALS + this.previousDeclarations, code, cursor);
  }

  async execute(code: string, executionCount: number, id: number): Promise<ExecuteOutcome> {
    this.running = true;
    this.runningId = id;
    this.interruptRequested = this.interruptedEarly.delete(id);
    const interruption = new Promise<never>((_, reject) => (this.rejectRunning = reject));
    interruption.catch(() => undefined);
    const race = <T>(promise: PromiseLike<T>): Promise<T> => Promise.race([promise, interruption]);
    try {
      if (this.interruptRequested) throw new Interrupted();
      const converted = this.compiler.convert(CELL_GLOBALS + this.previousDeclarations, code);
      for (const side of converted.sideOutputs ?? []) {
        this.localSources.set(side.path, side.data);
        this.localModules.delete(side.path);
      }
      if (converted.diagnostics.length > 0) return formatDiagnostics(converted.diagnostics, code);
      if (converted.output === undefined || converted.output === "") {
        this.previousDeclarations = converted.declOutput ?? "";
        return { status: "ok" };
      }
      await race(this.preload(converted));
      // A SIGINT or interrupt notice that arrived while compiling is only seen once the event loop polls again
      // (the vm call below would not see it): the first immediate runs in this turn's check phase, the second after
      // the next poll.
      await race(new Promise((resolve) => setImmediate(() => setImmediate(resolve))));
      if (this.interruptRequested) throw new Interrupted();
      const value = await this.run(converted, executionCount, race);
      let result: { data: MimeBundle; metadata: Record<string, unknown> } | undefined;
      if (value !== undefined) {
        const bundle = mimeBundleOf(value);
        result = { data: isPromiseLike(bundle) ? await race(bundle) : bundle, metadata: {} };
      }
      if (this.pendingDisplays.size > 0) await race(Promise.allSettled([...this.pendingDisplays]));
      this.previousDeclarations = converted.declOutput ?? "";
      return { status: "ok", result };
    } catch (error) {
      return errorOutcome(error);
    } finally {
      this.running = false;
      this.rejectRunning = undefined;
      this.pendingDisplays.clear();
    }
  }

  private async preload(converted: ConvertResult): Promise<void> {
    const isLocal = (path: string): boolean => this.localSources.has(path);
    await this.loader.preload(converted.output ?? "", this.cwd, isLocal);
    for (const [path, source] of this.localSources) await this.loader.preload(source, dirname(path), isLocal);
  }

  private async run(
    converted: ConvertResult,
    executionCount: number,
    race: <T>(promise: PromiseLike<T>) => Promise<T>,
  ): Promise<unknown> {
    (globalThis as Record<symbol, unknown>)[cellScopeKey] = {
      exports: this.exports,
      require: this.requireFrom(this.cwd),
    };
    const scope = `globalThis[Symbol.for("driftlab.cell")]`;
    const wrapped =
      `(${converted.hasToplevelAwait === true ? "async " : ""}function (exports, require) {\n` +
      `${converted.output}\n})(${scope}.exports, ${scope}.require)`;
    let returned: unknown;
    try {
      returned = vm.runInThisContext(wrapped, {
        filename: `cell[${executionCount}]`,
        breakOnSigint: true,
        displayErrors: false,
      });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_SCRIPT_EXECUTION_INTERRUPTED") throw new Interrupted();
      throw error;
    }
    if (converted.hasToplevelAwait === true) await race(returned as Promise<unknown>);
    const name = converted.lastExpressionVar;
    if (name === undefined || !(name in this.exports)) return undefined;
    const value = this.exports[name];
    Reflect.deleteProperty(this.exports, name);
    return value;
  }

  /** `require` for code in `dir`: local .ts modules compiled by the converter first, then packages. */
  private requireFrom(dir: string): (id: string) => unknown {
    return (id: string) => {
      let path = join(dir, id);
      if (extname(path) === "") path += ".js";
      if ((id.startsWith("./") || id.startsWith("../")) && this.localSources.has(path))
        return this.loadLocal(path);
      return this.loader.require(id, dir);
    };
  }

  private loadLocal(path: string): unknown {
    const cached = this.localModules.get(path);
    if (cached !== undefined) return cached.exports;
    const internals = Module as unknown as { _nodeModulePaths(dir: string): string[] };
    const local = new Module(path) as Module & { _compile(source: string, filename: string): void };
    local.filename = path;
    local.paths = internals._nodeModulePaths(dirname(path));
    // The compiled module's `require` calls `module.require`.
    local.require = this.requireFrom(dirname(path)) as NodeJS.Require;
    this.localModules.set(path, local);
    local._compile(this.localSources.get(path)!, path);
    return local.exports;
  }
}

/**
 * The object holding the cells' variables. TypeScript's CommonJS output defines re-exported imports as getters;
 * tslab stores their values instead so that a later cell may assign the name.
 */
function createExports(): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  return new Proxy(values, {
    defineProperty: (_target, property, attributes) => {
      if (property === "__esModule") return true;
      values[property as string] = attributes.get !== undefined ? attributes.get() : attributes.value;
      return true;
    },
  });
}

export function errorOutcome(error: unknown): ErrorOutcome {
  if (error instanceof Interrupted) {
    return {
      status: "error",
      ename: "InterruptError",
      evalue: "Execution interrupted.",
      traceback: [red("InterruptError: Execution interrupted.")],
    };
  }
  if (!(error instanceof Error)) {
    const text = plainText(error);
    return { status: "error", ename: "Uncaught", evalue: text, traceback: [red("Uncaught ") + text] };
  }
  const ename = error.name || "Error";
  const stack = typeof error.stack === "string" ? error.stack : `${ename}: ${error.message}`;
  const firstFrame = stack.search(/\n\s+at /);
  const head = firstFrame < 0 ? stack : stack.slice(0, firstFrame);
  const frames = (firstFrame < 0 ? [] : stack.slice(firstFrame + 1).split("\n"))
    .filter((frame) => !/node:vm|node:internal|[\\/]dist[\\/]kernel[\\/]/.test(frame))
    // Positions in a cell are those of tslab's compiled JavaScript, not of the TypeScript: leave them out.
    .map((frame) => frame.replace(/(cell\[\d+\]):\d+:\d+/, "$1"));
  const extra = error.cause === undefined ? [] : [`Caused by: ${inspect(error.cause, { depth: 2 })}`];
  return { status: "error", ename, evalue: error.message, traceback: [red(head), ...frames, ...extra] };
}
