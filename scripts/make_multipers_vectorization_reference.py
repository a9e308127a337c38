#!/usr/bin/env python3
"""Reference signed-measure vectorizations for SwiftTDA's tests, made with multipers.

Run from the repository root:
    pip install multipers==2.3.2 'gudhi==3.11.*' numpy
    python3 scripts/make_multipers_vectorization_reference.py
(made with Python 3.11, multipers 2.3.2, gudhi 3.11.0, pykeops on the CPU).

Writes Tests/VectorizationTests/Reference/multipers_signed_measures.json,
seeded and deterministic. Every measure is a list of degrees, each degree a
signed measure {"points": [[x1, ..., xn], ...], "weights": [...]} with
distinct atoms (SwiftTDA's SignedMeasure merges equal atoms, and the
convolution divides by the number of atoms). Cases:
  convolution: multipers.ml.signed_measures.SignedMeasure2Convolution with
    its parameters (kernel, bandwidth, resolution or filtration_grid,
    flatten=True), fitted on "fit" and applied to "transform" (indices into
    "data"); the learned grid ("grid") and the output rows. The rows of
    flatten=False, raveled, are checked here to equal flatten=True.
  sliced_wasserstein: multipers.ml.signed_measures.
    SignedMeasure2SlicedWassersteinDistance(num_directions=K), fitted and
    applied likewise: "distances" is (degree) x (transform) x (fit);
    "kernel" is multipers.ml.kernels.DistanceMatrix2Kernel(sigma) of it
    (the mean over degrees of exp(-d / (2 sigma^2))); "directions" are the
    K unit vectors multipers drew (np.random.seed(42), normal, normalised),
    checked here to reproduce its distances.
Floats are Python repr strings (shortest round trip); infinities "inf"/"-inf".
"""
import contextlib
import json
import math
import os
import sys

with contextlib.redirect_stdout(sys.stderr):
    import numpy as np
    from multipers.ml.signed_measures import (SignedMeasure2Convolution,
                                              SignedMeasure2SlicedWassersteinDistance)
    from multipers.ml.kernels import DistanceMatrix2Kernel

OUT = os.path.join("Tests", "VectorizationTests", "Reference", "multipers_signed_measures.json")


def enc(x):
    if isinstance(x, (list, tuple, np.ndarray)):
        return [enc(v) for v in x]
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def random_measure(rng, n_atoms, dim, step=0.05, box=1.0, mass=None):
    """Distinct atoms on a coarse lattice (like squeezed coordinates), non-zero integer weights."""
    if n_atoms == 0:
        return np.empty((0, dim)), np.empty(0, dtype=np.int64)
    cells = int(round(box / step)) + 1
    seen, pts = set(), []
    while len(pts) < n_atoms:
        p = tuple(int(v) for v in rng.integers(0, cells, dim))
        if p not in seen:
            seen.add(p)
            pts.append(p)
    points = np.asarray(pts, dtype=np.float64) * step + rng.uniform(-0.01, 0.01, dim)
    weights = rng.choice([-2, -1, 1, 1, 2], n_atoms).astype(np.int64)
    if mass is not None:
        # Fix the total mass with one more atom (or by adjusting the last weight).
        gap = mass - int(weights.sum())
        if gap != 0:
            weights[-1] += gap
            if weights[-1] == 0:
                weights[-1] = 1
                extra = np.asarray(points[-1] + 0.0123, dtype=np.float64)
                points = np.vstack([points, extra])
                weights = np.append(weights, -1)
    assert np.all(weights != 0)
    assert len({tuple(p) for p in points}) == len(points)
    return points, weights


def sm_json(sm):
    pts, w = sm
    return {"points": enc(pts), "weights": [int(v) for v in w]}


