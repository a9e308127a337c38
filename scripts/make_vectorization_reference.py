#!/usr/bin/env python3
"""Reference outputs for SwiftTDA's distance and vectorization tests.

Runs gudhi.representations (GUDHI 3.13), gudhi.bottleneck_distance (e=0)
and gudhi.wasserstein (POT) on fixed, seeded diagrams and writes
Tests/VectorizationTests/Reference/*.json. Numbers are written as strings of their shortest round-trip
form (JSON parsers may round digits); infinity is "inf".

    python3 scripts/make_vectorization_reference.py
"""
import json
import math
import os
import sys

import numpy as np
import gudhi
from gudhi.representations import (Landscape, Silhouette, PersistenceImage, BettiCurve, Entropy,
                                   TopologicalVector, ComplexPolynomial, SlicedWassersteinKernel,
                                   PersistenceWeightedGaussianKernel, PersistenceScaleSpaceKernel,
                                   PersistenceFisherKernel, SlicedWassersteinDistance)
from gudhi.wasserstein import wasserstein_distance

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "VectorizationTests", "Reference")


def enc(x):
    if isinstance(x, (list, tuple, np.ndarray)):
        return [enc(v) for v in x]
    if isinstance(x, (complex, np.complexfloating)):
        return [enc(float(x.real)), enc(float(x.imag))]
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if math.isnan(x):
        return "nan"
    return repr(x)  # a string: shortest round-trip digits, parsed exactly by Swift's Double(_:)


def random_diagram(rng, n, grid=None):
    b = rng.uniform(0, 1, n)
    p = rng.exponential(0.3, n)
    if grid:
        b = np.round(b / grid) * grid
        p = np.round(p / grid) * grid + grid
    return np.stack([b, b + p], axis=1)


def distances(rng):
    cases = []
    for t in range(40):
        grid = 0.05 if t % 3 == 0 else None
        n, m = int(rng.integers(0, 40)), int(rng.integers(0, 40))
        if t < 2:
            n, m = t, 3
        a, b = random_diagram(rng, n, grid), random_diagram(rng, m, grid)
        ess = int(rng.integers(0, 3)) if t % 4 == 1 else 0
        if ess:
            ea = np.stack([rng.uniform(0, 1, ess), np.full(ess, np.inf)], axis=1)
            eb = np.stack([rng.uniform(0, 1, ess + (1 if t % 8 == 5 else 0)), np.full(ess + (1 if t % 8 == 5 else 0), np.inf)], axis=1)
            a, b = np.concatenate([a, ea]), np.concatenate([b, eb])
        case = {"a": enc(a), "b": enc(b), "bottleneck": enc(gudhi.bottleneck_distance(a, b, e=0))}
        for q in (1, 2):
            case[f"wasserstein{q}"] = enc(wasserstein_distance(a, b, order=q, internal_p=np.inf))
        fa, fb = a[np.isfinite(a[:, 1])], b[np.isfinite(b[:, 1])]
        case["sliced10"] = enc(SlicedWassersteinDistance(num_directions=10)(fa, fb))
        case["sliced7"] = enc(SlicedWassersteinDistance(num_directions=7)(fa, fb))
        cases.append(case)
    return cases


