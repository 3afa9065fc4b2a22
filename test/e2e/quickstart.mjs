#!/usr/bin/env node
/**
 * The README's notebook quickstart, exactly as written: runs the commands of its `sh` block (but `npm install`,
 * which the caller has just done: CI's `npm ci`) with Jupyter's data dir in a temp folder, checks what
 * `driftlab install` wrote, then starts the kernel from the kernel.json it installed, in the clone's folder, and runs
 * each `ts` block of the section as a cell: every cell must succeed, and the cells whose last value is a report must
 * display it (report MIME type, of the kind the comment names). Writes "passed failed" to $E2E_RESULTS.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const REPORT = "application/vnd.driftlab.report.v1+json";
const results = [];
const started = performance.now();
const log = (m) => console.log(`[quickstart ${((performance.now() - started) / 1000).toFixed(1)}s] ${m}`);

async function check(name, body) {
  try {
    await body();
    results.push(true);
    log(`ok   ${name}`);
  } catch (error) {
    results.push(false);
    log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const expect = (condition, message) => {
  if (!condition) throw new Error(message);
};

const readme = readFileSync(join(root, "README.md"), "utf8");
const section = readme.split("## Notebook quickstart")[1]?.split("\n## ")[0] ?? "";
const blocks = (lang) =>
  [...section.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
const commands = blocks("sh")
  .flatMap((b) => b.split("\n"))
  .map((line) => line.replace(/\s+#.*$/, "").trim())
  .filter((line) => line !== "");
const cells = blocks("ts");

const work = mkdtempSync(join(tmpdir(), "driftlab-quickstart-"));
const env = { ...process.env, JUPYTER_DATA_DIR: join(work, "data"), JUPYTER_PATH: join(work, "data") };
let kernelSpec;

await check(
  `the README's quickstart has commands and cells (${commands.length} commands, ${cells.length} cells)`,
  () => {
    expect(commands.includes("npm install"), `commands: ${commands}`);
    expect(
      commands.some((c) => c.startsWith("npx driftlab install")),
      `commands: ${commands}`,
    );
    expect(cells.length >= 2, `${cells.length} ts blocks`);
  },
);

await check(
  "its commands run: driftlab install writes the kernel and the JupyterLab extension and says where",
  () => {
    for (const command of commands) {
      if (command === "npm install") continue; // done by the caller (CI's npm ci on the fresh clone)
      const [program, ...args] = command.split(/\s+/);
      const run = spawnSync(program, args, { cwd: root, env, encoding: "utf8", timeout: 600_000 });
      expect(run.status === 0, `${command} exited ${run.status}: ${run.stderr?.slice(-1500)}`);
      log(`$ ${command}\n${run.stdout.trim()}`);
      if (command.startsWith("npx driftlab install")) {
        expect(run.stdout.includes(join(work, "data", "kernels", "driftlab")), "says where the kernel went");
        expect(
          run.stdout.includes(join(work, "data", "labextensions", "driftlab-jupyterlab")),
          "says where the extension went",
        );
      }
    }
    const specFile = join(work, "data", "kernels", "driftlab", "kernel.json");
    expect(existsSync(specFile), `${specFile} missing`);
    kernelSpec = JSON.parse(readFileSync(specFile, "utf8"));
    const extension = join(work, "data", "labextensions", "driftlab-jupyterlab", "package.json");
    expect(existsSync(extension), `${extension} missing`);
    const build = JSON.parse(readFileSync(extension, "utf8")).jupyterlab._build;
    expect(build.mimeExtension && build.extension, "the installed extension has the renderer and the plugin");
  },
);

const { KernelClient } = await import(join(root, "dist", "notebook", "client.js"));
await check(
  "its cells run on the installed kernel, in the clone's folder, and show their reports",
  async () => {
    expect(kernelSpec !== undefined, "no kernel.json");
    const kernel = await KernelClient.start({
      cwd: root,
      argv: (file) => kernelSpec.argv.map((a) => a.replace("{connection_file}", file)),
    });
    try {
      await kernel.ready();
      for (const [i, cell] of cells.entries()) {
        const { reply, outputs } = await kernel.execute(cell, 300_000, 300);
        const errors = outputs.filter((m) => m.header.msg_type === "error" || m.content?.name === "stderr");
        expect(
          reply.content.status === "ok",
          `cell ${i + 1} status ${reply.content.status}: ${JSON.stringify(errors.map((e) => e.content)).slice(0, 800)}`,
        );
        const reports = outputs.map((m) => m.content?.data?.[REPORT]).filter((r) => r !== undefined);
        const last = cell.trim().split("\n").pop();
        const expected = /^profile\(/.test(last)
          ? "profile"
          : /^drift\.overTime\(/.test(last)
            ? "drift-timeline"
            : undefined;
        if (expected !== undefined) {
          expect(
            reports.length === 1 && reports[0].kind === expected,
            `cell ${i + 1} showed ${reports.map((r) => r.kind)} instead of a ${expected} report`,
          );
          log(
            `cell ${i + 1}: ${expected} report "${reports[0].title}" (${reports[0].verdict?.status ?? "no verdict"})`,
          );
        } else expect(reports.length === 0, `cell ${i + 1} showed a report`);
      }
    } finally {
      await kernel.close();
    }
  },
);

rmSync(work, { recursive: true, force: true });
const passed = results.filter(Boolean).length;
log(`${passed} passed, ${results.length - passed} failed`);
if (process.env.E2E_RESULTS) writeFileSync(process.env.E2E_RESULTS, `${passed} ${results.length - passed}\n`);
process.exit(passed === results.length ? 0 : 1);
