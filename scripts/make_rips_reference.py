#!/usr/bin/env python3
"""Reference Vietoris-Rips barcodes for SwiftTDA's tests, made with the anchors.

Run from the repository root after `bash scripts/make_datasets.sh`:
    pip install gudhi ripser giotto-ph
    python3 scripts/make_rips_reference.py

Writes Tests/PersistenceTests/Reference/<case>.csv (dim,birth,death; rows
sorted; `inf` for essential bars; Python repr of float64, so values round-trip)
and manifest.json describing each case (input, max dimension, threshold,
modulus, anchor and the tolerance the Swift test uses).

Precision of the anchors (checked here, not assumed):
- GUDHI's RipsComplex works in float64 with the same Euclidean formula, so its
  values are the ones SwiftTDA computes: tolerance 1e-12 (relative).
- ripser.py (Ripser's C++ core) and giotto-ph's ripser_parallel store
  distances as float32: their values are float64 distances rounded to float32,
  tolerance 1e-6. Both are run on every case they can take and must agree with
  each other on the bar counts (the script stops otherwise).
Zero-length bars are dropped by all three (GUDHI: min_persistence=0 keeps only
persistence > 0).
"""
import json
import os
import sys

import gudhi
import numpy as np
import ripser
from gph import ripser_parallel

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "PersistenceTests", "Reference")


def load_csv(path):
    return np.loadtxt(path, delimiter=",", skiprows=1)


