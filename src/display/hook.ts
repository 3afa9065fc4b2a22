import type { MimeBundle } from "./bundle.js";

/**
 * The global key under which a Jupyter kernel installs its {@link KernelHook}:
 * `globalThis[Symbol.for("driftlab.kernel")]`.
 *
 * The library never imports the kernel: driftlab's kernel (src/kernel/runner.ts) sets this property in the process
 * that runs the cells, and the display helpers look it up on every call. Any other kernel can install the same hook
 * to receive driftlab's rich output.
 */
export const kernelHookKey: unique symbol = Symbol.for("driftlab.kernel") as never;

/** One rich output: a `display_data` message, or an `update_display_data` when `update` is true. */
export interface DisplayMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Sent as `transient.display_id`; required when `update` is true. */
  displayId?: string;
  update: boolean;
}

/** What a kernel offers to the display helpers (version 1 of the hook). */
export interface KernelHook {
  readonly version: 1;
  /** Publishes a `display_data` or `update_display_data` message for the running cell. */
  display(message: DisplayMessage): void;
  /** Publishes `clear_output`; with `wait`, the frontend clears when the next output arrives. */
  clearOutput(wait: boolean): void;
  /** Makes the cell wait for an asynchronous display before it finishes (so its output lands in that cell). */
  track(pending: Promise<unknown>): void;
  /**
   * Asks the notebook's user for one line of text (an `input_request` on the stdin channel) and resolves with their
   * answer; rejects when the frontend does not accept input. Optional: kernels without stdin leave it out.
   */
  input?(prompt: string, password: boolean): Promise<string>;
}

/** The hook of the kernel running this process, if any. */
export function kernelHook(): KernelHook | undefined {
  const hook = (globalThis as Record<symbol, unknown>)[kernelHookKey] as Partial<KernelHook> | undefined;
  return hook !== undefined && hook.version === 1 && typeof hook.display === "function"
    ? (hook as KernelHook)
    : undefined;
}
