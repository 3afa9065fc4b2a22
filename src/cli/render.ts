import { DriftlabError } from "../errors.js";
import { checkKnown, flag, parseArgs, stringOption } from "./args.js";
import { PRIVACY_FLAGS, PRIVACY_OPTIONS, PRIVACY_USAGE, privacyOf } from "./output.js";

export const renderUsage = `driftlab render <notebook.ipynb...> [--execute] [-o dir] [--format html|ipynb] [--allow-errors]
    [--timeout seconds] ${PRIVACY_USAGE}
  Standalone pages of notebooks (driftlab widgets interactive offline) and an index page, written into dir (default
  site/). With --execute, runs each notebook first in driftlab's kernel, in the notebook's folder; a failing cell
  stops with exit 1 unless --allow-errors. --format ipynb saves the executed notebooks instead. --timeout: per cell
  (default 600). Saved driftlab reports are written as shared reports: categories, values and slices with fewer
  than --min-count (10) members left out, --sensitive columns (or "sensitive": true in --schema) hashed or
  --redact'ed, and the report's page made again from that; --no-privacy writes them as saved.`;

export async function renderCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["output", "format", "timeout", ...PRIVACY_OPTIONS];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "render", [...valued, "execute", "allow-errors", ...PRIVACY_FLAGS]);
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
      privacy: privacyOf(parsed, true) ?? false,
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
