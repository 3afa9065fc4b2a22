import { afterEach, describe, expect, it } from "vitest";
import { input } from "../../src/display/input.js";
import { kernelHookKey, type KernelHook } from "../../src/display/hook.js";

afterEach(() => {
  Reflect.deleteProperty(globalThis, kernelHookKey);
});

describe("input()", () => {
  it("asks the kernel's hook with the prompt and the password flag, and resolves with the answer", async () => {
    const asked: [string, boolean][] = [];
    const hook: KernelHook = {
      version: 1,
      display: () => undefined,
      clearOutput: () => undefined,
      track: () => undefined,
      input: (prompt, password) => {
        asked.push([prompt, password]);
        return Promise.resolve(`answer to ${prompt}`);
      },
    };
    Object.defineProperty(globalThis, kernelHookKey, { value: hook, configurable: true });
    await expect(input("Token: ", { password: true })).resolves.toBe("answer to Token: ");
    await expect(input("Name? ")).resolves.toBe("answer to Name? ");
    expect(asked).toEqual([
      ["Token: ", true],
      ["Name? ", false],
    ]);
  });

  it("passes on the kernel's refusal when the frontend takes no input", async () => {
    const hook: KernelHook = {
      version: 1,
      display: () => undefined,
      clearOutput: () => undefined,
      track: () => undefined,
      input: () => Promise.reject(new Error("this frontend does not support input requests")),
    };
    Object.defineProperty(globalThis, kernelHookKey, { value: hook, configurable: true });
    await expect(input("x")).rejects.toThrow(/does not support input/);
  });
});
