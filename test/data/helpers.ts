import { expect } from "vitest";
import { type Column, type Dataset, valueAt } from "../../src/data/column.js";
import { DriftlabError, type DriftlabErrorCode } from "../../src/errors.js";

export const VEGA = "node_modules/vega-datasets/data/";
export const FIXTURES = "test/data/fixtures/";

/** The values of a column as plain JS values (null where missing). */
export function values(dataset: Dataset, name: string): unknown[] {
  const column: Column = dataset.column(name);
  return Array.from({ length: column.length }, (_, i) => {
    const value = valueAt(column, i);
    return value instanceof Date ? value.toISOString() : value;
  });
}

/** Runs `action`, expects a DriftlabError with `code`, and returns its message. */
export async function errorOf(action: () => unknown, code: DriftlabErrorCode): Promise<string> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(DriftlabError);
    expect((error as DriftlabError).code).toBe(code);
    return (error as DriftlabError).message;
  }
  throw new Error(`expected a DriftlabError ${code}, but nothing was thrown`);
}

export function kinds(dataset: Dataset): Record<string, string> {
  return Object.fromEntries(dataset.columns.map((c) => [c.name, c.kind]));
}
