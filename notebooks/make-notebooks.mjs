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
Delays move the most. May's flights were far less delayed than January's (a mean of 3.3 minutes against 6.3), enough
for the delay distribution to pass its threshold, so May raises an alarm naming \`delay\`; June's were later than
January's. Airports and distances stay put. The last window (a few flights just after midnight on July 1st) has too
few rows to test, and its volume is judged by the part of the month the data covers, so it does not look like an
outage.

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
Quiet weeks from January to early June, then the week of June 11th (the deploy happened mid-week) and the week after it light up in
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

const fairnessNotebook = notebook([
  md(`
# Who does the model fail? Fairness slices with honest uncertainty

Two stories. First the 1973 graduate admissions at UC Berkeley (Bickel, Hammel & O'Connell, *Science* 1975): a gap
between men and women that reverses inside departments. Then a small classifier whose overall accuracy hides very
different failure rates per group — and a second model where the data is simply too thin to tell.`),
  code(`
import { readFileSync } from "node:fs";
import { read, fairness, findSlices } from "driftlab";

const admissions = await read("data/berkeley-1973.csv"); // 4,526 applicants, six departments (published counts)
fairness(admissions, { prediction: "admitted", groups: "gender" })`),
  md(`
Women were admitted at 30.4%, men at 44.5%. Compared with the rest of the applicants (a two-proportion test, Holm
corrected), the gap is far outside the 0.8–1.25 band and significant: driftlab flags **opportunity denial**. But
admissions were decided by departments. Comparing within each department tells another story:`),
  code(`fairness(admissions, { prediction: "admitted", groups: "gender", stratifyBy: "dept" })`),
  md(`
Within departments women were admitted at a rate *at least as high* as men in four of six, most clearly in
department A (82% against 62%). Women applied mostly to the departments that admitted few applicants. The report
spells out the reversal (Simpson's paradox) and gives the rates standardized to the department mix. The flag on the
overall view is real as a description, but the mechanism is where people applied, not how each department judged.

## A classifier that fails some groups more

Field researchers want to guess a penguin's sex from measurements. A first model uses body mass alone — a logistic
regression in a few lines of TypeScript, trained on the Palmer penguins (\`penguins.json\`).`),
  code(`
type Penguin = {
  Species: string;
  Island: string;
  "Beak Depth (mm)": number | null;
  "Body Mass (g)": number | null;
  Sex: string | null;
};
const penguins: Penguin[] = JSON.parse(readFileSync("../node_modules/vega-datasets/data/penguins.json", "utf8"));
const known = penguins.filter(
  (p) => (p.Sex === "MALE" || p.Sex === "FEMALE") && p["Body Mass (g)"] !== null && p["Beak Depth (mm)"] !== null,
);
type Measure = "Body Mass (g)" | "Beak Depth (mm)";

/** Logistic regression by gradient descent on standardized measures; returns P(male). */
function train(measures: Measure[]): (p: Penguin) => number {
  const scale = measures.map((m) => {
    const xs = known.map((p) => p[m]!);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { mean, sd: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) };
  });
  const inputs = (p: Penguin) => measures.map((m, j) => (p[m]! - scale[j].mean) / scale[j].sd);
  const w = measures.map(() => 0);
  let b = 0;
  const predict = (x: number[]) => 1 / (1 + Math.exp(-x.reduce((t, v, j) => t + v * w[j], b)));
  for (let step = 0; step < 3000; step++) {
    const g = w.map(() => 0);
    let gb = 0;
    for (const p of known) {
      const x = inputs(p);
      const error = predict(x) - (p.Sex === "MALE" ? 1 : 0);
      x.forEach((v, j) => (g[j] += error * v));
      gb += error;
    }
    w.forEach((_, j) => (w[j] -= (0.5 * g[j]) / known.length));
    b -= (0.5 * gb) / known.length;
  }
  return (p) => predict(inputs(p));
}

const byMass = train(["Body Mass (g)"]);
const scored = known.map((p) => ({ species: p.Species, island: p.Island, male: p.Sex === "MALE", score: byMass(p) }));
const metrics = ["errorRate", "falsePositiveRate", "falseNegativeRate"] as const;
fairness(scored, { label: "male", score: "score", groups: "species", metrics: [...metrics] })`),
  md(`
Gentoo penguins are large: the model calls almost every Gentoo female male (false positive rate near 97%), while
Adelie and Chinstrap males are called female (false negative rates of 64% and 79%). Each rate has a 95% Wilson
interval; each flag needed both a ratio outside the band and a significant, corrected test. (The harm names —
disproportionate product failure, harm by disadvantage — are written for people; for penguins read them as failure
modes.) Move the threshold in the widget to see that no single threshold fixes this.

Without naming groups in advance, \`findSlices\` searches feature combinations for slices where the model fails
significantly more than elsewhere, with false discovery control (alpha-investing, as Slice Finder):`),
  code(`findSlices(scored, { label: "male", score: "score", features: ["species", "island"] })`),
  md(`
## A better model, and the limits of the data

Adding beak depth gives a model that is right about 89% of the time overall, and 85–92% of the time for each species:`),
  code(`
const byMassAndBeak = train(["Body Mass (g)", "Beak Depth (mm)"]);
const rescored = known.map((p) => ({ species: p.Species, male: p.Sex === "MALE", score: byMassAndBeak(p) }));
fairness(rescored, { label: "male", score: "score", groups: "species", metrics: [...metrics] })`),
  md(`
Chinstrap penguins still fare a little worse (15% errors against 11% overall), and the ratio is outside the band —
but with 68 Chinstraps the difference is well within noise, so driftlab lists it as *outside the band, not
significant* instead of raising a flag. That is the honest answer: collect more Chinstrap data before concluding
anything.`),
]);

