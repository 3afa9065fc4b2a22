// The README's main job: runs every example notebook (notebooks/*.ipynb) in driftlab's kernel, started directly by
// our own client (nothing is installed, no Python, no Jupyter needed), and writes them into site/ as standalone pages
// whose driftlab widgets work offline, next to a few single-report pages and an index. Run with `npm run demo` (it
// builds first). Prints the path of the index page.
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { drift, profile, read } from "../dist/index.js";
import { notebookToHTML } from "../dist/notebook/html.js";
import { indexPage, pageRendererScript, renderNotebooks } from "../dist/notebook/render.js";

const SITE = "site";
const DATA = "node_modules/vega-datasets/data";
const started = Date.now();
const log = (line) => process.stderr.write(line + "\n");

const notebooks = readdirSync("notebooks")
  .filter((name) => name.endsWith(".ipynb"))
  .sort()
  .map((name) => join("notebooks", name));
const rendered = await renderNotebooks(notebooks, { outDir: SITE, execute: true, log });

// Single reports, each on its own page with its interactive widget (one display_data output, as in a notebook).
const rendererScript = pageRendererScript();
const reports = [];
async function reportPage(file, title, description, report) {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { cell_type: "markdown", source: `# ${title}\n\n${description}`, metadata: {} },
      {
        cell_type: "code",
        source: "",
        metadata: {},
        execution_count: null,
        outputs: [{ output_type: "display_data", data: await report.toMimeBundle(), metadata: {} }],
      },
    ],
  };
  const html = notebookToHTML(notebook, {
    rendererScript,
    navigation: [{ href: "index.html", label: "← Index" }],
  })
    // A report page shows the report, not an empty code cell.
    .replace(/<div class="code">.*?<\/pre><\/div>/s, "");
  writeFileSync(join(SITE, file), html);
  reports.push({ href: file, title, description });
  log(`wrote ${join(SITE, file)}`);
}

const weather = await read(`${DATA}/seattle-weather.csv`);
await reportPage(
  "weather-profile.html",
  "Seattle weather: profile",
  "Statistics of every feature, 2012–2015, sliced by the weather label.",
  profile(weather, { slices: ["weather"] }),
);
await reportPage(
  "weather-drift.html",
  "Seattle weather: 2012 vs 2015",
  "Did the weather drift? Kolmogorov–Smirnov and chi-square tests per feature.",
  drift(
    weather.between("date", "2012-01-01", "2013-01-01"),
    weather.between("date", "2015-01-01", "2016-01-01"),
    {
      exclude: ["date"],
      referenceName: "2012",
      currentName: "2015",
    },
  ),
);

const index = join(SITE, "index.html");
writeFileSync(
  index,
  indexPage(
    rendered.files.map((f) => ({
      href: f.output.slice(SITE.length + 1),
      title: f.title,
      description: f.description,
    })),
    {
      title: "driftlab demo",
      intro:
        "Example notebooks on real public data (from the <code>vega-datasets</code> npm package), executed by " +
        "<code>npm run demo</code> in driftlab's TypeScript kernel. The reports are interactive: sort and filter " +
        "the tables, click a feature to see its distributions, hover for exact numbers. Everything works offline.",
      more: { heading: "Single reports", entries: reports },
    },
  ),
);
log(
  `demo: ${notebooks.length} notebooks and ${reports.length} reports in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
console.log(resolve(index));
