import { createRequire } from "node:module";
import type { MimeBundle } from "./bundle.js";
import { kernelHook, type DisplayMessage } from "./hook.js";

/**
 * Where rich output goes, in order of preference: driftlab's kernel (through the global hook), Deno's kernel
 * (`Deno.jupyter.broadcast`), a running tslab kernel (its internal `lastWriteDisplayData`), or nowhere (`undefined`:
 * the caller prints text instead).
 */
export interface Frontend {
  display(message: DisplayMessage): void;
  clearOutput(wait: boolean): void;
  /** Lets the kernel wait for an asynchronous display before the cell ends, when it can. */
  track(pending: Promise<unknown>): void;
}

export function activeFrontend(): Frontend | undefined {
  return kernelHook() ?? denoFrontend() ?? tslabFrontend();
}

interface DenoJupyter {
  broadcast(msgType: string, content: Record<string, unknown>): unknown;
}

function denoFrontend(): Frontend | undefined {
  const deno = (globalThis as { Deno?: { jupyter?: Partial<DenoJupyter> } }).Deno;
  const jupyter = deno?.jupyter;
  if (jupyter === undefined || typeof jupyter.broadcast !== "function") return undefined;
  // Deno 2.9's broadcast may return a promise or nothing; a failed send must not fail the cell.
  const broadcast = (msgType: string, content: Record<string, unknown>): void => {
    const sent: unknown = jupyter.broadcast!(msgType, content);
    if (sent instanceof Promise) sent.catch(() => undefined);
  };
  return {
    display: (message) =>
      broadcast(message.update ? "update_display_data" : "display_data", {
        data: message.data,
        metadata: message.metadata,
        transient: message.displayId === undefined ? {} : { display_id: message.displayId },
      }),
    clearOutput: (wait) => broadcast("clear_output", { wait }),
    track: () => undefined,
  };
}

type WriteDisplayData = (
  content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id?: string } },
  update: boolean,
) => void;

/**
 * tslab 1.x sends a multi-MIME display only through `lastWriteDisplayData` of its internal `dist/jupyter` module, and it
 * must be the running kernel's own instance: we find it in the CommonJS module cache, whatever path tslab was loaded
 * from.
 */
function tslabFrontend(): Frontend | undefined {
  const cache = createRequire(import.meta.url).cache;
  for (const [filename, loaded] of Object.entries(cache)) {
    if (loaded === undefined || !/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(filename)) continue;
    const write = (loaded.exports as { lastWriteDisplayData?: WriteDisplayData | null }).lastWriteDisplayData;
    if (typeof write !== "function") continue;
    return {
      display: (message) =>
        write(
          {
            data: message.data,
            metadata: message.metadata,
            transient: message.displayId === undefined ? {} : { display_id: message.displayId },
          },
          message.update,
        ),
      clearOutput: () => undefined,
      track: () => undefined,
    };
  }
  return undefined;
}