const skewNotebook = notebook([
  md(`
# Training/serving skew: which kind of shift is it?

"Something moved" is not enough: the remedy depends on *what* moved. \`skew(training, serving)\` tells apart
- **covariate shift**: the inputs P(x) moved but P(y | x) held — reweighting or retraining on fresh inputs may do;
- **label shift**: P(y) moved while P(x | y) held — recalibrate the priors;
- **concept shift**: the relationship P(y | x) changed — the labels mean something new; retrain on fresh labels,

plus schema skew, per-feature distributions and per-example skew on a key. Under label shift P(y | x) changes too
(Bayes), so a naive test of P(y | x) calls label shift "concept shift"; driftlab compares the *slopes* of a model of
y | x fitted on importance-weighted training rows and on serving rows, with the intercept free, so that neither a
prior change nor a move of the inputs reads as concept shift.

## Panels where the truth is known

Five seeded synthetic panels (5,000 rows per side): no shift, pure covariate shift (x1 moves), pure label shift
(P(y = 1) 0.3 → 0.6 with P(x | y) fixed), pure concept shift (the effect of x2 flips) and covariate + concept.`),
  code(`
import { readFileSync } from "node:fs";
import { skew, skewPanel, keyedPanel, SKEW_PANELS, fromRecords } from "driftlab";

SKEW_PANELS.map((panel) => {
  const { training, serving } = skewPanel(panel, { seed: 7 });
  const report = skew(training, serving, { label: "y", score: "score" });
  return { planted: panel, found: report.headline() };
})`),
  md(`
Each panel is read right, and the features that carry each kind are named. The full report of the mixed panel
shows the evidence: the domain classifier finds x1, the P(y | x2) curves cross (the picture of concept shift), and
the DISDE bars split the model's error change into a covariate part, a concept part and a part from inputs training
never saw.`),
  code(`
const mixed = skewPanel("covariate+concept", { seed: 7 });
skew(mixed.training, mixed.serving, { label: "y", score: "score", title: "Synthetic: covariate + concept shift" })`),
  md(`
## Label shift before the labels arrive (BBSE)

In production the serving labels come late. With a model's score on both sides, black-box shift estimation (Lipton
et al. 2018) estimates the serving prior from the training confusion matrix, with a bootstrap interval. The planted
serving prior is 0.6.`),
  code(`
const labelled = skewPanel("label", { seed: 7 });
const unlabelled = labelled.serving.select(["x1", "x2", "x3", "x4", "score"]);
const bbse = skew(labelled.training, unlabelled, { label: "y", score: "score" });
bbse.toJSON().label?.bbse?.servingPrior`),
  md(`
## Seattle weather: did the meaning of "rain" change?

Daily Seattle weather from \`vega-datasets\`. A model trained on 2012 predicts whether a day is labelled *rain* from
precipitation, temperatures and wind; we compare 2012 (training) with 2015 (serving).`),
  code(`
const rows = readFileSync("${DATA}/seattle-weather.csv", "utf8").trim().split("\\n").slice(1).map((line) => {
  const [date, precipitation, temp_max, temp_min, wind, weather] = line.split(",");
  return { date, precipitation: Number(precipitation), temp_max: Number(temp_max), temp_min: Number(temp_min), wind: Number(wind), rain: weather === "rain" };
});
const y2012 = fromRecords(rows.filter((r) => r.date.startsWith("2012")), { source: "2012" });
const y2015 = fromRecords(rows.filter((r) => r.date.startsWith("2015")), { source: "2015" });
skew(y2012, y2015, { label: "rain", features: ["precipitation", "temp_max", "temp_min", "wind"], title: "Seattle weather: 2012 → 2015" })`),
  md(`
The verdict is **label shift and concept shift, carried by precipitation**. Rain days became rarer (52% → 40%),
and the P(rain | precipitation) curves show why it is more than a prior change: in 2012 one dry day in five was
still labelled *rain* and some wet days were labelled *drizzle*, *fog* or *snow*; in 2015 every day with precipitation
is *rain* and no dry day is. The labelling rule changed — the same inputs now mean a different label — so a model
trained on 2012 learns a relationship that no longer holds. The inputs themselves did not move beyond what the prior
change implies (no covariate shift).

## Penguins: a model trained on Biscoe island, serving on Dream

Palmer penguins: predict a penguin's sex from its beak, flipper and mass. Training birds come from Biscoe (Adelie and
Gentoo), serving birds from Dream (Adelie and Chinstrap).`),
  code(`
interface Penguin { Island: string; Sex: string | null; [measure: string]: string | number | null }
const penguins = (JSON.parse(readFileSync("${DATA}/penguins.json", "utf8")) as Penguin[]).filter((p) => p.Sex === "MALE" || p.Sex === "FEMALE");
const biscoe = fromRecords(penguins.filter((p) => p.Island === "Biscoe"), { source: "Biscoe" });
const dream = fromRecords(penguins.filter((p) => p.Island === "Dream"), { source: "Dream" });
skew(biscoe, dream, {
  label: "Sex",
  features: ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"],
  title: "Penguins: Biscoe → Dream",
})`),
  md(`
**Covariate shift**, carried by flipper length, beak depth and body mass (domain classifier AUC ≈ 0.93: the islands'
birds are easy to tell apart — Gentoos are large, Chinstraps are not). P(sex) is the same on both islands, and with
124 serving birds the slopes of sex | measurements do not differ significantly. The DISDE bars say where the higher
error comes from: most of it is the *unseen-region* part — Dream's Chinstraps have measurements that Biscoe's birds
rarely have, so the model is extrapolating. The remedy is training data that covers those birds, not a new labelling.

## Per-example skew: the same rows, logged twice

When training rows are re-logged by the serving pipeline under the same id, joining on the key shows per-example
skew (TensorFlow Data Validation's DetectFeatureSkew, with tolerances and difference distributions). This panel plants
2% of x1 shifted by +0.5, tiny float noise in x2 (within a tolerance of 1e-6), 2% of "a" → "b" in x3, 5% of x4
dropped in serving, 50 ids only in training, 30 only in serving and 10 duplicated.`),
  code(`
const keyed = keyedPanel({ seed: 7 });
skew(keyed.training, keyed.serving, { label: "y", score: "score", key: "id", tolerance: { x2: 1e-6 }, title: "Per-example skew on id" })`),
  md(`
The join finds each planted problem: x1's mismatches with their differences (all +0.5), x3's "a" → "b" pairs, x4's
values missing in serving, the one-sided and duplicated ids, and no mismatch in x2 within its tolerance. The dropped
x4 values show up twice more, rightly: as schema skew (x4 was never missing in training) and as a small covariate
shift (whether x4 is present is part of P(x), and the domain classifier sees it).`),
]);

