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
export function checkKnown(parsed: ParsedArgs, command: string, known: readonly string[]): void {
  for (const name of parsed.options.keys()) {
    if (!known.includes(name)) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `driftlab ${command}: unknown option --${name}. Known options: ${known.map((k) => `--${k}`).join(", ")}.`,
        { subject: name },
      );
    }
  }
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
