import { DriftlabError } from "../errors.js";

/** Node's error codes for a path that cannot be written or read, and what to tell the user. */
const FILE_SYSTEM_ADVICE: Record<string, string> = {
  ENOENT: "the folder does not exist; create it first or choose another path",
  EACCES: "permission denied; choose a path you can write to",
  EPERM: "not permitted; choose a path you can write to",
  EISDIR: "it is a folder; give a file name",
  ENOTDIR: "a part of the path is a file, not a folder",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
};

/**
 * Any error the CLI meets, as a DriftlabError with a code: file-system errors name the path and the fix, a
 * JavaScript engine limit (string length, heap) says what to do, anything else is INTERNAL_ERROR (a bug to report).
 */
export function asDriftlabError(error: unknown): DriftlabError {
  if (error instanceof DriftlabError) return error;
  const e = error as NodeJS.ErrnoException;
  if (e !== null && typeof e === "object" && typeof e.code === "string" && e.code in FILE_SYSTEM_ADVICE) {
    const path = typeof e.path === "string" ? e.path : "a file";
    const writing = e.syscall === "open" || e.syscall === "mkdir" || e.syscall === "write";
    return new DriftlabError(
      writing ? "WRITE_FAILED" : "FILE_NOT_FOUND",
      `cannot ${e.syscall === "mkdir" ? "create the folder" : writing ? "write" : "read"} ${path}: ${FILE_SYSTEM_ADVICE[e.code]}.`,
      { subject: path, cause: error },
    );
  }
  if (
    error instanceof RangeError &&
    /Invalid string length|Array buffer allocation failed/.test(error.message)
  ) {
    return new DriftlabError(
      "TOO_LARGE",
      `the output is larger than JavaScript can hold in one string (${error.message}). Report fewer features (--exclude) or write --html instead of --json.`,
      { cause: error },
    );
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new DriftlabError(
    "INTERNAL_ERROR",
    `unexpected error (${message}). This is a driftlab bug: run again with --debug and report the stack trace.`,
    { cause: error },
  );
}

/**
 * The library's advice in CLI words: library messages name options (`{ encoding: "latin1" }`, `positiveLabel`);
 * on the command line the same fix is a flag.
 */
const CLI_WORDS: [RegExp, string][] = [
  [/read it with \{ encoding: "latin1" \}/g, "read it with --encoding latin1"],
  [/pass \{ invalidUtf8: "replace" \}/g, "pass --invalid-utf8 replace"],
  [/read it with \{ format: "ndjson" \}/g, "pass --format ndjson"],
  [/read\(path, \{ format: "csv" \}\)/g, "--format csv"],
  [/read\(bytes, \{ format: "csv" \}\)/g, "--format csv"],
  [
    /, or use task: "regression" for a numeric target/g,
    ' (a numeric target needs fairness() with task: "regression" from the library)',
  ],
  [/\bwith positiveLabel\b/g, "with --positive-label"],
  [/\bPass positiveLabel\b/g, "Pass --positive-label"],
  [/\bpositiveLabel ("[^"]*")/g, "--positive-label $1"],
  [/\bkinds: \{ ([^:]+): "([a-z]+)" \}/g, '--kinds "$1=$2"'],
  [/\(options\.kinds\)/g, "(--kinds name=kind)"],
  [/`nullValues`/g, "--null-values"],
];

export function inCliWords(message: string): string {
  let text = message;
  for (const [pattern, replacement] of CLI_WORDS) text = text.replace(pattern, replacement);
  return text;
}