const feedbackNotebook = notebook([
  md(`
# A model in production: late labels, a broken sensor and a slow drift

A model scores 400 cases a day from four inputs (temperature, pressure, load, region). The truth about each case — its
label — arrives days later, some never, some corrected after a first wrong answer. Over 100 days two things go wrong:
one day the **temperature sensor is stuck at 0**, and later **load slowly climbs** into a range where its effect on the
outcome reverses, a range the model never saw. Both hurt accuracy. The questions: *when did performance drop?*, *was it
sudden or gradual?*, *which inputs were involved?*, and *how fast does the world move for this model?*

The deployment is simulated by a committed, seeded generator (\`feedback.simulateDeployment\`), so every number below
is reproducible.`),
  code(`
import { feedback, labeling } from "driftlab";

const deployment = feedback.simulateDeployment(1);
deployment.truth`),
  md(`
## Joining predictions with their late labels

\`feedback.join\` matches each prediction with its label by id. It measures how long labels take (the lag), how many
predictions have one as of today, and what had to be decided on the way: duplicate prediction ids, labels for unknown
ids ("orphans"), and labels that were corrected (the later one wins). Nothing is dropped without being counted.`),
  code(`
const joined = feedback.join(deployment.predictions, deployment.actuals, {
  key: "id", time: "ts", label: "y", labelTime: "labeled_at", asOf: deployment.truth.asOf,
});
joined`),
  md(`
Half the labels take two days or more; one in ten takes more than six and a half. The maturity curves show it per
day: a day's labels are mostly in after a week. So the last week of predictions cannot be judged on its labels yet —
those windows are **immature**.

## Performance over time

\`feedback.performance\` scores each day on the labels that have arrived, with a 95% interval and the day's label
coverage. The first third of the days set the reference band (mean ± 3σ, as NannyML). Immature days are not scored;
instead, the scores give an **estimate** (confidence-based performance estimation, CBPE), shown dashed. Change
detectors (DDM, EDDM, HDDM_A, ADWIN, KSWIN, Page–Hinkley with River's defaults) watch the stream of errors. Every
alarm is classified **sudden** or **gradual** from the shape of the metric around it, and linked to the drift and
data-quality incidents of the inputs in its windows.`),
  code(`
const performance = feedback.performance(joined, { score: "score", prediction: "prediction", every: "1 day" });
performance`),
  md(`
Two alarms, and they are different kinds of problem:

- **Sudden** — on February 10th accuracy falls from about 0.75 to 0.48, and the next day it is back. The pulse model explains the
  series far better than a trend. In that window \`temperature\` went constant and out of its range: a broken
  sensor, a data problem to fix at its source. Note the estimate: it *rose* to 1.0 that day, because the model was
  very sure of its wrong answers. CBPE assumes the relation between score and truth has not changed; a broken input
  breaks that assumption, which is why realized performance has to replace the estimate as labels arrive.
- **Gradual** — from about March 21st accuracy declines by 0.007 a day, and a trend explains it better than a step.
  The input that moved in those windows is \`load\`, increasingly outside its reference range. Here the estimate
  stays flat while the realized accuracy falls: this is a change in how inputs relate to outcomes, which no
  estimate from scores can see. Only labels show it, and they arrive a week late.

The alarms as data:`),
  code(`
performance.alarms.map((a) => ({ type: a.type, start: a.start, end: a.end, onset: a.onset,
  features: a.features.map((f) => f.name), evidence: a.evidence[0] }))`),
  md(`
## How fast does ground truth move?

The regime combines the measured decay with the label lag: the gradual decay takes the model through its band in
about nine days, and labels take up to a week. This problem is in the middle regime — the world moves in weeks —
so retraining weekly, on the freshest mature labels, keeps up; waiting for labels alone would notice the next decay
late, so the estimate and the input drift serve as early warnings.`),
  code(`performance.toJSON().regime`),
  md(`
## Spending a labeling budget

Suppose 200 of the still-unlabeled recent predictions can be sent to human reviewers. Uncertainty sampling picks
the cases the model is least sure about; stratified sampling makes sure every region is seen.`),
  code(`
const recent = joined.data.between("ts", "2026-04-08", "2026-04-15");
const uncertain = labeling.sample(recent, { budget: 200, strategy: "uncertainty", score: "score", seed: 1 });
const stratified = labeling.sample(recent, { budget: 200, strategy: "stratified", by: "region", seed: 1 });
({ uncertain: uncertain.data.numRows, strata: stratified.strata })`),
  md(`
When several reviewers label the same cases, agreement tells whether the labels can be trusted. Three reviewers on
ten cases (one did not see case 4): Krippendorff's alpha handles the missing rating, and the disagreements list says
which cases to discuss first.`),
  code(`
const reviews = [[1, 1, 1], [0, 0, 1], [1, 1, 1], [0, null, 0], [1, 0, 0], [0, 0, 0], [1, 1, 1], [1, 1, 0], [0, 0, 0], [1, 1, 1]];
labeling.krippendorff(reviews, "nominal")`),
]);

