/**
 * A minimal Jupyter client over ZeroMQ for the kernel tests: writes a connection file, starts the kernel, signs
 * requests, and collects iopub messages per request until the kernel goes idle.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zmq from "zeromq";
import {
  createHeader,
  decodeMessage,
  encodeMessage,
  Signer,
  type Content,
  type Message,
} from "../../src/kernel/wire.js";

export const repoRoot = join(import.meta.dirname, "..", "..");
export const kernelMain = join(repoRoot, "dist", "kernel", "main.js");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null ? resolve(address.port) : reject(),
      );
    });
  });
}

export interface Execution {
  reply: Message;
  /** iopub messages of the request, without status and execute_input. */
  outputs: Message[];
  /** Every iopub message of the request, in order. */
  all: Message[];
}

export class KernelClient {
  readonly process: ChildProcess;
  private readonly signer: Signer;
  private readonly session = randomUUID();
  private readonly shell = new zmq.Dealer();
  private readonly control = new zmq.Dealer();
  private readonly iopub = new zmq.Subscriber();
  private readonly iopubMessages: Message[] = [];
  private readonly replies = new Map<string, Message>();
  private readonly waiters = new Set<() => void>();
  private closed = false;
  private readonly startedAt = Date.now();
  readonly stderr: string[] = [];

  private constructor(
    private readonly dir: string,
    key: string,
    child: ChildProcess,
  ) {
    this.signer = new Signer("hmac-sha256", key);
    this.process = child;
    child.stderr?.setEncoding("utf8").on("data", (text: string) => this.stderr.push(text));
  }

  /**
   * Starts a kernel in `cwd` (default: a new temp folder, i.e. outside any npm project). `argv` gives the command for
   * a connection file (default: driftlab's kernel).
   */
  static async start(
    options: { cwd?: string; argv?: (connectionFile: string) => string[]; detached?: boolean } = {},
  ): Promise<KernelClient> {
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
    const [command, ...args] = options.argv?.(file) ?? [process.execPath, kernelMain, file];
    const child = spawn(command, args, {
      cwd: options.cwd ?? dir,
      stdio: ["ignore", "ignore", "pipe"],
      detached: options.detached ?? false, // its own process group, as Jupyter starts kernels
    });
    const client = new KernelClient(dir, key, child);
    client.shell.connect(`tcp://127.0.0.1:${shell}`);
    client.control.connect(`tcp://127.0.0.1:${control}`);
    client.iopub.connect(`tcp://127.0.0.1:${iopub}`);
    client.iopub.subscribe();
    void client.readLoop(client.shell, (message) =>
      client.replies.set(String(message.parent_header.msg_id), message),
    );
    void client.readLoop(client.control, (message) =>
      client.replies.set(String(message.parent_header.msg_id), message),
    );
    void client.readLoop(client.iopub, (message) => client.iopubMessages.push(message));
    return client;
  }

  private async readLoop(
    socket: zmq.Dealer | zmq.Subscriber,
    keep: (message: Message) => void,
  ): Promise<void> {
    try {
      for await (const frames of socket) {
        keep(decodeMessage(frames, this.signer));
        for (const wake of this.waiters) wake();
      }
    } catch {
      // closed
    }
  }

  private async until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; kernel stderr: ${this.stderr.join("")}`);
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
   * before its subscription arrives); returns the time from start, in milliseconds.
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

  reply(msgId: string, timeoutMs = 30_000): Promise<Message> {
    return this.until(() => this.replies.get(msgId), timeoutMs, `the reply to ${msgId}`);
  }

  /** The iopub messages of a request, once its idle status arrived. */
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

  async request(channel: "shell" | "control", msgType: string, content: Content): Promise<Message> {
    return this.reply(await this.send(channel, msgType, content));
  }

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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once("exit", () => resolve());
    });
    try {
      await this.send("control", "shutdown_request", { restart: false });
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    } finally {
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill("SIGKILL");
      for (const socket of [this.shell, this.control, this.iopub]) socket.close();
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/** Removes ANSI colour codes. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
