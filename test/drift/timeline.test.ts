import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { fromColumns } from "../../src/data/index.js";
import { drift } from "../../src/drift/index.js";
import { parseEvery, calendarWindows } from "../../src/drift/windows.js";

/** Seven months of a sensor table with one planted incident per month from March on. */
function sensorData() {
  let s = 12345;
  const random = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const time: number[] = [];
  const x: number[] = [];
  const sensor: (number | null)[] = [];
  const channel: string[] = [];
  for (let month = 0; month < 7; month++) {
    const rows = month === 6 ? 100 : 1000;
    for (let i = 0; i < rows; i++) {
      time.push(Date.UTC(2024, month, 1 + (i % 28), i % 24));
      let value = normal();
      if (month === 4 && random() < 0.2) value *= 100;
      x.push(value);
      sensor.push(month === 2 && random() < 0.4 ? null : month === 3 ? 5 : 5 + normal());
      const u = random();
      channel.push(month === 5 && u < 0.3 ? "zz" : u < 0.5 ? "a" : u < 0.8 ? "b" : "c");
    }
  }
  return fromColumns({ time: time.map((t) => new Date(t)), x, sensor, channel });
}

describe("drift.overTime", () => {
  const report = drift.overTime(sensorData(), { time: "time", every: "1 month" });
  const json = report.toJSON();
  const incident = (window: string, code: string) =>
    json.incidents.filter((i) => i.window === window && i.code === code);

  it("cuts calendar months and compares each with the first", () => {
    expect(json.windows.map((w) => w.label)).toEqual([
      "2024-01",
      "2024-02",
      "2024-03",
      "2024-04",
      "2024-05",
      "2024-06",
      "2024-07",
    ]);
    expect(json.windows[0].role).toBe("reference");
    expect(json.windows.map((w) => w.numRows)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 100]);
    expect(json.features).toEqual(["x", "sensor", "channel"]);
  });

  it("raises no alarm in a clean month", () => {
    expect(report.alarms.find((a) => a.window === "2024-02")).toBeUndefined();
  });

  it("flags a jump in missing values", () => {
    expect(incident("2024-03", "MISSING_JUMP").map((i) => i.feature)).toEqual(["sensor"]);
  });

  it("flags a column gone constant", () => {
    expect(incident("2024-04", "CONSTANT").map((i) => i.feature)).toEqual(["sensor"]);
  });

  it("flags values outside the reference range, and the drift they cause", () => {
    expect(incident("2024-05", "OUT_OF_RANGE").map((i) => i.feature)).toContain("x");
    expect(json.windows[4].features.x.drifted).toBe(true);
    const alarm = report.alarms.find((a) => a.window === "2024-05")!;
    expect(alarm.features[0]).toBe("x");
  });

  it("flags a flood of new categories, naming them", () => {
    const [flood] = incident("2024-06", "NEW_CATEGORIES");
    expect(flood.feature).toBe("channel");
    expect(flood.message).toContain('"zz"');
    expect(flood.value).toBeGreaterThan(0.25);
  });

  it("flags a drop in volume", () => {
    expect(incident("2024-07", "VOLUME_DROP")).toHaveLength(1);
  });

  it("does not flag the volume of a window the data only partly covers", () => {
    const data = sensorData();
    const times = (data.column("time") as { values: Float64Array }).values;
    // January to March, then the first two days of April at the usual rate: a partial window, not an outage.
    const rows = Int32Array.from(
      Array.from(times.keys()).filter(
        (i) =>
          times[i] < Date.UTC(2024, 1, 1) ||
          (times[i] >= Date.UTC(2024, 3, 1) && times[i] < Date.UTC(2024, 3, 3)),
      ),
    );
    const partial = drift.overTime(data.take(rows), { time: "time", every: "1 month" }).toJSON();
    const april = partial.windows.find((w) => w.label === "2024-04")!;
    expect(april.partial).toBe(true);
    expect(partial.incidents.some((i) => i.window === "2024-04" && i.code === "VOLUME_DROP")).toBe(false);
  });

  it("compares with the previous window on request", () => {
    const previous = drift
      .overTime(sensorData(), { time: "time", every: "1 month", reference: "previous" })
      .toJSON();
    // April (constant sensor) vs March (missing sensor): both broken; May vs April: the sensor recovers.
    expect(previous.incidents.some((i) => i.window === "2024-05" && i.code === "CONSTANT")).toBe(false);
  });

  it("validates against the report JSON Schema and renders a heatmap", async () => {
    const schema = JSON.parse(readFileSync("docs/report.schema.json", "utf8"));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(JSON.parse(JSON.stringify(json))), JSON.stringify(validate.errors)).toBe(true);
    const html = await report.toStaticHTML();
    expect(html).toContain("<svg");
    expect(html).toContain("VOLUME_DROP");
  });

  it("rejects a period it cannot read and a time column that is not time", () => {
    expect(() => parseEvery("fortnight")).toThrowError(/not a period/);
    expect(() =>
      drift.overTime(fromColumns({ t: ["a", "b"], x: [1, 2] }), { time: "t", every: "1 day" }),
    ).toThrowError(/must hold datetimes/);
  });
});

describe("calendar windows", () => {
  it("aligns weeks on Mondays and quarters on quarter starts", () => {
    const weeks = calendarWindows(Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 20), "1 week");
    expect(weeks.map((w) => w.label)).toEqual(["2024-01-01", "2024-01-08", "2024-01-15"]);
    const quarters = calendarWindows(Date.UTC(2024, 1, 3), Date.UTC(2024, 7, 1), "1 quarter");
    expect(quarters.map((w) => w.label)).toEqual(["2024-Q1", "2024-Q2", "2024-Q3"]);
  });
});
