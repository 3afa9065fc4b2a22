import { DriftlabError } from "../errors.js";

/**
 * Reading a sketch back from JSON: every check throws `INVALID_SKETCH` with a message that names the sketch
 * type and the field that is wrong. Internal to `src/sketch/`.
 */

export type JsonRecord = Record<string, unknown>;

export function invalidSketch(type: string, problem: string): DriftlabError {
  return new DriftlabError(
    "INVALID_SKETCH",
    `Invalid ${type} sketch JSON: ${problem}. Pass an object produced by toJSON() of a ${type} sketch.`,
    { subject: type },
  );
}

export function incompatibleMerge(type: string, problem: string): DriftlabError {
  return new DriftlabError(
    "INCOMPATIBLE_MERGE",
    `Cannot merge ${type} sketches: ${problem}. Build both sketches with the same parameters.`,
    { subject: type },
  );
}

/** Checks that `json` is an object of the given `type` and `version` and returns it as a record. */
export function readHeader(json: unknown, type: string, version: number): JsonRecord {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw invalidSketch(type, `expected an object, got ${describe(json)}`);
  }
  const record = json as JsonRecord;
  if (record.type !== type) {
    throw invalidSketch(type, `"type" is ${describe(record.type)}, expected "${type}"`);
  }
  if (record.version !== version) {
    throw invalidSketch(
      type,
      `"version" is ${describe(record.version)}, this driftlab reads version ${version}`,
    );
  }
  return record;
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

/** A finite number field, optionally an integer within [min, max]. */
export function readNumber(record: JsonRecord, field: string, type: string, rule: NumberRule = {}): number {
  const value = record[field];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidSketch(type, `"${field}" must be a finite number, got ${describe(value)}`);
  }
  checkNumber(value, `"${field}"`, type, rule);
  return value;
}

/** A field that is either null or a finite number. */
export function readNullableNumber(record: JsonRecord, field: string, type: string): number | null {
  const value = record[field];
  if (value === null) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidSketch(type, `"${field}" must be a finite number or null, got ${describe(value)}`);
  }
  return value;
}

/** An array of finite numbers (each checked against `rule`), returned as a Float64Array. */
export function readNumberArray(
  value: unknown,
  name: string,
  type: string,
  rule: NumberRule = {},
): Float64Array {
  if (!Array.isArray(value))
    throw invalidSketch(type, `${name} must be an array of numbers, got ${describe(value)}`);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      throw invalidSketch(type, `${name}[${i}] must be a finite number, got ${describe(x)}`);
    }
    checkNumber(x, `${name}[${i}]`, type, rule);
    out[i] = x;
  }
  return out;
}

function checkNumber(value: number, name: string, type: string, rule: NumberRule): void {
  if (rule.integer === true && !Number.isSafeInteger(value)) {
    throw invalidSketch(type, `${name} must be an integer, got ${value}`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw invalidSketch(type, `${name} must be at least ${rule.min}, got ${value}`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw invalidSketch(type, `${name} must be at most ${rule.max}, got ${value}`);
  }
}

export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (typeof value === "object") return "an object";
  return String(value);
}

/** Throws INVALID_OPTION unless `value` is an integer in [min, max]. */
export function checkIntegerOption(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DriftlabError(
      "INVALID_OPTION",
      `Option "${name}" must be an integer from ${min} to ${max}, got ${String(value)}.`,
      { subject: name },
    );
  }
  return value;
}
