// Writes the example notebooks (without outputs) from the cell lists below, so that their source stays readable
// in review. `npm run notebooks` executes them with the driftlab kernel and saves them with outputs.
//
//   node notebooks/make-notebooks.mjs
import { writeFileSync } from "node:fs";

const md = (text) => ({ cell_type: "markdown", metadata: {}, source: text.trim() + "\n" });
const code = (text) => ({
  cell_type: "code",
  metadata: {},
  execution_count: null,
  outputs: [],
  source: text.trim(),
});

function notebook(cells) {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: "driftlab", display_name: "TypeScript (driftlab)", language: "typescript" },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
    },
    cells: cells.map((cell, i) => ({ ...cell, id: `cell-${i}` })),
  };
}

const DATA = "../node_modules/vega-datasets/data";

const flights = notebook([
  md(`
# Flight delays over time: drift and data-quality alarms

Three million US domestic flights from the first half of 2001 (the \`flights-3m\` table that ships with the
\`vega-datasets\` package). We ask the questions a team running a delay-prediction model would ask every month:
*did the inputs change?*, *which features moved, and how?*, and *would we notice a broken feed?*`),
  code(`
import { read, profile, drift, Dataset } from "driftlab";

const flights = await read("${DATA}/flights-3m.parquet");
flights.numRows`),
  md(`
## What the data looks like

\`profile\` summarizes every feature: counts, missing values, quantiles and histograms for numbers, top values for
categories, range and granularity for times. Delays are in minutes (negative = early), distances in miles.`),
  code(`profile(flights)`),
  md(`
## Month by month

\`drift.overTime\` cuts the table into calendar months and compares each month with January, feature by feature.
With half a million rows per month every p-value test would flag tiny shifts, so driftlab uses distances with a
threshold (Evidently's rule): the normed Wasserstein distance for delays and distances, the Jensen–Shannon distance for
airports. Cells turn red as a feature's score passes its threshold.`),
  code(`
const monthly = drift.overTime(flights, { time: "date", every: "1 month" });
monthly`),
  md(`
Delays move the most: spring and early summer flights are later than January's, and in May the delay distribution
passes its threshold, so May raises an alarm naming \`delay\`. Airports and distances stay put. The last window (a few
flights just after midnight on July 1st) has too few rows to test, and its volume is judged by the part of the month
the data covers, so it does not look like an outage.

## January against June, in detail

Selecting a feature in the report shows both distributions; the sentence under each feature says what changed.`),
  code(`
const january = flights.between("date", "2001-01-01", "2001-02-01");
const june = flights.between("date", "2001-06-01", "2001-07-01");
drift(january, june, { exclude: ["date"], referenceName: "January", currentName: "June" })`),
  md(`
## A bad deploy

Suppose that on June 15th a change in the ingestion job starts reporting distances in **kilometres** instead of
miles. Nothing crashes; the model just gets inputs 1.6 times too large. We simulate it on a copy of the data and check
week by week, each week against the one before (\`reference: "previous"\`), leaving delays out since they vary with the
weather anyway.`),
  code(`
const date = flights.column("date") as { values: Float64Array };
const distance = flights.column("distance") as { values: Float64Array };
const deployedAt = Date.UTC(2001, 5, 15);
const kilometres = distance.values.slice();
for (let i = 0; i < kilometres.length; i++) {
  if (date.values[i] >= deployedAt) kilometres[i] = Math.round(kilometres[i] * 1.609344);
}
const afterDeploy = new Dataset(
  flights.columns.map((c) => (c.name === "distance" ? { ...c, values: kilometres } : c)),
  { source: "flights after a bad deploy" },
);
const weekly = drift.overTime(afterDeploy, { time: "date", every: "1 week", reference: "previous", exclude: ["delay"] });
weekly`),
  md(`
Twenty-three quiet weeks, then the week of June 11th (the deploy happened mid-week) and the week after it light up in
the \`distance\` row, and the alarms name the feature. The alarms are also plain data, ready for a pipeline step:`),
  code(`weekly.alarms`),
]);

writeFileSync("notebooks/flight-delays-over-time.ipynb", JSON.stringify(flights, null, 1) + "\n");
console.log("wrote notebooks/flight-delays-over-time.ipynb");
