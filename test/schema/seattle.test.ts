import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { profile } from "../../src/stats/profile.js";
import { inferSchema, validate } from "../../src/schema/index.js";
import { SEATTLE, seattleYear } from "./helpers.js";

describe("schema on seattle-weather", () => {
  it("infers a schema on 2012 that the 2013 rows satisfy without anomalies", async () => {
    const [y2012, y2013] = [await seattleYear(2012), await seattleYear(2013)];
    expect(y2012.numRows).toBe(366);
    expect(y2013.numRows).toBe(365);
    const schema = inferSchema(profile(y2012));
    expect(schema.featureNames).toEqual(["date", "precipitation", "temp_max", "temp_min", "weather", "wind"]);
    expect(schema.feature("weather").domain.values).toEqual(["drizzle", "fog", "rain", "snow", "sun"]);
    expect(schema.feature("date").type).toBe("datetime");
    expect(schema.feature("temp_max").presence.minFraction).toBe(1);
    const anomalies = validate(profile(y2013), schema);
    expect(anomalies.anomalies).toEqual([]);
    expect(anomalies.ok).toBe(true);
    expect(anomalies.toString()).toContain("no anomalies");
  });

  it("flags 2013 values outside a 2012 domain edited by hand", async () => {
    const schema = inferSchema(await seattleYear(2012));
    schema.feature("weather").domain.remove("fog");
    const anomalies = validate(await seattleYear(2013), schema);
    const [unexpected] = anomalies.withCode("ENUM_TYPE_UNEXPECTED_STRING_VALUES");
    expect(unexpected.feature).toBe("weather");
    const lines = readFileSync(SEATTLE, "utf8").trimEnd().split("\n");
    const fog = lines.filter((line) => line.startsWith("2013-") && line.endsWith(",fog")).length;
    expect(fog).toBeGreaterThan(0);
    expect(unexpected.values).toEqual([{ value: "fog", count: fog, fraction: fog / 365 }]);
    expect(anomalies.anomalies).toHaveLength(1);
  });
});
