#!/usr/bin/env python3
"""Reference outputs of ripser.py for the Ripser features SwiftTDA adds
(issue 16): vertex births, Ripser's input formats, greedy subsampling.

Run from the repository root (ripser.py 0.6.15, numpy, scipy):
    pip install ripser
    python3 scripts/make_ripser_features_reference.py

Writes Tests/PersistenceTests/Reference/ripser_features/: input files, one
barcode CSV per case (dim,birth,death; rows sorted; `inf` for essential
bars; Python repr, so values round-trip) and manifest.json. Running it twice
writes the same bytes (numpy's seeded generator).

Precision: ripser.py stores distances as float32. Every matrix given to it
here is float32-exact (float64 values rounded to float32 first) and the
files hold those values, so its answers are exact for SwiftTDA's float64
engine too (a filtration value is always one of the inputs); the cases
read from point clouds (SwiftTDA computes the distances in float64) use
relative tolerance 1e-6, like scripts/make_rips_reference.py.

Vertex births (ripser.py's non-zero diagonal, `test_full_nonzerobirths`):
ripser.py takes edge values as they are, so it is given the matrix with
every entry raised to max(D[i][j], D[i][i], D[j][j]) (the filtration the
diagonal defines: an edge cannot be born before its vertices); SwiftTDA is
given the raw matrix and does the raising itself. Where no entry needed
raising the two inputs are the same.
"""
import json
import os

import numpy as np
import ripser
from scipy import sparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "PersistenceTests", "Reference", "ripser_features")
REL = os.path.relpath(OUT, ROOT)


def f32(a):
    return np.asarray(a, dtype=np.float64).astype(np.float32).astype(np.float64)


def rows_from_diagrams(dgms):
    rows = []
    for d, dg in enumerate(dgms):
        for b, e in dg:
            rows.append((d, float(b), float(e)))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def write_barcode(name, dgms):
    rows = rows_from_diagrams(dgms)
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write("dim,birth,death\n")
        for d, b, e in rows:
            f.write(f"{d},{b!r},{'inf' if e == float('inf') else repr(e)}\n")
    return [sum(1 for r in rows if r[0] == d) for d in range(len(dgms))]


def write_full(name, D):
    with open(os.path.join(OUT, name), "w") as f:
        for row in D:
            f.write(",".join(repr(float(x)) for x in row) + "\n")


def write_lower(name, D):
    n = D.shape[0]
    with open(os.path.join(OUT, name), "w") as f:
        for i in range(1, n):
            f.write(",".join(repr(float(D[i, j])) for j in range(i)) + "\n")


def write_upper(name, D):
    n = D.shape[0]
    with open(os.path.join(OUT, name), "w") as f:
        for i in range(n - 1):
            f.write(" ".join(repr(float(D[i, j])) for j in range(i + 1, n)) + "\n")


def write_dipha(name, D):
    n = D.shape[0]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.array([8067171840, 7, n], dtype="<i8").tobytes())
        f.write(np.asarray(D, dtype="<f8").tobytes())


def write_binary(name, D):
    n = D.shape[0]
    values = [D[i, j] for i in range(1, n) for j in range(i)]
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(np.asarray(values, dtype="<f4").tobytes())


def write_triplets(name, triplets):
    with open(os.path.join(OUT, name), "w") as f:
        for i, j, d in triplets:
            f.write(f"{i} {j} {float(d)!r}\n")


def write_points(name, X):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(",".join(f"x{k}" for k in range(X.shape[1])) + "\n")
        for row in X:
            f.write(",".join(repr(float(x)) for x in row) + "\n")


def write_values(name, v):
    with open(os.path.join(OUT, name), "w") as f:
        for x in v:
            f.write(repr(float(x)) + "\n")


def raised(D):
    d = np.diag(D)
    R = np.maximum(D, np.maximum(d[:, None], d[None, :]))
    np.fill_diagonal(R, d)
    return R


