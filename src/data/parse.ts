/**
 * Parsers for one field of text, straight from bytes (no string is built on the fast paths).
 * Each parser returns its value and sets `parsed.ok`; `ok = false` means "not this type".
 * The same parsers read CSV fields and the strings of JSON records, so both follow one rule.
 */

/** Result flag of the last parse (a module-level flag avoids allocating a result object per field). */
export const parsed = { ok: false };

const SPACE = 0x20;
const TAB = 0x09;
const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;

/** Powers of ten that are exact doubles: 10^0 .. 10^22. */
export const EXACT_POWERS_OF_TEN = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** 2^53: integers below it are exact doubles (Clinger's bound on the mantissa). */
const TWO_TO_53 = 9007199254740992;

function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
}

function matchesLowercase(bytes: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (lower(bytes[start + k]) !== word.charCodeAt(k)) return false;
  return true;
}

/** The exact fallback: `Number()` of the field's (ASCII) text, which is correctly rounded. */
function slowNumber(bytes: Uint8Array, start: number, end: number): number {
  return Number(String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]));
}

/**
 * A decimal number: optional sign, digits with an optional fraction, optional exponent (`-1.5e-3`, `.5`, `5.`),
 * surrounding spaces allowed; `inf`, `infinity`, `nan` in any case, with a sign. Not accepted: hex, thousands
 * separators, an empty field. Correctly rounded, equal to `Number(text)`: a mantissa below 2^53 with |exponent| <= 22
 * uses Clinger's exact fast path, the rest go through `Number()`.
 */
export function parseNumberBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  parsed.ok = false;
  if (start >= end) return NaN;
  let i = start;
  let negative = false;
  const first = bytes[i];
  if (first === MINUS || first === PLUS) {
    negative = first === MINUS;
    i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  let c = 0;
  while (i < end && (c = bytes[i] - ZERO) >= 0 && c <= 9) {
    if (significant > 0 || c !== 0) {
      if (significant < 16) mantissa = mantissa * 10 + c;
      else exponent++;
      significant++;
    }
    digits++;
    i++;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end && (c = bytes[i] - ZERO) >= 0 && c <= 9) {
      if (significant > 0 || c !== 0) {
        if (significant < 16) {
          mantissa = mantissa * 10 + c;
          exponent--;
        }
        significant++;
      } else {
        exponent--;
      }
      digits++;
      i++;
    }
  }
  if (digits === 0) {
    if (matchesLowercase(bytes, i, end, "inf") || matchesLowercase(bytes, i, end, "infinity")) {
      parsed.ok = true;
      return negative ? -Infinity : Infinity;
    }
    if (matchesLowercase(bytes, i, end, "nan")) {
      parsed.ok = true;
      return NaN;
    }
    return NaN;
  }
  if (i < end && (bytes[i] | 0x20) === 0x65) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    let written = 0;
    let exponentDigits = 0;
    while (i < end && (c = bytes[i] - ZERO) >= 0 && c <= 9) {
      if (written < 100000) written = written * 10 + c;
      exponentDigits++;
      i++;
    }
    if (exponentDigits === 0) return NaN;
    exponent += exponentNegative ? -written : written;
  }
  if (i !== end) return NaN;
  parsed.ok = true;
  if (mantissa === 0) return negative ? -0 : 0;
  if (
    (significant <= 15 || (significant === 16 && mantissa < TWO_TO_53)) &&
    exponent >= -22 &&
    exponent <= 22
  ) {
    const value =
      exponent >= 0 ? mantissa * EXACT_POWERS_OF_TEN[exponent] : mantissa / EXACT_POWERS_OF_TEN[-exponent];
    return negative ? -value : value;
  }
  return slowNumber(bytes, start, end);
}

/** The value of the last {@link scanDecimal}. */
export const scannedDecimal = new Float64Array(1);

/**
 * Parses a plain decimal (`-12.5`, `3e-7`, `.5`, `7.`; no spaces, no inf/nan) that starts at `bytes[i]` and ends
 * at the first byte with `stops[byte] === 1` (a delimiter or line end). Returns the position of that byte and puts
 * the value in {@link scannedDecimal}; returns -1 when the field is anything else (then read it with
 * {@link parseNumberBytes}, which accepts more). One pass over the bytes, no string: Clinger's exact fast path
 * (mantissa below 2^53, |exponent| ≤ 22: one correctly rounded multiplication or division of exact doubles), else
 * `Number()` of the field's text, so the value always equals `Number(text)`.
 */
