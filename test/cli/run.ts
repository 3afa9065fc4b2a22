import { afterEach, beforeEach, vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the driftlab command line in this process; what it prints, one line per call. */
export async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, (text) => (out += text + "\n"));
  return { code, out };
}

/**
 * Captures what the tests of the calling file write to stderr (the CLI's errors and notes), test by test: call it
 * at the top of a file or `describe`; the function it returns gives the current test's text.
 */
export function captureStderr(): () => string {
  let stderr = "";
  beforeEach(() => {
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());
  return () => stderr;
}
