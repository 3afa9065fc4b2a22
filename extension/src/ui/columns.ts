/**
 * Table columns several views show the same way: the feature name (pinned while a wide table scrolls sideways),
 * a p-value and a test statistic. Each view keeps its own column key, so sorting state and tests stay per view.
 */
import { formatNumber, formatPValue } from "../../../src/core/format.js";
import { h } from "./dom.js";
import type { Column } from "./table.js";

/** The feature's name, bold, sortable by name, pinned at the left edge. Key default "name". */
export function featureColumn<R>(name: (row: R) => string, key = "name"): Column<R> {
  return {
    key,
    label: "Feature",
    sortValue: name,
    render: (row) => h("span", { class: "dl-feature-name" }, name(row)),
    pinned: true,
  };
}

/** A p-value as the core formatter prints it (3 decimals, exponent below 0.001). Key default "p", label "p (adj.)". */
export function pValueColumn<R>(
  value: (row: R) => number | null | undefined,
  options: { key?: string; label?: string; description?: string; sortable?: boolean } = {},
): Column<R> {
  return {
    key: options.key ?? "p",
    label: options.label ?? "p (adj.)",
    description: options.description,
    numeric: true,
    sortValue: options.sortable === false ? undefined : (row) => value(row) ?? null,
    render: (row) => formatPValue(value(row)),
  };
}

/** A test statistic with 4 significant digits. Key "statistic". */
export function statisticColumn<R>(value: (row: R) => number | null | undefined): Column<R> {
  return {
    key: "statistic",
    label: "Statistic",
    numeric: true,
    sortValue: (row) => value(row) ?? null,
    render: (row) => formatNumber(value(row), 4),
  };
}
