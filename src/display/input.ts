import { createInterface } from "node:readline";
import { kernelHook } from "./hook.js";

/** Options of {@link input}. */
export interface InputOptions {
  /** Hide what the user types (a password field in the notebook). Default false. */
  password?: boolean;
}

/**
 * Asks the user for one line of text and resolves with it (without the line break). In driftlab's kernel the notebook
 * shows an input box under the cell (Jupyter's `input_request`), and the cell waits for the answer; the global
 * `prompt(message)` in cells does the same. Outside a notebook it reads a line from the process's standard input.
 * Rejects with an Error when the notebook's frontend does not accept input (e.g. `driftlab render`, nbclient).
 */
export async function input(prompt = "", options: InputOptions = {}): Promise<string> {
  const hook = kernelHook();
  if (hook?.input !== undefined) return hook.input(prompt, options.password === true);
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  try {
    return await new Promise<string>((resolve, reject) => {
      lines.question(prompt, resolve);
      lines.once("close", () => reject(new Error("input(): standard input closed before a line was read")));
    });
  } finally {
    lines.close();
  }
}
