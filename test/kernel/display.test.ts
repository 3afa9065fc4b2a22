import { afterEach, describe, expect, it, vi } from "vitest";
import {
  clearOutput,
  display,
  kernelHookKey,
  progress,
  show,
  updateDisplay,
} from "../../src/display/index.js";
import type { DisplayMessage, KernelHook } from "../../src/display/index.js";
import { progressLine } from "../../src/display/progress.js";

const rich = {
  [Symbol.for("Jupyter.display")]: () => ({ "text/plain": "plain form", "text/html": "<b>rich form</b>" }),
};

function installFakeKernel(): { messages: DisplayMessage[]; clears: boolean[]; tracked: Promise<unknown>[] } {
  const recorded = {
    messages: [] as DisplayMessage[],
    clears: [] as boolean[],
    tracked: [] as Promise<unknown>[],
  };
  const hook: KernelHook = {
    version: 1,
    display: (message) => recorded.messages.push(message),
    clearOutput: (wait) => recorded.clears.push(wait),
    track: (pending) => recorded.tracked.push(pending),
  };
  Object.defineProperty(globalThis, kernelHookKey, { value: hook, configurable: true });
  return recorded;
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, kernelHookKey);
  vi.restoreAllMocks();
});

describe("display helpers in a kernel (through the global hook)", () => {
  it("sends the bundle of Symbol.for('Jupyter.display') synchronously, with the display id", async () => {
    const kernel = installFakeKernel();
    const sent = display(rich, { displayId: "d1" });
    expect(kernel.messages).toEqual([
      {
        data: { "text/plain": "plain form", "text/html": "<b>rich form</b>" },
        metadata: {},
        displayId: "d1",
        update: false,
      },
    ]);
    await sent;
    await updateDisplay("d1", 42);
    expect(kernel.messages[1]).toEqual({
      data: { "text/plain": "42" },
      metadata: {},
      displayId: "d1",
      update: true,
    });
  });

  it("awaits an asynchronous bundle and lets the kernel track it", async () => {
    const kernel = installFakeKernel();
    const late = { [Symbol.for("Jupyter.display")]: async () => ({ "text/markdown": "**late**" }) };
    const sent = show(late);
    expect(kernel.messages).toHaveLength(0);
    expect(kernel.tracked).toHaveLength(1);
    await sent;
    expect(kernel.messages[0].data).toEqual({ "text/markdown": "**late**" });
  });

  it("base64-encodes binary data in a bundle", async () => {
    const kernel = installFakeKernel();
    await display({ [Symbol.for("Jupyter.display")]: () => ({ "image/png": new Uint8Array([1, 2, 3]) }) });
    expect(kernel.messages[0].data).toEqual({ "image/png": "AQID" });
  });

  it("clears output with the wait flag", () => {
    const kernel = installFakeKernel();
    clearOutput(true);
    clearOutput();
    expect(kernel.clears).toEqual([true, false]);
  });

  it("updates one progress display in place and ends at 100%", () => {
    const kernel = installFakeKernel();
    const bar = progress("profiling", { interval: 0 });
    bar.update(0.25, "5 of 20");
    bar.done();
    bar.update(0.5); // ignored after done
    const ids = new Set(kernel.messages.map((message) => message.displayId));
    expect(ids.size).toBe(1);
    expect(kernel.messages.map((message) => message.update)).toEqual([false, true, true]);
    expect(kernel.messages[1].data["text/plain"]).toBe("profiling [#####---------------] 25% 5 of 20");
    expect(kernel.messages[2].data["text/plain"]).toBe("profiling [####################] 100%");
  });

  it("merges progress updates closer than the interval", () => {
    const kernel = installFakeKernel();
    const bar = progress("reading", { interval: 10_000 });
    for (let i = 1; i <= 100; i++) bar.update(i / 100);
    bar.done();
    expect(kernel.messages).toHaveLength(3); // the initial display, the first update, done
  });
});

describe("display helpers outside a kernel", () => {
  it("print text/plain to stdout", async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => writes.push(String(chunk)) > 0);
    await display(rich);
    await display({ a: 1 });
    await updateDisplay("x", "again");
    clearOutput();
    expect(writes).toEqual(["plain form\n", "{ a: 1 }\n", "'again'\n"]);
  });

  it("print progress to stderr once at the end when stderr is not a terminal", () => {
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => writes.push(String(chunk)) > 0);
    const wasTTY = process.stderr.isTTY;
    process.stderr.isTTY = false;
    try {
      const bar = progress("scoring", { interval: 0 });
      bar.update(0.5);
      bar.done("done");
    } finally {
      process.stderr.isTTY = wasTTY;
    }
    expect(writes).toEqual(["scoring [####################] 100% done\n"]);
  });

  it("draws an indeterminate bar for NaN", () => {
    expect(progressLine("waiting", NaN, undefined)).toBe("waiting […]");
  });
});
