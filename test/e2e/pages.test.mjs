#!/usr/bin/env node
/**
 * End-to-end test of the standalone notebook pages of `driftlab render`, in Debian's Chromium driven by
 * playwright-core, OFFLINE: every request that is not file:// is aborted and counted (there must be none).
 *
 * Renders the example notebooks (notebooks/*.ipynb, executed in driftlab's kernel) into a temp folder, then checks on
 * each page: the renderer ran, every report with a view was drawn as a widget (Vega SVG marks, table rows) replacing
 * its static fallback, and on the drift widget, clicking another feature row redraws the distribution chart.
 * Screenshots of each page go to test/e2e/screenshots/page-*.png. Needs `npm run build` first (test/e2e/pages.sh).
 * Writes "passed failed" to $E2E_RESULTS when set; exits 1 on any failure.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const shots = join(root, "test/e2e/screenshots");
mkdirSync(shots, { recursive: true });
const { renderNotebooks } = await import(pathToFileURL(join(root, "dist/notebook/render.js")).href);

const results = [];
function check(name, ok, detail = "") {
  results.push({ name, ok });
  process.stdout.write(`${ok ? "ok  " : "FAIL"} ${name}${ok || detail === "" ? "" : ` — ${detail}`}\n`);
}

const started = performance.now();
const out = mkdtempSync(join(tmpdir(), "driftlab-pages-"));
const profileDir = mkdtempSync(join(tmpdir(), "driftlab-chromium-"));
const notebooks = readdirSync(join(root, "notebooks"))
  .filter((n) => n.endsWith(".ipynb"))
  .sort()
  .map((n) => join(root, "notebooks", n));
const rendered = await renderNotebooks(notebooks, { outDir: out, execute: true });
check(`rendered ${notebooks.length} notebooks`, rendered.files.length === notebooks.length);

const browser = await chromium.launchPersistentContext(profileDir, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
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

try {
  for (const file of [...rendered.files.map((f) => f.output), rendered.index]) {
    const name = basename(file, ".html");
    const html = readFileSync(file, "utf8");
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(pathToFileURL(file).href);
    if (name === "index") {
      const links = await page.locator("li a").count();
      check("index: one link per notebook", links === rendered.files.length, `${links} links`);
      await page.screenshot({ path: join(shots, "page-index.png"), fullPage: true });
      await page.close();
      continue;
    }
    const scripts = html.split("<script>").length - 1;
    check(`${name}: the renderer script is inlined once`, scripts === 1, `${scripts} inline scripts`);
    await page.waitForSelector("body[data-driftlab-rendered]", { timeout: 15_000 });
    const reports = await page.locator("[data-driftlab-report]").evaluateAll((els) =>
      els.map((el) => ({
        kind: JSON.parse(el.querySelector(':scope > script[type="application/json"]').textContent).kind,
        rendered: el.dataset.rendered ?? null,
        staticLeft: el.querySelector(".driftlab-static") !== null,
      })),
    );
    const kinds = (await page.evaluate(() => document.body.dataset.driftlabKinds)).split(" ");
    const drawable = reports.filter((r) => kinds.includes(r.kind));
    const others = reports.filter((r) => !kinds.includes(r.kind));
    check(
      `${name}: every report with a view is a widget (${drawable.map((r) => r.kind).join(", ")})`,
      drawable.every((r) => r.rendered === r.kind && !r.staticLeft),
      JSON.stringify(reports),
    );
    check(
      `${name}: reports without a view keep their static HTML (${others.map((r) => r.kind).join(", ")})`,
      others.every((r) => r.rendered === null && r.staticLeft),
      JSON.stringify(others),
    );
    // Charts draw lazily when scrolled near; scroll through the page so all of them draw.
    for (let y = 0; y < (await page.evaluate(() => document.body.scrollHeight)); y += 700) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.waitForTimeout(60);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page
      .waitForFunction(() => document.querySelectorAll(".dl-chart[data-drawn]").length > 0, null, {
        timeout: 15_000,
      })
      .catch(() => undefined);
    if (drawable.length > 0) {
      const marks = await page.locator('.driftlab-report svg [class*="mark-"]').count();
      check(`${name}: Vega SVG marks drawn in the widgets`, marks > 0, `${marks} marks`);
      // Some views are charts only (the feedback timeline); every table a view draws must have rows.
      const tables = await page.locator(".driftlab-report .dl-table").count();
      const rows = await page.locator(".driftlab-report .dl-table tbody tr").count();
      if (tables > 0) check(`${name}: widget tables have rows`, rows > 0, `${rows} rows in ${tables} tables`);
    }
    check(`${name}: no page errors`, errors.length === 0, errors.join("; "));

    const drift = page.locator('[data-rendered="drift"]').first();
    if ((await drift.count()) > 0) {
      await drift.scrollIntoViewIfNeeded();
      const chart = drift.locator(".dl-overlay-host svg").first();
      await chart.waitFor({ timeout: 10_000 });
      const before = await chart.evaluate((svg) => svg.outerHTML);
      const table = drift.locator('table[aria-label="Features by drift score"] tbody tr');
      const second = table.nth(1);
      const feature = (await second.locator(".dl-feature-name").textContent())?.trim();
      await second.click();
      const changed = await page
        .waitForFunction(
          ([el, old]) => {
            const svg = el.querySelector(".dl-overlay-host svg");
            return svg !== null && svg.outerHTML !== old;
          },
          [await drift.elementHandle(), before],
          { timeout: 10_000 },
        )
        .then(() => true)
        .catch(() => false);
      check(`${name}: clicking the drift row of "${feature}" redraws the distribution chart`, changed);
      const selected = await second.evaluate((tr) => tr.classList.contains("dl-selected"));
      check(`${name}: the clicked row is selected`, selected);
      await drift.screenshot({ path: join(shots, `page-${name}-drift-selected.png`) });
    }
    await page.screenshot({ path: join(shots, `page-${name}.png`), fullPage: true });
    await page.close();
  }
  check("offline: no request left file://", blocked.length === 0, blocked.slice(0, 5).join(", "));
} catch (error) {
  // A page that never draws (a timeout) or a crash is a failure that must reach the counts, not a lost run.
  check("the page checks ran to the end", false, String(error?.message ?? error).split("\n")[0]);
} finally {
  await browser.close();
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}

const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
process.stdout.write(
  `pages e2e: ${passed} passed, ${failed} failed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, `${passed} ${failed}\n`);
process.exit(failed > 0 ? 1 : 0);