const collectionNotebook = notebook([
  md(`
# Before training: what the data can teach, what it covers, and who is in it

Three questions to ask of a data set before a model is trained on it, or a new source is trusted:

1. **Predictive content** — which features carry information about the label, which carry none (constant,
   duplicated, pure noise), and which carry *too much* (leakage)?
2. **Coverage** — does the training data cover the inputs the model will meet in serving?
3. **Representation** — is every group in the data often enough to learn about it, and which features stand in for
   a protected attribute even when that column is dropped?

Data: the Palmer penguins (\`vega-datasets\`) and the 1973 Berkeley graduate admissions (published counts).`),
  code(`
import { readFileSync } from "node:fs";
import { predictiveContent, coverage, representation, fromRecords, read } from "driftlab";

const penguins = JSON.parse(readFileSync("${DATA}/penguins.json", "utf8")) as Record<string, unknown>[];
penguins.length`),
  md(`
## 1. What does each feature tell about the species?

For each feature, \`predictiveContent\` measures the mutual information with the label (numbers in quantile bins) and
tests it against 199 shuffles of the label, so that "no signal" is a tested statement; it adds how well the feature
alone separates the classes (AUC or correlation ratio) and flags constant, duplicated and leaking features.`),
  code(`predictiveContent(penguins, { label: "Species" })`),
  md(`
Every body measurement and the island carry about half of the information in the species. \`Sex\` carries none:
each species has about as many females as males, so knowing the sex says nothing about the species. (A feature that
alone predicted the label perfectly would be flagged as a *leakage suspect*, and the verdict would fail.)

## 2. Does the training data cover serving?

Suppose the model was trained on birds from **Dream and Torgersen** only, and is now scoring birds from **Biscoe**.
\`coverage\` compares each feature's range and categories, then checks jointly whether each serving bird has a
training bird nearby — and tests the share of birds that don't against what chance gives.`),
  code(`
const training = fromRecords(penguins.filter((p) => p.Island !== "Biscoe"), { source: "Dream and Torgersen" });
const serving = fromRecords(penguins.filter((p) => p.Island === "Biscoe"), { source: "Biscoe" });
coverage(training, serving, { exclude: ["Island", "Species"] })`),
  md(`
Three quarters of the Biscoe birds have no similar bird in training, far beyond the 5 % that chance gives. The
slices say why: flippers longer than 212 mm, beaks shallower than 15.5 mm and a body mass above 4.8 kg never occur
on Dream or Torgersen. These are the Gentoo penguins, who live only on Biscoe: a model trained without them has
never seen them, whatever its accuracy on the training islands.

## 3. Who is in the data, and which features stand in for gender?

In the Berkeley admissions of 1973, 40.5 % of the 4,526 applicants were women. The department an applicant chose is
not a protected attribute, but it says a lot about gender: women applied mostly to the departments with the lowest
admission rates.`),
  code(`
const admissions = await read("data/berkeley-1973.csv");
representation(admissions, { groups: ["gender"], reference: { gender: { female: 0.5, male: 0.5 } } })`),
  md(`
The share of women is 0.81 of parity: inside the 0.8–1.25 band, so not flagged as under-represented. But the
department alone predicts the applicant's gender with an AUC of about 0.77: dropping the \`gender\` column from a
model's inputs would not keep gender out of the model — \`dept\` carries it in. This is how *harm by
disadvantage* starts in the data.`),
]);
for (const [name, nb] of [
  ["collecting-data-before-training", collectionNotebook],
  ["fairness-berkeley-and-penguins", fairnessNotebook],
  ["feedback-simulated-deployment", feedbackNotebook],
  ["flight-delays-over-time", flights],
  ["seattle-weather-schema-and-drift", weather],
  ["skew-weather-penguins-and-panels", skewNotebook],
]) {
  writeFileSync(`notebooks/${name}.ipynb`, JSON.stringify(nb, null, 1) + "\n");
  console.log(`wrote notebooks/${name}.ipynb`);
}
