import { describe, expect, it } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { clickhouseDialect, clickhouseKind } from "../../src/sources/clickhouse-dialect.js";
import { clickhouse, clickhouseOptionsFromUrl, clickhouseTableName } from "../../src/sources/clickhouse.js";
import { firstQueryFailure } from "./helpers.js";

// The SQL these produce runs against a real cluster in test/clickhouse/ (CI); here: what needs no server.
describe("clickhouseKind", () => {
  it.each([
    ["Int32", "numeric"],
    ["UInt64", "numeric"],
    ["Float64", "numeric"],
    ["Decimal(18, 2)", "numeric"],
    ["Nullable(Float32)", "numeric"],
    ["UInt8", "numeric"],
    ["Bool", "boolean"],
    ["Date", "datetime"],
    ["DateTime", "datetime"],
    ["DateTime('Europe/Oslo')", "datetime"],
    ["Nullable(DateTime64(3, 'UTC'))", "datetime"],
    ["String", "categorical"],
    ["LowCardinality(Nullable(String))", "categorical"],
    ["FixedString(3)", "categorical"],
    ["Enum8('a' = 1, 'b' = 2)", "categorical"],
    ["UUID", "categorical"],
  ])("profiles %s as %s", (type, kind) => {
    expect(clickhouseKind(type)).toBe(kind);
  });

  it.each([
    "Array(Int32)",
    "Tuple(Int32, String)",
    "Map(String, Int32)",
    "AggregateFunction(uniq, String)",
    "Nothing",
  ])("does not profile %s", (type) => {
    expect(clickhouseKind(type)).toBeUndefined();
  });
});

describe("clickhouseDialect", () => {
  it("quotes identifiers in backquotes with backslash escapes", () => {
    expect(clickhouseDialect.identifier("delay")).toBe("`delay`");
    expect(clickhouseDialect.identifier("a`b c\\d")).toBe("`a\\`b c\\\\d`");
  });

  it("escapes quotes, backslashes and NUL in string literals", () => {
    expect(clickhouseDialect.string("it's a \\ path\0")).toBe("'it\\'s a \\\\ path\\0'");
  });

  it("writes safe integers as toFloat64 literals and other doubles bit for bit", () => {
    expect(clickhouseDialect.number(42)).toBe("toFloat64(42)");
    expect(clickhouseDialect.number(-0)).toBe("toFloat64(0)");
    // 0.1 is 0x3FB999999999999A; little-endian bytes.
    expect(clickhouseDialect.number(0.1)).toBe("reinterpretAsFloat64(unhex('9a9999999999b93f'))");
    expect(clickhouseDialect.number(2 ** 60)).toBe("reinterpretAsFloat64(unhex('000000000000b043'))");
  });

  it("refuses non-finite literals (a bug in the caller)", () => {
    expect(() => clickhouseDialect.number(NaN)).toThrow(DriftlabError);
    expect(() => clickhouseDialect.number(Infinity)).toThrow(/non-finite/);
  });

  it("reads date parts and epoch milliseconds in UTC, whatever the server's time zone", () => {
    expect(clickhouseDialect.epochMs("`ts`")).toBe(
      "(toFloat64(toUnixTimestamp(toDateTime(`ts`, 'UTC'))) * 1000)",
    );
    expect(clickhouseDialect.month("`ts`")).toBe("toMonth(toDateTime(`ts`, 'UTC'))");
  });

  it("uses plain sum, not sumKahan (whose state breaks Distributed queries on 18.16)", () => {
    expect(clickhouseDialect.sum("x")).toBe("sum(x)");
  });
});

describe("clickhouse() options", () => {
  it.each(["default.events", "events", "db_1.t_2"])("accepts the table name %s", (table) => {
    expect(() => clickhouseTableName(table)).not.toThrow();
  });

  it("puts a table without a database in default", () => {
    expect(clickhouseTableName("events")).toEqual({ database: "default", table: "events" });
  });

  it.each(["a.b.c", "events; DROP TABLE x", "1abc", "", "db.", "`x`"])(
    "refuses the table name %j",
    (table) => {
      expect(() => clickhouseTableName(table)).toThrow(/DATABASE\.TABLE/);
    },
  );

  it("refuses a non-HTTP url, naming the HTTP port", () => {
    const attempt = () => clickhouse({ url: "tcp://127.0.0.1:9000", table: "events" });
    expect(attempt).toThrow(DriftlabError);
    expect(attempt).toThrow(/HTTP port/);
    expect(() => clickhouse({ url: "not a url", table: "events" })).toThrow(/not a URL/);
  });

  it("names the source without credentials and with the where condition", () => {
    const source = clickhouse({
      url: "http://reader:secret@127.0.0.1:8123",
      table: "default.events",
      where: "toMonth(ts) = 1",
    });
    expect(source.description).toBe("clickhouse://127.0.0.1:8123/default.events?where=toMonth(ts) = 1");
    expect(source.description).not.toContain("secret");
    expect(source.engine).toBe("clickhouse");
  });

  it("fails with SOURCE_FAILED naming the server and the fix when nothing listens there", async () => {
    // Port 9 (discard) is closed on loopback here; the error must say what to check, not hang.
    const source = clickhouse({ url: "http://127.0.0.1:9", table: "default.events", timeoutMs: 5000 });
    const failure = await firstQueryFailure(source);
    await source.close();
    expect(failure).toBeInstanceOf(DriftlabError);
    expect((failure as DriftlabError).code).toBe("SOURCE_FAILED");
    expect((failure as DriftlabError).message).toMatch(/127\.0\.0\.1:9.*HTTP port/);
  });
});

describe("clickhouse:// source URLs", () => {
  it("reads host, HTTP port, table and the where condition of the issue's example", () => {
    expect(
      clickhouseOptionsFromUrl("clickhouse://127.0.0.1:8123/default.events?where=toMonth(ts)=1"),
    ).toEqual({
      url: "http://127.0.0.1:8123",
      table: "default.events",
      where: "toMonth(ts)=1",
      username: undefined,
      password: undefined,
    });
  });

  it("keeps =, & and + in the condition and decodes valid percent-encoding only", () => {
    expect(clickhouseOptionsFromUrl("clickhouse://h:8123/t?where=a+b=2 AND c='x&y'").where).toBe(
      "a+b=2 AND c='x&y'",
    );
    expect(clickhouseOptionsFromUrl("clickhouse://h:8123/t?where=delay%20%3E%200").where).toBe("delay > 0");
    expect(clickhouseOptionsFromUrl("clickhouse://h:8123/t?where=origin LIKE 'S%'").where).toBe(
      "origin LIKE 'S%'",
    );
  });

  it("takes credentials from the user info", () => {
    const options = clickhouseOptionsFromUrl("clickhouse://reader:p%40ss@db.example:8443/logs.events");
    expect(options).toMatchObject({ url: "http://db.example:8443", username: "reader", password: "p@ss" });
  });

  it.each([
    ["clickhouse://127.0.0.1/default.events", /HTTP port/],
    ["clickhouse://127.0.0.1:8123", /not a ClickHouse source URL/],
    ["clickhouse://127.0.0.1:8123/a.b.c", /DATABASE\.TABLE/],
    ["clickhouse://127.0.0.1:8123/events?limit=5", /only parameter.*where/],
  ])("refuses %s with a message naming the fix", (text, message) => {
    expect(() => clickhouseOptionsFromUrl(text)).toThrow(message);
  });
});
