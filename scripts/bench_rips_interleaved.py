#!/usr/bin/env python3
"""Interleaved timing of `tda barcode` (default mode) against the anchors,
for the README's Rips table on a shared, loaded machine.

Each round runs every (row, program) once, in turn, so that the load hits
all of them alike; the medians over the rounds and ours / best are printed,
with the load average before and after. `tda-bench rips` times each program
in a block of repeats instead (and also gives ours-1, memory and cocycles).

Usage: scripts/bench_rips_interleaved.py [--rounds 5] [--slow-rounds 2]
  TDA=.build/release/tda, RIPSER=path of the C++ Ripser binary (optional),
  DATA=../shared/data, TDA_BEFORE=another tda binary (optional: a column
  "before", for A/B in the same rounds; not an anchor). Python anchors: giotto-ph 2 threads, GUDHI
  RipsPersistence (Z/2). Ripser and giotto-ph on o3_4096 run only
  --slow-rounds times (tens of seconds each; GUDHI is the best there).
Times: ours and Ripser the whole process (wall clock); the Python anchors
the computation alone (data loaded, imports done), as in tda-bench.
"""
import os
import statistics
import subprocess
import sys
import time

DATA = os.environ.get("DATA", os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
TDA = os.environ.get("TDA", ".build/release/tda")
RIPSER = os.environ.get("RIPSER")
BEFORE = os.environ.get("TDA_BEFORE")

ROWS = [
    ("sphere_3_192", "sphere_3_192.lower_distance_matrix", ["--input", "lower-distance", "--max-dim", "2"],
     ["--dim", "2"], "lower", 2, None),
    ("o3_1024", "o3_1024.txt", ["--max-dim", "3", "--threshold", "1.8"],
     ["--format", "point-cloud", "--dim", "3", "--threshold", "1.8"], "points", 3, 1.8),
    ("dragon 1000", "dragon_vrip.ply.txt_1000_.txt", ["--max-dim", "1"],
     ["--format", "point-cloud", "--dim", "1"], "points", 1, None),
    ("o3_4096", "o3_4096.txt", ["--max-dim", "3", "--threshold", "1.4"],
     ["--format", "point-cloud", "--dim", "3", "--threshold", "1.4"], "points", 3, 1.4),
]

PY = r"""
import sys, time, numpy as np
which, path, kind, maxdim, thresh = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
if kind == 'lower':
    v = np.array([float(x) for x in open(path).read().replace(',', ' ').split()])
    n = int((1 + (1 + 8 * len(v)) ** 0.5) / 2); X = np.zeros((n, n)); X[np.tril_indices(n, -1)] = v; X = X + X.T
else:
    X = np.loadtxt(path)
dm = kind == 'lower'
if which == 'giotto-ph 2':
    from gph import ripser_parallel
    t = time.perf_counter()
    ripser_parallel(X, maxdim=maxdim, thresh=thresh, metric='precomputed' if dm else 'euclidean', n_threads=2)
else:
    from gudhi.sklearn.rips_persistence import RipsPersistence
    t = time.perf_counter()
    RipsPersistence(homology_dimensions=list(range(maxdim + 1)), threshold=thresh, homology_coeff_field=2,
                    input_type='lower distance matrix' if dm else 'point cloud', n_jobs=1).fit_transform(
                        [np.tril(X) if dm else X])
print(time.perf_counter() - t)
"""


def run(program, row):
    name, file, args, ripser_args, kind, maxdim, thresh = row
    path = os.path.join(DATA, file)
    if program in ("ours", "before"):
        t = time.perf_counter()
        subprocess.run([TDA if program == "ours" else BEFORE, "barcode", path] + args, check=True,
                       stdout=subprocess.DEVNULL)
        return time.perf_counter() - t
    if program == "Ripser":
        t = time.perf_counter()
        subprocess.run([RIPSER] + ripser_args + [path], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t
    out = subprocess.run([sys.executable, "-c", PY, program, path, kind, str(maxdim),
                          str(thresh if thresh is not None else float("inf"))],
                         check=True, capture_output=True, text=True).stdout
    return float(out.split()[-1])


def main():
    rounds, slow_rounds = 5, 2
    args = sys.argv[1:]
    if "--rounds" in args:
        rounds = int(args[args.index("--rounds") + 1])
    if "--slow-rounds" in args:
        slow_rounds = int(args[args.index("--slow-rounds") + 1])
    programs = ["ours"] + (["before"] if BEFORE else []) + (["Ripser"] if RIPSER else []) + ["giotto-ph 2", "GUDHI"]
    times = {(r[0], p): [] for r in ROWS for p in programs}
    print("load average before:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for k in range(rounds):
        for row in ROWS:
            for p in programs:
                if row[0] == "o3_4096" and p in ("Ripser", "giotto-ph 2") and k >= slow_rounds:
                    continue
                times[(row[0], p)].append(run(p, row))
        print(f"round {k + 1} done, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print("load average after:", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("| data | " + " | ".join(programs) + " | ours / best |")
    for row in ROWS:
        med = {p: statistics.median(times[(row[0], p)]) for p in programs}
        best = min(med[p] for p in programs if p not in ("ours", "before"))
        cells = [f"{med[p]:.3f}" for p in programs]
        print(f"| {row[0]} | " + " | ".join(cells) + f" | {med['ours'] / best:.2f}x |")
    print("all runs:")
    for key, xs in times.items():
        print(key, " ".join(f"{x:.3f}" for x in xs))


if __name__ == "__main__":
    main()
