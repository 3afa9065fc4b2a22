import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const F = "test/schema/fixtures";
let dir: string;

/** Runs a shell command line (pipelines included) and returns its exit code and output. */
function shell(command: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync("sh", ["-c", command], { encoding: "utf8" });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Builds dist/. tsc emits even when some other module has a type error (the typecheck step of CI reports those), so a
 * failed build is accepted when it did emit the CLI and the schema module afresh.
 */
async function build(): Promise<void> {
  const started = Date.now() - 1000;
  // Asynchronous: the build takes over a minute on a loaded machine, and a worker blocked that long loses vitest's
  // RPC ("Timeout calling onTaskUpdate"), failing the whole run.
  const result = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn("npm", ["run", "build"]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += String(chunk)));
    child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
  if (result.status === 0) return;
  const fresh = ["dist/cli/schema.js", "dist/cli/main.js", "dist/schema/validate.js"].every(
    (file) => existsSync(file) && statSync(file).mtimeMs >= started,
  );
  if (!fresh) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`);
}

beforeAll(async () => {
  await build();
  dir = mkdtempSync(join(tmpdir(), "driftlab-cli-"));
  const inferred = shell(
    `node bin/driftlab.js infer-schema ${F}/training.csv -o ${dir}/schema.json --ranges --comparators ` +
      `--environments TRAINING,SERVING --not-in SERVING=big_tip`,
  );
  expect(inferred.status, inferred.stderr).toBe(0);
}, 180_000);

describe("driftlab infer-schema and validate", () => {
  it("writes a schema file that declares the label absent in SERVING", () => {
    const schema = JSON.parse(readFileSync(`${dir}/schema.json`, "utf8"));
    expect(schema.format).toBe("driftlab-schema");
    expect(schema.environments).toEqual(["SERVING", "TRAINING"]);
    expect(schema.features.find((f: { name: string }) => f.name === "big_tip").notInEnvironments).toEqual([
      "SERVING",
    ]);
    const stdout = shell(`node bin/driftlab.js infer-schema ${F}/training.csv`);
    expect(JSON.parse(stdout.stdout).features).toHaveLength(13);
  });

  it("exits 1 on anomalies of error severity, so a pipeline can react", () => {
    const run = shell(
      `node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/schema.json --environment SERVING || echo failed`,
    );
    expect(run.stdout).toContain("SCHEMA_MISSING_COLUMN");
    expect(run.stdout.trimEnd().endsWith("failed")).toBe(true);
    expect(
      shell(
        `node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/schema.json --environment SERVING`,
      ).status,
    ).toBe(1);
  });

  it("exits 0 on conforming data, with --previous and --serving too", () => {
    const run = shell(
      `node bin/driftlab.js validate ${F}/training.csv --schema ${dir}/schema.json --environment TRAINING ` +
        `--previous ${F}/training.csv --serving ${F}/training.csv && echo passed`,
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("no anomalies");
    expect(run.stdout.trimEnd().endsWith("passed")).toBe(true);
  });

  it("prints the report JSON with --json and writes a page with --html", () => {
    const run = shell(
      `node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/schema.json --environment SERVING ` +
        `--previous ${F}/training.csv --json --html ${dir}/anomalies.html`,
    );
    expect(run.status).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.kind).toBe("anomalies");
    expect(
      json.anomalies.some(
        (a: { code: string; category?: string }) =>
          a.code === "COMPARATOR_L_INFTY_HIGH" && a.category === "Cash",
      ),
    ).toBe(true);
    expect(readFileSync(`${dir}/anomalies.html`, "utf8")).toContain("<!doctype html>");
  });

  it("exits 2 with a clear message on bad input", () => {
    const environment = shell(
      `node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/schema.json --environment STAGING`,
    );
    expect(environment.status).toBe(2);
    expect(environment.stderr).toContain("Known environments: SERVING, TRAINING");
    writeFileSync(
      `${dir}/bad.json`,
      JSON.stringify({ format: "driftlab-schema", version: 1, features: [{ name: "x", type: "numbr" }] }),
    );
    const corrupt = shell(`node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/bad.json`);
    expect(corrupt.status).toBe(2);
    expect(corrupt.stderr).toContain(`${dir}/bad.json: at features[0] ("x").type`);
    expect(shell(`node bin/driftlab.js validate ${F}/serving.csv`).status).toBe(2);
    expect(shell(`node bin/driftlab.js validate ${F}/nope.csv --schema ${dir}/schema.json`).status).toBe(2);
    expect(
      shell(`node bin/driftlab.js validate ${F}/serving.csv --schema ${dir}/schema.json --bogus`).status,
    ).toBe(2);
  });
});
