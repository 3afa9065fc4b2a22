/**
 * driftlab's Jupyter kernel: the messaging layer (protocol 5.3). It answers shell requests one at a time, control
 * requests at once (interrupt, shutdown, kernel_info), publishes busy/idle around every request with its parent
 * header, and relays the runner's outputs to iopub under the header of the execute request they belong to.
 * https://jupyter-client.readthedocs.io/en/stable/messaging.html
 */
import { randomUUID } from "node:crypto";
import type { Socket } from "zeromq";
import type { MimeBundle } from "../display/bundle.js";
import { History, type HistoryQuery } from "./history.js";
import type { RunnerEvent } from "./ipc.js";
import { packageVersion } from "./package-root.js";
import type { Runtime } from "./runtime.js";
import type { ConnectionInfo, KernelSockets, Outbox } from "./sockets.js";
import { codePointPosition, utf16Index } from "./text.js";
import {
  createHeader,
  decodeMessage,
  encodeMessage,
  PROTOCOL_VERSION,
  Signer,
  WireError,
  type Content,
  type Message,
  type MessageHeader,
} from "./wire.js";

export class Kernel {
  private readonly session = randomUUID();
  private readonly signer: Signer;
  private readonly history = new History();
  private executionCount = 0;
  private readonly shellQueue: Message[] = [];
  private pumping = false;
  /** The execute request whose outputs the runner is producing (later asynchronous output goes there too). */
  private outputParent: MessageHeader | undefined;
  /** The running execute request, when its frontend accepts input (`allow_stdin`): input requests go to it. */
  private stdinParent: Message | undefined;
  /** The runner's input request waiting for the frontend's `input_reply`. */
  private pendingInput: number | undefined;
  private shuttingDown = false;

  constructor(
    info: ConnectionInfo,
    private readonly sockets: KernelSockets,
    private readonly runtime: Runtime,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {
    this.signer = new Signer(info.signature_scheme, info.key);
    runtime.onEvent = (event) => this.relay(event);
    runtime.onRestart = (reason) =>
      this.publish("stream", { name: "stderr", text: reason + "\n" }, this.outputParent);
  }

  async start(info: ConnectionInfo): Promise<void> {
    await this.sockets.bind(info);
    void this.sockets.echoHeartbeats();
    void this.read(this.sockets.shell, (message) => {
      this.shellQueue.push(message);
      void this.pump();
    });
    void this.read(this.sockets.control, (message) => void this.handleControl(message));
    void this.read(this.sockets.stdin, (message) => this.handleStdin(message));
    this.publish("status", { execution_state: "starting" }, undefined);
  }

  /** SIGINT received by the kernel process. */
  interruptBySignal(): void {
    this.runtime.interrupt("signal");
  }

  async shutdown(): Promise<void> {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    this.runtime.stop();
    await this.sockets.close();
    this.exit(0);
  }

  private async read(
    socket: Socket & AsyncIterable<Buffer[]>,
    handle: (message: Message) => void,
  ): Promise<void> {
    try {
      for await (const frames of socket) {
        try {
          handle(decodeMessage(frames, this.signer));
        } catch (error) {
          if (!(error instanceof WireError) && !(error instanceof SyntaxError)) throw error;
          process.stderr.write(`driftlab kernel: dropped a ${error.message}\n`);
        }
      }
    } catch (error) {
      if (!this.shuttingDown) process.stderr.write(`driftlab kernel: socket closed: ${String(error)}\n`);
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let message = this.shellQueue.shift(); message !== undefined; message = this.shellQueue.shift()) {
        await this.handleShell(message);
      }
    } finally {
      this.pumping = false;
    }
  }

  private async handleShell(request: Message): Promise<void> {
    this.publish("status", { execution_state: "busy" }, request.header);
    try {
      await this.dispatch(request, this.sockets.shellOut);
    } catch (error) {
      process.stderr.write(`driftlab kernel: ${request.header.msg_type} failed: ${String(error)}\n`);
    }
    this.publish("status", { execution_state: "idle" }, request.header);
  }

  private async handleControl(request: Message): Promise<void> {
    this.publish("status", { execution_state: "busy" }, request.header);
    try {
      if (request.header.msg_type === "interrupt_request") {
        this.runtime.interrupt("message");
        this.reply(this.sockets.controlOut, request, { status: "ok" });
      } else {
        await this.dispatch(request, this.sockets.controlOut);
      }
    } catch (error) {
      process.stderr.write(`driftlab kernel: ${request.header.msg_type} failed: ${String(error)}\n`);
    }
    this.publish("status", { execution_state: "idle" }, request.header);
  }

