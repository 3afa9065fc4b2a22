#!/usr/bin/env node
/**
 * Writes the end-to-end test's fixtures from the built library (dist/; run `npm run build` first):
 *   <out>/reports/<name>.json   report JSON of every kind driftlab can make (and malformed ones),
 *   <out>/notebooks/*.ipynb     notebooks whose saved outputs carry driftlab MIME bundles, and whose code
 *                               cells recompute the same reports when a driftlab kernel runs them.
 * Usage: node test/e2e/make-fixtures.mjs <out dir>
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const out = resolve(process.argv[2] ?? join(root, "test/e2e/.fixtures"));
const driftlab = await import(join(root, "dist/index.js"));
const { read, profile, drift, fromColumns } = driftlab;
const data = (name) => join(root, "node_modules/vega-datasets/data", name);

mkdirSync(join(out, "reports"), { recursive: true });
mkdirSync(join(out, "notebooks"), { recursive: true });

/** name -> { code (a kernel cell that recomputes it), report } */
const reports = new Map();
const started = performance.now();

const weather = await read(data("seattle-weather.csv"));
reports.set("profile-weather", {
  code: `const weather = await read(${JSON.stringify(data("seattle-weather.csv"))});\nprofile(weather)`,
  report: profile(weather),
});

const penguins = await read(data("penguins.json"));
reports.set("profile-penguins", {
  code: `profile(await read(${JSON.stringify(data("penguins.json"))}))`,
  report: profile(penguins),
});

const year = (y) => weather.between("date", `${y}-01-01`, `${y + 1}-01-01`);
reports.set("drift-weather", {
  code: [
    `const year = (y: number) => weather.between("date", \`\${y}-01-01\`, \`\${y + 1}-01-01\`);`,
    `drift(year(2012), year(2015), { exclude: ["date"] })`,
  ].join("\n"),
  report: drift(year(2012), year(2015), { exclude: ["date"] }),
});

const flights = await read(data("flights-3m.parquet"));
reports.set("timeline-flights", {
  code: `const flights = await read(${JSON.stringify(data("flights-3m.parquet"))});\ndrift.overTime(flights, { time: "date", every: "1 month" })`,
  report: drift.overTime(flights, { time: "date", every: "1 month" }),
});

// A heavy-tailed feature (delay) and a datetime one (date): the profile's distribution chart must show the bulk.
reports.set("profile-flights", {
  code: `profile(flights, { title: "flights" })`,
  report: profile(flights, { title: "flights" }),
});

// A wide report: 200 numeric features, some of them shifted, to check the views stay fast.
const wideColumns = (shift) => {
  const columns = {};
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  for (let f = 0; f < 200; f++) {
    const values = new Float64Array(2000);
    for (let i = 0; i < values.length; i++) values[i] = random() * 10 + (f % 9 === 0 ? shift * (f % 5) : 0);
    columns[`sensor_${String(f).padStart(3, "0")}`] = values;
  }
  return columns;
};
const wideReference = fromColumns(wideColumns(0));
const wideCurrent = fromColumns(wideColumns(1.5));
reports.set("profile-wide", {
  code: null,
  report: profile(wideReference, { title: "Profile of 200 sensors" }),
});
reports.set("drift-wide", { code: null, report: drift(wideReference, wideCurrent) });

// Kinds other engineers add: rendered when the library exports them.
if (typeof driftlab.inferSchema === "function" && typeof driftlab.validate === "function") {
  try {
    // Serving data with the usual breakages: a dropped column, a new category, missing and negative values.
    const lines = readFileSync(data("seattle-weather.csv"), "utf8").trim().split("\n");
    const columns = lines[0].split(",");
    const wind = columns.indexOf("wind");
    const broken = lines
      .slice(1)
      .filter((line) => line.startsWith("2015"))
      .map((line, i) => {
        const cells = line.split(",");
        if (i % 9 === 0) cells[columns.indexOf("weather")] = "hail";
        if (i % 7 === 0) cells[columns.indexOf("precipitation")] = "";
        if (i % 50 === 0) cells[columns.indexOf("temp_min")] = "-40";
        cells.splice(wind, 1);
        return cells.join(",");
      });
    const servingFile = join(out, "weather-serving.csv");
    writeFileSync(servingFile, [columns.filter((_, i) => i !== wind).join(","), ...broken].join("\n") + "\n");
    const training = year(2012);
    const schema = driftlab.inferSchema(profile(training));
    reports.set("anomalies-weather", {
      code: null,
      report: driftlab.validate(await read(servingFile), schema, { previous: training }),
    });
  } catch (error) {
    console.warn(`anomalies fixture skipped: ${error.message}`);
  }
}
if (typeof driftlab.fairness === "function") {
  try {
    const adult = makeScored();
    reports.set("fairness-scored", {
      code: null,
      report: driftlab.fairness(fromColumns(adult), {
        label: "y",
        score: "score",
        groups: ["sex", "race"],
        intersections: true,
      }),
    });
  } catch (error) {
    console.warn(`fairness fixture skipped: ${error.message}`);
  }
}

