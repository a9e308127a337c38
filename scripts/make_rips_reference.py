#!/usr/bin/env python3
"""Reference Vietoris-Rips barcodes for SwiftTDA's tests, made with the anchors.

Run from the repository root after `bash scripts/make_datasets.sh`:
    pip install gudhi ripser giotto-ph
    python3 scripts/make_rips_reference.py

Writes Tests/PersistenceTests/Reference/<case>.csv (dim,birth,death; rows
sorted; `inf` for essential bars; Python repr of float64, so values round-trip)
and manifest.json describing each case (input, max dimension, threshold,
modulus, anchor and the relative tolerance the Swift test uses). Running it
twice writes the same bytes.

Precision of the anchors (checked by `check_precision` on every run, not
assumed; versions: gudhi 3.13.0, ripser.py 0.6.15, giotto-ph 0.2.4):
- GUDHI's RipsComplex computes Euclidean distances in float64 (and takes a
  float64 distance matrix as is): every finite birth/death it reports is
  exactly one of the float64 pairwise distances, as SwiftTDA's are. Cases
  anchored on GUDHI use relative tolerance 1e-12 (in practice the values are
  equal bit for bit).
- ripser.py (the C++ core of Ripser, `value_t = float`) and giotto-ph's
  `ripser_parallel` (also `value_t = float`) store distances as float32:
  every value they report is a float64 distance rounded to float32 (ripser.py
  hands them back in a float64 array, giotto-ph in a float32 one). Cases
  anchored on them use relative tolerance 1e-6 (float32 has 24 bits, 6e-8).
  Their bar *pairings* can also differ from the float64 ones when two
  distances collapse to one float32 value, so the counts are cross-checked
  against GUDHI where GUDHI is fast enough.
- Defaults to know: ripser.py and ripser_parallel cut the filtration at the
  enclosing radius when thresh=inf (so does SwiftTDA; GUDHI is given the
  enclosing radius explicitly here, which changes nothing: above it the
  complex is a cone). ripser_parallel defaults to collapse_edges=False and
  n_threads=1 (both passed explicitly below); gudhi.sklearn's RipsPersistence
  defaults to homology_coeff_field=11 (not 2) and num_collapses='auto'.
- Zero-length bars are dropped by all three (GUDHI: min_persistence=0 keeps
  only persistence > 0).
Every case is computed by two or three anchors, which must agree on the bar
counts and, within float32 precision, on the sorted births and deaths (the
script stops otherwise).
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
                        metric="precomputed" if distance_matrix else "euclidean",
                        collapse_edges=False, n_threads=1)
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


def read_lower(path):
    vals = [float(x) for x in open(path).read().replace(",", " ").split()]
    n = int(round((1 + (1 + 8 * len(vals)) ** 0.5) / 2))
    D = np.zeros((n, n))
    D[np.tril_indices(n, -1)] = vals
    return D + D.T


def write_lower(path, D):
    with open(path, "w") as f:
        for i in range(len(D)):
            f.write(",".join(repr(float(D[i, j])) for j in range(i)) + "\n")


def check_precision():
    """Each anchor's values are exactly float64 (GUDHI) or float32 (ripser.py,
    giotto-ph) pairwise distances; stops if an installed version differs."""
    X = load_csv(os.path.join(ROOT, "Datasets/circle.csv"))
    iu = np.triu_indices(len(X), 1)
    d64 = set(pairwise(X)[iu].tolist())
    d32 = set(np.float32(pairwise(X)[iu]).astype(np.float64).tolist())
    for name, rows, want in [("gudhi", gudhi_rows(X, 1, thresh=enclosing_radius(pairwise(X))), d64),
                             ("ripser.py", ripser_rows(X, 1), d32), ("giotto-ph", gph_rows(X, 1), d32)]:
        vals = [v for _, b, e in rows for v in (b, e) if 0 < v < np.inf]
        if not vals or not all(v in want for v in vals):
            sys.exit(f"{name}: values are not the {'float64' if want is d64 else 'float32'} distances; "
                     "update the precision notes and tolerances")
    print("precision: gudhi float64, ripser.py float32, giotto-ph float32 (checked)")


def agree(a, b, maxdim, what):
    """Same bar counts per dimension, and the same sorted births and sorted
    deaths within float32 precision."""
    if counts(a, maxdim) != counts(b, maxdim):
        sys.exit(f"anchors disagree on {what}: {counts(a, maxdim)} vs {counts(b, maxdim)}")
    for d in range(maxdim + 1):
        for k in (1, 2):
            x = sorted(r[k] for r in a if r[0] == d)
            y = sorted(r[k] for r in b if r[0] == d)
            for u, v in zip(x, y):
                if u != v and not abs(u - v) <= 1e-6 * max(1.0, abs(v)):
                    sys.exit(f"anchors disagree on {what}, dimension {d}: {u!r} vs {v!r}")


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

    check_precision()

    # Small data sets: GUDHI in float64 (exact), cross-checked with ripser and giotto-ph.
    for name, maxdim in [("circle", 1), ("figure_eight", 1), ("two_circles", 1)]:
        path = f"Datasets/{name}.csv"
        X = load_csv(os.path.join(ROOT, path))
        t = enclosing_radius(pairwise(X))
        g = gudhi_rows(X, maxdim, thresh=t)
        agree(g, ripser_rows(X, maxdim), maxdim, name + " (ripser)")
        agree(g, gph_rows(X, maxdim), maxdim, name + " (giotto-ph)")
        add(name, path, "point-cloud", maxdim, np.inf, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # The sphere in dimension 2: GUDHI (float64; 14 million simplices, about
    # 15 s), cross-checked with ripser.py and giotto-ph.
    path = "Datasets/sphere.csv"
    X = load_csv(os.path.join(ROOT, path))
    g = gudhi_rows(X, 2, thresh=enclosing_radius(pairwise(X)))
    agree(g, ripser_rows(X, 2), 2, "sphere (ripser)")
    agree(g, gph_rows(X, 2), 2, "sphere (giotto-ph)")
    add("sphere", path, "point-cloud", 2, np.inf, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # The torus (600 points) in dimension 2 is too large for GUDHI's explicit
    # complex (it runs out of memory): ripser.py (float32), cross-checked
    # with giotto-ph.
    path = "Datasets/torus.csv"
    X = load_csv(os.path.join(ROOT, path))
    r = ripser_rows(X, 2)
    agree(r, gph_rows(X, 2), 2, "torus (giotto-ph)")
    add("torus", path, "point-cloud", 2, np.inf, 2, f"ripser.py {ripser.__version__}", r, 1e-6)

    # A threshold below the enclosing radius: essential bars.
    X = load_csv(os.path.join(ROOT, "Datasets/circle.csv"))
    r = ripser_rows(X, 1, thresh=0.5)
    g = gudhi_rows(X, 1, thresh=0.5)
    agree(r, g, 1, "circle at threshold 0.5 (ripser)")
    agree(gph_rows(X, 1, thresh=0.5), g, 1, "circle at threshold 0.5 (giotto-ph)")
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
    agree(g, gph_rows(X, 3, thresh=0.75), 3, "random_r4 (giotto-ph)")
    add("random_r4_dim3", rel, "point-cloud", 3, 0.75, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # The projective plane: torsion, Z/2 against Z/3 (distance matrix input).
    D = projective_plane(30)
    rel = "Tests/PersistenceTests/Reference/rp2.lower_distance_matrix"
    write_lower(os.path.join(ROOT, rel), D)
    D = read_lower(os.path.join(ROOT, rel))
    t = enclosing_radius(D)
    for p in [2, 3]:
        g = gudhi_rows(D, 2, thresh=t, coeff=p, distance_matrix=True)
        agree(g, ripser_rows(D, 2, coeff=p, distance_matrix=True), 2, f"rp2 mod {p} (ripser)")
        agree(g, gph_rows(D, 2, coeff=p, distance_matrix=True), 2, f"rp2 mod {p} (giotto-ph)")
        add(f"rp2_mod{p}", rel, "lower-distance", 2, np.inf, p, f"gudhi {gudhi.__version__}", g, 1e-12)

    # A random (non-Euclidean) distance matrix: 16 points, dimension 3, no
    # triangle inequality, as Ripser's random16 example.
    rng = np.random.default_rng(16)
    n = 16
    D = np.zeros((n, n))
    D[np.tril_indices(n, -1)] = rng.uniform(size=n * (n - 1) // 2)
    D = D + D.T
    rel = "Tests/PersistenceTests/Reference/random16.lower_distance_matrix"
    write_lower(os.path.join(ROOT, rel), D)
    D = read_lower(os.path.join(ROOT, rel))
    g = gudhi_rows(D, 3, thresh=enclosing_radius(D), distance_matrix=True)
    agree(g, ripser_rows(D, 3, distance_matrix=True), 3, "random16 (ripser)")
    agree(g, gph_rows(D, 3, distance_matrix=True), 3, "random16 (giotto-ph)")
    add("random16_dim3", rel, "lower-distance", 3, np.inf, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    # Ties everywhere: a 6 x 6 integer grid (many equal distances; the
    # barcode is still unique, only the pairings are not), dimension 2.
    X = np.array([(i, j) for i in range(6) for j in range(6)], dtype=float)
    rel = "Tests/PersistenceTests/Reference/grid6.csv"
    with open(os.path.join(ROOT, rel), "w") as f:
        f.write("x,y\n")
        for row in X:
            f.write(",".join(repr(float(v)) for v in row) + "\n")
    X = load_csv(os.path.join(ROOT, rel))
    g = gudhi_rows(X, 2, thresh=enclosing_radius(pairwise(X)))
    agree(g, ripser_rows(X, 2), 2, "grid6 (ripser)")
    agree(g, gph_rows(X, 2), 2, "grid6 (giotto-ph)")
    add("grid6_dim2", rel, "point-cloud", 2, np.inf, 2, f"gudhi {gudhi.__version__}", g, 1e-12)

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_rips_reference.py", "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main()