export function scanDecimal(bytes: Uint8Array, i: number, end: number, stops: Uint8Array): number {
  const start = i;
  let negative = false;
  if (i < end) {
    const first = bytes[i];
    if (first === MINUS) {
      negative = true;
      i++;
    } else if (first === PLUS) i++;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let exponent = 0;
  let c = 0;
  while (i < end && (c = bytes[i] - ZERO) >>> 0 <= 9) {
    if (significant > 0 || c !== 0) {
      if (significant < 16) mantissa = mantissa * 10 + c;
      else exponent++;
      significant++;
    }
    digits++;
    i++;
  }
  if (i < end && bytes[i] === DOT) {
    i++;
    while (i < end && (c = bytes[i] - ZERO) >>> 0 <= 9) {
      if (significant > 0 || c !== 0) {
        if (significant < 16) {
          mantissa = mantissa * 10 + c;
          exponent--;
        }
        significant++;
      } else {
        exponent--;
      }
      digits++;
      i++;
    }
  }
  if (digits === 0 || i >= end) return -1;
  if ((bytes[i] | 0x20) === 0x65) {
    i++;
    let exponentNegative = false;
    if (i < end && (bytes[i] === MINUS || bytes[i] === PLUS)) {
      exponentNegative = bytes[i] === MINUS;
      i++;
    }
    let written = 0;
    let exponentDigits = 0;
    while (i < end && (c = bytes[i] - ZERO) >>> 0 <= 9) {
      if (written < 100000) written = written * 10 + c;
      exponentDigits++;
      i++;
    }
    if (exponentDigits === 0 || i >= end) return -1;
    exponent += exponentNegative ? -written : written;
  }
  if (stops[bytes[i]] === 0) return -1;
  let value: number;
  if (mantissa === 0) value = 0;
  else if (
    (significant <= 15 || (significant === 16 && mantissa < TWO_TO_53)) &&
    exponent >= -22 &&
    exponent <= 22
  ) {
    value =
      exponent >= 0 ? mantissa * EXACT_POWERS_OF_TEN[exponent] : mantissa / EXACT_POWERS_OF_TEN[-exponent];
  } else {
    scannedDecimal[0] = slowNumber(bytes, start, i);
    return i;
  }
  scannedDecimal[0] = negative ? -value : value;
  return i;
}

/** `true` / `false` in any case, surrounding spaces allowed. Returns 1 or 0. */
export function parseBooleanBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  parsed.ok = true;
  if (matchesLowercase(bytes, start, end, "true")) return 1;
  if (matchesLowercase(bytes, start, end, "false")) return 0;
  parsed.ok = false;
  return 0;
}

/**
 * The lenient boolean words accepted when a column is explicitly set to `boolean`:
 * true/false, yes/no, y/n, t/f, 1/0 (any case).
 */
export function parseBooleanWord(text: string): number {
  parsed.ok = true;
  switch (text.trim().toLowerCase()) {
    case "true":
    case "yes":
    case "y":
    case "t":
    case "1":
      return 1;
    case "false":
    case "no":
    case "n":
    case "f":
    case "0":
      return 0;
  }
  parsed.ok = false;
  return 0;
}

