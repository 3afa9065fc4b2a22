"""The peer of `driftlab profile FILE.csv --json`, end to end as a user runs it: start Python, import pandas,
read_csv, describe(include="all"), print the result as JSON.

Usage: /usr/bin/python3 bench/csv/pandas_profile.py FILE.csv
"""
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
print(df.describe(include="all").to_json())
