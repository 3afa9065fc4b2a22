import { closeEarlyWorkers, startEarlyWorkers } from "./early-workers.js";
import { asDriftlabError, inCliWords } from "./failure.js";
import { VERSION } from "../version.js";

type Command = (args: readonly string[], out: (text: string) => void) => Promise<number>;

interface CommandEntry {
  run: Command;
  usage: string;
}

/**
 * Each command's module, loaded when the command runs (or its help is shown): a command loads only what it needs
 * (issue 15: start-up is part of every command's time).
 */
const commands: Record<string, () => Promise<CommandEntry>> = {
  profile: async () => {
    const m = await import("./profile.js");
    return { run: m.profileCommand, usage: m.profileUsage };
  },
  fairness: async () => {
    const m = await import("./fairness.js");
    return { run: m.fairnessCommand, usage: m.fairnessUsage };
  },
  drift: async () => {
    const m = await import("./drift.js");
    return { run: m.driftCommand, usage: m.driftUsage };
  },
  skew: async () => {
    const m = await import("./skew.js");
    return { run: m.skewCommand, usage: m.skewUsage };
  },
  feedback: async () => {
    const m = await import("./feedback.js");
    return { run: m.feedbackCommand, usage: m.feedbackUsage };
  },
  "infer-schema": async () => {
    const m = await import("./schema.js");
    return { run: m.inferSchemaCommand, usage: m.inferSchemaUsage };
  },
  validate: async () => {
    const m = await import("./schema.js");
    return { run: m.validateCommand, usage: m.validateUsage };
  },
  predictive: async () => {
    const m = await import("./collection.js");
    return { run: m.predictiveCommand, usage: m.predictiveUsage };
  },
  coverage: async () => {
    const m = await import("./collection.js");
    return { run: m.coverageCommand, usage: m.coverageUsage };
  },
  representation: async () => {
    const m = await import("./collection.js");
    return { run: m.representationCommand, usage: m.representationUsage };
  },
  render: async () => {
    const m = await import("./render.js");
    return { run: m.renderCommand, usage: m.renderUsage };
  },
  install: async () => {
    const m = await import("./install.js");
    return { run: m.installCommand, usage: m.installUsage };
  },
  uninstall: async () => {
    const m = await import("./install.js");
    return { run: m.uninstallCommand, usage: m.uninstallUsage };
  },
};

/** Registers a command (used by modules that add commands, such as install). */
export function registerCommand(name: string, entry: CommandEntry): void {
  commands[name] = () => Promise.resolve(entry);
}

async function usage(): Promise<string> {
  const entries = await Promise.all(Object.values(commands).map((load) => load()));
  return `driftlab ${VERSION}: data validation for production ML.

Usage:
${entries.map((c) => "  " + c.usage.split("\n").join("\n  ")).join("\n")}

Every command also takes --debug: on an error, show the stack trace too.

Exit codes: 0 ok, 1 the check found a problem (drift, anomalies, disparity), 2 bad input or usage.`;
}

/** The names of every command, in the order `driftlab --help` lists them. */
export function commandNames(): string[] {
  return Object.keys(commands);
}

/** The usage of one command, as `driftlab <command> --help` prints it. */
export async function commandUsage(name: string): Promise<string | undefined> {
  const load = commands[name];
  if (load === undefined) return undefined;
  const entry = await load();
  const text = entry.usage.startsWith("driftlab ") ? entry.usage : `driftlab ${entry.usage}`;
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
    const help = await commandUsage(args[0]);
    if (help === undefined) {
      process.stderr.write(`driftlab: unknown command "${args[0]}".\n\n${await usage()}\n`);
      return 2;
    }
    out(help);
    return 0;
  }
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    out(await usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "version") {
    out(VERSION);
    return 0;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`driftlab: unknown command "${name}".\n\n${await usage()}\n`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    out((await commandUsage(name))!);
    return 0;
  }
  // The profile's threads boot while the command's modules load (early-workers.ts).
  if (name === "profile") startEarlyWorkers(args);
  try {
    // The presenters (text and pages of reports) load with the command; `profile` loads them itself, after it
    // started reading.
    const [command] = await Promise.all([
      load(),
      name === "profile" ? undefined : import("../presenters/index.js"),
    ]);
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
  } finally {
    await closeEarlyWorkers();
  }
}
