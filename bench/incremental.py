"""Times an incremental monthly build against a full build of the same input.

usage: incremental.py --pipeline BIN [--runs N] INPUT_DIR

INPUT_DIR holds `dossiers/<YYYY-MM>.csv`, one file per month received.
The last month is set aside and the rest built once (the previous month's
publication); then, N times each, with that output and its state restored
before every run: the build that adds the last month (incremental), and a
`--full` build of the same input. Prints both (median wall time, peak
memory, stages) and fails unless the two outputs are the same byte for
byte. Called by bench/incremental.sh.
"""

import argparse
import filecmp
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

from pipeline import add_stages, timed

EPOCH = "1764633600"  # SOURCE_DATE_EPOCH: both builds stamp the same time


def build(pipeline, folder, out, *flags):
    return [pipeline, "build", "--input", folder, "--out", out, *flags]


def restore(previous, out):
    """The previous month's output and state, as the build found them."""
    for suffix in ("", ".state"):
        shutil.rmtree(out + suffix, ignore_errors=True)
        if os.path.exists(previous + suffix):
            shutil.copytree(previous + suffix, out + suffix)


def measure(name, argv, runs, previous, out):
    walls, peaks, stages = [], [], {}
    for i in range(runs):
        restore(previous, out)
        wall, _, peak, err = timed(argv)
        walls.append(wall)
        peaks.append(peak)
        add_stages(err, stages)
        print(f"  {name} run {i + 1}: {wall:.2f} s wall, {peak / 2**30:.2f} GiB", flush=True)
    profile = ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in stages.items())
    print(f"  {name} stages (median): {profile}", flush=True)
    return statistics.median(walls), max(peaks)


def same_tree(a, b):
    """Relative paths of files that differ or exist on one side only."""
    different = []
    compared = filecmp.dircmp(a, b)
    stack = [("", compared)]
    while stack:
        prefix, c = stack.pop()
        different += [prefix + f for f in c.left_only + c.right_only + c.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(
            os.path.join(a, prefix), os.path.join(b, prefix), c.common_files, shallow=False
        )
        different += [prefix + f for f in mismatch + errors]
        stack += [(prefix + d + "/", sub) for d, sub in c.subdirs.items()]
    return different


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pipeline", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("input")
    args = ap.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    folder = args.input
    months = sorted(os.listdir(os.path.join(folder, "dossiers")))
    last = os.path.join(folder, "dossiers", months[-1])
    work = tempfile.mkdtemp(prefix="bench-incremental-")
    previous, out = os.path.join(work, "previous"), os.path.join(work, "data")
    aside = os.path.join(work, months[-1])
    shutil.move(last, aside)
    try:
        print(f"previous month: {len(months) - 1} files", flush=True)
        subprocess.run(build(args.pipeline, folder, previous), check=True, stdout=subprocess.DEVNULL)
    finally:
        shutil.move(aside, last)
    print(f"adding {months[-1]}:", flush=True)
    incremental = measure("incremental", build(args.pipeline, folder, out), args.runs, previous, out)
    shutil.move(out, out + "-incremental")
    full = measure("full", build(args.pipeline, folder, out, "--full"), args.runs, previous, out)
    different = same_tree(out + "-incremental", out)
    shutil.rmtree(work, ignore_errors=True)
    print(f"\nmedian of {args.runs} runs; peak = max RSS over the runs")
    print("| build | wall s | peak GiB | share of full |")
    print("|---|---|---|---|")
    for name, (wall, peak) in (("full (--full)", full), ("incremental", incremental)):
        print(f"| {name} | {wall:.2f} | {peak / 2**30:.2f} | {wall / full[0]:.0%} |")
    if different:
        sys.exit(f"the outputs differ: {different[:10]}")
    print("outputs: the same byte for byte")


if __name__ == "__main__":
    main()
