import { randomUUID } from "node:crypto";
import { activeFrontend, type Frontend } from "./frontends.js";
import type { MimeBundle } from "./bundle.js";

/** A progress display for a long computation. */
export interface Progress {
  /**
   * Sets the completed fraction (clamped to 0..1; NaN shows no percentage) and an optional status text, e.g.
   * `update(0.4, "feature 12 of 30")`. Updates closer than `interval` milliseconds are merged.
   */
  update(fraction: number, text?: string): void;
  /** Shows 100% (with `text` if given) and stops updating. */
  done(text?: string): void;
}

/** Options of {@link progress}. */
export interface ProgressOptions {
  /** Minimum time between two updates sent to the notebook or terminal, in milliseconds. Default 100. */
  interval?: number;
}

/**
 * A progress display that updates in place: in a notebook, one output updated through `update_display_data` on one
 * display id (a text bar and an HTML `<progress>`); in a terminal, one line on stderr rewritten with `\r`; when stderr
 * is not a terminal, one line at the end.
 */
export function progress(label: string, options: ProgressOptions = {}): Progress {
  const interval = options.interval ?? 100;
  const frontend = activeFrontend();
  const sink = frontend === undefined ? terminalSink(label) : notebookSink(label, frontend);
  let lastSent = -Infinity;
  let pending: { fraction: number; text?: string } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let finished = false;

  const flush = (): void => {
    timer = undefined;
    if (pending === undefined) return;
    sink.show(pending.fraction, pending.text, false);
    pending = undefined;
    lastSent = Date.now();
  };

  return {
    update(fraction, text) {
      if (finished) return;
      pending = { fraction: clampFraction(fraction), text };
      const wait = lastSent + interval - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait).unref();
    },
    done(text) {
      if (finished) return;
      finished = true;
      if (timer !== undefined) clearTimeout(timer);
      sink.show(1, text, true);
    },
  };
}

interface ProgressSink {
  show(fraction: number, text: string | undefined, final: boolean): void;
}

function clampFraction(fraction: number): number {
  return Number.isNaN(fraction) ? NaN : Math.min(1, Math.max(0, fraction));
}

/** `label [########------------] 40% text` */
export function progressLine(label: string, fraction: number, text: string | undefined, width = 20): string {
  const known = !Number.isNaN(fraction);
  const filled = known ? Math.round(fraction * width) : 0;
  const bar = known
    ? `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(fraction * 100)}%`
    : "[…]";
  return `${label} ${bar}${text === undefined || text === "" ? "" : " " + text}`;
}

function notebookSink(label: string, frontend: Frontend): ProgressSink {
  const displayId = `driftlab-progress-${randomUUID()}`;
  const bundle = (fraction: number, text: string | undefined): MimeBundle => ({
    "text/plain": progressLine(label, fraction, text),
    "text/html":
      `<div class="driftlab-progress"><span>${escapeHtml(label)}</span> ` +
      `<progress max="1"${Number.isNaN(fraction) ? "" : ` value="${fraction}"`} style="vertical-align: middle"></progress> ` +
      `${Number.isNaN(fraction) ? "" : `${Math.round(fraction * 100)}%`}` +
      `${text === undefined ? "" : ` <span>${escapeHtml(text)}</span>`}</div>`,
  });
  frontend.display({ data: bundle(0, undefined), metadata: {}, displayId, update: false });
  return {
    show: (fraction, text) =>
      frontend.display({ data: bundle(fraction, text), metadata: {}, displayId, update: true }),
  };
}

function terminalSink(label: string): ProgressSink {
  const interactive = process.stderr.isTTY === true;
  return {
    show(fraction, text, final) {
      const line = progressLine(label, fraction, text);
      if (interactive) process.stderr.write(`\r${line}\x1b[K${final ? "\n" : ""}`);
      else if (final) process.stderr.write(line + "\n");
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
