import { describe, expect, it } from "vitest";
import { profile } from "../../src/stats/profile.js";
import { inferSchema, updateSchema, validate } from "../../src/schema/index.js";
import { seattleYear, taxi, taxiSchema } from "./helpers.js";

describe("updateSchema", () => {
  it("relaxes the schema to new data, lists every change, and leaves the input schema alone", async () => {
    const { training, serving } = await taxi();
    const schema = taxiSchema(training);
    const before = schema.stringify();
    const { schema: updated, changes } = updateSchema(schema, profile(serving), { environment: "SERVING" });
    expect(schema.stringify()).toBe(before);
    expect(validate(serving, updated, { environment: "SERVING" }).anomalies).toEqual([]);
    const byField = new Map(changes.map((c) => [`${c.feature}.${c.field}`, c]));
    expect(byField.get("payment_type.domain.values")!.to).toEqual([
      "Bitcoin",
      "Cash",
      "Credit Card",
      "Mobile",
      "No Charge",
    ]);
    expect(byField.get("trip_miles.numeric.min")).toMatchObject({
      from: schema.feature("trip_miles").numeric!.min,
      to: -1.5,
    });
    expect(byField.get("trip_miles.numeric.max")!.to).toBe(250);
    expect(byField.get("tip_rate.numeric.allowNaN")).toMatchObject({
      from: false,
      to: true,
      code: "FLOAT_TYPE_HAS_NAN",
    });
    expect(byField.get("tolls.notInEnvironments")!.to).toEqual(["SERVING"]);
    expect(byField.get("passengers.type")).toMatchObject({ from: "numeric", to: "categorical" });
    expect(byField.get("driver_rating.")).toMatchObject({ code: "SCHEMA_NEW_COLUMN" });
    const fare = byField.get("fare.presence.minFraction")!;
    const present = 1 - profile(serving).feature("fare").missing / serving.numRows;
    expect(fare.to as number).toBeLessThanOrEqual(present);
    expect(fare.to as number).toBeGreaterThan(present - 1e-4);
    expect(updated.feature("fare").presence.minFraction).toBe(fare.to);
    // Every change says which anomaly it resolves, and each field changes once.
    expect(new Set(changes.map((c) => `${c.feature}.${c.field}`)).size).toBe(changes.length);
    for (const c of changes) expect(c.description.length).toBeGreaterThan(0);
    // In TRAINING only the column added from serving data is missing.
    const training2 = validate(training, updated, { environment: "TRAINING" });
    expect(training2.withCode("SCHEMA_MISSING_COLUMN").map((a) => a.feature)).toEqual(["driver_rating"]);
  });

  it("changes nothing when the data already conforms", async () => {
    const schema = taxiSchema((await taxi()).training);
    expect(updateSchema(schema, (await taxi()).training).changes).toEqual([]);
  });

  it("deprecates a feature missing from data when no environment is given", async () => {
    const y2012 = await seattleYear(2012);
    const schema = inferSchema(y2012);
    const { schema: updated, changes } = updateSchema(schema, y2012.select(["date", "weather"]));
    expect(changes.filter((c) => c.field === "deprecated").map((c) => c.feature)).toEqual([
      "precipitation",
      "temp_max",
      "temp_min",
      "wind",
    ]);
    expect(updated.feature("wind").deprecated).toBe(true);
    expect(validate(y2012.select(["date", "weather"]), updated).anomalies).toEqual([]);
  });
});