  private async dispatch(request: Message, out: Outbox): Promise<void> {
    const content = request.content;
    switch (request.header.msg_type) {
      case "kernel_info_request":
        return this.reply(out, request, this.kernelInfo());
      case "execute_request":
        return this.execute(request, out);
      case "complete_request":
        return this.reply(
          out,
          request,
          await this.complete(String(content.code), Number(content.cursor_pos)),
        );
      case "inspect_request":
        return this.reply(out, request, await this.inspect(String(content.code), Number(content.cursor_pos)));
      case "is_complete_request":
        return this.reply(out, request, await this.isComplete(String(content.code)));
      case "history_request":
        return this.reply(out, request, {
          status: "ok",
          history: this.history.query(content as HistoryQuery),
        });
      case "comm_info_request":
        return this.reply(out, request, { status: "ok", comms: {} });
      case "shutdown_request":
        this.reply(out, request, { status: "ok", restart: content.restart === true });
        return this.shutdown();
      case "comm_open":
      case "comm_msg":
      case "comm_close":
        return; // no comm targets: messages to unknown comms are ignored, as the spec allows
      default:
        if (request.header.msg_type.endsWith("_request")) {
          this.reply(out, request, {
            status: "error",
            ename: "UnsupportedRequest",
            evalue: `driftlab's kernel does not support ${request.header.msg_type}`,
            traceback: [],
          });
        }
    }
  }

  private kernelInfo(): Content {
    return {
      status: "ok",
      protocol_version: PROTOCOL_VERSION,
      implementation: "driftlab",
      implementation_version: packageVersion(),
      language_info: {
        name: "typescript",
        version: "5.0",
        mimetype: "text/typescript",
        file_extension: ".ts",
        pygments_lexer: "typescript",
        codemirror_mode: { name: "javascript", typescript: true },
      },
      banner: `driftlab ${packageVersion()}: TypeScript cells, type-checked (tslab's compiler), Node ${process.version}`,
      help_links: [],
      debugger: false,
    };
  }

  private async execute(request: Message, out: Outbox): Promise<void> {
    const content = request.content;
    const code = String(content.code ?? "");
    const silent = content.silent === true;
    const storeHistory = !silent && content.store_history !== false;
    const stopOnError = content.stop_on_error !== false;
    if (storeHistory) this.executionCount++;
    const count = this.executionCount;
    this.outputParent = request.header;
    this.stdinParent = content.allow_stdin === true ? request : undefined;
    if (!silent) this.publish("execute_input", { code, execution_count: count }, request.header);
    if (storeHistory) this.history.add(count, code);

    const outcome = code.trim() === "" ? { status: "ok" as const } : await this.runtime.execute(code, count);
    this.stdinParent = undefined;
    this.pendingInput = undefined;
    if (outcome.status === "ok") {
      if (outcome.result !== undefined) {
        if (!silent) {
          this.publish("execute_result", { execution_count: count, ...outcome.result }, request.header);
        }
        const text = outcome.result.data["text/plain"];
        if (storeHistory && typeof text === "string") this.history.setOutput(count, text);
      }
      const userExpressions = await this.evaluateUserExpressions(content.user_expressions, count);
      this.reply(out, request, {
        status: "ok",
        execution_count: count,
        payload: [],
        user_expressions: userExpressions,
      });
      return;
    }
    const { ename, evalue, traceback } = outcome;
    if (!silent) this.publish("error", { ename, evalue, traceback }, request.header);
    this.reply(out, request, { status: "error", execution_count: count, ename, evalue, traceback });
    if (stopOnError) await this.abortQueuedExecutions();
  }

  /**
   * `user_expressions` of an execute request, evaluated after the cell succeeded, as ipykernel does: each expression is
   * type-checked and run in the notebook's scope and answered with its MIME bundle, or with the error it raised
   * (ename, evalue, traceback). An expression's own output (console.log) goes to the cell.
   */
  private async evaluateUserExpressions(expressions: unknown, count: number): Promise<Content> {
    const answers: Content = {};
    if (typeof expressions !== "object" || expressions === null) return answers;
    for (const [name, expression] of Object.entries(expressions as Record<string, unknown>)) {
      const outcome = await this.runtime.execute(String(expression), count);
      answers[name] =
        outcome.status === "ok"
          ? {
              status: "ok",
              data: outcome.result?.data ?? { "text/plain": "undefined" },
              metadata: outcome.result?.metadata ?? {},
            }
          : { status: "error", ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback };
    }
    return answers;
  }

