/**
 * The kernel process's handle on the runner process (runner.ts): starts it, sends it requests, relays its outputs,
 * interrupts it, and restarts it when it dies or cannot be interrupted.
 *
 * Why a separate process: a cell like `while (true) {}` blocks its thread's event loop. In the runner that is
 * harmless — the kernel process keeps answering heartbeats, control messages and interrupts — and SIGINT stops the
 * loop inside the runner (vm `breakOnSigint`) without losing state. Only when a cell ignores SIGINT (a loop in an
 * asynchronous callback, outside the vm call) is the runner killed and restarted after `interruptGraceMs`, and the
 * notebook's variables are lost; the error says so.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type {
  ErrorOutcome,
  ExecuteOutcome,
  InterruptNotice,
  InputReply,
  RunnerEvent,
  RunnerReplies,
  RunnerRequest,
} from "./ipc.js";

type Request = RunnerRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

interface Pending {
  type: RunnerRequest["type"];
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export interface RuntimeOptions {
  /** How long a cell may ignore SIGINT before the runner is restarted, in milliseconds. Default 3000. */
  interruptGraceMs?: number;
  /** After a SIGINT sent to the whole process group, how long to wait for the runner to get it before forwarding. */
  signalForwardDelayMs?: number;
}

export class RuntimeError extends Error {}

const red = (text: string): string => `\x1b[31;1m${text}\x1b[0m`;

export class Runtime {
  /** Receives the runner's outputs (stream, display, clear_output). */
  onEvent: (event: RunnerEvent) => void = () => undefined;
  /** Told when the runner died outside a request and was restarted (its variables are gone). */
  onRestart: (reason: string) => void = () => undefined;

  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopping = false;
  private executing: number | undefined;
  private interruptReceivedAt = 0;
  private readonly runnerPath = fileURLToPath(new URL("./runner.js", import.meta.url));
  private readonly interruptGraceMs: number;
  private readonly signalForwardDelayMs: number;

  constructor(options: RuntimeOptions = {}) {
    this.interruptGraceMs = options.interruptGraceMs ?? 3000;
    this.signalForwardDelayMs = options.signalForwardDelayMs ?? 150;
  }

  start(): void {
    const child = fork(this.runnerPath, [], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
      execArgv: [],
    });
    this.child = child;
    child.on("message", (event: RunnerEvent) => this.receive(event));
    // Output that bypasses process.stdout (native code, child processes sharing the fd) still reaches the notebook.
    child
      .stdout!.setEncoding("utf8")
      .on("data", (text: string) => this.onEvent({ type: "stream", name: "stdout", text }));
    child
      .stderr!.setEncoding("utf8")
      .on("data", (text: string) => this.onEvent({ type: "stream", name: "stderr", text }));
    child.on("exit", (code, signal) => this.exited(child, code, signal));
    child.on("error", (error) => process.stderr.write(`driftlab kernel: runner error: ${error.message}\n`));
  }

  request<T extends RunnerRequest["type"]>(
    request: Extract<Request, { type: T }>,
  ): Promise<RunnerReplies[T]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: request.type, resolve: resolve as (result: unknown) => void, reject });
      try {
        this.child!.send({ ...request, id });
      } catch (error) {
        this.pending.delete(id);
        reject(new RuntimeError(`cannot reach the runner: ${String(error)}`));
      }
    });
  }

  async execute(code: string, executionCount: number): Promise<ExecuteOutcome> {
    const id = this.nextId;
    this.executing = id;
    try {
      return await this.request({ type: "execute", code, executionCount });
    } catch (error) {
      return runtimeErrorOutcome(error instanceof Error ? error.message : String(error));
    } finally {
      if (this.executing === id) this.executing = undefined;
    }
  }

  /** Passes the user's answer to an `input_request` event back to the waiting cell. */
  answerInput(reply: Omit<InputReply, "type">): void {
    try {
      this.child?.send({ type: "input_reply", ...reply } satisfies InputReply);
    } catch {
      // the runner is gone; the cell that asked is gone with it
    }
  }

  /**
   * Interrupts the running cell. `message` (interrupt_request): SIGINT to the runner at once. `signal` (the kernel got
   * SIGINT, usually sent to the whole process group, so the runner got it too): forward it only if the runner did not
   * report it within `signalForwardDelayMs`.
   */
  interrupt(source: "message" | "signal"): void {
    const running = this.executing;
    const child = this.child;
    if (running === undefined || child === undefined) return;
    const askedAt = Date.now();
    // The notice stops the cell whenever the runner's event loop turns (also before the cell starts); SIGINT stops
    // it inside a blocking call.
    try {
      child.send({ type: "interrupt", target: running } satisfies InterruptNotice);
    } catch {
      // the runner is gone; its exit handler restarts it
    }
    if (source === "message") child.kill("SIGINT");
    else {
      setTimeout(() => {
        if (this.executing === running && this.interruptReceivedAt < askedAt) child.kill("SIGINT");
      }, this.signalForwardDelayMs).unref();
    }
    setTimeout(() => {
      if (this.executing !== running || this.child !== child) return;
      this.restart(
        "The cell did not stop on interrupt (it was blocking outside the interruptible part, e.g. in an async " +
          "callback), so the process running the cells was restarted: variables defined before are gone.",
      );
    }, this.interruptGraceMs).unref();
  }

  /** Kills the runner and starts a fresh one; pending requests fail with `reason`. */
  restart(reason: string): void {
    const child = this.child;
    this.child = undefined;
    if (child !== undefined) {
      child.removeAllListeners("exit");
      child.kill("SIGKILL");
      this.failPending(reason);
    }
    this.start();
  }

  stop(): void {
    this.stopping = true;
    this.child?.kill("SIGKILL");
  }

  private receive(event: RunnerEvent): void {
    if (event.type === "reply") {
      const pending = this.pending.get(event.id);
      if (pending === undefined) return;
      this.pending.delete(event.id);
      const failed = (event.result as { failed?: ErrorOutcome } | undefined)?.failed;
      if (failed !== undefined) pending.reject(new RuntimeError(`${failed.ename}: ${failed.evalue}`));
      else pending.resolve(event.result);
      return;
    }
    if (event.type === "interrupt_received") {
      this.interruptReceivedAt = Date.now();
      return;
    }
    this.onEvent(event);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || this.child !== child) return;
    const how = signal !== null ? `was killed by ${signal}` : `exited with code ${code}`;
    const reason = `The process running the cells ${how} and was restarted: variables defined before are gone.`;
    const hadPending = this.pending.size > 0;
    this.failPending(reason);
    this.start();
    if (!hadPending) this.onRestart(reason);
  }

  private failPending(reason: string): void {
    for (const pending of this.pending.values()) pending.reject(new RuntimeError(reason));
    this.pending.clear();
  }
}

function runtimeErrorOutcome(message: string): ErrorOutcome {
  return {
    status: "error",
    ename: "RuntimeError",
    evalue: message,
    traceback: [red("RuntimeError: ") + message],
  };
}
