/**
 * Bounds on what one value costs in a report. Values come from data nobody here controls: one CSV field can be
 * 300 MB, and a report that copies it into JSON, the page and the widget fails or becomes unshareable. Reports
 * keep the first characters of a long value and its full length, and their envelope says how many were cut.
 */

/** Characters of a data value (a category, a top value) a report keeps. Longer values end with "…". */
export const MAX_VALUE_LENGTH = 200;

/** A value as a report shows it: at most `maxLength` characters plus "…", and its full length when cut. */
export function shortValue(value: string, maxLength = MAX_VALUE_LENGTH): { value: string; length?: number } {
  if (value.length <= maxLength) return { value };
  // Do not cut a surrogate pair in half.
  let end = maxLength;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { value: `${value.slice(0, end)}…`, length: value.length };
}

/** `value` cut to `maxLength` characters with its length noted, for labels inside sentences and charts. */
export function shortLabel(value: string, maxLength = 60): string {
  const short = shortValue(value, maxLength);
  return short.length === undefined
    ? short.value
    : `${short.value} (${short.length.toLocaleString("en-US")} chars)`;
}

/** Values and counts with long values cut (`length` then holds the full length); how many were cut. */
export function shortValueCounts<T extends { value: string; length?: number }>(
  list: readonly T[],
  maxLength = MAX_VALUE_LENGTH,
): { list: T[]; cut: number } {
  let cut = 0;
  const out = list.map((entry) => {
    if (entry.value.length <= maxLength) return entry;
    cut++;
    const short = shortValue(entry.value, maxLength);
    return { ...entry, value: short.value, length: entry.length ?? short.length };
  });
  return { list: out, cut };
}
