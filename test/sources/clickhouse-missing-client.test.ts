import { describe, expect, it, vi } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { clickhouse } from "../../src/sources/clickhouse.js";
import { firstQueryFailure } from "./helpers.js";

// As if the optional dependency were not installed: importing it fails the way Node's resolver does.
vi.mock("@clickhouse/client", () => {
  throw Object.assign(new Error("Cannot find package '@clickhouse/client' imported from driftlab"), {
    code: "ERR_MODULE_NOT_FOUND",
  });
});

describe("clickhouse() without @clickhouse/client", () => {
  it("fails on first use with an error that names the package and how to install it", async () => {
    const source = clickhouse({ url: "http://127.0.0.1:8123", table: "default.events" });
    const failure = await firstQueryFailure(source);
    expect(failure).toBeInstanceOf(DriftlabError);
    expect((failure as DriftlabError).message).toMatch(/npm install @clickhouse\/client/);
    expect((failure as DriftlabError).code).toBe("MISSING_DEPENDENCY");
    expect((failure as DriftlabError).subject).toBe("@clickhouse/client");
  });
});
