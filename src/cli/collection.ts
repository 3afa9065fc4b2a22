/** The collection commands: `driftlab predictive`, `driftlab coverage`, `driftlab representation`. */
import { readFileSync } from "node:fs";
import { coverage, predictiveContent, representation } from "../collection/index.js";
import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import type { Correction } from "../format/options.js";
import { CORRECTIONS } from "../format/options.js";
import {
  checkKnown,
  flag,
  listOption,
  numberOption,
  parseArgs,
  READ_OPTIONS,
  READ_USAGE,
  readOptionsOf,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import { emitReport, exitCodeOf } from "./output.js";

const COMMON = ["features", "exclude", "alpha", "correction", "html", ...READ_OPTIONS];
const COMMON_FLAGS = ["json"];

export const predictiveUsage = `driftlab predictive <file> --label col [--features a,b] [--exclude c,d] [--permutations 199]
    [--alpha 0.05] [--correction none|bonferroni|holm|bh] [--json | --html out.html] [--fail-on-leakage]
    ${READ_USAGE}
  What each feature tells about the label (mutual information with a permutation test, AUC or correlation), and
  which features are constant, duplicated, carry no signal, or leak the label. With --fail-on-leakage, exits 1 when
  a feature is a leakage suspect.`;

export const coverageUsage = `driftlab coverage <training> <serving> [--features a,b] [--exclude c,d] [--support-quantile 0.95]
    [--sample-rows 3000] [--min-size 30] [--alpha 0.05] [--json | --html out.html] [--fail-on-gap]
    ${READ_USAGE}
  How well the training data covers serving: values outside the training range, unseen categories, serving rows
  with no training row nearby, and under-covered slices. With --fail-on-gap, exits 1 when a significant share of
  serving rows has no training support.`;

export const representationUsage = `driftlab representation <file> --groups a[,b] [--reference shares.json] [--features c,d] [--exclude e]
    [--min-size 30] [--proxy-auc 0.7] [--alpha 0.05] [--json | --html out.html] [--fail-on-under-representation]
    ${READ_USAGE}
  Each group's share with an interval against a reference population (--reference: a JSON file like
  {"sex": {"F": 0.5, "M": 0.5}}) or parity; with several --groups, their intersection too; and the features that
  predict a protected attribute (proxies). With --fail-on-under-representation, exits 1 when a group is
  significantly under-represented.`;

function correctionOption(parsed: ParsedArgs): Correction | undefined {
  const value = stringOption(parsed, "correction");
  if (value === undefined) return undefined;
  if (!(CORRECTIONS as readonly string[]).includes(value)) {
    throw new DriftlabError("INVALID_OPTION", `--correction ${value}: use ${CORRECTIONS.join(", ")}.`, {
      subject: "correction",
    });
  }
  return value as Correction;
}

function common(parsed: ParsedArgs) {
  return {
    features: listOption(parsed, "features"),
    exclude: listOption(parsed, "exclude"),
    alpha: numberOption(parsed, "alpha"),
    correction: correctionOption(parsed),
  };
}

function positional(parsed: ParsedArgs, count: number, usage: string, what: string): string[] {
  if (parsed.positional.length !== count) {
    throw new DriftlabError("INVALID_OPTION", `Give ${what}.\n${usage}`);
  }
  return parsed.positional;
}

export async function predictiveCommand(
  args: readonly string[],
  out: (text: string) => void,
): Promise<number> {
  const valued = [...COMMON, "label", "permutations"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "predictive", [...valued, ...COMMON_FLAGS, "fail-on-leakage"]);
  const [file] = positional(parsed, 1, predictiveUsage, "one file");
  const label = stringOption(parsed, "label");
  if (label === undefined) {
    throw new DriftlabError("INVALID_OPTION", `driftlab predictive needs --label.\n${predictiveUsage}`, {
      subject: "label",
    });
  }
  const report = predictiveContent(await read(file, readOptionsOf(parsed)), {
    label,
    ...common(parsed),
    permutations: numberOption(parsed, "permutations"),
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-leakage") ? "fail" : undefined);
}

export async function coverageCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = [...COMMON, "support-quantile", "sample-rows", "min-size"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "coverage", [...valued, ...COMMON_FLAGS, "fail-on-gap"]);
  const [trainingFile, servingFile] = positional(
    parsed,
    2,
    coverageUsage,
    "the training file and the serving file",
  );
  const options = readOptionsOf(parsed);
  const [training, serving] = await Promise.all([read(trainingFile, options), read(servingFile, options)]);
  const report = coverage(training, serving, {
    ...common(parsed),
    supportQuantile: numberOption(parsed, "support-quantile"),
    sampleRows: numberOption(parsed, "sample-rows"),
    minSize: numberOption(parsed, "min-size"),
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-gap") ? "fail" : undefined);
}

function referenceFile(path: string | undefined): Record<string, Record<string, number>> | undefined {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new DriftlabError(
      "FILE_NOT_FOUND",
      `--reference ${path}: no such file. Give a JSON file of shares.`,
      {
        subject: path,
      },
    );
  }
  try {
    return JSON.parse(text) as Record<string, Record<string, number>>;
  } catch (error) {
    throw new DriftlabError(
      "MALFORMED_JSON",
      `--reference ${path} is not valid JSON (${(error as Error).message}). Write it like {"sex": {"F": 0.5, "M": 0.5}}.`,
      { subject: path },
    );
  }
}

export async function representationCommand(
  args: readonly string[],
  out: (text: string) => void,
): Promise<number> {
  const valued = [...COMMON, "groups", "reference", "min-size", "proxy-auc", "permutations"];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "representation", [...valued, ...COMMON_FLAGS, "fail-on-under-representation"]);
  const [file] = positional(parsed, 1, representationUsage, "one file");
  const groups = listOption(parsed, "groups");
  if (groups === undefined || groups.length === 0) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab representation needs --groups.\n${representationUsage}`,
      {
        subject: "groups",
      },
    );
  }
  const report = representation(await read(file, readOptionsOf(parsed)), {
    groups,
    reference: referenceFile(stringOption(parsed, "reference")),
    ...common(parsed),
    minSize: numberOption(parsed, "min-size"),
    proxyAuc: numberOption(parsed, "proxy-auc"),
    permutations: numberOption(parsed, "permutations"),
  });
  await emitReport(report, parsed, out);
  return exitCodeOf(report.verdict, flag(parsed, "fail-on-under-representation") ? "fail" : undefined);
}
