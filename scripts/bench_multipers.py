#!/usr/bin/env python3
"""Anchor timings of multipers for SwiftTDA's multiparameter benchmark.

Usage:
    python3 scripts/bench_multipers.py POINTS.csv [--threads 1] [--collapse -2]

POINTS.csv: two columns (comma- or space-separated), an optional header row
(the noisy annulus `tda generate noisy-annulus` writes, as `tda-bench multi` does). Made with Python 3.11, multipers 2.3.2 (+ filtration_domination for
edge collapses), gudhi 3.11.0, numpy 2.4.6, scikit-learn 1.9.1.

Cells (codensity bandwidth 0.2, flag expansion 2):
  (a) Hilbert H0+H1 signed measure, exact grid
  (b) Hilbert H1, regular 100 x 100 grid
  (c) rank H1, regular 50 x 50 grid
  (d) Euler signed measure of the alpha-codensity bifiltration, exact grid
      built as in make_multipers_reference.py (gudhi.AlphaComplex squared radii,
      SimplexTreeMulti(st, 2).fill_lowerstar(codensity, parameter=1), codensity
      = -sklearn KernelDensity(bandwidth).score_samples) but with bandwidth 0.2
  (e) MMA: multipers.module_approximation(st, nlines=557) on the Rips
      complex ("atoms" reports the number of summands per degree)
Rips pipeline (what multipers needs to get through 1000 points):
  st = multipers.filtrations.RipsCodensity(points, bandwidth=0.2)
       (its default threshold: the enclosing radius, min over rows of the max
       distance; the full Rips complex would have ~n^3/6 triangles)
  st.collapse_edges(-2)   (filtration-domination edge collapse, "full": up to
       100 strong then 100 non-strong rounds; it drops simplices of dim >= 2,
       so it must come before the expansion; it keeps the bifiltered homology
       in every degree but NOT the Euler characteristic, hence cell (d) on alpha)
  st.expansion(2)
Each cell is timed twice: "compute" = the multipers.signed_measure call alone
(grid computation and squeezing included) on a prebuilt complex, and
"pipeline" = complex building (KDE, Rips, collapse, expansion; or alpha) plus
that call. Time is the median of 3 runs if one run takes under 5 s, else one
run. Single-threaded by default: n_jobs=1 and OMP/MKL/OpenBLAS/TBB-related
environment variables set before importing numpy/multipers.
Prints one JSON object on stdout.
"""
import argparse
import os
import sys


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("points")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--collapse", type=int, default=-2,
                   help="argument of SimplexTreeMulti.collapse_edges (0 = no collapse)")
    p.add_argument("--bandwidth", type=float, default=0.2)
    p.add_argument("--cells", default="abcde")
    return p.parse_args()


ARGS = parse()
for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
            "NUMEXPR_NUM_THREADS", "TBB_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[var] = str(ARGS.threads)

import contextlib  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

# pykeops (imported by multipers) prints a banner on stdout: keep stdout pure JSON.
with contextlib.redirect_stdout(sys.stderr):
    import numpy as np  # noqa: E402
    import gudhi  # noqa: E402
    import multipers as mp  # noqa: E402
    import multipers.filtrations as mf  # noqa: E402
    from multipers.simplex_tree_multi import SimplexTreeMulti  # noqa: E402
    from sklearn.neighbors import KernelDensity  # noqa: E402
    from scipy.spatial.distance import cdist  # noqa: E402


def timed(fn, quick=5.0):
    t = time.perf_counter()
    out = fn()
    first = time.perf_counter() - t
    if first >= quick:
        return first, 1, out
    times = [first]
    for _ in range(2):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), 3, out


def build_rips(points, info=None):
    t0 = time.perf_counter()
    st = mf.RipsCodensity(points, bandwidth=ARGS.bandwidth)
    t1 = time.perf_counter()
    n_before = st.num_simplices
    if ARGS.collapse != 0:
        st.collapse_edges(ARGS.collapse)
    t2 = time.perf_counter()
    n_collapsed = st.num_simplices
    st.expansion(2)
    t3 = time.perf_counter()
    if info is not None:
        n = len(points)
        info.update({
            "edges_before_collapse": n_before - n,
            "edges_after_collapse": n_collapsed - n,
            "simplices_after_expansion": st.num_simplices,
            "simplices_by_dimension": [int(c) for c in np.bincount(
                [len(s) - 1 for s, _ in st.get_simplices()])],
            "seconds_rips_codensity": t1 - t0,
            "seconds_collapse": t2 - t1,
            "seconds_expansion": t3 - t2,
        })
    return st


