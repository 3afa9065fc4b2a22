"""Independent reference for test/data: facts about small vega-datasets files, computed with Python's standard
csv and json modules. Run from the repository root: python3 test/data/reference/vega-datasets.py"""
import csv
import json
import math

DATA = "node_modules/vega-datasets/data/"

with open(DATA + "seattle-weather.csv", newline="") as f:
    rows = list(csv.DictReader(f))
weather = {
    "rows": len(rows),
    "columns": list(rows[0].keys()),
    "precipitation_sum": math.fsum(float(r["precipitation"]) for r in rows),
    "temp_max_max": max(float(r["temp_max"]) for r in rows),
    "weather_counts": {w: sum(1 for r in rows if r["weather"] == w) for w in sorted({r["weather"] for r in rows})},
    "date_first": rows[0]["date"],
    "date_last": rows[-1]["date"],
}

with open(DATA + "penguins.json") as f:
    penguins = json.load(f)
keys = []
for record in penguins:
    for key in record:
        if key not in keys:
            keys.append(key)
penguin_facts = {
    "rows": len(penguins),
    "columns": keys,
    "missing": {k: sum(1 for r in penguins if r.get(k) is None) for k in keys},
    "body_mass_sum": math.fsum(r["Body Mass (g)"] for r in penguins if r.get("Body Mass (g)") is not None),
    "species_counts": {s: sum(1 for r in penguins if r["Species"] == s) for s in sorted({r["Species"] for r in penguins})},
    "sex_values": sorted({r["Sex"] for r in penguins if r.get("Sex") is not None}),
}

out = {"computedWith": "Python csv/json standard library", "seattle-weather.csv": weather, "penguins.json": penguin_facts}
with open("test/data/reference/vega-datasets.json", "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")
print(json.dumps(out, indent=2))
