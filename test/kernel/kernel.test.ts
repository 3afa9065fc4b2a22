import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, kernelMain, plain, repoRoot } from "./client.js";

const displayModule = join(repoRoot, "dist", "display", "index.js");

/** Builds dist/ when a kernel or display source is newer than the built kernel. */
function ensureBuilt(): void {
  const sources = ["src/kernel", "src/display"].flatMap((dir) =>
    readdirSync(join(repoRoot, dir)).map((file) => join(repoRoot, dir, file)),
  );
  const builtAt = existsSync(kernelMain) ? statSync(kernelMain).mtimeMs : 0;
  if (sources.some((file) => statSync(file).mtimeMs > builtAt) || !existsSync(displayModule)) {
    try {
      execFileSync(
        process.execPath,
        [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
        {
          cwd: repoRoot,
          stdio: "ignore",
        },
      );
    } catch {
      // tsc exits non-zero on type errors elsewhere in src/ but still emits.
    }
  }
}

const rich = `{ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "plain form", "text/html": "<b>rich form</b>" }) }`;

describe("driftlab kernel over ZeroMQ", () => {
  let kernel: KernelClient;
  let readyMs = 0;
  let firstCellMs = 0;

  beforeAll(async () => {
    ensureBuilt();
    kernel = await KernelClient.start();
    readyMs = await kernel.ready();
    const started = Date.now();
    await kernel.execute("0");
    firstCellMs = readyMs + Date.now() - started;
    console.log(`kernel_info answered after ${readyMs} ms; first cell done after ${firstCellMs} ms`);
  }, 60_000);

  afterAll(async () => {
    await kernel?.close();
  });

  it("answers kernel_info quickly, with status ok and the TypeScript language info", async () => {
    const reply = await kernel.request("shell", "kernel_info_request", {});
    expect(reply.content.status).toBe("ok");
    expect(reply.content.protocol_version).toBe("5.3");
    expect(reply.content.language_info).toMatchObject({
      name: "typescript",
      file_extension: ".ts",
      mimetype: "text/typescript",
    });
    expect(readyMs).toBeLessThan(2000);
  });

  it("returns the last expression as execute_result, counting executions", async () => {
    const { reply, outputs } = await kernel.execute("const answer: number = 6 * 7;\nanswer");
    expect(reply.content.status).toBe("ok");
    const result = outputs.find((m) => m.header.msg_type === "execute_result");
    expect(result?.content.data).toEqual({ "text/plain": "42" });
    expect(result?.content.execution_count).toBe(reply.content.execution_count);
    const next = await kernel.execute("answer + 1");
    expect(next.reply.content.execution_count).toBe(Number(reply.content.execution_count) + 1);
  });

  it("publishes busy, execute_input, outputs, idle with the request as parent", async () => {
    const { all, reply } = await kernel.execute('console.log("out"); process.stdout.write("raw\\n"); 1');
    const types = all.map((m) => m.header.msg_type);
    expect(types[0]).toBe("status");
    expect(all[0].content.execution_state).toBe("busy");
    expect(types[1]).toBe("execute_input");
    expect(types.at(-1)).toBe("status");
    expect(all.at(-1)!.content.execution_state).toBe("idle");
    const text = all.filter((m) => m.header.msg_type === "stream").map((m) => m.content.text);
    expect(text.join("")).toBe("out\nraw\n");
    for (const message of all) expect(message.parent_header.msg_id).toBe(reply.parent_header.msg_id);
  });

  it("streams output written after an await", async () => {
    const { outputs } = await kernel.execute(
      'console.log("a");\nawait new Promise((r) => setTimeout(r, 50));\nconsole.error("b");',
    );
    const streams = outputs
      .filter((m) => m.header.msg_type === "stream")
      .map((m) => [m.content.name, m.content.text]);
    expect(streams).toEqual([
      ["stdout", "a\n"],
      ["stderr", "b\n"],
    ]);
  });

  it("reports a type error like a compiler, then runs the next cell normally", async () => {
    const failed = await kernel.execute('let count: number = 1;\ncount = "two";');
    expect(failed.reply.content.status).toBe("error");
    const error = failed.outputs.find((m) => m.header.msg_type === "error")!;
    expect(error.content.ename).toMatch(/TSError|TypeError/);
    expect(error.content.evalue).toBe("TS2322: Type 'string' is not assignable to type 'number'.");
    const traceback = (error.content.traceback as string[]).map(plain);
    expect(traceback[0]).toBe("cell:2:1 - error TS2322: Type 'string' is not assignable to type 'number'.");
    expect(traceback[1]).toBe('2 | count = "two";');
    expect(traceback[2]).toBe("  | ~~~~~");
    const next = await kernel.execute("2 + 2");
    expect(next.reply.content.status).toBe("ok");
  });

  it("reports a runtime error with ename, evalue and traceback", async () => {
    const { reply, outputs } = await kernel.execute(
      "function fail(): never { throw new RangeError('too far'); }\nfail()",
    );
    expect(reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "too far" });
    const error = outputs.find((m) => m.header.msg_type === "error")!;
    expect(plain((error.content.traceback as string[]).join("\n"))).toContain("at fail (cell[");
  });

  it("shows a value with Symbol.for('Jupyter.display') by its bundle, sync or async", async () => {
    const sync = await kernel.execute(`(${rich})`);
    expect(sync.outputs.find((m) => m.header.msg_type === "execute_result")?.content.data).toEqual({
      "text/plain": "plain form",
      "text/html": "<b>rich form</b>",
    });
    const asyncValue = await kernel.execute(
      `({ [Symbol.for("Jupyter.display")]: async () => ({ "text/markdown": "**md**" }) })`,
    );
    expect(asyncValue.outputs.find((m) => m.header.msg_type === "execute_result")?.content.data).toEqual({
      "text/markdown": "**md**",
    });
  });

  it("type-checks and shows a driftlab report in a folder outside the npm project", async () => {
    const { reply, outputs } = await kernel.execute(
      'import { profile, fromRecords } from "driftlab";\n' +
        'const stats = profile(fromRecords([{ a: 1, b: "x" }, { a: 2, b: "y" }, { a: 4, b: "x" }]));\nstats',
    );
    expect(reply.content.status).toBe("ok");
    const data = outputs.find((m) => m.header.msg_type === "execute_result")?.content.data as Record<
      string,
      unknown
    >;
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining(["application/vnd.driftlab.report.v1+json", "text/html", "text/plain"]),
    );
    const typeError = await kernel.execute("const rows: number = stats;");
    expect(typeError.reply.content.ename).toBe("TSError");
  });

  it("displays and updates a display by display id", async () => {
    const { outputs, reply } = await kernel.execute(
      `import { display, updateDisplay } from ${JSON.stringify(displayModule)};\n` +
        `display(${rich}, { displayId: "status" });\n` +
        `updateDisplay("status", "done");`,
    );
    expect(reply.content.status).toBe("ok");
    const shown = outputs.filter((m) => m.header.msg_type.endsWith("display_data"));
    expect(shown.map((m) => m.header.msg_type)).toEqual(["display_data", "update_display_data"]);
    expect(shown[0].content).toMatchObject({
      data: { "text/plain": "plain form", "text/html": "<b>rich form</b>" },
      transient: { display_id: "status" },
    });
    expect(shown[1].content).toMatchObject({
      data: { "text/plain": "'done'" },
      transient: { display_id: "status" },
    });
  });

  it("waits for an asynchronous display before ending the cell", async () => {
    const { outputs } = await kernel.execute(
      `import { display } from ${JSON.stringify(displayModule)};\n` +
        `display({ [Symbol.for("Jupyter.display")]: () => new Promise((r) => setTimeout(() => r({ "text/plain": "late" }), 100)) });`,
    );
    expect(outputs.map((m) => m.header.msg_type)).toContain("display_data");
  });

  it("updates one progress display in place", async () => {
    const { outputs } = await kernel.execute(
      `import { progress } from ${JSON.stringify(displayModule)};\n` +
        `const bar = progress("profiling", { interval: 0 });\nbar.update(0.5, "half");\nbar.done("all");`,
    );
    const shown = outputs.filter((m) => m.header.msg_type.endsWith("display_data"));
    expect(shown.map((m) => m.header.msg_type)).toEqual([
      "display_data",
      "update_display_data",
      "update_display_data",
    ]);
    const ids = new Set(shown.map((m) => (m.content.transient as { display_id: string }).display_id));
    expect(ids.size).toBe(1);
    expect((shown[1].content.data as Record<string, string>)["text/plain"]).toBe(
      "profiling [##########----------] 50% half",
    );
    expect((shown[2].content.data as Record<string, string>)["text/html"]).toContain('value="1"');
  });

  it("sends clear_output with its wait flag", async () => {
    const { outputs } = await kernel.execute(
      `import { clearOutput } from ${JSON.stringify(displayModule)};\nconsole.log("x");\nclearOutput(true);`,
    );
    const clear = outputs.find((m) => m.header.msg_type === "clear_output");
    expect(clear?.content).toEqual({ wait: true });
  });

  it("interrupts while (true) {} through interrupt_request and keeps the variables", async () => {
    await kernel.execute("const kept = 41;");
    const loop = await kernel.send("shell", "execute_request", { code: "while (true) {}", silent: false });
    await kernel.started(loop);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const interrupt = await kernel.request("control", "interrupt_request", {});
    expect(interrupt.content.status).toBe("ok");
    const stopped = await kernel.collect(loop, 10_000);
    expect(stopped.reply.content).toMatchObject({ status: "error", ename: "InterruptError" });
    const after = await kernel.execute("kept + 1");
    expect(after.outputs.find((m) => m.header.msg_type === "execute_result")?.content.data).toEqual({
      "text/plain": "42",
    });
  });

  it("interrupts a loop in a function of an earlier cell, and a pending await", async () => {
    await kernel.execute("function spin(): void { for (;;) {} }");
    const loop = await kernel.send("shell", "execute_request", { code: "spin()", silent: false });
    await kernel.started(loop);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kernel.request("control", "interrupt_request", {});
    expect((await kernel.collect(loop, 10_000)).reply.content.ename).toBe("InterruptError");

    const wait = await kernel.send("shell", "execute_request", {
      code: "await new Promise(() => {});",
      silent: false,
    });
    await kernel.started(wait);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kernel.request("control", "interrupt_request", {});
    expect((await kernel.collect(wait, 10_000)).reply.content.ename).toBe("InterruptError");
    expect((await kernel.execute("kept")).reply.content.status).toBe("ok");
  });

  it("interrupts on SIGINT sent to the kernel process alone", async () => {
    const loop = await kernel.send("shell", "execute_request", { code: "while (true) {}", silent: false });
    await kernel.started(loop);
    await new Promise((resolve) => setTimeout(resolve, 300));
    kernel.process.kill("SIGINT");
    expect((await kernel.collect(loop, 10_000)).reply.content.ename).toBe("InterruptError");
    expect((await kernel.execute("kept")).outputs[0].content.data).toEqual({ "text/plain": "41" });
  });

  it("echoes heartbeats and answers control requests while a cell blocks", async () => {
    const loop = await kernel.send("shell", "execute_request", { code: "while (true) {}", silent: false });
    await kernel.started(loop);
    const info = await kernel.request("control", "kernel_info_request", {});
    expect(info.content.status).toBe("ok");
    await kernel.request("control", "interrupt_request", {});
    await kernel.collect(loop, 10_000);
  });

  it("completes, inspects and judges completeness", async () => {
    const complete = await kernel.request("shell", "complete_request", { code: "Math.ma", cursor_pos: 7 });
    expect(complete.content).toMatchObject({
      status: "ok",
      matches: ["max"],
      cursor_start: 5,
      cursor_end: 7,
    });
    const inspect = await kernel.request("shell", "inspect_request", {
      code: "kept",
      cursor_pos: 4,
      detail_level: 0,
    });
    expect(inspect.content).toMatchObject({ status: "ok", found: true });
    expect((inspect.content.data as Record<string, string>)["text/plain"]).toContain("const kept: 41");
    const verdicts = await Promise.all(
      ["let x = 1", "let x = {", "let x = )"].map(
        async (code) => (await kernel.request("shell", "is_complete_request", { code })).content.status,
      ),
    );
    expect(verdicts).toEqual(["complete", "incomplete", "invalid"]);
  });

  it("keeps history: tail, range and search", async () => {
    await kernel.execute("const marker = 'history-marker';");
    const tail = await kernel.request("shell", "history_request", {
      hist_access_type: "tail",
      n: 1,
      output: false,
      raw: true,
    });
    const [[session, line, input]] = tail.content.history as [number, number, string][];
    expect(input).toBe("const marker = 'history-marker';");
    const range = await kernel.request("shell", "history_request", {
      hist_access_type: "range",
      session,
      start: line,
      stop: line + 1,
      output: false,
      raw: true,
    });
    expect(range.content.history).toEqual([[session, line, input]]);
    const search = await kernel.request("shell", "history_request", {
      hist_access_type: "search",
      pattern: "*history-marker*",
      output: false,
      raw: true,
    });
    expect(search.content.history).toEqual([[session, line, input]]);
  });

  it("answers comm_info with no comms", async () => {
    const reply = await kernel.request("shell", "comm_info_request", {});
    expect(reply.content).toEqual({ status: "ok", comms: {} });
  });
});

