import { writeFileSync } from "node:fs";
import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { inferSchema, loadSchema, validate, type InferSchemaOptions } from "../schema/index.js";
import {
  checkKnown,
  flag,
  parseArgs,
  READ_OPTIONS,
  readOptionsOf,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import { emitReport, exitCodeOf, PRIVACY_FLAGS, PRIVACY_OPTIONS } from "./output.js";
import { closeAll, isSourceUrl, openSource, readInput, sourcesUsage } from "./sources.js";
import { profile } from "../stats/profile.js";
import type { Source } from "../stats/source.js";

export const inferSchemaUsage = `driftlab infer-schema <file> [-o schema.json] [--max-domain-size 100] [--ranges] [--comparators]
                      [--environments TRAINING,SERVING] [--not-in SERVING=label,other] [--format csv|...]
                      [--sensitive col1,col2]
  Infers a schema (docs/schema.md) and writes it to -o (default: stdout). --sensitive marks columns
  "sensitive": true (shared reports then hash or redact their values, docs/privacy.md). <file> may be a source URL too.`;

export const validateUsage = `driftlab validate <file> --schema schema.json [--environment SERVING] [--previous <file>] [--serving <file>]
                  [--json | --html out.html] [--format csv|...] [--min-count 10] [--sensitive col1,col2 [--redact]]
                  [--no-privacy]
  Validates data against a schema; exits with 1 when an anomaly of severity error is found (docs/anomalies.md).
  Shared output (--html; --json with a privacy option) leaves out unexpected values seen fewer than --min-count
  times and hashes the values of columns marked sensitive (--sensitive, or "sensitive": true in the schema).
  ${sourcesUsage()}`;

function readData(path: string, parsed: ParsedArgs) {
  return read(path, readOptionsOf(parsed));
}

function oneFile(parsed: ParsedArgs, command: string, usage: string): string {
  const [file] = parsed.positional;
  if (file === undefined || parsed.positional.length > 1) {
    throw new DriftlabError("INVALID_OPTION", `driftlab ${command} takes one data file.\n${usage}`);
  }
  return file;
}

function list(value: string | undefined): string[] | undefined {
  return value
    ?.split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** `--not-in SERVING=label,tip;TRAINING=x` → { SERVING: ["label", "tip"], TRAINING: ["x"] }. */
function notInOption(value: string | undefined): Record<string, string[]> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, string[]> = {};
  for (const part of value.split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `--not-in takes ENVIRONMENT=feature,feature (e.g. SERVING=label), got "${part}".`,
        {
          subject: "not-in",
        },
      );
    }
    out[part.slice(0, eq).trim()] = list(part.slice(eq + 1)) ?? [];
  }
  return out;
}

export async function inferSchemaCommand(
  args: readonly string[],
  out: (text: string) => void,
): Promise<number> {
  const valued = ["output", "max-domain-size", "environments", "not-in", "sensitive", ...READ_OPTIONS];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "infer-schema", [...valued, "ranges", "comparators"]);
  const file = oneFile(parsed, "infer-schema", inferSchemaUsage);
  const options: InferSchemaOptions = {
    ranges: flag(parsed, "ranges"),
    comparators: flag(parsed, "comparators"),
    environments: list(stringOption(parsed, "environments")),
    notIn: notInOption(stringOption(parsed, "not-in")),
  };
  const maxDomain = stringOption(parsed, "max-domain-size");
  if (maxDomain !== undefined) {
    const n = Number(maxDomain);
    if (!Number.isInteger(n) || n < 0) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `--max-domain-size takes an integer ≥ 0, got "${maxDomain}".`,
        {
          subject: "max-domain-size",
        },
      );
    }
    options.maxDomainSize = n;
  }
  let schema;
  if (isSourceUrl(file)) {
    const source = await openSource(file);
    try {
      schema = inferSchema(await profile(source), options);
    } finally {
      await closeAll([source]);
    }
  } else schema = inferSchema(await readData(file, parsed), options);
  for (const name of list(stringOption(parsed, "sensitive")) ?? []) schema.feature(name).markSensitive();
  const output = stringOption(parsed, "output");
  if (output === undefined) {
    out(schema.stringify().trimEnd());
  } else {
    writeFileSync(output, schema.stringify());
    process.stderr.write(`wrote ${output} (${schema.featureNames.length} features)\n`);
  }
  return 0;
}

export async function validateCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["environment", "previous", "serving", "html", ...READ_OPTIONS, ...PRIVACY_OPTIONS];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "validate", [...valued, "json", ...PRIVACY_FLAGS]);
  const file = oneFile(parsed, "validate", validateUsage);
  const schemaPath = stringOption(parsed, "schema");
  if (schemaPath === undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab validate needs --schema schema.json.\n${validateUsage}`,
      {
        subject: "schema",
      },
    );
  }
  const schema = loadSchema(schemaPath);
  const previous = stringOption(parsed, "previous");
  const serving = stringOption(parsed, "serving");
  const opened: Source[] = [];
  const input = (path: string) => readInput(path, readOptionsOf(parsed), opened);
  try {
    const report = await validate(await input(file), schema, {
      environment: stringOption(parsed, "environment"),
      previous: previous === undefined ? undefined : await input(previous),
      serving: serving === undefined ? undefined : await input(serving),
    });
    await emitReport(report, parsed, out);
    return exitCodeOf(report.verdict, "fail");
  } finally {
    await closeAll(opened);
  }
}
