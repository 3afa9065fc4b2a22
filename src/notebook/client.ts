/**
 * A Jupyter client over ZeroMQ for driftlab's own kernel (no Python, no jupyter_client): writes a connection file,
 * starts the kernel in a given folder, signs requests, collects each request's iopub messages until the kernel goes
 * idle, and turns them into nbformat 4 outputs the way Jupyter saves them (streams merged, `update_display_data`
 * applied in place by display id, `clear_output` honoured). Used by `driftlab render` and by the kernel tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as zmq from "zeromq";
import {
  createHeader,
  decodeMessage,
  encodeMessage,
  Signer,
  type Content,
  type Message,
} from "../kernel/wire.js";
import type { Output } from "./format.js";

/** The kernel's entry point: `dist/kernel/main.js` next to this module once built, else the package's build. */
export function kernelEntryPoint(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const sibling = join(here, "..", "kernel", "main.js");
  return existsSync(sibling) ? sibling : join(here, "..", "..", "dist", "kernel", "main.js");
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/** A timeout while waiting for the kernel; the message includes what the kernel wrote on stderr. */
export class KernelTimeoutError extends Error {
  override readonly name = "KernelTimeoutError";
}

export interface Execution {
  reply: Message;
  /** iopub messages of the request, without status and execute_input. */
  outputs: Message[];
  /** Every iopub message of the request, in order. */
  all: Message[];
}

/** Options of {@link KernelClient.start}. */
export interface KernelStartOptions {
  /** The kernel's working folder (relative paths in cells resolve from it). Default: a new temp folder. */
  cwd?: string;
  /** The command for a connection file. Default: this Node on driftlab's kernel (`dist/kernel/main.js`). */
  argv?: (connectionFile: string) => string[];
  /** Start the kernel in its own process group, as Jupyter does. Default false. */
  detached?: boolean;
}

/** What one executed cell produced, in nbformat 4 shape. */
export interface CellRun {
  status: "ok" | "error" | "aborted";
  executionCount: number | null;
  /** The outputs as Jupyter saves them; a later `update_display_data` may still change them in place. */
  outputs: Output[];
  /** The error output, when status is "error". */
  error?: { ename: string; evalue: string; traceback: string[] };
}

export class KernelClient {
  readonly process: ChildProcess;
  /** What the kernel wrote on stderr. */
  readonly stderr: string[] = [];
  private readonly signer: Signer;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer();
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private readonly iopubMessages: Message[] = [];
  private readonly replies = new Map<string, Message>();
  private readonly waiters = new Set<() => void>();
  private readonly startedAt = Date.now();
  /** Outputs shown with a display id, in every cell run so far (update_display_data changes them all). */
  private readonly displays = new Map<string, Extract<Output, { output_type: "display_data" }>[]>();
  private closed = false;

  private constructor(
    private readonly dir: string,
    key: string,
    child: ChildProcess,
  ) {
    this.signer = new Signer("hmac-sha256", key);
    this.process = child;
    child.stderr?.setEncoding("utf8").on("data", (text: string) => this.stderr.push(text));
  }

  /** Writes a connection file and starts a kernel on it; call {@link ready} before sending requests. */
  static async start(options: KernelStartOptions = {}): Promise<KernelClient> {
    const dir = mkdtempSync(join(tmpdir(), "driftlab-kernel-"));
    const key = randomUUID();
    const [shell, iopub, stdin, control, hb] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    const connection = {
      transport: "tcp",
      ip: "127.0.0.1",
      shell_port: shell,
      iopub_port: iopub,
      stdin_port: stdin,
      control_port: control,
      hb_port: hb,
      key,
      signature_scheme: "hmac-sha256",
      kernel_name: "driftlab",
    };
    const file = join(dir, "connection.json");
    writeFileSync(file, JSON.stringify(connection));
    const [command, ...args] = options.argv?.(file) ?? [process.execPath, kernelEntryPoint(), file];
    const child = spawn(command, args, {
      cwd: options.cwd ?? dir,
      stdio: ["ignore", "ignore", "pipe"],
      detached: options.detached ?? false,
    });
    const client = new KernelClient(dir, key, child);
    child.on("exit", () => client.wakeAll());
    client.shell.connect(`tcp://127.0.0.1:${shell}`);
    client.control.connect(`tcp://127.0.0.1:${control}`);
    client.iopub.connect(`tcp://127.0.0.1:${iopub}`);
    client.iopub.subscribe();
    const keepReply = (message: Message): void => {
      client.replies.set(String(message.parent_header.msg_id), message);
    };
    void client.readLoop(client.shell, keepReply);
    void client.readLoop(client.control, keepReply);
    void client.readLoop(client.iopub, (message) => client.iopubMessages.push(message));
    return client;
  }

  private wakeAll(): void {
    for (const wake of this.waiters) wake();
  }

  private async readLoop(
    socket: zmq.Dealer | zmq.Subscriber,
    keep: (message: Message) => void,
  ): Promise<void> {
    try {
      for await (const frames of socket) {
        keep(decodeMessage(frames, this.signer));
        this.wakeAll();
      }
    } catch {
      // The socket was closed.
    }
  }

  private exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  private async until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (this.exited() && !this.closed) {
        throw new Error(
          `the kernel exited (code ${String(this.process.exitCode ?? this.process.signalCode)}) while waiting for ${what}; kernel stderr: ${this.stderr.join("")}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new KernelTimeoutError(
          `timed out after ${timeoutMs} ms waiting for ${what}; kernel stderr: ${this.stderr.join("")}`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          this.waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 50));
        this.waiters.add(wake);
      });
    }
  }

  /**
   * Waits until the kernel answers kernel_info and its iopub messages reach us (a subscriber misses what is published
   * before its subscription arrives); returns the time from start, in milliseconds. Default timeout 30 s.
   */
  async ready(timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const msgId = await this.send("shell", "kernel_info_request", {});
      await this.reply(msgId, Math.max(1, deadline - Date.now()));
      try {
        await this.iopubOf(msgId, 500);
        return Date.now() - this.startedAt;
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
    }
  }

  /** Sends a request; returns its msg_id. */
  async send(channel: "shell" | "control", msgType: string, content: Content): Promise<string> {
    const header = createHeader(msgType, this.session);
    const message: Message = {
      identities: [],
      header,
      parent_header: {},
      metadata: {},
      content,
      buffers: [],
    };
    await (channel === "shell" ? this.shell : this.control).send(encodeMessage(message, this.signer));
    return header.msg_id;
  }

  /** The reply to request `msgId`. Default timeout 30 s. */
  reply(msgId: string, timeoutMs = 30_000): Promise<Message> {
    return this.until(() => this.replies.get(msgId), timeoutMs, `the reply to ${msgId}`);
  }

  /** The iopub messages of a request, once its idle status arrived. Default timeout 30 s. */
  async iopubOf(msgId: string, timeoutMs = 30_000): Promise<Message[]> {
    const mine = (): Message[] =>
      this.iopubMessages.filter((message) => message.parent_header.msg_id === msgId);
    await this.until(
      () =>
        mine().some((m) => m.header.msg_type === "status" && m.content.execution_state === "idle")
          ? true
          : undefined,
      timeoutMs,
      `idle after ${msgId}`,
    );
    return mine();
  }

  /** Sends a request and waits for its reply. */
  async request(channel: "shell" | "control", msgType: string, content: Content): Promise<Message> {
    return this.reply(await this.send(channel, msgType, content));
  }

  /** Runs `code`; resolves with the reply and the request's iopub messages. Default timeout 30 s. */
  async execute(code: string, timeoutMs = 30_000, settleMs = 0): Promise<Execution> {
    const msgId = await this.send("shell", "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    return this.collect(msgId, timeoutMs, settleMs);
  }

  /**
   * The reply and iopub messages of request `msgId`. `settleMs`: also keep what arrives that long after idle (Deno's
   * kernel sometimes publishes idle before the execute_result).
   */
  async collect(msgId: string, timeoutMs = 30_000, settleMs = 0): Promise<Execution> {
    const reply = await this.reply(msgId, timeoutMs);
    let all = await this.iopubOf(msgId, timeoutMs);
    if (settleMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      all = await this.iopubOf(msgId, timeoutMs);
    }
    const outputs = all.filter(
      (m) => m.header.msg_type !== "status" && m.header.msg_type !== "execute_input",
    );
    return { reply, outputs, all };
  }

  /** Waits until the kernel published execute_input for `msgId` (the cell is being compiled or run). */
  async started(msgId: string, timeoutMs = 30_000): Promise<void> {
    await this.until(
      () =>
        this.iopubMessages.some(
          (m) => m.parent_header.msg_id === msgId && m.header.msg_type === "execute_input",
        )
          ? true
          : undefined,
      timeoutMs,
      "execute_input",
    );
  }

  /**
   * Runs a notebook cell and returns its outputs in nbformat 4 shape. On timeout the cell is interrupted and a
   * {@link KernelTimeoutError} is thrown. Default timeout 10 minutes.
   */
  async runCell(code: string, timeoutMs = 600_000): Promise<CellRun> {
    let execution: Execution;
    try {
      execution = await this.execute(code, timeoutMs);
    } catch (error) {
      if (error instanceof KernelTimeoutError) await this.interrupt().catch(() => undefined);
      throw error;
    }
    const outputs: Output[] = [];
    let clearOnNext = false;
    const clearIfWaiting = (): void => {
      if (clearOnNext) outputs.length = 0;
      clearOnNext = false;
    };
    for (const message of execution.outputs) {
      const content = message.content;
      switch (message.header.msg_type) {
        case "stream": {
          clearIfWaiting();
          const name = content.name === "stderr" ? "stderr" : "stdout";
          const text = String(content.text);
          const last = outputs.at(-1);
          // Jupyter merges consecutive writes to the same stream into one output.
          if (last?.output_type === "stream" && last.name === name) last.text = String(last.text) + text;
          else outputs.push({ output_type: "stream", name, text });
          break;
        }
        case "display_data": {
          clearIfWaiting();
          const output: Extract<Output, { output_type: "display_data" }> = {
            output_type: "display_data",
            data: (content.data ?? {}) as Record<string, unknown>,
            metadata: (content.metadata ?? {}) as Record<string, unknown>,
          };
          outputs.push(output);
          const displayId = (content.transient as { display_id?: unknown } | undefined)?.display_id;
          if (typeof displayId === "string") {
            const shown = this.displays.get(displayId) ?? [];
            shown.push(output);
            this.displays.set(displayId, shown);
          }
          break;
        }
        case "update_display_data": {
          const displayId = (content.transient as { display_id?: unknown } | undefined)?.display_id;
          for (const output of typeof displayId === "string" ? (this.displays.get(displayId) ?? []) : []) {
            output.data = (content.data ?? {}) as Record<string, unknown>;
            output.metadata = (content.metadata ?? {}) as Record<string, unknown>;
          }
          break;
        }
        case "execute_result":
          clearIfWaiting();
          outputs.push({
            output_type: "execute_result",
            data: (content.data ?? {}) as Record<string, unknown>,
            metadata: (content.metadata ?? {}) as Record<string, unknown>,
            execution_count: typeof content.execution_count === "number" ? content.execution_count : null,
          });
          break;
        case "error":
          clearIfWaiting();
          outputs.push({
            output_type: "error",
            ename: String(content.ename),
            evalue: String(content.evalue),
            traceback: (content.traceback ?? []) as string[],
          });
          break;
        case "clear_output":
          if (content.wait === true) clearOnNext = true;
          else outputs.length = 0;
          break;
        default:
          break;
      }
    }
    const reply = execution.reply.content;
    const status = reply.status === "ok" || reply.status === "aborted" ? reply.status : "error";
    const error =
      status === "error"
        ? {
            ename: String(reply.ename ?? "Error"),
            evalue: String(reply.evalue ?? ""),
            traceback: (reply.traceback ?? []) as string[],
          }
        : undefined;
    return {
      status,
      executionCount: typeof reply.execution_count === "number" ? reply.execution_count : null,
      outputs,
      error,
    };
  }

  /** Asks the kernel to interrupt the running cell (interrupt_request on the control channel). */
  async interrupt(timeoutMs = 10_000): Promise<void> {
    await this.reply(await this.send("control", "interrupt_request", {}), timeoutMs);
  }

  /** Shuts the kernel down (shutdown_request; SIGKILL after 5 s) and releases the sockets and the temp folder. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => {
      if (this.exited()) resolve();
      else this.process.once("exit", () => resolve());
    });
    try {
      if (!this.exited()) {
        await this.send("control", "shutdown_request", { restart: false });
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      }
    } finally {
      if (!this.exited()) this.process.kill("SIGKILL");
      for (const socket of [this.shell, this.control, this.iopub]) socket.close();
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
