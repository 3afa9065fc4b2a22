// The README's main job: analyses on real public data (vega-datasets), written as standalone pages into site/.
// Run with `npm run demo` (it builds first). Prints the path of the index page.
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { drift, profile, read } from "../dist/index.js";

const DATA = "node_modules/vega-datasets/data";
const SITE = "site";
mkdirSync(SITE, { recursive: true });
const pages = [];

async function page(file, title, description, report) {
  writeFileSync(`${SITE}/${file}`, await report.toHTML());
  pages.push({ file, title, description });
  process.stderr.write(`wrote ${SITE}/${file}\n`);
}

const weather = await read(`${DATA}/seattle-weather.csv`);
const year = (y) => {
  const dates = weather.column("date").values;
  return weather.take(
    Int32Array.from([...dates.keys()].filter((i) => new Date(dates[i]).getUTCFullYear() === y)),
  );
};
await page(
  "weather-profile.html",
  "Seattle weather: profile",
  "Statistics of every feature, 2012–2015.",
  profile(weather, { slices: ["weather"] }),
);
await page(
  "weather-drift.html",
  "Seattle weather: 2012 vs 2015",
  "Did the weather drift? KS and chi-square tests per feature.",
  drift(year(2012), year(2015), { exclude: ["date"], referenceName: "2012", currentName: "2015" }),
);

const flights = await read(`${DATA}/flights-3m.parquet`);
await page(
  "flights-profile.html",
  "3M US flights: profile",
  "Statistics of 3 million flights (2001).",
  profile(flights),
);
await page(
  "flights-timeline.html",
  "3M US flights: drift by month",
  "Every month compared with January; data-quality incidents flagged.",
  drift.overTime(flights, { time: "date", every: "1 month" }),
);

const items = pages.map((p) => `<li><a href="${p.file}">${p.title}</a> — ${p.description}</li>`).join("\n");
writeFileSync(
  `${SITE}/index.html`,
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>driftlab demo</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;line-height:1.5}</style></head>
<body><h1>driftlab demo</h1><p>Reports on real public data from the vega-datasets package, made by <code>npm run demo</code>.</p>
<ul>${items}</ul></body></html>\n`,
);
console.log(resolve(`${SITE}/index.html`));