  /** A cell asked for input: forward it to the frontend on stdin, or refuse when the frontend takes none. */
  private requestInput(requestId: number, prompt: string, password: boolean): void {
    const parent = this.stdinParent;
    if (parent === undefined) {
      this.runtime.answerInput({
        requestId,
        error: "this frontend does not support input requests (the execute request has allow_stdin false)",
      });
      return;
    }
    this.pendingInput = requestId;
    const message: Message<unknown> = {
      identities: parent.identities,
      header: createHeader("input_request", this.session),
      parent_header: parent.header,
      metadata: {},
      content: { prompt, password },
      buffers: [],
    };
    void this.sockets.stdinOut.send(encodeMessage(message, this.signer));
  }

  private handleStdin(message: Message): void {
    if (message.header.msg_type !== "input_reply" || this.pendingInput === undefined) return;
    const requestId = this.pendingInput;
    this.pendingInput = undefined;
    this.runtime.answerInput({ requestId, value: String(message.content.value ?? "") });
  }

  /**
   * After a failed cell with stop_on_error, execute requests that were already waiting ("Run all") are aborted, as
   * ipykernel does. Requests arriving after the error reply run normally.
   */
  private async abortQueuedExecutions(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < this.shellQueue.length;) {
      const queued = this.shellQueue[i];
      if (queued.header.msg_type !== "execute_request") {
        i++;
        continue;
      }
      this.shellQueue.splice(i, 1);
      this.publish("status", { execution_state: "busy" }, queued.header);
      this.reply(this.sockets.shellOut, queued, { status: "aborted", execution_count: this.executionCount });
      this.publish("status", { execution_state: "idle" }, queued.header);
    }
  }

  private async complete(code: string, cursorPos: number): Promise<Content> {
    const cursor = utf16Index(code, cursorPos);
    try {
      const outcome = await this.runtime.request({ type: "complete", code, cursor });
      const start = codePointPosition(code, outcome.start);
      const end = codePointPosition(code, outcome.end);
      return {
        status: "ok",
        matches: outcome.matches,
        cursor_start: start,
        cursor_end: end,
        metadata: {
          _jupyter_types_experimental: outcome.types.map(({ text, type }) => ({ text, type, start, end })),
        },
      };
    } catch {
      return { status: "ok", matches: [], cursor_start: cursorPos, cursor_end: cursorPos, metadata: {} };
    }
  }

  private async inspect(code: string, cursorPos: number): Promise<Content> {
    try {
      const outcome = await this.runtime.request({
        type: "inspect",
        code,
        cursor: utf16Index(code, cursorPos),
      });
      return { status: "ok", found: outcome.found, data: outcome.data, metadata: {} };
    } catch {
      return { status: "ok", found: false, data: {}, metadata: {} };
    }
  }

  private async isComplete(code: string): Promise<Content> {
    try {
      return { ...(await this.runtime.request({ type: "is_complete", code })) };
    } catch {
      return { status: "unknown" };
    }
  }

  private relay(event: RunnerEvent): void {
    const parent = this.outputParent;
    switch (event.type) {
      case "stream":
        this.publish("stream", { name: event.name, text: event.text }, parent);
        break;
      case "display":
        this.publish(
          event.update ? "update_display_data" : "display_data",
          {
            data: event.data satisfies MimeBundle,
            metadata: event.metadata,
            transient: event.displayId === undefined ? {} : { display_id: event.displayId },
          },
          parent,
        );
        break;
      case "clear_output":
        this.publish("clear_output", { wait: event.wait }, parent);
        break;
      case "input_request":
        this.requestInput(event.requestId, event.prompt, event.password);
        break;
      default:
        break;
    }
  }

  private publish(msgType: string, content: Content, parent: MessageHeader | undefined): void {
    const message: Message<unknown> = {
      identities: [Buffer.from(`kernel.${this.session}.${msgType}`)],
      header: createHeader(msgType, this.session),
      parent_header: parent ?? {},
      metadata: {},
      content,
      buffers: [],
    };
    void this.sockets.iopubOut.send(encodeMessage(message, this.signer));
  }

  private reply(out: Outbox, request: Message, content: Content): void {
    const message: Message<unknown> = {
      identities: request.identities,
      header: createHeader(request.header.msg_type.replace(/_request$/, "_reply"), this.session),
      parent_header: request.header,
      metadata: {},
      content,
      buffers: [],
    };
    void out.send(encodeMessage(message, this.signer));
  }
}