def rows_from_diagrams(dgms):
    rows = []
    for d, dg in enumerate(dgms):
        for b, e in dg:
            rows.append((d, float(b), float(e)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def write_barcode(name, rows):
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("dim,birth,death\n")
        for d, b, e in rows:
            f.write(f"{d},{b!r},{'inf' if e == float('inf') else repr(e)}\n")


def counts(rows, maxdim):
    return [sum(1 for r in rows if r[0] == d) for d in range(maxdim + 1)]


def ripser_rows(X, maxdim, thresh=np.inf, coeff=2, distance_matrix=False):
    r = ripser.ripser(X, maxdim=maxdim, thresh=thresh, coeff=coeff, distance_matrix=distance_matrix)
    return rows_from_diagrams(r["dgms"])


def gph_rows(X, maxdim, thresh=np.inf, coeff=2, distance_matrix=False):
    r = ripser_parallel(X, maxdim=maxdim, thresh=thresh, coeff=coeff,
                        metric="precomputed" if distance_matrix else "euclidean", n_threads=1)
    return rows_from_diagrams(r["dgms"])


def gudhi_rows(X, maxdim, thresh=np.inf, coeff=2, distance_matrix=False):
    if distance_matrix:
        rc = gudhi.RipsComplex(distance_matrix=X, max_edge_length=thresh)
    else:
        rc = gudhi.RipsComplex(points=X, max_edge_length=thresh)
    st = rc.create_simplex_tree(max_dimension=maxdim + 1)
    st.compute_persistence(homology_coeff_field=coeff, min_persistence=0)
    dgms = [st.persistence_intervals_in_dimension(d) for d in range(maxdim + 1)]
    dgms = [np.array(dg).reshape(-1, 2) for dg in dgms]
    return rows_from_diagrams(dgms)


def enclosing_radius(D):
    return float(np.max(D, axis=1).min())


def pairwise(X):
    diff = X[:, None, :] - X[None, :, :]
    return np.sqrt((diff * diff).sum(axis=2))


def projective_plane(n):
    """Upper-hemisphere Fibonacci points with d(x, y) = min(|x - y|, |x + y|)."""
    m = 2 * n
    golden = np.pi * (3 - 5 ** 0.5)
    k = np.arange(m)
    z = 1 - 2 * (k + 0.5) / m
    r = np.sqrt(1 - z * z)
    t = golden * k
    P = np.c_[r * np.cos(t), r * np.sin(t), z]
    P = P[P[:, 2] > 0]
    plus = np.sqrt(((P[:, None, :] + P[None, :, :]) ** 2).sum(axis=2))
    return np.minimum(pairwise(P), plus)


def write_lower(path, D):
    with open(path, "w") as f:
        for i in range(len(D)):
            f.write(",".join(repr(float(D[i, j])) for j in range(i)) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = []

    def add(name, input_path, kind, maxdim, thresh, coeff, anchor, rows, tol):
        write_barcode(name, rows)
        cases.append({
            "name": name, "input": input_path, "input_kind": kind, "max_dim": maxdim,
            "threshold": None if thresh == np.inf else thresh, "modulus": coeff,
            "anchor": anchor, "relative_tolerance": tol, "counts": counts(rows, maxdim),
        })
        print(f"{name}: {anchor}, counts {counts(rows, maxdim)}")

    def agree(a, b, maxdim, what):
        if counts(a, maxdim) != counts(b, maxdim):
            sys.exit(f"anchors disagree on {what}: {counts(a, maxdim)} vs {counts(b, maxdim)}")

    # Small data sets: GUDHI in float64 (exact), cross-checked with ripser and giotto-ph.
    for name, maxdim in [("circle", 1), ("figure_eight", 1), ("two_circles", 1)]:
        path = f"Datasets/{name}.csv"
        X = load_csv(os.path.join(ROOT, path))
        t = enclosing_radius(pairwise(X))
        g = gudhi_rows(X, maxdim, thresh=t)
        agree(g, ripser_rows(X, maxdim), maxdim, name + " (ripser)")
        agree(g, gph_rows(X, maxdim), maxdim, name + " (giotto-ph)")
        add(name, path, "point-cloud", maxdim, np.inf, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # Larger ones in dimension 2: ripser (float32), cross-checked with giotto-ph.
    for name in ["sphere", "torus"]:
        path = f"Datasets/{name}.csv"
        X = load_csv(os.path.join(ROOT, path))
        r = ripser_rows(X, 2)
        agree(r, gph_rows(X, 2), 2, name + " (giotto-ph)")
        add(name, path, "point-cloud", 2, np.inf, 2, f"ripser.py {ripser.__version__}", r, 1e-6)

    # A threshold below the enclosing radius: essential bars.
    X = load_csv(os.path.join(ROOT, "Datasets/circle.csv"))
    r = ripser_rows(X, 1, thresh=0.5)
    g = gudhi_rows(X, 1, thresh=0.5)
    agree(r, g, 1, "circle at threshold 0.5")
    add("circle_threshold_0.5", "Datasets/circle.csv", "point-cloud", 1, 0.5, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # Random points in R^4, dimension 3 under a threshold (sparse engine).
    rng = np.random.default_rng(2026)
    X = rng.uniform(size=(70, 4))
    rel = "Tests/PersistenceTests/Reference/random_r4.csv"
    with open(os.path.join(ROOT, rel), "w") as f:
        f.write("x1,x2,x3,x4\n")
        for row in X:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    X = load_csv(os.path.join(ROOT, rel))
    g = gudhi_rows(X, 3, thresh=0.75)
    agree(g, ripser_rows(X, 3, thresh=0.75), 3, "random_r4 (ripser)")
    add("random_r4_dim3", rel, "point-cloud", 3, 0.75, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # The projective plane: torsion, Z/2 against Z/3 (distance matrix input).
    D = projective_plane(30)
    rel = "Tests/PersistenceTests/Reference/rp2.lower_distance_matrix"
    write_lower(os.path.join(ROOT, rel), D)
    vals = [float(x) for x in open(os.path.join(ROOT, rel)).read().replace(",", " ").split()]
    n = len(D)
    D = np.zeros((n, n))
    D[np.tril_indices(n, -1)] = vals
    D = D + D.T
    t = enclosing_radius(D)
    for p in [2, 3]:
        g = gudhi_rows(D, 2, thresh=t, coeff=p, distance_matrix=True)
        agree(g, ripser_rows(D, 2, coeff=p, distance_matrix=True), 2, f"rp2 mod {p} (ripser)")
        add(f"rp2_mod{p}", rel, "lower-distance", 2, np.inf, p, f"gudhi {gudhi.__version__}", g, 1e-12)

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_rips_reference.py", "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