/** Waits until a cell has written `path` (it is then past any compile and in the code that follows). */
async function waitForFile(path: string): Promise<void> {
  for (let waited = 0; !existsSync(path); waited += 20) {
    if (waited > 30_000) throw new Error(`the cell never wrote ${path}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("driftlab kernel recovery", () => {
  it("restarts the runner when a cell ignores SIGINT, and keeps serving", async () => {
    const kernel = await KernelClient.start();
    try {
      await kernel.ready();
      await kernel.execute("const before = 1;");
      // The cell marks (synchronously, on disk) that it is past its await and in the loop; the interrupt is sent only
      // then, so a slow compile on a busy machine cannot make the interrupt land before the loop.
      const marker = join(mkdtempSync(join(tmpdir(), "driftlab-loop-")), "looping");
      const code =
        `import { writeFileSync } from "node:fs";\nawait new Promise((r) => setTimeout(r, 10));\n` +
        `writeFileSync(${JSON.stringify(marker)}, "");\nwhile (true) {}`;
      const loop = await kernel.send("shell", "execute_request", { code, silent: false });
      await kernel.started(loop);
      await waitForFile(marker);
      rmSync(join(marker, ".."), { recursive: true, force: true });
      await kernel.request("control", "interrupt_request", {});
      const stopped = await kernel.collect(loop, 15_000);
      expect(stopped.reply.content.status).toBe("error");
      expect(String(stopped.reply.content.evalue)).toContain("restarted");
      expect((await kernel.execute("1 + 1")).outputs[0].content.data).toEqual({ "text/plain": "2" });
      expect((await kernel.execute("typeof before")).reply.content.ename).toBe("TSError");
    } finally {
      await kernel.close();
    }
  }, 60_000);

  it("restarts the runner when a cell exits the process", async () => {
    const kernel = await KernelClient.start();
    try {
      await kernel.ready();
      const exited = await kernel.execute("process.exit(3)");
      expect(exited.reply.content).toMatchObject({ status: "error", ename: "RuntimeError" });
      expect(String(exited.reply.content.evalue)).toContain("exited with code 3");
      expect((await kernel.execute("'alive'")).outputs[0].content.data).toEqual({ "text/plain": "'alive'" });
    } finally {
      await kernel.close();
    }
  }, 60_000);

  it("interrupts once when SIGINT goes to the whole process group (interrupt_mode signal)", async () => {
    const kernel = await KernelClient.start({ detached: true });
    try {
      await kernel.ready();
      await kernel.execute("let total = 1;");
      const markers = mkdtempSync(join(tmpdir(), "driftlab-loop-"));
      for (let round = 0; round < 2; round++) {
        // As above: signal only once the cell is in its (synchronous) loop, not after a fixed delay.
        const marker = join(markers, `looping-${round}`);
        const loop = await kernel.send("shell", "execute_request", {
          code: `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nwhile (true) {}`,
          silent: false,
        });
        await kernel.started(loop);
        await waitForFile(marker);
        process.kill(-kernel.process.pid!, "SIGINT");
        expect((await kernel.collect(loop, 10_000)).reply.content.ename).toBe("InterruptError");
        // The runner got the signal twice at most; the next cell must not be hit by a late copy.
        const next = await kernel.execute("await new Promise((r) => setTimeout(r, 300));\ntotal += 1");
        expect(next.reply.content.status).toBe("ok");
      }
      expect((await kernel.execute("total")).outputs[0].content.data).toEqual({ "text/plain": "3" });
      rmSync(markers, { recursive: true, force: true });
    } finally {
      await kernel.close();
    }
  }, 60_000);

  it("a SIGINT that reaches the runner outside an interrupt does not stop the running cell", async () => {
    // What a late SIGINT looks like: one the kernel forwarded (signal mode) while the interrupted cell's result was
    // on its way, arriving when the next cell runs. Only the kernel's interrupt notice, which names its cell, stops
    // a cell that awaits; SIGINT breaks a synchronous loop (the tests above).
    const kernel = await KernelClient.start();
    try {
      await kernel.ready();
      const pid = (await kernel.execute("process.pid")).outputs[0].content.data as { "text/plain": string };
      const runner = Number(pid["text/plain"]);
      expect(runner).toBeGreaterThan(0);
      const markers = mkdtempSync(join(tmpdir(), "driftlab-wait-"));
      const marker = join(markers, "waiting");
      const waiting = await kernel.send("shell", "execute_request", {
        code: `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "");\nawait new Promise((r) => setTimeout(r, 500));\n"done"`,
        silent: false,
      });
      await kernel.started(waiting);
      await waitForFile(marker);
      process.kill(runner, "SIGINT");
      const done = await kernel.collect(waiting, 10_000);
      expect(done.reply.content.status).toBe("ok");
      expect(done.outputs.map((o) => o.content.data)).toContainEqual({ "text/plain": "'done'" });
      rmSync(markers, { recursive: true, force: true });
    } finally {
      await kernel.close();
    }
  }, 60_000);

  it("stops the runner on shutdown_request", async () => {
    const kernel = await KernelClient.start();
    await kernel.ready();
    const reply = await kernel.request("control", "shutdown_request", { restart: false });
    expect(reply.content).toEqual({ status: "ok", restart: false });
    await new Promise<void>((resolve) => kernel.process.once("exit", () => resolve()));
    await kernel.close();
  }, 60_000);
});
