import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DriftlabError } from "../../src/errors.js";
import { clickhouseDialect } from "../../src/sources/clickhouse-dialect.js";
import { clickhouse, clickhouseEngine } from "../../src/sources/clickhouse.js";
import { nextState, seedState } from "../../src/sketch/random.js";
import { CLICKHOUSE_URL, SKIP_REASON } from "./helpers.js";
import { firstQueryFailure } from "../sources/helpers.js";

const url = CLICKHOUSE_URL ?? "";

/** Runs a statement over plain HTTP (DDL and inserts, which the engine never sends). */
async function statement(sql: string): Promise<void> {
  const response = await fetch(`${url}/`, { method: "POST", body: sql });
  if (!response.ok) throw new Error(`${sql}: ${await response.text()}`);
}

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `ClickHouse dialect against the server${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    const odd = "driftlab_test_odd_names";

    beforeAll(async () => {
      await statement(`DROP TABLE IF EXISTS ${odd}`);
      await statement(
        `CREATE TABLE ${odd} (${clickhouseDialect.identifier("a`b")} Float64, ` +
          `${clickhouseDialect.identifier("city name")} String) ENGINE = Memory`,
      );
      const values = [
        [1.5, "O'Hare"],
        [2.5, "back\\slash"],
        [3.5, "O'Hare"],
        [4.5, "tab\there"],
      ];
      await statement(
        `INSERT INTO ${odd} VALUES ${values.map(([x, s]) => `(${x}, ${clickhouseDialect.string(String(s))})`).join(", ")}`,
      );
    });

    afterAll(async () => {
      await statement(`DROP TABLE IF EXISTS ${odd}`);
    });

    it("writes double literals that the server reads back bit for bit", async () => {
      let state = seedState(20261202);
      const random = () => (state = nextState(state)) / 2 ** 32;
      const values: number[] = [
        0.1,
        1 / 3,
        -2.5e-300,
        1.7976931348623157e308,
        5e-324,
        2 ** 53 + 2,
        -0.000123456789,
      ];
      while (values.length < 400) {
        const magnitude = 10 ** Math.floor(random() * 40 - 20);
        values.push((random() - 0.5) * magnitude);
      }
      const engine = clickhouseEngine({ url });
      try {
        const select = values.map((v, i) => `${clickhouseDialect.number(v)} AS v${i}`).join(", ");
        const [row] = await engine.query(`SELECT ${select}`);
        const mismatches = values.filter((v, i) => row[`v${i}`] !== v);
        expect(mismatches).toEqual([]);
      } finally {
        await engine.close();
      }
    });

    it("profiles a table whose names and values need quoting", async () => {
      const source = clickhouse({ url, table: `default.${odd}` });
      try {
        const columns = await source.columns();
        expect(columns.map((c) => c.name)).toEqual(["a`b", "city name"]);
        const report = (await source.profile()).toJSON();
        const [x, city] = report.features;
        expect(x.numeric!.sum).toBe(12);
        expect(x.numeric!.min).toBe(1.5);
        expect(city.categorical!.top).toEqual([
          { value: "O'Hare", count: 2 },
          { value: "back\\slash", count: 1 },
          { value: "tab\there", count: 1 },
        ]);
      } finally {
        await source.close();
      }
    });

    it("fails with SOURCE_FAILED naming the table when it does not exist", async () => {
      const source = clickhouse({ url, table: "default.no_such_table" });
      const failure = await firstQueryFailure(source);
      await source.close();
      expect(failure).toBeInstanceOf(DriftlabError);
      expect((failure as DriftlabError).code).toBe("SOURCE_FAILED");
      expect((failure as DriftlabError).message).toMatch(/no_such_table.*Check the database and table name/s);
    });
  },
);
