import { DriftlabError } from "../errors.js";
import { checkKnown, flag, parseArgs, stringOption } from "./args.js";

export const renderUsage = `driftlab render <notebook.ipynb...> [--execute] [-o dir] [--format html|ipynb] [--allow-errors]
    [--timeout seconds]
  Standalone pages of notebooks (driftlab widgets interactive offline) and an index page, written into dir (default
  site/). With --execute, runs each notebook first in driftlab's kernel, in the notebook's folder; a failing cell
  stops with exit 1 unless --allow-errors. --format ipynb saves the executed notebooks instead. --timeout: per cell
  (default 600).`;

export async function renderCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["output", "format", "timeout"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "render", [...valued, "execute", "allow-errors"]);
  if (parsed.positional.length === 0) {
    throw new DriftlabError("INVALID_OPTION", `driftlab render needs at least one notebook.\n${renderUsage}`);
  }
  const format = stringOption(parsed, "format") ?? "html";
  if (format !== "html" && format !== "ipynb") {
    throw new DriftlabError("INVALID_OPTION", `--format ${format}: use html or ipynb.`, {
      subject: "format",
    });
  }
  const timeout = Number(stringOption(parsed, "timeout") ?? "600");
  if (!(timeout > 0)) {
    throw new DriftlabError("INVALID_OPTION", `--timeout needs a positive number of seconds.`, {
      subject: "timeout",
    });
  }
  // Loaded here, not at start-up: the notebook renderer brings marked and the kernel client (zeromq).
  const { CellExecutionError, renderNotebooks } = await import("../notebook/render.js");
  try {
    const result = await renderNotebooks(parsed.positional, {
      outDir: stringOption(parsed, "output"),
      execute: flag(parsed, "execute"),
      format,
      allowErrors: flag(parsed, "allow-errors"),
      cellTimeoutMs: timeout * 1000,
      log: (line) => process.stderr.write(line + "\n"),
    });
    for (const file of result.files) out(file.output);
    if (result.index !== undefined) out(result.index);
    return 0;
  } catch (error) {
    if (error instanceof CellExecutionError) {
      process.stderr.write(`driftlab render: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
