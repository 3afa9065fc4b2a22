import "../presenters/index.js";
import { asDriftlabError, inCliWords } from "./failure.js";
import { VERSION } from "../version.js";
import {
  coverageCommand,
  coverageUsage,
  predictiveCommand,
  predictiveUsage,
  representationCommand,
  representationUsage,
} from "./collection.js";
import { driftCommand, driftUsage } from "./drift.js";
import { skewCommand, skewUsage } from "./skew.js";
import { profileCommand, profileUsage } from "./profile.js";
import { renderCommand, renderUsage } from "./render.js";
import { fairnessCommand, fairnessUsage } from "./fairness.js";
import { feedbackCommand, feedbackUsage } from "./feedback.js";
import { installCommand, installUsage, uninstallCommand, uninstallUsage } from "./install.js";
import { inferSchemaCommand, inferSchemaUsage, validateCommand, validateUsage } from "./schema.js";

type Command = (args: readonly string[], out: (text: string) => void) => Promise<number>;

interface CommandEntry {
  run: Command;
  usage: string;
}

const commands: Record<string, CommandEntry> = {
  profile: { run: profileCommand, usage: profileUsage },
  fairness: { run: fairnessCommand, usage: fairnessUsage },
  drift: { run: driftCommand, usage: driftUsage },
  skew: { run: skewCommand, usage: skewUsage },
  feedback: { run: feedbackCommand, usage: feedbackUsage },
  "infer-schema": { run: inferSchemaCommand, usage: inferSchemaUsage },
  validate: { run: validateCommand, usage: validateUsage },
  predictive: { run: predictiveCommand, usage: predictiveUsage },
  coverage: { run: coverageCommand, usage: coverageUsage },
  representation: { run: representationCommand, usage: representationUsage },
  render: { run: renderCommand, usage: renderUsage },
  install: { run: installCommand, usage: installUsage },
  uninstall: { run: uninstallCommand, usage: uninstallUsage },
};

/** Registers a command (used by modules that add commands, such as install). */
export function registerCommand(name: string, entry: CommandEntry): void {
  commands[name] = entry;
}

function usage(): string {
  return `driftlab ${VERSION}: data validation for production ML.

Usage:
${Object.values(commands)
  .map((c) => "  " + c.usage.split("\n").join("\n  "))
  .join("\n")}

Every command also takes --debug: on an error, show the stack trace too.

Exit codes: 0 ok, 1 the check found a problem (drift, anomalies, disparity), 2 bad input or usage.`;
}

/** The names of every command, in the order `driftlab --help` lists them. */
export function commandNames(): string[] {
  return Object.keys(commands);
}

/** The usage of one command, as `driftlab <command> --help` prints it. */
export function commandUsage(name: string): string | undefined {
  const command = commands[name];
  if (command === undefined) return undefined;
  const text = command.usage.startsWith("driftlab ") ? command.usage : `driftlab ${command.usage}`;
  return `${text}\n\nExit codes: 0 ok, 1 the check failed (see the command's --fail-on-* flag), 2 bad input or usage.`;
}

/** Runs the driftlab command line; returns the exit code. */
export async function main(
  argv: readonly string[],
  out: (text: string) => void = (t) => console.log(t),
): Promise<number> {
  const debug = argv.includes("--debug");
  const [name, ...args] = argv.filter((a) => a !== "--debug");
  if (name === "help" && args.length > 0) {
    const help = commandUsage(args[0]);
    if (help === undefined) {
      process.stderr.write(`driftlab: unknown command "${args[0]}".\n\n${usage()}\n`);
      return 2;
    }
    out(help);
    return 0;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "version") {
    out(VERSION);
    return 0;
  }
  const command = commands[name];
  if (command === undefined) {
    process.stderr.write(`driftlab: unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    out(commandUsage(name)!);
    return 0;
  }
  try {
    return await command.run(args, out);
  } catch (error) {
    // Every failure is one line with a code; the stack only on request.
    const failure = asDriftlabError(error);
    process.stderr.write(`driftlab ${name}: ${inCliWords(failure.message)} [${failure.code}]\n`);
    if (debug) {
      const original = failure.cause instanceof Error ? failure.cause : failure;
      process.stderr.write(`${original.stack ?? String(original)}\n`);
    }
    return 2;
  }
}
