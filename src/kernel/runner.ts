/**
 * The runner: the child process that holds the notebook's state and runs its cells. It talks to the kernel process
 * over Node's IPC channel (see ipc.ts), captures stdout/stderr, installs the display hook for driftlab's helpers and
 * turns SIGINT into an interrupt of the running cell.
 */
import { StringDecoder } from "node:string_decoder";
import { Worker } from "node:worker_threads";
import { kernelHookKey, type DisplayMessage, type KernelHook } from "../display/hook.js";
import { CellCompiler, isComplete } from "./compiler.js";
import { CellSession, errorOutcome } from "./executor.js";
import type { InputReply, InterruptNotice, RunnerEvent, RunnerRequest } from "./ipc.js";
import { ModuleLoader } from "./modules.js";
import { packageRoot } from "./package-root.js";

if (process.send === undefined) {
  process.stderr.write("driftlab runner: start me from the driftlab kernel (no IPC channel)\n");
  process.exit(2);
}

const kernelLog = process.stderr.write.bind(process.stderr);

function post(event: RunnerEvent): void {
  try {
    process.send!(event);
  } catch (error) {
    kernelLog(`driftlab runner: cannot send ${event.type}: ${String(error)}\n`);
    if (event.type === "display") {
      post({ type: "stream", name: "stderr", text: `Cannot display this value: ${String(error)}\n` });
    }
  }
}

/** Coalesces writes to stdout/stderr into stream events; flushed before any other event, so order is kept. */
class StreamCapture {
  private text = "";
  private timer: NodeJS.Timeout | undefined;
  private readonly decoder = new StringDecoder("utf8");

  constructor(private readonly name: "stdout" | "stderr") {}

  write(chunk: unknown, encoding?: unknown): void {
    if (typeof chunk === "string") this.text += chunk;
    else if (chunk instanceof Uint8Array) this.text += this.decoder.write(Buffer.from(chunk));
    else this.text += String(chunk);
    void encoding;
    if (this.text.length > 65536) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), 20);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.text === "") return;
    const text = this.text;
    this.text = "";
    post({ type: "stream", name: this.name, text });
  }
}

const stdout = new StreamCapture("stdout");
const stderr = new StreamCapture("stderr");

function emit(event: RunnerEvent): void {
  stdout.flush();
  stderr.flush();
  post(event);
}

function capture(stream: NodeJS.WriteStream, target: StreamCapture): void {
  stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    target.write(chunk, encoding);
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
}
capture(process.stdout, stdout);
capture(process.stderr, stderr);

const compiler = new CellCompiler();
const session = new CellSession(compiler, new ModuleLoader(packageRoot()));

const pendingInputs = new Map<number, { resolve(value: string): void; reject(error: Error): void }>();
let nextInputId = 1;

/** Errors of input requests the frontend cannot answer, named as ipykernel names them. */
class StdinNotImplementedError extends Error {
  override readonly name = "StdinNotImplementedError";
}

function requestInput(prompt: string, password: boolean): Promise<string> {
  const requestId = nextInputId++;
  return new Promise<string>((resolve, reject) => {
    pendingInputs.set(requestId, { resolve, reject });
    emit({ type: "input_request", requestId, prompt: String(prompt), password });
  });
}

function answerInput(reply: InputReply): void {
  const pending = pendingInputs.get(reply.requestId);
  if (pending === undefined) return;
  pendingInputs.delete(reply.requestId);
  if (reply.error !== undefined) pending.reject(new StdinNotImplementedError(reply.error));
  else pending.resolve(reply.value ?? "");
}

const hook: KernelHook = {
  version: 1,
  display: (message: DisplayMessage) => emit({ type: "display", ...message }),
  clearOutput: (wait: boolean) => emit({ type: "clear_output", wait }),
  track: (pending: Promise<unknown>) => session.track(pending),
  input: requestInput,
};
Object.defineProperty(globalThis, kernelHookKey, { value: hook, configurable: true, enumerable: false });
// The browser's prompt(), asynchronous here: `const name = await prompt("Name?")` (declared in CELL_GLOBALS).
session.provide("prompt", (message = "", defaultValue?: string) =>
  requestInput(String(message), false).then((value) =>
    value === "" && defaultValue !== undefined ? defaultValue : value,
  ),
);

// SIGINT only breaks a synchronous loop inside the vm call (executor.ts); which cell to stop otherwise is said by the
// kernel's interrupt notice, which names it. Stopping "the running cell" here as well let a late SIGINT (one the
// kernel forwarded while the interrupted cell's result was on its way to it) stop the cell after it.
process.on("SIGINT", () => emit({ type: "interrupt_received" }));

// Errors thrown by callbacks after their cell ended belong to no cell: show them, keep the state.
process.on("uncaughtException", (error) => reportStray(error));
process.on("unhandledRejection", (reason) => reportStray(reason));

function reportStray(error: unknown): void {
  const outcome = errorOutcome(error);
  process.stderr.write(outcome.traceback.join("\n") + "\n");
}

// The kernel process is gone: nothing can reach us any more. The watch runs in a worker thread because the main thread
// may be stuck in a cell that nobody can interrupt now.
process.on("disconnect", () => process.exit(0));
new Worker(
  `const { workerData } = require("node:worker_threads");
   setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, "SIGKILL"); }, 1000);`,
  { eval: true, workerData: process.ppid },
).unref();

let queue: Promise<void> = Promise.resolve();
process.on("message", (message: RunnerRequest | InterruptNotice | InputReply) => {
  if (message.type === "interrupt") session.interruptExecution(message.target);
  else if (message.type === "input_reply") answerInput(message);
  else queue = queue.then(() => handle(message));
});

async function handle(request: RunnerRequest): Promise<void> {
  let result: unknown;
  try {
    switch (request.type) {
      case "execute":
        result = await session.execute(request.code, request.executionCount, request.id);
        break;
      case "complete":
        result = session.complete(request.code, request.cursor);
        break;
      case "inspect":
        result = session.inspect(request.code, request.cursor);
        break;
      case "is_complete":
        result = isComplete(request.code);
        break;
    }
  } catch (error) {
    result = { failed: errorOutcome(error) };
  }
  emit({ type: "reply", id: request.id, result });
}

emit({ type: "ready" });
