/**
 * driftlab's display rule in other kernels: stock tslab (through `show`, one multi-MIME display_data) and Deno's kernel
 * (the `Symbol.for("Jupyter.display")` rule natively, and `display` through `Deno.jupyter.broadcast`). The Deno test
 * runs when a deno binary is found ($DENO_BIN, the npm package @deno/linux-x64-glibc, or deno on PATH).
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { KernelClient, repoRoot } from "./client.js";

const displayModule = join(repoRoot, "dist", "display", "index.js");
const bundle = { "text/plain": "a report", "text/html": "<b>a report</b>" };
const rich = `{ [Symbol.for("Jupyter.display")]: () => (${JSON.stringify(bundle)}) }`;

function findDeno(): string | undefined {
  const candidates = [
    process.env.DENO_BIN,
    join(repoRoot, "node_modules", "@deno", "linux-x64-glibc", "deno"),
  ];
  for (const candidate of candidates) if (candidate !== undefined && existsSync(candidate)) return candidate;
  try {
    return execFileSync("sh", ["-c", "command -v deno"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

describe("stock tslab 1.0.22", () => {
  it("shows a driftlab-displayable value as one multi-MIME display_data through show()", async () => {
    const kernel = await KernelClient.start({
      cwd: repoRoot, // tslab finds @types/node only inside the npm project
      argv: (file) => [
        process.execPath,
        join(repoRoot, "node_modules/tslab/bin/tslab"),
        "kernel",
        "--config-path",
        file,
      ],
    });
    try {
      await kernel.ready();
      const { reply, outputs } = await kernel.execute(
        `import { show } from ${JSON.stringify(displayModule)};\nawait show(${rich});`,
      );
      expect(reply.content.status).toBe("ok");
      const shown = outputs.filter((m) => m.header.msg_type === "display_data");
      expect(shown).toHaveLength(1);
      expect(shown[0].content.data).toEqual(bundle);
    } finally {
      await kernel.close();
    }
  }, 60_000);
});

const deno = findDeno();

describe.skipIf(deno === undefined)("Deno's kernel", () => {
  it("shows the bundle of Symbol.for('Jupyter.display') as execute_result, and display() as display_data", async () => {
    const kernel = await KernelClient.start({
      cwd: repoRoot, // Deno resolves the npm packages driftlab imports from the node_modules of the project
      argv: (file) => [deno!, "jupyter", "--kernel", "--conn", file],
    });
    try {
      await kernel.ready();
      const last = await kernel.execute(`(${rich})`, 30_000, 500);
      const result = last.outputs.find((m) => m.header.msg_type === "execute_result");
      expect(result?.content.data).toEqual(bundle);

      const url = pathToFileURL(displayModule).href;
      const shown = await kernel.execute(
        `import { display, updateDisplay } from ${JSON.stringify(url)};\n` +
          `await display(${rich}, { displayId: "r1" });\nawait updateDisplay("r1", "updated");`,
        30_000,
        500,
      );
      expect(shown.reply.content, JSON.stringify(shown.reply.content)).toMatchObject({ status: "ok" });
      const displays = shown.outputs.filter((m) => m.header.msg_type.endsWith("display_data"));
      expect(displays.map((m) => m.header.msg_type)).toEqual(["display_data", "update_display_data"]);
      expect(displays[0].content).toMatchObject({ data: bundle, transient: { display_id: "r1" } });

      const report = await kernel.execute(
        `import { profile, fromRecords } from ${JSON.stringify(pathToFileURL(join(repoRoot, "dist", "index.js")).href)};\n` +
          `profile(fromRecords([{ a: 1, b: "x" }, { a: 2, b: "y" }]))`,
        60_000,
        500,
      );
      const data = report.outputs.find((m) => m.header.msg_type === "execute_result")?.content.data;
      expect(Object.keys(data as object)).toEqual(
        expect.arrayContaining(["application/vnd.driftlab.report.v1+json", "text/html", "text/plain"]),
      );
    } finally {
      await kernel.close();
    }
  }, 90_000);
});
