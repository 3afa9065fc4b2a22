#!/usr/bin/env node
/**
 * Injection test of every page driftlab writes, in Debian's Chromium (playwright-core), offline. Hostile input goes
 * into every path a page is made from:
 *   - data values, column names and the file name of CSV files  →  `driftlab profile|drift|fairness|validate --html`
 *     (the CLI's static report pages) and report MIME bundles saved in notebooks (the interactive widgets of render
 *     pages and their static HTML fallback);
 *   - notebook file names (`javascript:alert(24).ipynb`, `a#1 100%.ipynb`, `<img src=x onerror=alert(26)>.ipynb`),
 *     markdown cells, and saved text/html, image/svg+xml, text/markdown, image/png, stream, error and text/plain
 *     outputs  →  `driftlab render` pages and index.
 * On each page it checks: no dialog opened (every payload calls alert), no element from the data (payloads carry
 * `id="pwn-data-…"` markers that must stay text), nothing that can run script (event handler attributes,
 * javascript: URLs, frames, objects, forms, <base>, meta refresh, executable scripts other than the page's own),
 * no request left file:// (a markdown image points at https://), the page has one Content-Security-Policy, and
 * that policy blocks an inline handler and an inline script inserted after load. Interactive pages must still draw
 * their widgets under the policy. Index links must be percent-encoded relative file links that open the page.
 * Needs `npm run build` first (test/e2e/injection.sh). Writes "passed failed" to $E2E_RESULTS when set.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import {
  audit,
  COLUMNS,
  csv,
  hostileColumns,
  hostileNotebook,
  privateColumns,
  privateNotebook,
  SMALL_GROUP_VALUE,
} from "./injection-fixtures.mjs";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const dist = (path) => pathToFileURL(join(root, "dist", path)).href;
const driftlab = await import(dist("index.js"));
const { renderNotebooks } = await import(dist("notebook/render.js"));
const { notebookToHTML } = await import(dist("notebook/html.js"));

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${name}${ok || detail === "" ? "" : ` — ${detail}`}\n`);
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), "driftlab-injection-"));
const profileDir = mkdtempSync(join(tmpdir(), "driftlab-chromium-"));

// Payloads (injection-fixtures.mjs): every one that could run calls alert(); those in data carry an id marker.
const dataDir = join(work, "data");
mkdirSync(dataDir);
const referenceCsv = join(dataDir, `<img src=x onerror=alert(40) id=pwn-data-file>.csv`);
const currentCsv = join(dataDir, `"><svg onload=alert(41)>.csv`);
writeFileSync(referenceCsv, csv(hostileColumns(0)));
writeFileSync(currentCsv, csv(hostileColumns(1)));

// ---------------------------------------------------------------------------------------------------------------
// 1. CLI --html pages.
// ---------------------------------------------------------------------------------------------------------------
const cliPages = [];
function cli(name, args) {
  const out = join(work, `cli-${name}.html`);
  const run = spawnSync(process.execPath, [join(root, "bin", "driftlab.js"), ...args, "--html", out], {
    cwd: work,
    encoding: "utf8",
  });
  let written = false;
  try {
    written = readFileSync(out, "utf8").length > 0;
  } catch {
    written = false;
  }
  check(`cli ${name} --html writes a page`, written, (run.stderr || run.stdout || "").slice(0, 300));
  if (written) cliPages.push({ name: `cli ${name}`, file: out, interactive: false });
}
cli("profile", ["profile", referenceCsv]);
cli("drift", ["drift", referenceCsv, currentCsv]);
cli("fairness", [
  "fairness",
  referenceCsv,
  "--groups",
  COLUMNS.group,
  "--prediction",
  COLUMNS.prediction,
  "--label",
  COLUMNS.label,
  "--positive-label",
  "yes",
  "--min-group-size",
  "5",
]);
const schemaFile = join(work, "schema.json");
spawnSync(
  process.execPath,
  [join(root, "bin", "driftlab.js"), "infer-schema", referenceCsv, "-o", schemaFile],
  {
    cwd: work,
  },
);
cli("validate", ["validate", currentCsv, "--schema", schemaFile]);

// ---------------------------------------------------------------------------------------------------------------
// 2. Notebooks with hostile names, markdown and saved outputs (including report bundles of the hostile data).
// ---------------------------------------------------------------------------------------------------------------
const notebook = await hostileNotebook(driftlab);
const notebookDir = join(work, "notebooks");
mkdirSync(notebookDir);
const notebookNames = ["javascript:alert(24).ipynb", "a#1 100%.ipynb", "<img src=x onerror=alert(26)>.ipynb"];
for (const name of notebookNames) writeFileSync(join(notebookDir, name), JSON.stringify(notebook));
const site = join(work, "site");
const rendered = await renderNotebooks(
  notebookNames.map((n) => join(notebookDir, n)),
  { outDir: site },
);
check(
  `render wrote ${notebookNames.length} pages and the index`,
  rendered.files.length === 3 && rendered.index,
);
// The widgets' static HTML fallback: the same notebook as a page without the renderer script.
const staticPage = join(work, "static-fallback.html");
writeFileSync(staticPage, notebookToHTML(notebook));

// ---------------------------------------------------------------------------------------------------------------
// 3. Privacy: a value of a group of 3 rows (under k = 10) is in the saved bundles, and in no shared page's source.
// ---------------------------------------------------------------------------------------------------------------
const privateDir = join(work, "private");
mkdirSync(privateDir);
const privateNb = await privateNotebook(driftlab);
check(
  "privacy: the saved notebook carries the small group's value (premise)",
  JSON.stringify(privateNb).includes(SMALL_GROUP_VALUE),
);
writeFileSync(join(privateDir, "private.ipynb"), JSON.stringify(privateNb));
const privateSite = await renderNotebooks([join(privateDir, "private.ipynb")], {
  outDir: join(privateDir, "site"),
});
const privatePage = privateSite.files[0].output;
const privateSource = readFileSync(privatePage, "utf8");
check(
  "privacy: render page source has no small group's value (text, embedded JSON, attributes)",
  !privateSource.includes(SMALL_GROUP_VALUE) && privateSource.includes("Springfield"),
);
check(
  "privacy: render page says what was suppressed",
  /class="privacy-note">privacy: \d+ categories or slices with fewer than 10 members not shown/.test(
    privateSource,
  ),
);
const privateCsv = join(privateDir, "private.csv");
writeFileSync(privateCsv, csv(privateColumns(0)));
const privateCli = join(privateDir, "cli-profile.html");
spawnSync(process.execPath, [join(root, "bin", "driftlab.js"), "profile", privateCsv, "--html", privateCli], {
  cwd: work,
});
const privateCliSource = readFileSync(privateCli, "utf8");
check(
  "privacy: cli profile --html page source has no small group's value",
  privateCliSource.includes("Springfield") && !privateCliSource.includes(SMALL_GROUP_VALUE),
);

const pages = [
  ...cliPages,
  { name: "render private.html", file: privatePage, interactive: true, secret: SMALL_GROUP_VALUE },
  ...rendered.files.map((f) => ({ name: `render ${basename(f.output)}`, file: f.output, interactive: true })),
  { name: "render index", file: rendered.index, interactive: false, index: true },
  { name: "static fallback page", file: staticPage, interactive: false },
];

// ---------------------------------------------------------------------------------------------------------------
// The browser.
// ---------------------------------------------------------------------------------------------------------------
const browser = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-sync",
  ],
});
const blocked = [];
await browser.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file://") || url.startsWith("data:")) return route.continue();
  blocked.push(url);
  return route.abort("internetdisconnected");
});

async function probe(entry) {
  const page = await browser.newPage();
  const dialogs = [];
  const errors = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(entry.file).href);
  if (entry.interactive) {
    await page.waitForSelector("body[data-driftlab-rendered]", { timeout: 20_000 }).catch(() => undefined);
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 700) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(40);
    }
  }
  // Hover and click everything that a reader might: handlers that survived would fire now.
  await page.evaluate(() => {
    for (const element of document.querySelectorAll("main *, body > div *")) {
      element.dispatchEvent(new MouseEvent("mouseover", { bubbles: true }));
    }
  });
  await page.waitForTimeout(300);
  const result = await page.evaluate(audit);
  check(`${entry.name}: no dialog`, dialogs.length === 0, dialogs.join(", "));
  check(
    `${entry.name}: no injected element or script`,
    result.found.length === 0,
    result.found.slice(0, 8).join(", "),
  );
  check(
    `${entry.name}: one Content-Security-Policy`,
    result.policies.length === 1,
    JSON.stringify(result.policies),
  );
  const policy = result.policies[0] ?? "";
  check(
    `${entry.name}: the policy allows only hashed inline scripts and loads nothing remote`,
    /default-src 'none'/.test(policy) &&
      /script-src ('none'|('sha256-[A-Za-z0-9+/=]+' ?)+)(;|$)/.test(policy) &&
      !/unsafe-eval|https?:|\*/.test(policy),
    policy,
  );
  check(
    `${entry.name}: executable scripts are the page's own (${result.executable.length})`,
    entry.interactive ? result.executable.length === 1 : result.executable.length === 0,
    JSON.stringify(result.executable),
  );
  if (entry.interactive) {
    const drawn = await page.evaluate(() => ({
      rendered: document.body.dataset.driftlabRendered === "true",
      widgets: [...document.querySelectorAll("[data-driftlab-report]")].map(
        (e) => e.dataset.rendered ?? null,
      ),
      marks: document.querySelectorAll('svg [class*="mark-"]').length,
    }));
    check(
      `${entry.name}: widgets draw under the policy (${drawn.widgets.join(", ")})`,
      drawn.rendered &&
        drawn.widgets.length >= 2 &&
        drawn.widgets.every((w) => w !== null) &&
        drawn.marks > 0,
      JSON.stringify(drawn),
    );
    check(`${entry.name}: no page errors`, errors.length === 0, errors.slice(0, 3).join("; "));
  }
  if (entry.secret !== undefined) {
    // After the widgets drew: nothing they show (text, titles, attributes) carries the suppressed value.
    const dom = await page.evaluate(() => document.documentElement.outerHTML);
    check(`${entry.name}: the drawn page has no suppressed value`, !dom.includes(entry.secret));
  }
  // The policy itself: an inline handler and an inline script inserted now must not run.
  const violations = await page.evaluate(async () => {
    let count = 0;
    document.addEventListener("securitypolicyviolation", () => count++);
    const holder = document.createElement("div");
    holder.innerHTML = '<img src="data:," onerror="window.__cspHole = 1">';
    document.body.append(holder);
    const script = document.createElement("script");
    script.textContent = "window.__cspHole = 2";
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 300));
    return { count, hole: window.__cspHole ?? null };
  });
  check(
    `${entry.name}: the policy blocks inline handlers and scripts added later`,
    violations.hole === null && violations.count >= 2,
    JSON.stringify(violations),
  );
  if (entry.index) {
    const links = await page.locator("li > a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    const expected = rendered.files.map((f) => `./${encodeURIComponent(basename(f.output))}`);
    check(
      "render index: links are percent-encoded relative file links",
      JSON.stringify(links) === JSON.stringify(expected),
      `${JSON.stringify(links)} vs ${JSON.stringify(expected)}`,
    );
    for (const [i, href] of links.entries()) {
      const target = new URL(href, page.url());
      check(
        `render index: link ${JSON.stringify(href)} opens ${basename(rendered.files[i].output)}`,
        target.protocol === "file:" &&
          decodeURIComponent(target.pathname) === rendered.files[i].output &&
          target.hash === "",
        target.href,
      );
    }
    await page.locator("li > a").first().click();
    await page.waitForLoadState("load");
    check(
      "render index: clicking the first link opens its page",
      decodeURIComponent(new URL(page.url()).pathname) === rendered.files[0].output,
      page.url(),
    );
  }
  await page.close();
}

try {
  for (const entry of pages) await probe(entry);
  check(
    "offline: no request left file:// (remote images blocked by the policy)",
    blocked.length === 0,
    blocked.join(", "),
  );
} finally {
  await browser.close();
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
process.stdout.write(
  `injection e2e: ${passed} passed, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, `${passed} ${failed}\n`);
process.exit(failed > 0 ? 1 : 0);
