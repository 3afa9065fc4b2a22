/**
 * The five ZeroMQ sockets of a kernel, bound to the ports of the connection file.
 * https://jupyter-client.readthedocs.io/en/stable/kernels.html#connection-files
 */
import { readFileSync } from "node:fs";
import * as zmq from "zeromq";

export interface ConnectionInfo {
  transport: string;
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
}

export function readConnectionFile(path: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(path, "utf8")) as Partial<ConnectionInfo>;
  return {
    transport: info.transport ?? "tcp",
    ip: info.ip ?? "127.0.0.1",
    key: info.key ?? "",
    signature_scheme: info.signature_scheme ?? "hmac-sha256",
    shell_port: Number(info.shell_port),
    iopub_port: Number(info.iopub_port),
    stdin_port: Number(info.stdin_port),
    control_port: Number(info.control_port),
    hb_port: Number(info.hb_port),
  };
}

function address(info: ConnectionInfo, port: number): string {
  return info.transport === "ipc" ? `ipc://${info.ip}-${port}` : `${info.transport}://${info.ip}:${port}`;
}

/**
 * A socket whose sends are queued: zeromq.js allows one pending send per socket, and outputs must keep their order.
 */
export class Outbox {
  private tail: Promise<void> = Promise.resolve();

  constructor(readonly socket: zmq.Writable & zmq.Socket) {}

  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(
      () => this.socket.send(frames),
      () => this.socket.send(frames),
    );
    return this.tail.catch((error: unknown) => {
      process.stderr.write(`driftlab kernel: could not send a message: ${String(error)}\n`);
    });
  }

  /** Resolves when every queued message has been handed to ZeroMQ. */
  drain(): Promise<void> {
    return this.tail.catch(() => undefined);
  }
}

export class KernelSockets {
  readonly shell = new zmq.Router({ linger: 1000 });
  readonly control = new zmq.Router({ linger: 1000 });
  readonly stdin = new zmq.Router({ linger: 1000 });
  readonly iopub = new zmq.Publisher({ linger: 1000 });
  readonly heartbeat = new zmq.Reply({ linger: 0 });
  readonly shellOut = new Outbox(this.shell);
  readonly controlOut = new Outbox(this.control);
  readonly stdinOut = new Outbox(this.stdin);
  readonly iopubOut = new Outbox(this.iopub);

  async bind(info: ConnectionInfo): Promise<void> {
    await Promise.all([
      this.shell.bind(address(info, info.shell_port)),
      this.control.bind(address(info, info.control_port)),
      this.stdin.bind(address(info, info.stdin_port)),
      this.iopub.bind(address(info, info.iopub_port)),
      this.heartbeat.bind(address(info, info.hb_port)),
    ]);
  }

  /** Echoes every heartbeat ping; runs until the socket closes. */
  async echoHeartbeats(): Promise<void> {
    try {
      for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
    } catch {
      // closed
    }
  }

  async close(): Promise<void> {
    await Promise.all([
      this.shellOut.drain(),
      this.controlOut.drain(),
      this.iopubOut.drain(),
      this.stdinOut.drain(),
    ]);
    for (const socket of [this.shell, this.control, this.stdin, this.iopub, this.heartbeat]) socket.close();
  }
}
