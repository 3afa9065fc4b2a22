import type { Column } from "../../data/column.js";
import { valueRangeOf } from "../../data/hints.js";
import { categoryStateOf } from "./categorical.js";
import { numericStateOf } from "./numeric.js";
import type { StateSettings } from "./settings.js";
import type { FeatureState } from "./types.js";

function missingIn(column: Column): number {
  const valid = column.valid;
  if (valid === null) return 0;
  let present = 0;
  for (let i = 0; i < valid.length; i++) present += valid[i];
  return column.length - present;
}

/** Summarizes one column into a mergeable state, with exact quantiles and histograms when small enough. */
export function stateOfColumn(column: Column, settings: StateSettings, eagerSketches = false): FeatureState {
  switch (column.kind) {
    case "numeric":
    case "datetime":
      return numericStateOf(
        column.kind,
        column.values,
        column.valid,
        settings,
        eagerSketches,
        valueRangeOf(column.values),
      );
    case "boolean": {
      const valid = column.valid;
      let trueCount = 0;
      for (let i = 0; i < column.length; i++) {
        if (valid === null || valid[i] === 1) trueCount += column.values[i];
      }
      return { kind: "boolean", count: column.length, missing: missingIn(column), trueCount };
    }
    case "categorical":
    case "text":
      return categoryStateOf(column, settings);
  }
}
