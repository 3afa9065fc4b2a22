import { stat } from "node:fs/promises";
import { readBatches } from "../data/batches.js";
import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { startProfileWorkers } from "../stats/parallel.js";
import { profile, profileWithWorkers } from "../stats/profile.js";
import {
  checkKnown,
  flag,
  parseArgs,
  READ_OPTIONS,
  READ_USAGE,
  readOptionsOf,
  stringOption,
} from "./args.js";
import {
  emitReport,
  PRIVACY_FLAGS,
  PRIVACY_OPTIONS,
  PRIVACY_USAGE,
  SIZE_OPTIONS,
  SIZE_USAGE,
} from "./output.js";
import { closeAll, isSourceUrl, openSource, sourcesUsage } from "./sources.js";

export const profileUsage = `driftlab profile <file> [--json | --html out.html] [--slices col1,col2] [--stream]
    ${READ_USAGE} ${PRIVACY_USAGE} ${SIZE_USAGE}
  Dataset statistics per feature. --json prints the report JSON; --html writes a standalone page,
  where values and slices with fewer than --min-count (10) rows are left out unless --no-privacy.
  Files over 256 MiB (or with --stream) are read in batches (Parquet row groups, CSV/NDJSON chunks, Arrow
  record batches) in bounded memory; quantiles and histograms then come from merged sketches.
  A report over --max-report-size (default 20MB) keeps every column's summary statistics and leaves out the
  distributions of the last columns (marked "summarized"; the report's notes say how many).
  ${sourcesUsage()}`;

/** Files at least this large get their profile workers started before reading (see src/stats/parallel.ts). */
const EARLY_WORKERS_BYTES = 8 << 20;

/** Files larger than this are profiled in batches (bounded memory) unless slices are asked for. */
export const STREAM_FILE_BYTES = 256 * 2 ** 20;

export async function profileCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["html", "slices", ...READ_OPTIONS, ...PRIVACY_OPTIONS, ...SIZE_OPTIONS];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "profile", [...valued, "json", "stream", ...PRIVACY_FLAGS]);
  const [file] = parsed.positional;
  if (file === undefined || parsed.positional.length > 1) {
    throw new DriftlabError("INVALID_OPTION", `driftlab profile takes one file.\n${profileUsage}`);
  }
  const slices = stringOption(parsed, "slices");
  const onProgress = (fraction: number, message: string): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r${Math.round(fraction * 100)}% ${message}\x1b[K`);
  };
  const readOptions = readOptionsOf(parsed);
  if (isSourceUrl(file)) {
    if (slices !== undefined) {
      throw new DriftlabError(
        "INVALID_OPTION",
        `driftlab profile --slices is not computed in an engine; profile one source per slice with ?where=… instead of ${file}.`,
        { subject: "slices" },
      );
    }
    const source = openSource(file);
    try {
      const report = await profile(source, { kinds: readOptions.kinds, onProgress });
      if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
      await emitReport(report, parsed, out);
    } finally {
      await closeAll([source]);
    }
    return 0;
  }
  const stream = flag(parsed, "stream") || (await fileSize(file)) > STREAM_FILE_BYTES;
  if (stream && slices !== undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab profile --slices reads the file whole; ${file} is streamed (large or --stream). Drop --slices, or profile a sample.`,
      { subject: "slices" },
    );
  }
  let report;
  if (stream) report = await profile(readBatches(file, readOptions), { onProgress });
  else {
    // For a file of some size, the column kernels' workers start now and boot while it is read.
    const workers = (await fileSize(file)) >= EARLY_WORKERS_BYTES ? startProfileWorkers() : undefined;
    try {
      report = await profileWithWorkers(await read(file, readOptions), {
        slices: slices === undefined ? undefined : [slices.split(",")],
        onProgress,
        workers,
      });
    } finally {
      await workers?.close();
    }
  }
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  await emitReport(report, parsed, out);
  return 0;
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0; // read() reports the missing file with its own message
  }
}
