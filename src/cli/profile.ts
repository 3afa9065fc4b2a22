/**
 * `driftlab profile`. Its static imports are what starting to read takes (issue 15: start-up is part of the command's
 * time): the file is being read on the workers while the profile and the report layer load.
 */
import { read } from "../data/read.js";
import { DriftlabError } from "../errors.js";
import { startProfileWorkers } from "../stats/profile-workers.js";
import {
  fileSizeOf,
  PROFILE_VALUED_OPTIONS,
  profiledWithWorkers,
  STREAM_FILE_BYTES,
  takeEarlyRead,
  takeEarlyWorkers,
} from "./early-workers.js";
import {
  checkKnown,
  flag,
  parseArgs,
  READ_USAGE,
  readOptionsOf,
  stringOption,
  type ParsedArgs,
} from "./args.js";
import { PRIVACY_FLAGS, PRIVACY_USAGE, SIZE_USAGE } from "./output-options.js";
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

export { STREAM_FILE_BYTES } from "./early-workers.js";

export async function profileCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const parsed = parseArgs(args, PROFILE_VALUED_OPTIONS);
  checkKnown(parsed, "profile", [...PROFILE_VALUED_OPTIONS, "json", "stream", ...PRIVACY_FLAGS]);
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
    const source = await openSource(file);
    try {
      const { profile } = await import("../stats/profile.js");
      const { emitReport } = await reportLayer(parsed);
      const report = await profile(source, { kinds: readOptions.kinds, onProgress });
      if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
      await emitReport(report, parsed, out);
    } finally {
      await closeAll([source]);
    }
    return 0;
  }
  const size = fileSizeOf(file);
  const stream = flag(parsed, "stream") || size > STREAM_FILE_BYTES;
  if (stream && slices !== undefined) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `driftlab profile --slices reads the file whole; ${file} is streamed (large or --stream). Drop --slices, or profile a sample.`,
      { subject: "slices" },
    );
  }
  let report;
  if (stream) {
    const [{ readBatches }, { profile }] = await Promise.all([
      import("../data/batches.js"),
      import("../stats/profile.js"),
    ]);
    report = await profile(readBatches(file, readOptions), { onProgress });
  } else {
    // For a file of some size, the column kernels' workers (started by main before this module loaded, or now) read
    // a CSV file (csv-parallel.ts), then profile it: one set of threads boots once.
    const workers =
      takeEarlyWorkers() ?? (profiledWithWorkers(size, false) ? startProfileWorkers() : undefined);
    try {
      const pool = workers?.pool;
      // Reading started before this module loaded (without read options), or starts now; the profile's modules load
      // meanwhile. (A failed read is reported where it is awaited.)
      const reading =
        takeEarlyRead(file) ?? read(file, pool === undefined ? readOptions : { ...readOptions, pool });
      reading.catch(() => undefined);
      reportLayer(parsed).catch(() => undefined); // loads meanwhile too (a failure is reported where it is awaited)
      const { profileWithWorkers } = await import("../stats/profile.js");
      report = await profileWithWorkers(await reading, {
        slices: slices === undefined ? undefined : [slices.split(",")],
        onProgress,
        workers,
      });
    } finally {
      // Not awaited: the workers do not keep the process alive, and stopping them takes milliseconds that the
      // report need not wait for.
      void workers?.close();
    }
  }
  const { emitReport } = await reportLayer(parsed);
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  await emitReport(report, parsed, out);
  return 0;
}

/**
 * The output, and the presenters of the reports when the report is drawn (text, --html; not for --json alone): main
 * does not load them for this command.
 */
async function reportLayer(parsed: ParsedArgs): Promise<typeof import("./output.js")> {
  const drawn = !flag(parsed, "json") || stringOption(parsed, "html") !== undefined;
  const [output] = await Promise.all([
    import("./output.js"),
    drawn ? import("../presenters/index.js") : undefined,
  ]);
  return output;
}
