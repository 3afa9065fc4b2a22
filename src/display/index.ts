/**
 * Rich output from notebook cells: `display`, `updateDisplay`, `clearOutput` and `progress`.
 *
 * In driftlab's kernel these send `display_data`, `update_display_data` and `clear_output` messages through the hook
 * the kernel installs at `globalThis[Symbol.for("driftlab.kernel")]` (see hook.ts); in Deno's kernel through
 * `Deno.jupyter.broadcast`; in a tslab kernel through tslab's display channel. Anywhere else (a script, the CLI) they
 * print the `text/plain` form to stdout, and progress goes to stderr.
 */
import { isPromiseLike, mimeBundleOf, type MimeBundle } from "./bundle.js";
import { activeFrontend } from "./frontends.js";

export { kernelHookKey } from "./hook.js";
export type { KernelHook, DisplayMessage } from "./hook.js";
export { progress } from "./progress.js";
export { input } from "./input.js";
export type { InputOptions } from "./input.js";
export type { Progress, ProgressOptions } from "./progress.js";

/** Options of {@link display}. */
export interface DisplayOptions {
  /** Names the output so that {@link updateDisplay} can replace it later. Default: none. */
  displayId?: string;
  /** Output metadata sent with the bundle (e.g. `{"image/png": {width: 200}}`). Default `{}`. */
  metadata?: Record<string, unknown>;
}

/**
 * Shows `value` as a cell output now, without ending the cell. A value with a `Symbol.for("Jupyter.display")` method
 * is shown by the MIME bundle it returns (driftlab reports show as interactive charts); any other value as
 * `util.inspect` text. The returned promise settles once the output is sent (at once, unless the value's bundle is
 * asynchronous); the kernel waits for pending displays before it ends the cell, so it need not be awaited.
 */
export function display(value: unknown, options: DisplayOptions = {}): Promise<void> {
  return send(value, options.displayId, options.metadata ?? {}, false);
}

/**
 * Replaces the output shown with `displayId` (by {@link display}) with `value`, in place. Outside a notebook the new
 * text is printed.
 */
export function updateDisplay(
  displayId: string,
  value: unknown,
  metadata: Record<string, unknown> = {},
): Promise<void> {
  return send(value, displayId, metadata, true);
}

/**
 * Clears the outputs of the running cell. With `wait` (default false) the notebook clears only when the next output
 * arrives, which avoids flicker in loops that redraw. Does nothing outside a notebook.
 */
export function clearOutput(wait = false): void {
  activeFrontend()?.clearOutput(wait);
}

/**
 * `display(value)` under the name tslab users know: one multi-MIME output in driftlab's kernel, Deno's kernel and stock
 * tslab (where `tslab.display` can only send one MIME type per output).
 */
export function show(value: unknown): Promise<void> {
  return display(value);
}

function send(
  value: unknown,
  displayId: string | undefined,
  metadata: Record<string, unknown>,
  update: boolean,
) {
  const frontend = activeFrontend();
  const deliver = (data: MimeBundle): void => {
    if (frontend !== undefined) frontend.display({ data, metadata, displayId, update });
    else process.stdout.write(textOf(data) + "\n");
  };
  const bundle = mimeBundleOf(value);
  if (!isPromiseLike(bundle)) {
    deliver(bundle);
    return Promise.resolve();
  }
  const pending = Promise.resolve(bundle).then(deliver);
  frontend?.track(pending);
  return pending;
}

function textOf(bundle: MimeBundle): string {
  const text = bundle["text/plain"];
  if (typeof text === "string") return text;
  return `[${Object.keys(bundle).join(", ") || "empty output"}]`;
}