// The remaining kinds (skew, feedback, data collection), for the screenshots of every view at 1280 and 700 px.
/** Adds report `name` made by `make`, or says why the library could not make it. */
function more(name, make) {
  try {
    reports.set(name, { code: null, report: make(), more: true });
  } catch (error) {
    console.warn(`${name} fixture skipped: ${error.message}`);
  }
}
if (typeof driftlab.skew === "function") {
  more("skew-panel", () => {
    const mixed = driftlab.skewPanel("covariate+concept", { seed: 7 });
    return driftlab.skew(mixed.training, mixed.serving, {
      label: "y",
      score: "score",
      title: "Synthetic: covariate + concept shift",
    });
  });
}
if (typeof driftlab.feedback?.simulateDeployment === "function") {
  const deployment = driftlab.feedback.simulateDeployment(1);
  const joined = driftlab.feedback.join(deployment.predictions, deployment.actuals, {
    key: "id",
    time: "ts",
    label: "y",
    labelTime: "labeled_at",
    asOf: deployment.truth.asOf,
  });
  more("feedback-labels", () => joined.report);
  more("feedback-performance", () =>
    driftlab.feedback.performance(joined, { score: "score", prediction: "prediction", every: "1 day" }),
  );
}
if (typeof driftlab.predictiveContent === "function") {
  const records = JSON.parse(readFileSync(data("penguins.json"), "utf8"));
  more("predictive-content-penguins", () => driftlab.predictiveContent(records, { label: "Species" }));
  more("coverage-penguins", () =>
    driftlab.coverage(
      driftlab.fromRecords(
        records.filter((p) => p.Island !== "Biscoe"),
        { source: "Dream and Torgersen" },
      ),
      driftlab.fromRecords(
        records.filter((p) => p.Island === "Biscoe"),
        { source: "Biscoe" },
      ),
      { exclude: ["Island", "Species"] },
    ),
  );
  const admissions = await read(join(root, "notebooks/data/berkeley-1973.csv"));
  more("representation-berkeley", () =>
    driftlab.representation(admissions, {
      groups: ["gender"],
      reference: { gender: { female: 0.5, male: 0.5 } },
    }),
  );
}

/** A synthetic scored dataset with a group disparity (no real people). */
function makeScored() {
  const n = 4000;
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const sex = [],
    race = [],
    y = new Float64Array(n),
    yhat = new Float64Array(n),
    score = new Float64Array(n);
  const races = ["A", "B", "C", "D"];
  for (let i = 0; i < n; i++) {
    sex.push(random() < 0.55 ? "male" : "female");
    race.push(races[Math.floor(random() * random() * 4)]);
    y[i] = random() < 0.3 ? 1 : 0;
    const bias = sex[i] === "female" ? -0.12 : 0.04;
    score[i] = Math.min(1, Math.max(0, (y[i] ? 0.65 : 0.35) + bias + (random() - 0.5) * 0.6));
    yhat[i] = score[i] >= 0.5 ? 1 : 0;
  }
  return { sex, race, y, yhat, score };
}

const jsonOf = new Map();
for (const [name, { report }] of reports) {
  const json = report.toJSON();
  jsonOf.set(name, json);
  writeFileSync(join(out, "reports", `${name}.json`), JSON.stringify(json));
}

// Reports a frontend must refuse with a clear message.
const drifted = jsonOf.get("drift-weather");
const broken = {
  "newer-version": { ...drifted, version: 2 },
  "unknown-kind": { ...drifted, kind: "hologram" },
  "malformed-drift": { ...drifted, features: "oops" },
};

const outputOf = async (report) => ({
  output_type: "display_data",
  data: await report.toMimeBundle(),
  metadata: {},
});
const rawOutput = (json) => ({
  output_type: "display_data",
  data: { "application/vnd.driftlab.report.v1+json": json, "text/plain": `driftlab report (${json.kind})` },
  metadata: {},
});

const kernelspec = { name: "driftlab", display_name: "TypeScript (driftlab)", language: "typescript" };
const notebook = (cells) => ({
  cells,
  metadata: { kernelspec, language_info: { name: "typescript", file_extension: ".ts" } },
  nbformat: 4,
  nbformat_minor: 5,
});
let cellId = 0;
const markdown = (text) => ({ cell_type: "markdown", id: `md-${cellId++}`, metadata: {}, source: text });
const code = (source, outputs) => ({
  cell_type: "code",
  id: `code-${cellId++}`,
  execution_count: null,
  metadata: {},
  outputs,
  source,
});

const imports = `import { read, profile, drift } from "driftlab";`;
const saved = [markdown("# driftlab reports (saved outputs)"), code(imports, [])];
for (const name of ["profile-weather", "profile-penguins", "drift-weather", "timeline-flights"]) {
  const { code: source, report } = reports.get(name);
  saved.push(markdown(`## ${name}`), code(source, [await outputOf(report)]));
}
writeFileSync(join(out, "notebooks", "reports.ipynb"), JSON.stringify(notebook(saved), null, 1));

const others = [markdown("# Other kinds, wide reports and bad reports")];
for (const name of [
  "profile-wide",
  "profile-flights",
  "drift-wide",
  "anomalies-weather",
  "fairness-scored",
]) {
  if (!reports.has(name)) continue;
  others.push(markdown(`## ${name}`), code(`// ${name}`, [await outputOf(reports.get(name).report)]));
}
for (const [name, json] of Object.entries(broken)) {
  others.push(markdown(`## ${name}`), code(`// ${name}`, [rawOutput(json)]));
}
writeFileSync(join(out, "notebooks", "kinds.ipynb"), JSON.stringify(notebook(others), null, 1));

const moreKinds = [markdown("# Skew, feedback and data collection")];
for (const [name, { report, more: isMore }] of reports) {
  if (isMore === true) moreKinds.push(markdown(`## ${name}`), code(`// ${name}`, [await outputOf(report)]));
}
writeFileSync(join(out, "notebooks", "more-kinds.ipynb"), JSON.stringify(notebook(moreKinds), null, 1));

writeFileSync(
  join(out, "fixtures.json"),
  JSON.stringify({ reports: [...reports.keys()], broken: Object.keys(broken) }, null, 2),
);
console.log(
  `fixtures: ${reports.size} reports (${[...reports.keys()].join(", ")}) in ${out} (${Math.round(performance.now() - started)} ms)`,
);
