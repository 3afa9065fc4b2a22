import { read } from "../data/index.js";
import { DriftlabError } from "../errors.js";
import { profile } from "../stats/profile.js";
import { checkKnown, parseArgs, READ_OPTIONS, READ_USAGE, readOptionsOf, stringOption } from "./args.js";
import { emitReport, PRIVACY_FLAGS, PRIVACY_OPTIONS, PRIVACY_USAGE } from "./output.js";

export const profileUsage = `driftlab profile <file> [--json | --html out.html] [--slices col1,col2]
    ${READ_USAGE} ${PRIVACY_USAGE}
  Dataset statistics per feature. --json prints the report JSON; --html writes a standalone page,
  where values and slices with fewer than --min-count (10) rows are left out unless --no-privacy.`;

export async function profileCommand(args: readonly string[], out: (text: string) => void): Promise<number> {
  const valued = ["html", "slices", ...READ_OPTIONS, ...PRIVACY_OPTIONS];
  const parsed = parseArgs(args, valued);
  checkKnown(parsed, "profile", [...valued, "json", ...PRIVACY_FLAGS]);
  const [file] = parsed.positional;
  if (file === undefined || parsed.positional.length > 1) {
    throw new DriftlabError("INVALID_OPTION", `driftlab profile takes one file.\n${profileUsage}`);
  }
  const data = await read(file, readOptionsOf(parsed));
  const slices = stringOption(parsed, "slices");
  const report = profile(data, {
    slices: slices === undefined ? undefined : [slices.split(",")],
    onProgress: (fraction, message) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${Math.round(fraction * 100)}% ${message}\x1b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
  await emitReport(report, parsed, out);
  return 0;
}
