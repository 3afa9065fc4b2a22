import type { Dataset } from "../../src/data/column.js";
import { read } from "../../src/data/index.js";
import { inferSchema, type Schema } from "../../src/schema/index.js";

export const FIXTURES = "test/schema/fixtures";
export const SEATTLE = "node_modules/vega-datasets/data/seattle-weather.csv";

/** Rows of seattle-weather.csv of one year, selected by the date column. */
export async function seattleYear(year: number): Promise<Dataset> {
  const data = await read(SEATTLE);
  const date = data.column("date");
  if (date.kind !== "datetime") throw new Error("date should be read as datetime");
  const rows: number[] = [];
  for (let i = 0; i < data.numRows; i++) if (new Date(date.values[i]).getUTCFullYear() === year) rows.push(i);
  return data.take(rows);
}

export async function taxi(): Promise<{ training: Dataset; serving: Dataset; empty: Dataset }> {
  return {
    training: await read(`${FIXTURES}/training.csv`),
    serving: await read(`${FIXTURES}/serving.csv`),
    empty: await read(`${FIXTURES}/empty.csv`),
  };
}

/** The schema the anomaly tests use: everything opt-in switched on, the label absent in SERVING. */
export function taxiSchema(training: Dataset): Schema {
  return inferSchema(training, {
    ranges: true,
    comparators: true,
    uniqueBounds: true,
    environments: ["TRAINING", "SERVING"],
    notIn: { SERVING: ["big_tip"] },
  });
}
