import type { FeatureKind } from "../data/column.js";
import type { FileFormat, ReadOptions } from "../data/index.js";
import { DriftlabError } from "../errors.js";

/** Parsed command line: positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * Parses `args` given the names of options that take a value (`valued`); every other `--name` is a flag.
 * `--name=value` also works. `-o` is an alias of `--output`.
 */
export function parseArgs(args: readonly string[], valued: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    let arg = args[i];
    if (arg === "-o") arg = "--output";
    if (!arg.startsWith("--") || arg === "--") {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valued.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) {
        throw new DriftlabError("INVALID_OPTION", `Option --${name} needs a value.`, { subject: name });
      }
      options.set(name, value);
    } else {
      if (eq >= 0)
        throw new DriftlabError("INVALID_OPTION", `Option --${name} takes no value.`, { subject: name });
      options.set(name, true);
    }
  }
  return { positional, options };
}

export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.options.get(name);
  return typeof v === "string" ? v : undefined;
}

export function flag(parsed: ParsedArgs, name: string): boolean {
  return parsed.options.get(name) === true;
}

/** Rejects options the command does not know, naming them and the known ones. */
export function checkKnown(parsed: ParsedArgs, _command: string, known: readonly string[]): void {
  for (const name of parsed.options.keys()) {
    if (!known.includes(name)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        // main prefixes "driftlab <command>: " to every failure.
        `unknown option --${name}. Known options: ${known.map((k) => `--${k}`).join(", ")}.`,
        { subject: name },
      );
    }
  }
}

/** Options of every command that reads data files; `readOptionsOf` turns them into `read()` options. */
export const READ_OPTIONS = ["format", "encoding", "invalid-utf8", "kinds"] as const;

/** The usage line of {@link READ_OPTIONS}. */
export const READ_USAGE =
  "[--format csv|tsv|json|ndjson|parquet|arrow] [--encoding utf8|latin1] [--invalid-utf8 error|replace] [--kinds col=kind,...]";

const KINDS = ["numeric", "categorical", "boolean", "datetime", "text"];

/** `read()` options from --format, --encoding, --invalid-utf8 and --kinds (`zip=categorical,day=datetime`). */
export function readOptionsOf(parsed: ParsedArgs): ReadOptions {
  const options: ReadOptions = {};
  const format = stringOption(parsed, "format");
  if (format !== undefined) options.format = format as FileFormat;
  const encoding = stringOption(parsed, "encoding");
  if (encoding !== undefined) {
    if (encoding !== "utf8" && encoding !== "latin1") {
      throw new DriftlabError("INVALID_OPTION", `--encoding ${encoding}: use utf8 or latin1.`, {
        subject: "encoding",
      });
    }
    options.encoding = encoding;
  }
  const invalid = stringOption(parsed, "invalid-utf8");
  if (invalid !== undefined) {
    if (invalid !== "error" && invalid !== "replace") {
      throw new DriftlabError("INVALID_OPTION", `--invalid-utf8 ${invalid}: use error or replace.`, {
        subject: "invalid-utf8",
      });
    }
    options.invalidUtf8 = invalid;
  }
  const kinds = stringOption(parsed, "kinds");
  if (kinds !== undefined) {
    const forced: Record<string, FeatureKind> = {};
    for (const entry of kinds.split(",")) {
      const eq = entry.lastIndexOf("=");
      const name = entry.slice(0, eq).trim();
      const kind = entry.slice(eq + 1).trim();
      if (eq <= 0 || !KINDS.includes(kind)) {
        throw new DriftlabError(
          "INVALID_OPTION",
          `--kinds ${JSON.stringify(entry)}: write column=kind, kind one of ${KINDS.join(", ")} (e.g. --kinds zip=categorical).`,
          { subject: "kinds" },
        );
      }
      forced[name] = kind as FeatureKind;
    }
    options.kinds = forced;
  }
  return options;
}

/** The number given to `--name`, or undefined when the option is absent; a value that is not a number is an error. */
export function numberOption(parsed: ParsedArgs, name: string): number | undefined {
  const value = stringOption(parsed, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number)) {
    throw new DriftlabError("INVALID_OPTION", `--${name} ${value}: give a number.`, { subject: name });
  }
  return number;
}

/** The comma-separated list given to `--name` (blank entries dropped), or undefined when absent. */
export function listOption(parsed: ParsedArgs, name: string): string[] | undefined {
  const value = stringOption(parsed, name);
  return value === undefined
    ? undefined
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}
