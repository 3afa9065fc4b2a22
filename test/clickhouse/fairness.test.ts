import { beforeAll, describe, expect, it } from "vitest";
import { fairness, type Dataset } from "../../src/index.js";
import type { FairnessJSON } from "../../src/format/fairness.js";
import { clickhouse } from "../../src/sources/clickhouse.js";
import { CLICKHOUSE_URL, SKIP_REASON, eventsDataset } from "./helpers.js";

const url = CLICKHOUSE_URL ?? "";

// late = delay > 15 (the label), predicted_late = distance > 1000 (a stand-in model): load.mjs, helpers.ts.
const options = { label: "late", prediction: "predicted_late", groups: ["origin"], positiveLabel: 1 };

async function fairnessThrough(table: string): Promise<FairnessJSON> {
  const source = clickhouse({ url, table });
  try {
    return (await fairness(source, options)).toJSON();
  } finally {
    await source.close();
  }
}

/** What a fairness report decides, without the envelope (source names and times differ). */
function findings(report: FairnessJSON): unknown {
  return {
    rowsUsed: report.rowsUsed,
    overall: report.overall,
    groupings: report.groupings,
    verdict: report.verdict,
  };
}

describe.skipIf(CLICKHOUSE_URL === undefined)(
  `ClickHouse fairness of flights-3m by origin${CLICKHOUSE_URL === undefined ? ` (${SKIP_REASON})` : ""}`,
  () => {
    let events: Dataset;
    beforeAll(async () => {
      events = await eventsDataset();
    }, 120_000);

    it("has the per-group metrics and intervals of the same rows in memory, through two shards and one", async () => {
      const expected = fairness(events, options).toJSON();
      const two = await fairnessThrough("default.events");
      const one = await fairnessThrough("default.events_one");
      expect(two.source).toBe(`clickhouse://${new URL(url).host}/default.events`);
      expect(two.numRows).toBe(events.numRows);
      expect(expected.groupings[0].groups.length).toBeGreaterThan(200);
      expect(findings(two)).toEqual(findings(expected));
      expect(findings(one)).toEqual(findings(two));
    }, 300_000);
  },
);