def pairwise(X):
    return np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(16)
    cases = []

    def case(name, inputs, max_dim, tolerance, dgms, threshold=None, modulus=2, notes=""):
        counts = write_barcode(name, dgms)
        cases.append({"name": name, "inputs": inputs, "max_dim": max_dim, "threshold": threshold,
                      "modulus": modulus, "relative_tolerance": tolerance, "counts": counts,
                      "anchor": f"ripser.py {ripser.__version__}", "notes": notes})

    # 1. ripser.py's test_full_nonzerobirths.
    D = np.array([[1.0, 3.0], [3.0, 2.0]])
    write_full("births_2x2.distance_matrix", D)
    case("births_2x2", [{"file": "births_2x2.distance_matrix", "input": "distance"}], 0, 0.0,
         ripser.ripser(D, distance_matrix=True, maxdim=0)["dgms"], notes="test_full_nonzerobirths")

    # 2. A distance matrix with a non-zero diagonal, some entries below their vertices' births.
    X = rng.normal(size=(36, 3))
    D = f32(pairwise(X))
    births = f32(rng.uniform(0, 0.9, size=36))
    np.fill_diagonal(D, births)
    write_full("births_matrix.distance_matrix", D)
    for md, thr in [(2, None), (2, 1.6)]:
        name = "births_matrix" if thr is None else "births_matrix_threshold"
        kw = {} if thr is None else {"thresh": thr}
        dg = ripser.ripser(raised(D), distance_matrix=True, maxdim=md, **kw)["dgms"]
        case(name, [{"file": "births_matrix.distance_matrix", "input": "distance"}], md, 0.0, dg, threshold=thr,
             notes=f"{int((raised(D) != D).sum())} entries raised to their vertices' births")
    # The same births over Z/3.
    case("births_matrix_z3", [{"file": "births_matrix.distance_matrix", "input": "distance"}], 2, 0.0,
         ripser.ripser(raised(D), distance_matrix=True, maxdim=2, coeff=3)["dgms"], modulus=3)

    # 3. A point cloud with --vertex-values (lower-star plus Rips): a noisy circle, f = height.
    t = rng.uniform(0, 2 * np.pi, size=60)
    P = np.stack([np.cos(t), np.sin(t)], 1) + rng.normal(scale=0.05, size=(60, 2))
    P = f32(P)
    fvals = f32(0.5 * (P[:, 1] + 1.2))
    write_points("births_cloud.csv", P)
    write_values("births_points_values.txt", fvals)
    DP = pairwise(P)
    np.fill_diagonal(DP, fvals)
    case("births_points", [{"file": "births_cloud.csv", "input": "point-cloud",
                            "vertex_values": "births_points_values.txt"}], 1, 1e-6,
         ripser.ripser(raised(DP), distance_matrix=True, maxdim=1)["dgms"])

    # 4. Lower-star filtration of an image through the sparse format (ripser.py's lower_star_img).
    img = f32(rng.uniform(0, 1, size=(9, 9)))
    m, n = img.shape
    trip = []
    for r in range(m):
        for c in range(n):
            trip.append((r * n + c, r * n + c, img[r, c]))
    for r in range(m):
        for c in range(n):
            for dr, dc in [(0, 1), (1, -1), (1, 0), (1, 1)]:
                rr, cc = r + dr, c + dc
                if 0 <= rr < m and 0 <= cc < n:
                    trip.append((r * n + c, rr * n + cc, max(img[r, c], img[rr, cc])))
    write_triplets("lower_star_image.sparse", trip)
    h0 = ripser.lower_star_img(img)
    case("lower_star_image", [{"file": "lower_star_image.sparse", "input": "sparse"}], 0, 0.0, [h0],
         notes="ripser.lower_star_img of a 9x9 image (8-neighbours)")

    # 5. One matrix in every Ripser format: the same barcode from each.
    Y = rng.normal(size=(40, 4))
    D = f32(pairwise(Y))
    np.fill_diagonal(D, 0)
    write_lower("formats.lower_distance_matrix", D)
    write_upper("formats.upper_distance_matrix", D)
    write_full("formats.distance_matrix", D)
    write_dipha("formats.dipha", D)
    write_binary("formats.bin", D)
    write_triplets("formats.sparse", [(i, j, D[i, j]) for i in range(40) for j in range(i)])
    inputs = [{"file": "formats.lower_distance_matrix", "input": "lower-distance"},
              {"file": "formats.upper_distance_matrix", "input": "upper-distance"},
              {"file": "formats.distance_matrix", "input": "distance"},
              {"file": "formats.dipha", "input": "dipha"},
              {"file": "formats.bin", "input": "binary"},
              {"file": "formats.sparse", "input": "sparse"}]
    case("formats", inputs, 2, 0.0, ripser.ripser(D, distance_matrix=True, maxdim=2)["dgms"])
    # A sparse file with absent edges: the pairs within 1.9 only, no threshold given.
    keep = [(i, j, D[i, j]) for i in range(40) for j in range(i) if D[i, j] <= 1.9]
    # A vertex without edges would be missing from the file: a diagonal line
    # `i i 0` keeps it (its birth, 0).
    isolated = sorted(set(range(40)) - {i for i, _, _ in keep} - {j for _, j, _ in keep})
    write_triplets("formats_within.sparse", keep + [(v, v, 0.0) for v in isolated])
    # ripser.py reads the entries with row < column of a sparse matrix.
    S = sparse.coo_matrix(([d for _, _, d in keep], ([j for _, j, _ in keep], [i for i, _, _ in keep])),
                          shape=(40, 40))
    case("formats_within", [{"file": "formats_within.sparse", "input": "sparse"}], 2, 0.0,
         ripser.ripser(S, distance_matrix=True, maxdim=2)["dgms"],
         notes=f"{len(keep)} of 780 edges; absent edges never enter")

    # 6. Greedy permutation of a noisy circle (ripser.py's n_perm): the sample, r_cover, its barcode.
    t = rng.uniform(0, 2 * np.pi, size=300)
    C = f32(np.stack([np.cos(t), np.sin(t)], 1) + rng.normal(scale=0.1, size=(300, 2)))
    write_points("greedy_cloud.csv", C)
    r = ripser.ripser(C, maxdim=1, n_perm=40)
    greedy = {"file": "greedy_cloud.csv", "count": 40, "idx_perm": [int(i) for i in r["idx_perm"]],
              "r_cover": float(r["r_cover"])}
    case("greedy_circle", [{"file": "greedy_cloud.csv", "input": "point-cloud", "subsample": 40}], 1, 1e-6,
         r["dgms"])
    # The same from the distance matrix (test_greedyperm_dm_vs_pc); the Swift
    # test computes the matrix from the points (float64), so tolerance 1e-6.
    DC = pairwise(C)
    rd = ripser.ripser(DC, distance_matrix=True, maxdim=1, n_perm=40)
    greedy["idx_perm_matrix"] = [int(i) for i in rd["idx_perm"]]
    greedy["r_cover_matrix"] = float(rd["r_cover"])
    case("greedy_circle_matrix", [{"file": "greedy_cloud.csv", "input": "matrix-from-points",
                                   "subsample": 40}], 1, 1e-6, rd["dgms"])

    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"generator": "scripts/make_ripser_features_reference.py", "cases": cases, "greedy": greedy},
                  f, indent=1)
        f.write("\n")
    for c in cases:
        print(c["name"], c["counts"], c["notes"])
    print("greedy r_cover", greedy["r_cover"], greedy["r_cover_matrix"])


if __name__ == "__main__":
    main()
