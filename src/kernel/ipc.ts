/**
 * Messages between the kernel process (Jupyter protocol, never blocked) and the runner process (compiler, cell state,
 * user code), over Node's IPC channel. Requests carry an `id` and get exactly one `reply` with the same id; events
 * (outputs) can arrive at any time and keep their order relative to replies.
 */
import type { MimeBundle } from "../display/bundle.js";

export interface ErrorOutcome {
  status: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ExecuteOutcome =
  { status: "ok"; result?: { data: MimeBundle; metadata: Record<string, unknown> } } | ErrorOutcome;

export interface CompleteOutcome {
  /** UTF-16 offsets in the code. */
  start: number;
  end: number;
  matches: string[];
  types: { text: string; type: string }[];
}

export interface InspectOutcome {
  found: boolean;
  data: MimeBundle;
}

export type IsCompleteOutcome = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

export type RunnerRequest =
  | { id: number; type: "execute"; code: string; executionCount: number }
  | { id: number; type: "complete"; code: string; cursor: number }
  | { id: number; type: "inspect"; code: string; cursor: number }
  | { id: number; type: "is_complete"; code: string };

/** The kernel's answer to an `input_request` event: the user's line, or why there is none. */
export interface InputReply {
  type: "input_reply";
  requestId: number;
  value?: string;
  error?: string;
}

/** Not a request (no reply): stop execute request `target`, whether it is running or still queued. */
export interface InterruptNotice {
  type: "interrupt";
  target: number;
}

export interface RunnerReplies {
  execute: ExecuteOutcome;
  complete: CompleteOutcome;
  inspect: InspectOutcome;
  is_complete: IsCompleteOutcome;
}

export type RunnerEvent =
  | { type: "ready" }
  | { type: "stream"; name: "stdout" | "stderr"; text: string }
  | {
      type: "display";
      data: MimeBundle;
      metadata: Record<string, unknown>;
      displayId?: string;
      update: boolean;
    }
  | { type: "clear_output"; wait: boolean }
  /** A cell asks for a line of input (`prompt()`, `input()`); answered by an {@link InputReply}. */
  | { type: "input_request"; requestId: number; prompt: string; password: boolean }
  /** The runner's SIGINT handler ran (so the signal reached it). */
  | { type: "interrupt_received" }
  | { type: "reply"; id: number; result: unknown };