/** The last calendar day parsed (YYYYMMDD) and its ms: dates in data repeat, and this skips the calendar math. */
let lastDayKey = -1;
let lastDayMs = 0;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function digitsAt(bytes: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let k = 0; k < count; k++) {
    const c = bytes[at + k] - ZERO;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/**
 * An ISO 8601 date or timestamp, as milliseconds since the Unix epoch:
 * `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, `:SS`, a fraction of a second (kept to the
 * millisecond, truncated beyond), and a zone `Z`, `+HH:MM`, `+HHMM` or `+HH` (or `-`).
 * A timestamp without a zone ("naive") is read as UTC. Calendar fields are range-checked (2023-02-29 is not a date).
 */
export function parseDatetimeBytes(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  parsed.ok = false;
  if (end - start < 10 || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS) return NaN;
  const y0 = bytes[start] - ZERO;
  const y1 = bytes[start + 1] - ZERO;
  const y2 = bytes[start + 2] - ZERO;
  const y3 = bytes[start + 3] - ZERO;
  const m0 = bytes[start + 5] - ZERO;
  const m1 = bytes[start + 6] - ZERO;
  const d0 = bytes[start + 8] - ZERO;
  const d1 = bytes[start + 9] - ZERO;
  // (x >>> 0) > 9 rejects both non-digits above '9' and below '0' (negative → huge unsigned).
  if (y0 >>> 0 > 9 || y1 >>> 0 > 9 || y2 >>> 0 > 9 || y3 >>> 0 > 9) return NaN;
  if (m0 >>> 0 > 9 || m1 >>> 0 > 9 || d0 >>> 0 > 9 || d1 >>> 0 > 9) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const dayKey = year * 10000 + month * 100 + day;
  let ms: number;
  if (dayKey === lastDayKey) {
    ms = lastDayMs;
  } else {
    if (month < 1 || month > 12 || day < 1) return NaN;
    const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
    if (day > monthDays) return NaN;
    ms = daysFromCivil(year, month, day) * 86400000;
    lastDayKey = dayKey;
    lastDayMs = ms;
  }
  let i = start + 10;
  if (i === end) {
    parsed.ok = true;
    return ms;
  }
  const separator = bytes[i];
  if (separator !== 0x54 && separator !== 0x74 && separator !== SPACE) return NaN;
  i++;
  if (end - i < 5 || bytes[i + 2] !== 0x3a) return NaN;
  const h0 = bytes[i] - ZERO;
  const h1 = bytes[i + 1] - ZERO;
  const n0 = bytes[i + 3] - ZERO;
  const n1 = bytes[i + 4] - ZERO;
  if (h0 >>> 0 > 9 || h1 >>> 0 > 9 || n0 >>> 0 > 9 || n1 >>> 0 > 9) return NaN;
  const hour = h0 * 10 + h1;
  const minute = n0 * 10 + n1;
  if (hour > 23 || minute > 59) return NaN;
  ms += hour * 3600000 + minute * 60000;
  i += 5;
  if (i < end && bytes[i] === 0x3a) {
    if (end - i < 3) return NaN;
    const s0 = bytes[i + 1] - ZERO;
    const s1 = bytes[i + 2] - ZERO;
    if (s0 >>> 0 > 9 || s1 >>> 0 > 9) return NaN;
    const second = s0 * 10 + s1;
    if (second > 59) return NaN;
    ms += second * 1000;
    i += 3;
    if (i < end && (bytes[i] === DOT || bytes[i] === 0x2c)) {
      i++;
      let scale = 100;
      let fractionDigits = 0;
      let c = 0;
      while (i < end && (c = bytes[i] - ZERO) >= 0 && c <= 9) {
        if (scale >= 1) ms += c * scale;
        scale /= 10;
        fractionDigits++;
        i++;
      }
      if (fractionDigits === 0) return NaN;
    }
  }
  if (i < end) {
    const zone = bytes[i];
    if (zone === 0x5a || zone === 0x7a) {
      i++;
    } else if (zone === PLUS || zone === MINUS) {
      i++;
      const offsetHours = end - i >= 2 ? digitsAt(bytes, i, 2) : -1;
      if (offsetHours < 0 || offsetHours > 23) return NaN;
      i += 2;
      let offsetMinutes = 0;
      if (i < end) {
        if (bytes[i] === 0x3a) i++;
        offsetMinutes = end - i === 2 ? digitsAt(bytes, i, 2) : -1;
        if (offsetMinutes < 0 || offsetMinutes > 59) return NaN;
        i += 2;
      }
      const offset = (offsetHours * 60 + offsetMinutes) * 60000;
      ms += zone === PLUS ? -offset : offset;
    } else {
      return NaN;
    }
  }
  if (i !== end) return NaN;
  parsed.ok = true;
  return ms;
}

let scratch = new Uint8Array(256);

/**
 * Copies an ASCII string into a scratch byte buffer so that the byte parsers can read it.
 * Returns the length, or -1 when the string has a non-ASCII character (then it is none of number/date/boolean).
 */
function asciiIntoScratch(text: string): number {
  const length = text.length;
  if (length > scratch.length) scratch = new Uint8Array(Math.max(length, scratch.length * 2));
  for (let k = 0; k < length; k++) {
    const c = text.charCodeAt(k);
    if (c > 0x7f) return -1;
    scratch[k] = c;
  }
  return length;
}

/** {@link parseNumberBytes} over a string. */
export function parseNumberText(text: string): number {
  const length = asciiIntoScratch(text);
  if (length < 0) {
    parsed.ok = false;
    return NaN;
  }
  return parseNumberBytes(scratch, 0, length);
}

/** {@link parseDatetimeBytes} over a string. */
export function parseDatetimeText(text: string): number {
  const length = asciiIntoScratch(text);
  if (length < 0) {
    parsed.ok = false;
    return NaN;
  }
  return parseDatetimeBytes(scratch, 0, length);
}

/** {@link parseBooleanBytes} over a string. */
export function parseBooleanText(text: string): number {
  const length = asciiIntoScratch(text);
  if (length < 0) {
    parsed.ok = false;
    return 0;
  }
  return parseBooleanBytes(scratch, 0, length);
}