def convolution_cases(rng):
    cases = []

    def add(name, data, params, fit, transform):
        est = SignedMeasure2Convolution(flatten=True, **params)
        est.fit([data[i] for i in fit])
        rows = np.asarray(est.transform([data[i] for i in transform]))
        square = SignedMeasure2Convolution(flatten=False, **params)
        square.fit([data[i] for i in fit])
        img = np.asarray(square.transform([data[i] for i in transform]))
        assert np.array_equal(img.reshape(len(transform), -1), rows), name
        grid = [np.asarray(f) for f in est.filtration_grid]
        print(f"convolution {name}: rows {rows.shape}, image {img.shape}", file=sys.stderr)
        p = dict(params)
        if "filtration_grid" in p:
            p["filtration_grid"] = enc([np.asarray(f) for f in p["filtration_grid"]])
        cases.append({"name": name, "params": p, "data": [[sm_json(sm) for sm in x] for x in data],
                      "fit": fit, "transform": transform, "grid": enc(grid), "output": enc(rows)})

    two = [[random_measure(rng, n, 2)] for n in (6, 11, 1, 15, 8)]
    add("gaussian_2d", two, {"kernel": "gaussian", "bandwidth": 0.3, "resolution": 7}, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    add("gaussian_2d_fit_subset", two, {"kernel": "gaussian", "bandwidth": 0.15, "resolution": 9}, [0, 3], [1, 2, 4])
    add("exponential_2d", two, {"kernel": "exponential", "bandwidth": 0.5, "resolution": [6, 4]},
        [0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    three = [[random_measure(rng, n, 3)] for n in (5, 9, 4)]
    grid3 = [np.array([0.0, 0.2, 0.5, 1.0]), np.array([-0.1, 0.4, 1.1]), np.array([0.0, 0.3, 0.6, 0.9, 1.2])]
    add("gaussian_3d_explicit_grid", three, {"kernel": "gaussian", "bandwidth": 0.4, "filtration_grid": grid3},
        [0, 1, 2], [0, 1, 2])
    add("exponential_3d", three, {"kernel": "exponential", "bandwidth": 0.25, "resolution": 4}, [0, 1, 2], [0, 1, 2])
    # Two degrees: one grid over both, rows are the degrees' images end to end; an empty degree gives zeros.
    degrees = [[random_measure(rng, 7, 2), random_measure(rng, 4, 2)],
               [random_measure(rng, 10, 2), random_measure(rng, 0, 2)],
               [random_measure(rng, 3, 2), random_measure(rng, 6, 2)]]
    add("gaussian_two_degrees", degrees, {"kernel": "gaussian", "bandwidth": 0.2, "resolution": 5}, [0, 1, 2], [0, 1, 2])
    return cases


def sliced_wasserstein_cases(rng):
    cases = []

    def add(name, data, k, sigma, fit, transform):
        dim = data[0][0][0].shape[1]
        est = SignedMeasure2SlicedWassersteinDistance(num_directions=k)
        est.fit([data[i] for i in fit])
        distances = np.asarray(est.transform([data[i] for i in transform]))
        kernel = DistanceMatrix2Kernel(sigma=sigma).fit(distances).transform(distances)
        # The directions multipers draws (multipers.ml.sliced_wasserstein).
        np.random.seed(42)
        thetas = np.random.normal(0, 1, [k, dim])
        lines = thetas / np.linalg.norm(thetas, axis=1)[:, None]
        # Check them: the distances again from the lines, atoms repeated |w| times.
        for d in range(len(data[0])):
            for a, i in enumerate(transform):
                for b, j in enumerate(fit):
                    (p1, w1), (p2, w2) = data[i][d], data[j][d]
                    left = np.vstack([np.repeat(p1[w1 > 0], w1[w1 > 0], axis=0), np.repeat(p2[w2 < 0], -w2[w2 < 0], axis=0)])
                    right = np.vstack([np.repeat(p2[w2 > 0], w2[w2 > 0], axis=0), np.repeat(p1[w1 < 0], -w1[w1 < 0], axis=0)])
                    pa, pb = np.sort(left @ lines.T, axis=0), np.sort(right @ lines.T, axis=0)
                    mine = np.mean(np.sum(np.abs(pa - pb), axis=0))
                    assert abs(mine - distances[d, a, b]) <= 1e-12 * max(1, abs(mine)), (name, d, a, b)
        print(f"sliced wasserstein {name}: distances {distances.shape}", file=sys.stderr)
        cases.append({"name": name, "num_directions": k, "sigma": enc(sigma), "directions": enc(lines),
                      "data": [[sm_json(sm) for sm in x] for x in data], "fit": fit, "transform": transform,
                      "distances": enc(distances), "kernel": enc(kernel)})

    mass0 = [[random_measure(rng, n, 2, mass=0)] for n in (6, 9, 3, 12, 7)]
    add("mass0_2d", mass0, 10, 1.0, [0, 1, 2, 3, 4], [0, 1, 2, 3, 4])
    mass1 = [[random_measure(rng, n, 2, mass=1)] for n in (5, 8, 1, 10)]
    add("mass1_2d_25_directions", mass1, 25, 0.5, [0, 1], [0, 1, 2, 3])
    mass2 = [[random_measure(rng, n, 3, mass=2)] for n in (4, 7, 6)]
    add("mass2_3d", mass2, 7, 2.0, [0, 1, 2], [0, 1, 2])
    degrees = [[random_measure(rng, n, 2, mass=1), random_measure(rng, m, 2, mass=0)] for n, m in ((4, 5), (7, 3), (2, 6))]
    add("two_degrees", degrees, 10, 0.8, [0, 1, 2], [0, 1, 2])
    return cases


def main():
    rng = np.random.default_rng(20232)
    with contextlib.redirect_stdout(sys.stderr):
        out = {"multipers": "2.3.2", "convolution": convolution_cases(rng),
               "sliced_wasserstein": sliced_wasserstein_cases(rng)}
    with open(OUT, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