def vectorizers(rng):
    diagrams = [random_diagram(rng, int(n)) for n in (12, 30, 1, 25, 40, 8, 17, 33, 3, 22)]
    diagrams[7] = random_diagram(rng, 33, 0.05)
    X = [d for d in diagrams]
    out = {"diagrams": enc(diagrams), "cases": []}

    def add(name, params, est, fitX=X, transformX=X):
        est.fit(fitX)
        out["cases"].append({"name": name, "params": params, "fit": list(range(len(fitX))) if fitX is X else params.get("fit"),
                             "output": enc(np.asarray(est.transform(transformX)))})

    add("landscape", {}, Landscape())
    add("landscape", {"num_landscapes": 3, "resolution": 50, "sample_range": [0.0, 2.0]},
        Landscape(num_landscapes=3, resolution=50, sample_range=[0.0, 2.0]))
    add("landscape", {"num_landscapes": 2, "resolution": 7}, Landscape(num_landscapes=2, resolution=7))
    add("silhouette", {"power": 0}, Silhouette())
    add("silhouette", {"power": 1, "resolution": 60, "sample_range": [-0.5, 1.5]},
        Silhouette(weight=lambda x: x[1] - x[0], resolution=60, sample_range=[-0.5, 1.5]))
    add("silhouette", {"power": 2, "resolution": 30}, Silhouette(weight=lambda x: (x[1] - x[0]) ** 2, resolution=30))
    add("image", {}, PersistenceImage())
    add("image", {"bandwidth": 0.1, "resolution": 10, "weight": "persistence", "im_range": [0.0, 1.0, 0.0, 1.0]},
        PersistenceImage(bandwidth=0.1, resolution=[10, 10], weight=lambda x: x[1], im_range=[0.0, 1.0, 0.0, 1.0]))
    add("image", {"bandwidth": 0.05, "resolution": 8}, PersistenceImage(bandwidth=0.05, resolution=[8, 8]))
    add("betti-curve", {}, BettiCurve())
    add("betti-curve", {"resolution": 40, "sample_range": [0.0, 1.5]}, BettiCurve(resolution=40, sample_range=[0.0, 1.5]))
    add("betti-curve", {"resolution": None}, BettiCurve(resolution=None))
    add("betti-curve", {"predefined_grid": enc([-1.0, 0.0, 0.25, 0.5, 1.0, 1.5, np.inf])},
        BettiCurve(predefined_grid=np.array([-1.0, 0.0, 0.25, 0.5, 1.0, 1.5, np.inf])))
    add("entropy", {"mode": "scalar"}, Entropy(mode="scalar"))
    add("entropy", {"mode": "vector"}, Entropy(mode="vector"))
    add("entropy", {"mode": "vector", "resolution": 25, "normalized": False, "sample_range": [0.0, 2.0]},
        Entropy(mode="vector", resolution=25, normalized=False, sample_range=[0.0, 2.0]))
    add("topological-vector", {"threshold": 10}, TopologicalVector(threshold=10))
    add("topological-vector", {"threshold": 50}, TopologicalVector(threshold=50))
    for t in ("R", "S", "T"):
        add("complex-polynomial", {"polynomial_type": t, "threshold": 10}, ComplexPolynomial(polynomial_type=t, threshold=10))
    fitX, trX = X[:4], X[4:]
    for name, params, est in [
        ("sliced-wasserstein-kernel", {"num_directions": 10, "bandwidth": 1.0}, SlicedWassersteinKernel(num_directions=10, bandwidth=1.0)),
        ("sliced-wasserstein-kernel", {"num_directions": 5, "bandwidth": 0.3}, SlicedWassersteinKernel(num_directions=5, bandwidth=0.3)),
        ("persistence-weighted-gaussian-kernel", {"bandwidth": 1.0}, PersistenceWeightedGaussianKernel(bandwidth=1.0)),
        ("persistence-weighted-gaussian-kernel", {"bandwidth": 0.2, "power": 1},
         PersistenceWeightedGaussianKernel(bandwidth=0.2, weight=lambda x: x[1] - x[0])),
        ("persistence-scale-space-kernel", {"bandwidth": 1.0}, PersistenceScaleSpaceKernel(bandwidth=1.0)),
        ("persistence-scale-space-kernel", {"bandwidth": 0.1}, PersistenceScaleSpaceKernel(bandwidth=0.1)),
        ("persistence-fisher-kernel", {"bandwidth_fisher": 1.0, "bandwidth": 1.0}, PersistenceFisherKernel(bandwidth_fisher=1.0, bandwidth=1.0)),
        ("persistence-fisher-kernel", {"bandwidth_fisher": 0.1, "bandwidth": 0.5}, PersistenceFisherKernel(bandwidth_fisher=0.1, bandwidth=0.5)),
    ]:
        est.fit(fitX)
        out["cases"].append({"name": name, "params": params, "fit": [0, 1, 2, 3], "transform": list(range(4, len(X))),
                             "output": enc(np.asarray(est.transform(trX)))})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261124)
    with open(os.path.join(OUT, "distances.json"), "w") as f:
        json.dump({"gudhi": gudhi.__version__, "cases": distances(rng)}, f)
    with open(os.path.join(OUT, "vectorizers.json"), "w") as f:
        json.dump({"gudhi": gudhi.__version__, **vectorizers(rng)}, f)
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
