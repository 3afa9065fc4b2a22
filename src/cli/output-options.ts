/**
 * The options of a command's output that its usage and argument check name (output.ts acts on them): apart, so that
 * a command's module states its usage without loading the report layer.
 */

/**
 * Valued options of the privacy of shared output (with the flags --redact and --no-privacy). `--schema`: the
 * columns the schema marks `sensitive: true` count as --sensitive (validate reads its schema anyway).
 */
export const PRIVACY_OPTIONS = ["min-count", "sensitive", "schema"] as const;
export const PRIVACY_FLAGS = ["redact", "no-privacy"] as const;
export const PRIVACY_USAGE =
  "[--min-count 10] [--sensitive col1,col2 [--redact]] [--schema schema.json] [--no-privacy]";
/** The option of the report size cap (profile, drift): `--max-report-size 20MB` (default), `none` for no cap. */
export const SIZE_OPTIONS = ["max-report-size"] as const;
export const SIZE_USAGE = "[--max-report-size 20MB|none]";
