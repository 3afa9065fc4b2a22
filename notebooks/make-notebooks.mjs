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
  flights.columns.map((c) => (c.name === "distance" && c.kind === "numeric" ? { ...c, values: kilometres } : c)),
  { source: "flights after a bad deploy" },
);
const weekly = drift.overTime(afterDeploy, { time: "date", every: "1 week", reference: "previous", exclude: ["delay"] });
weekly`),
  md(`
Twenty-three quiet weeks, then the week of June 11th (the deploy happened mid-week) and the week after it light up in
the \`distance\` row, and the alarms name the feature. The alarms are also plain data, ready for a pipeline step:`),
  code(`weekly.alarms`),
]);

const weather = notebook([
  md(`
# Seattle weather: a schema to guard the inputs, and drift across years

Daily weather in Seattle, 2012–2015 (\`seattle-weather.csv\` from \`vega-datasets\`). Imagine a model trained on 2012
that keeps receiving new days. Two questions: *does new data still look like what the model was built for?* (a
**schema** and its **anomalies**, as in TensorFlow Data Validation), and *has the world moved?* (**drift**).`),
  code(`
import { read, profile, inferSchema, validate, updateSchema, drift, Dataset } from "driftlab";

const weather = await read("${DATA}/seattle-weather.csv");
const y2012 = weather.between("date", "2012-01-01", "2013-01-01");
const y2013 = weather.between("date", "2013-01-01", "2014-01-01");
profile(y2012)`),
  md(`
## Infer a schema from 2012

The schema records each feature's type, whether it must be present, the categories a categorical feature may take,
and whether NaN or infinities are allowed. It is meant to be reviewed and kept in git (\`saveSchema\` writes it with
stable ordering so diffs stay small).`),
  code(`
const schema = inferSchema(profile(y2012));
schema`),
  md(`
Inference is conservative, as in TFDV: no numeric ranges unless asked. We know what plausible Seattle temperatures
and wind speeds are, so we add ranges by hand — the schema is edited like any object.`),
  code(`
schema.feature("temp_max").setRange(-20, 45);
schema.feature("temp_min").setRange(-25, 35);
schema.feature("wind").setRange(0, 40);
validate(profile(y2013), schema)`),
  md(`
2013 conforms: no anomalies. Now a bad batch from 2014: the upstream job started sending \`temp_max\` in Fahrenheit,
a new label \`"hail"\` appears in one row out of ten, and the \`wind\` column was dropped.`),
  code(`
const y2014 = weather.between("date", "2014-01-01", "2015-01-01");
const columns = y2014.columns
  .filter((c) => c.name !== "wind")
  .map((c) => {
    if (c.name === "temp_max" && c.kind === "numeric") return { ...c, values: c.values.map((t) => (t * 9) / 5 + 32) };
    if (c.name === "weather" && c.kind === "categorical") {
      const codes = c.codes.map((code, i) => (i % 10 === 0 ? c.dictionary.length : code));
      return { ...c, codes, dictionary: [...c.dictionary, "hail"] };
    }
    return c;
  });
const badBatch = new Dataset(columns, { source: "2014 batch" });
const anomalies = validate(badBatch, schema);
anomalies`),
  md(`
Each anomaly has a stable code (TFDV's names where TFDV has one), a severity and a description with the numbers. In a
pipeline, \`driftlab validate batch.csv --schema schema.json\` exits 1 on error-severity anomalies. If a change is
legitimate — say \`"hail"\` is a real new label — \`updateSchema\` relaxes the schema to the new data and lists every
change it made. It relaxes *everything* it can, so the list is for review: adding \`"hail"\` is fine, raising the
maximum temperature to 96 is the Fahrenheit bug talking, and should be rejected.`),
  code(`
const { changes } = updateSchema(schema, profile(badBatch));
changes.map((c) => c.description)`),
  md(`
## Has the weather drifted?

The schema says whether data is *valid*; drift says whether it is *different*. With about 365 days per year, driftlab
uses statistical tests (Kolmogorov–Smirnov for numbers, chi-square for the label), following Evidently's rule.`),
  code(`
const y2015 = weather.between("date", "2015-01-01", "2016-01-01");
drift(y2012, y2015, { exclude: ["date"], referenceName: "2012", currentName: "2015" })`),
  md(`
Temperatures rose (2015 was a warm year), but the loudest change is in the label: \`"fog"\` went from 1.4% of days to
14%, while \`"drizzle"\` disappeared. Weather did not change that much; the *labelling* did. A model trained on 2012's
labels would be judged against a different definition of its target — exactly the kind of shift to catch before
anyone reads the model's accuracy.`),
]);

for (const [name, nb] of [
  ["flight-delays-over-time", flights],
  ["seattle-weather-schema-and-drift", weather],
]) {
  writeFileSync(`notebooks/${name}.ipynb`, JSON.stringify(nb, null, 1) + "\n");
  console.log(`wrote notebooks/${name}.ipynb`);
}
