import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { read } from "../../src/data/index.js";
import { FIXTURES, VEGA, errorOf, kinds, values } from "./helpers.js";

interface Reference {
  "seattle-weather.csv": {
    rows: number;
    columns: string[];
    precipitation_sum: number;
    temp_max_max: number;
    weather_counts: Record<string, number>;
    date_first: string;
    date_last: string;
  };
  "penguins.json": {
    rows: number;
    columns: string[];
    missing: Record<string, number>;
    body_mass_sum: number;
    species_counts: Record<string, number>;
    sex_values: string[];
  };
}
const reference = JSON.parse(readFileSync("test/data/reference/vega-datasets.json", "utf8")) as Reference;
const flightsReference = JSON.parse(readFileSync("test/data/reference/flights-3m.json", "utf8")) as Record<
  string,
  string | Record<string, string>
>;

function counts(list: unknown[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const value of list) if (value !== null) out[String(value)] = (out[String(value)] ?? 0) + 1;
  return out;
}

function sum(list: unknown[]): number {
  let total = 0;
  for (const value of list) if (typeof value === "number") total += value;
  return total;
}

describe("read: real files (checked against Python's csv/json and DuckDB)", () => {
  it("reads seattle-weather.csv: 1461 rows and the expected kinds", async () => {
    const expected = reference["seattle-weather.csv"];
    const data = await read(VEGA + "seattle-weather.csv");
    expect(data.source).toBe(VEGA + "seattle-weather.csv");
    expect(data.numRows).toBe(expected.rows);
    expect(data.columnNames).toEqual(expected.columns);
    expect(kinds(data)).toEqual({
      date: "datetime",
      precipitation: "numeric",
      temp_max: "numeric",
      temp_min: "numeric",
      wind: "numeric",
      weather: "categorical",
    });
    expect(sum(values(data, "precipitation"))).toBeCloseTo(expected.precipitation_sum, 6);
    expect(Math.max(...(values(data, "temp_max") as number[]))).toBe(expected.temp_max_max);
    expect(counts(values(data, "weather"))).toEqual(expected.weather_counts);
    const dates = values(data, "date");
    expect(dates[0]).toBe(`${expected.date_first}T00:00:00.000Z`);
    expect(dates[dates.length - 1]).toBe(`${expected.date_last}T00:00:00.000Z`);
  });

  it("reads penguins.json: records with nulls", async () => {
    const expected = reference["penguins.json"];
    const data = await read(VEGA + "penguins.json");
    expect(data.numRows).toBe(expected.rows);
    expect(data.columnNames).toEqual(expected.columns);
    for (const column of data.columns) {
      const missing = values(data, column.name).filter((v) => v === null).length;
      expect(missing, column.name).toBe(expected.missing[column.name]);
    }
    expect(kinds(data)).toMatchObject({
      Species: "categorical",
      "Body Mass (g)": "numeric",
      Sex: "categorical",
    });
    expect(sum(values(data, "Body Mass (g)"))).toBe(expected.body_mass_sum);
    expect(counts(values(data, "Species"))).toEqual(expected.species_counts);
    expect(Object.keys(counts(values(data, "Sex"))).sort()).toEqual(expected.sex_values);
  });

  it("reads flights-200k.arrow (Arrow IPC file)", async () => {
    const data = await read(VEGA + "flights-200k.arrow");
    expect(data.numRows).toBe(200_000);
    expect(kinds(data)).toEqual({ delay: "numeric", distance: "numeric", time: "numeric" });
    // The same flights as flights-200k.json: compare the first 1000 rows.
    const json = JSON.parse(readFileSync(VEGA + "flights-200k.json", "utf8")) as {
      delay: number;
      distance: number;
    }[];
    expect(json).toHaveLength(200_000);
    const delay = values(data, "delay");
    const distance = values(data, "distance");
    for (let i = 0; i < 1000; i++) {
      expect(delay[i]).toBe(json[i].delay);
      expect(distance[i]).toBe(json[i].distance);
    }
  });

  it("reads flights-3m.parquet: 3,000,000 rows matching DuckDB's reading", async () => {
    const data = await read(VEGA + "flights-3m.parquet");
    expect(data.numRows).toBe(Number(flightsReference.rows));
    expect(data.columnNames).toEqual(["date", "delay", "distance", "origin", "destination"]);
    expect(kinds(data)).toEqual({
      date: "datetime",
      delay: "numeric",
      distance: "numeric",
      origin: "categorical",
      destination: "categorical",
    });
    const delay = data.column("delay");
    const distance = data.column("distance");
    const date = data.column("date");
    const origin = data.column("origin");
    const destination = data.column("destination");
    if (delay.kind !== "numeric" || distance.kind !== "numeric" || date.kind !== "datetime")
      throw new Error("kinds");
    if (origin.kind !== "categorical" || destination.kind !== "categorical") throw new Error("kinds");
    let delaySum = 0;
    let delayMin = Infinity;
    let delayMax = -Infinity;
    let distanceSum = 0;
    let dateMin = Infinity;
    let dateMax = -Infinity;
    for (let i = 0; i < data.numRows; i++) {
      const d = delay.values[i];
      delaySum += d;
      if (d < delayMin) delayMin = d;
      if (d > delayMax) delayMax = d;
      distanceSum += distance.values[i];
      if (date.values[i] < dateMin) dateMin = date.values[i];
      if (date.values[i] > dateMax) dateMax = date.values[i];
    }
    expect(delay.integer).toBe(true);
    expect(delaySum).toBe(Number(flightsReference.delay_sum));
    expect(delayMin).toBe(Number(flightsReference.delay_min));
    expect(delayMax).toBe(Number(flightsReference.delay_max));
    expect(distanceSum).toBe(Number(flightsReference.distance_sum));
    expect(dateMin).toBe(Number(flightsReference.date_min_ms));
    expect(dateMax).toBe(Number(flightsReference.date_max_ms));
    expect(date.valid).toBeNull();
    expect(origin.dictionary).toHaveLength(Number(flightsReference.origins));
    expect(destination.dictionary).toHaveLength(Number(flightsReference.destinations));
    const top = flightsReference.topOrigin as Record<string, string>;
    const code = origin.dictionary.indexOf(top.origin);
    let n = 0;
    for (let i = 0; i < data.numRows; i++) if (origin.codes[i] === code) n++;
    expect(n).toBe(Number(top.n));
    const first = flightsReference.firstRow as Record<string, string>;
    expect([date.values[0], delay.values[0], distance.values[0]]).toEqual([
      Number(first.date_ms),
      Number(first.delay),
      Number(first.distance),
    ]);
    expect([origin.dictionary[origin.codes[0]], destination.dictionary[destination.codes[0]]]).toEqual([
      first.origin,
      first.destination,
    ]);
  });

  it("reads bytes with a format, and the columns/kinds options on any format", async () => {
    const bytes = readFileSync(VEGA + "seattle-weather.csv");
    const data = await read(bytes, {
      format: "csv",
      columns: ["weather", "wind"],
      kinds: { wind: "categorical" },
    });
    expect(data.source).toBe("csv bytes");
    expect(kinds(data)).toEqual({ wind: "categorical", weather: "categorical" });
    const json = await read(VEGA + "penguins.json", { columns: ["Island"], source: "penguins" });
    expect(json.columnNames).toEqual(["Island"]);
    expect(json.source).toBe("penguins");
  });
});

