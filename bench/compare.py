"""Compares the count fields of the pipeline's indicators.csv with DuckDB's.

usage: compare.py PIPELINE_indicators.csv DUCKDB.csv

Records are keyed by (unit_code, month): the versions of one code never
overlap, so a code names one version in a month (a pool of dossiers from
divided units is `<province>~divided`).
Prints "equal" (exit 0) or the first differences (exit 1).
"""

import csv
import sys

from duckdb_indicators import FIELDS


def records(path):
    with open(path, newline="", encoding="utf-8") as f:
        return {
            (row["unit_code"], row["month"]): tuple(row[k] or "null" for k in FIELDS)
            for row in csv.DictReader(f)
        }


def differences(pipeline_csv, duckdb_csv, limit=10):
    """The first `limit` differences as text; empty when the results agree."""
    ours, theirs = records(pipeline_csv), records(duckdb_csv)
    found = []
    for key in sorted(ours.keys() | theirs.keys()):
        a, b = ours.get(key), theirs.get(key)
        if a is None or b is None:
            found.append(f"{key}: only in {'duckdb' if a is None else 'pipeline'}")
        elif a != b:
            cells = [f"{k} {x} vs {y}" for k, x, y in zip(FIELDS, a, b) if x != y]
            found.append(f"{key}: " + ", ".join(cells) + " (pipeline vs duckdb)")
        if len(found) >= limit:
            break
    if not found and not ours:
        found.append("no records at all")
    return found


if __name__ == "__main__":
    diff = differences(sys.argv[1], sys.argv[2])
    print("\n".join(diff) if diff else f"equal ({len(records(sys.argv[1]))} records)")
    sys.exit(1 if diff else 0)