def build_alpha(points):
    cod = -KernelDensity(bandwidth=ARGS.bandwidth).fit(points).score_samples(points)
    ast = gudhi.AlphaComplex(points=points).create_simplex_tree()
    st = SimplexTreeMulti(ast, num_parameters=2)
    st.fill_lowerstar(cod, parameter=1)
    return st


CELLS = {
    "a": ("hilbert_H0H1_exact", "rips",
          dict(degrees=[0, 1], invariant="hilbert", grid_strategy="exact")),
    "b": ("hilbert_H1_regular100", "rips",
          dict(degree=1, invariant="hilbert", grid_strategy="regular", resolution=100)),
    "c": ("rank_H1_regular50", "rips",
          dict(degree=1, invariant="rank", grid_strategy="regular", resolution=50)),
    "d": ("euler_alpha_exact", "alpha",
          dict(degree=None, invariant="euler", grid_strategy="exact")),
    "e": ("mma_557_lines", "rips", dict(nlines=557)),
}


def invariant(st, c, kw):
    """Cell c's computation on the complex st."""
    if c == "e":
        return mp.module_approximation(st, **kw)
    return mp.signed_measure(st, n_jobs=ARGS.threads, **kw)


def output_size(c, out):
    """Atoms per measure, or (MMA) summands per degree."""
    if c == "e":
        degrees = [int(s.degree) for s in out]
        return [degrees.count(d) for d in range(max(degrees) + 1)] if degrees else []
    return [int(len(w)) for _, w in out]


def main():
    with open(ARGS.points) as fh:
        first = fh.readline()
    sep = "," if "," in first else None
    try:
        [float(x) for x in first.replace(",", " ").split()]
        header = 0
    except ValueError:
        header = 1  # a header row such as "x,y" (tda generate writes one)
    points = np.loadtxt(ARGS.points, delimiter=sep, ndmin=2, skiprows=header)
    n = len(points)
    D = cdist(points, points)
    enclosing = float(D.max(axis=1).min())
    A = (D <= enclosing).astype(np.float64)
    np.fill_diagonal(A, 0)
    edges_thr = int(A.sum() // 2)
    tri_thr = int(round(np.trace(A @ A @ A) / 6))
    info = {}
    st_rips = build_rips(points, info) if any(CELLS[c][1] == "rips" for c in ARGS.cells) else None
    st_alpha = build_alpha(points)
    result = {
        "file": ARGS.points, "num_points": n, "threads": ARGS.threads,
        "versions": {"multipers": mp.__version__, "gudhi": gudhi.__version__,
                     "numpy": np.__version__},
        "pipeline": {
            "rips": f"multipers.filtrations.RipsCodensity(points, bandwidth={ARGS.bandwidth}) "
                    "(default threshold = enclosing radius)",
            "threshold": enclosing,
            "diameter": float(D.max()),
            "collapse": f"st.collapse_edges({ARGS.collapse})" if ARGS.collapse else None,
            "expansion": 2,
            "without_collapse": {"edges": edges_thr, "triangles": tri_thr,
                                 "simplices": n + edges_thr + tri_thr},
            "full_rips_simplices": n + n * (n - 1) // 2 + n * (n - 1) * (n - 2) // 6,
            **info,
            "alpha_simplices": st_alpha.num_simplices,
        },
        "cells": {},
    }
    for c in ARGS.cells:
        name, which, kw = CELLS[c]
        st = st_rips if which == "rips" else st_alpha
        t_comp, runs_comp, sms = timed(lambda: invariant(st, c, kw))
        if which == "rips":
            pipe = lambda: invariant(build_rips(points), c, kw)  # noqa: E731
        else:
            pipe = lambda: invariant(build_alpha(points), c, kw)  # noqa: E731
        t_pipe, runs_pipe, _ = timed(pipe)
        result["cells"][c] = {
            "name": name, "compute_seconds": t_comp, "compute_runs": runs_comp,
            "pipeline_seconds": t_pipe, "pipeline_runs": runs_pipe,
            "atoms": output_size(c, sms),
            "simplices": st.num_simplices,
        }
        print(f"cell {c} done: compute {t_comp:.3g}s, pipeline {t_pipe:.3g}s", file=sys.stderr, flush=True)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