describe("read: paths", () => {
  it("accepts a file URL", async () => {
    const url = new URL("file://" + resolve(FIXTURES + "crlf-bom.csv"));
    expect((await read(url)).numRows).toBe(2);
  });
});

describe("read: JSON and NDJSON", () => {
  it("reads NDJSON with the union of keys and blank lines skipped", async () => {
    const data = await read(FIXTURES + "records.ndjson");
    expect(data.columnNames).toEqual(["a", "b", "c"]);
    expect(values(data, "a")).toEqual([1, 2]);
    expect(values(data, "b")).toEqual(["x", null]);
    expect(values(data, "c")).toEqual([null, true]);
  });

  it("reads NDJSON in small chunks the same way", async () => {
    const data = await read(FIXTURES + "records.ndjson", { chunkSize: 16 });
    expect(values(data, "b")).toEqual(["x", null]);
  });

  it("names the line of a malformed NDJSON record", async () => {
    const message = await errorOf(() => read(FIXTURES + "bad.ndjson"), "MALFORMED_JSON");
    expect(message).toContain("bad.ndjson: line 3");
  });

  it("names the line and column of malformed JSON", async () => {
    const message = await errorOf(
      () => read(FIXTURES + "malformed-json.txt", { format: "json" }),
      "MALFORMED_JSON",
    );
    expect(message).toMatch(/line 3, column \d+/);
  });

  it("reads a JSON object of columns", async () => {
    const data = await read(new TextEncoder().encode('{"a": [1, 2], "b": ["x", null]}'), { format: "json" });
    expect(values(data, "b")).toEqual(["x", null]);
  });

  it("rejects JSON that is not records", async () => {
    const message = await errorOf(
      () => read(new TextEncoder().encode("[1, 2]"), { format: "json" }),
      "MALFORMED_JSON",
    );
    expect(message).toContain("element 0");
    await errorOf(() => read(new TextEncoder().encode("[]"), { format: "json" }), "EMPTY_TABLE");
  });
});

describe("read: bad input", () => {
  it("FILE_NOT_FOUND names the resolved path", async () => {
    const message = await errorOf(() => read("no/such/file.csv"), "FILE_NOT_FOUND");
    expect(message).toContain(resolve("no/such/file.csv"));
  });

  it("UNKNOWN_FORMAT lists the formats and the format option", async () => {
    const message = await errorOf(() => read(FIXTURES + "data.unknownext"), "UNKNOWN_FORMAT");
    expect(message).toContain('".unknownext"');
    expect(message).toContain("csv, tsv, json, ndjson, parquet, arrow");
    expect(message).toContain("format");
    const data = await read(FIXTURES + "data.unknownext", { format: "csv" });
    expect(values(data, "a")).toEqual([1]);
  });

  it("UNKNOWN_FORMAT for bytes without a format or with a wrong one", async () => {
    expect(await errorOf(() => read(new Uint8Array(3)), "UNKNOWN_FORMAT")).toContain("without a format");
    await errorOf(() => read(new Uint8Array(3), { format: "xlsx" as "csv" }), "UNKNOWN_FORMAT");
  });

  it("MALFORMED_PARQUET and MALFORMED_ARROW for files that are not", async () => {
    const csvBytes = readFileSync(FIXTURES + "quoting.csv");
    expect(await errorOf(() => read(csvBytes, { format: "parquet" }), "MALFORMED_PARQUET")).toContain(
      "parquet bytes",
    );
    await errorOf(() => read(csvBytes, { format: "arrow" }), "MALFORMED_ARROW");
  });
});
