/**
 * The kernel tests' client: driftlab's library client (src/notebook/client.ts) plus the paths and helpers the tests
 * share.
 */
import { join } from "node:path";

export { KernelClient, type Execution } from "../../src/notebook/client.js";

export const repoRoot = join(import.meta.dirname, "..", "..");
export const kernelMain = join(repoRoot, "dist", "kernel", "main.js");

/** Removes ANSI colour codes. */
export function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}
