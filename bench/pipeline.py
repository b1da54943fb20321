"""Times `data-pipeline build` and the DuckDB reference on the same inputs.

usage: pipeline.py --pipeline BIN --python VENV_PYTHON [--runs N] INPUT_DIR…

For each input: N runs of each (median wall time, rows per second, peak
memory as the child's max RSS from wait4), then the pipeline's
indicators.csv compared with DuckDB's result. Exits non-zero when any pair
differs or a run fails. Called by bench/pipeline.sh, which builds and
caches the inputs.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(argv):
    """Runs argv; returns (wall s, CPU s, peak RSS bytes, stderr). Fails loudly."""
    env = dict(os.environ, DATA_PIPELINE_TIMINGS="1")
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode(errors="replace")
    child.stderr.close()
    if child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(argv)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, err


def add_stages(err, stages):
    """Adds each stage's time (`stage: 1.23 s` lines on stderr) to `stages`."""
    for line in err.splitlines():
        stage, _, rest = line.partition(": ")
        if rest.endswith(" s") and stage.isalpha():
            stages.setdefault(stage, []).append(float(rest[:-2]))


def dossier_rows(folder):
    """Dossier rows read, from the manifest of a build."""
    manifest = json.load(open(os.path.join(folder, "manifest.json"), encoding="utf-8"))
    return sum(e["rows_read"] for e in manifest["inputs"] if e["file"].startswith("dossiers"))


def measure(name, argv, runs):
    """Median wall and CPU time, max peak RSS, and the median of each stage
    the pipeline reports (`stage: 1.23 s` lines on stderr)."""
    walls, cpus, peaks, stages = [], [], [], {}
    for i in range(runs):
        wall, cpu, peak, err = timed(argv)
        walls.append(wall)
        cpus.append(cpu)
        peaks.append(peak)
        add_stages(err, stages)
        print(f"  {name} run {i + 1}: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak / 2**30:.2f} GiB", flush=True)
    profile = ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in stages.items())
    if profile:
        print(f"  {name} stages (median): {profile}", flush=True)
    return statistics.median(walls), statistics.median(cpus), max(peaks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pipeline", required=True)
    ap.add_argument("--python", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()
    from compare import differences  # needs DuckDB, which the venv has

    work = tempfile.mkdtemp(prefix="bench-pipeline-")
    table, mismatches = [], 0
    for folder in args.inputs:
        label = os.path.basename(folder.rstrip("/"))
        print(f"{label}:", flush=True)
        out = os.path.join(work, label, "data")
        ours = measure("pipeline", [args.pipeline, "build", "--input", folder, "--out", out, "--full"], args.runs)
        rows = dossier_rows(out)
        duck_csv = os.path.join(work, label, "duckdb.csv")
        script = os.path.join(HERE, "duckdb_indicators.py")
        theirs = measure("duckdb", [args.python, script, folder, duck_csv], args.runs)
        diff = differences(os.path.join(out, "indicators.csv"), duck_csv)
        mismatches += bool(diff)
        print("  " + ("\n  ".join(diff) if diff else "equal"), flush=True)
        table.append((label, rows, ours, theirs, "equal" if not diff else "DIFFERENT"))
    shutil.rmtree(work, ignore_errors=True)

    print(f"\nmedian of {args.runs} runs (wall and CPU = user + system); peak = max RSS over the runs")
    head = ("input", "dossiers", "pipeline wall s", "CPU s", "rows/s", "peak GiB",
            "DuckDB wall s", "CPU s", "peak GiB", "result")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join("---" for _ in head) + "|")
    for label, rows, (wall, cpu, peak), (dwall, dcpu, dpeak), same in table:
        cells = (
            label, f"{rows:,}", f"{wall:.2f}", f"{cpu:.2f}", f"{rows / wall / 1e6:.2f} M",
            f"{peak / 2**30:.2f}", f"{dwall:.2f}", f"{dcpu:.2f}", f"{dpeak / 2**30:.2f}", same,
        )
        print("| " + " | ".join(cells) + " |")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other processes share the cores)")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
