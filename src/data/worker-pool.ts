/**
 * A small pool of worker threads that run one task at a time each, in the order given: the CSV reader's byte ranges
 * (csv-parallel.ts) and the profile's column kernels (src/stats/parallel.ts) use it, each with a pool of its own or
 * both with one (the CLI's profile). A task is a structured-cloneable
 * message; the worker answers `{ id, ... }` or `{ id, error }`.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Transferable, Worker } from "node:worker_threads";

/**
 * The compiled worker `name` (e.g. "data/csv-worker.js"): next to the calling module (`from`, its import.meta.url),
 * or, when running from the TypeScript sources (tests), in dist/. Undefined when neither exists.
 */
export function compiledWorker(from: string, relative: string, distPath: string): URL | undefined {
  const own = new URL(relative, from);
  if (existsSync(fileURLToPath(own))) return own;
  const built = new URL(`../../dist/${distPath}`, from);
  return existsSync(fileURLToPath(built)) ? built : undefined;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class WorkerPool<Task extends object> {
  readonly #workers: Worker[] = [];
  readonly #idle: Worker[] = [];
  readonly #queue: { task: Task & { id: number }; transfer: Transferable[]; pending: Pending }[] = [];
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #failure: Error | undefined;
  #closing = false;

  readonly #unref: boolean;

  /**
   * @param unref when true, idle workers do not keep the process alive (a pool that may idle while the program
   *   ends); a worker running a task does, so that the task's answer is waited for
   */
  constructor(url: URL, count: number, workerData: unknown, unref = false) {
    this.#unref = unref;
    for (let k = 0; k < count; k++) {
      const worker = new Worker(url, { workerData });
      if (unref) worker.unref();
      worker.on("message", (message: { id: number; error?: string }) => {
        if (unref) worker.unref();
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.error !== undefined) pending?.reject(new Error(message.error));
        else pending?.resolve(message);
        this.#idle.push(worker);
        this.#dispatch();
      });
      worker.on("error", (error) => this.#fail(error));
      // A worker that stops on its own (process.exit in it, killed) would leave its task unanswered for ever.
      worker.on("exit", (code) => {
        if (!this.#closing) this.#fail(new Error(`a worker thread stopped (exit code ${code})`));
      });
      this.#workers.push(worker);
      this.#idle.push(worker);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Every task pending or queued fails with `error`, and so does every later one (the pool is broken). */
  #fail(error: Error): void {
    this.#failure ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    for (const queued of this.#queue.splice(0)) queued.pending.reject(error);
  }

  /** Runs `task` on the next idle worker; `transfer` lists buffers to move rather than copy. */
  run<T>(task: Task, transfer: Transferable[] = []): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#failure !== undefined) {
        reject(this.#failure);
        return;
      }
      const full = { ...task, id: this.#next++ };
      this.#queue.push({
        task: full,
        transfer,
        pending: { resolve: resolve as (v: unknown) => void, reject },
      });
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop()!;
      const { task, transfer, pending } = this.#queue.shift()!;
      this.#pending.set(task.id, pending);
      if (this.#unref) worker.ref();
      worker.postMessage(task, transfer);
    }
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}

/** `array` itself when it lives in shared memory, else a copy there (one memcpy). */
export function toSharedMemory<T extends Float64Array | Uint8Array>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Type = array.constructor as { new (buffer: SharedArrayBuffer): T };
  const copy = new Type(new SharedArrayBuffer(array.byteLength));
  copy.set(array);
  return copy;
}
