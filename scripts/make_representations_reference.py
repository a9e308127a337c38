#!/usr/bin/env python3
"""Reference outputs for issue 17: the gudhi.representations features beyond
scripts/make_vectorization_reference.py (the Fisher kernel to 1e-12, empty
diagrams, points below the diagonal, PersistenceLengths, Atol given centres,
Wasserstein with any internal_p and its matching, ProminentPoints).

Needs GUDHI 3.13, POT and scikit-learn, e.g. in a venv:

    python3 -m venv /tmp/venv17 && /tmp/venv17/bin/pip install gudhi==3.13.0 pot scikit-learn
    /tmp/venv17/bin/python scripts/make_representations_reference.py

Writes Tests/VectorizationTests/Reference/representations.json. Numbers are
strings of their shortest round-trip form; "inf", "-inf", "nan" as such.
"""
import contextlib
import io
import json
import math
import os
import sys
import warnings

import numpy as np
import gudhi
from sklearn.cluster import KMeans
from gudhi.representations import (ProminentPoints, Landscape, Silhouette, PersistenceImage, BettiCurve, Entropy, TopologicalVector,
                                   ComplexPolynomial, PersistenceLengths, Atol, SlicedWassersteinKernel,
                                   PersistenceFisherKernel, SlicedWassersteinDistance)
from gudhi.wasserstein import wasserstein_distance

warnings.filterwarnings("ignore")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "VectorizationTests", "Reference")
E = np.empty((0, 2))


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
    return repr(x)


def quiet(f):
    with contextlib.redirect_stdout(io.StringIO()):
        return f()


def random_diagram(rng, n, grid=None):
    b = rng.uniform(0, 1, n)
    p = rng.exponential(0.3, n)
    if grid:
        b = np.round(b / grid) * grid
        p = np.round(p / grid) * grid + grid
    return np.stack([b, b + p], axis=1)


def fisher(rng):
    X = [random_diagram(rng, n) for n in (6, 15, 1, 9, 20)]
    X.append(X[1] + 1e-9)  # nearly equal to X[1]: the arccos form is far off there
    cases = []
    for bf, bw in ((1.0, 1.0), (0.1, 0.5), (0.02, 1.0)):
        k = PersistenceFisherKernel(bandwidth_fisher=bf, bandwidth=bw).fit(X)
        cases.append({"bandwidth_fisher": enc(bf), "bandwidth": enc(bw), "output": enc(k.transform(X))})
    return {"diagrams": enc(X), "cases": cases}


def vectorizer(name, p):
    if name == "landscape":
        return Landscape(num_landscapes=p.get("num_landscapes", 5), resolution=p.get("resolution", 100),
                         sample_range=p.get("sample_range", [np.nan, np.nan]))
    if name == "silhouette":
        return Silhouette(resolution=p.get("resolution", 100), sample_range=p.get("sample_range", [np.nan, np.nan]))
    if name == "betti-curve":
        return BettiCurve(resolution=p.get("resolution", 100), sample_range=p.get("sample_range", [np.nan, np.nan]))
    if name == "entropy":
        return Entropy(mode=p.get("mode", "scalar"), resolution=p.get("resolution", 100),
                       sample_range=p.get("sample_range", [np.nan, np.nan]))
    if name == "image":
        return PersistenceImage(bandwidth=p.get("bandwidth", 1.0), resolution=[p.get("resolution", 20)] * 2,
                                im_range=p.get("im_range", [np.nan] * 4))
    if name == "topological-vector":
        return TopologicalVector(threshold=p.get("threshold", 10))
    if name == "complex-polynomial":
        return ComplexPolynomial(threshold=p.get("threshold", 10))
    if name == "persistence-lengths":
        return PersistenceLengths(num_lengths=p.get("num_lengths", 5))
    if name == "sliced-wasserstein-kernel":
        return SlicedWassersteinKernel(num_directions=p.get("num_directions", 10))
    raise ValueError(name)


def jparams(p):
    return {k: (enc(v) if isinstance(v, (float, list)) else v) for k, v in p.items()}


def empties(rng):
    """fit on diagrams without points, transform of empty diagrams."""
    D = random_diagram(rng, 7)
    diagrams = [E, D]
    cases = []
    specs = [("landscape", {"resolution": 6}), ("landscape", {"resolution": 6, "sample_range": [np.nan, 2.0]}),
             ("landscape", {"resolution": 6, "sample_range": [0.0, 2.0]}),
             ("silhouette", {"resolution": 6}), ("betti-curve", {"resolution": 6}), ("betti-curve", {"resolution": None}),
             ("entropy", {"mode": "scalar"}), ("entropy", {"mode": "vector", "resolution": 6}),
             ("image", {"resolution": 3}), ("image", {"resolution": 3, "im_range": [0.0, 1.0, 0.0, 1.0]}),
             ("topological-vector", {"threshold": 4}), ("complex-polynomial", {"threshold": 4}),
             ("persistence-lengths", {"num_lengths": 4})]
    for name, p in specs:
        for fit in ([], [0], [0, 0], [0, 1]):
            est = vectorizer(name, p)
            out = quiet(lambda: est.fit([diagrams[i] for i in fit]).transform(diagrams))
            cases.append({"name": name, "params": jparams(p), "fit": fit, "transform": [0, 1], "output": enc(np.asarray(out))})
    return {"diagrams": enc(diagrams), "cases": cases}


def below(rng):
    """Diagrams with points below the diagonal (birth > death), where GUDHI accepts them."""
    D = random_diagram(rng, 8)
    F = D.copy()
    F[::3] = F[::3, ::-1]  # every third point flipped below the diagonal
    G = np.array([[1.0, 0.0]])
    diagrams = [F, G, D]
    cases = []
    for name, p in [("landscape", {"resolution": 9}), ("silhouette", {"resolution": 9}), ("betti-curve", {"resolution": 9}),
                    ("betti-curve", {"resolution": None}), ("image", {"resolution": 4}),
                    ("topological-vector", {"threshold": 5}), ("complex-polynomial", {"threshold": 5}),
                    ("persistence-lengths", {"num_lengths": 5}), ("sliced-wasserstein-kernel", {"num_directions": 10})]:
        est = vectorizer(name, p)
        out = quiet(lambda: est.fit(diagrams).transform(diagrams))
        cases.append({"name": name, "params": jparams(p), "fit": [0, 1, 2], "transform": [0, 1, 2], "output": enc(np.asarray(out))})
    dist = []
    for i, j in ((0, 2), (1, 2), (0, 1)):
        a, b = diagrams[i], diagrams[j]
        dist.append({"a": i, "b": j, "sliced10": enc(SlicedWassersteinDistance(num_directions=10)(a, b)),
                     "bottleneck": enc(gudhi.bottleneck_distance(a, b, e=0))})
    for i in range(3):
        dist.append({"a": i, "b": -1, "sliced10": enc(SlicedWassersteinDistance(num_directions=10)(diagrams[i], E)),
                     "bottleneck": enc(gudhi.bottleneck_distance(diagrams[i], E, e=0)),
                     "wasserstein1": enc(wasserstein_distance(diagrams[i], E, order=1, internal_p=np.inf)),
                     "wasserstein2_p2": enc(wasserstein_distance(diagrams[i], E, order=2, internal_p=2))})
    return {"diagrams": enc(diagrams), "cases": cases, "distances": dist}


def lengths(rng):
    X = [random_diagram(rng, n) for n in (0, 1, 3, 12, 40)]
    cases = []
    for k in (1, 3, 5, 20):
        cases.append({"num_lengths": k, "output": enc(PersistenceLengths(num_lengths=k).fit(X).transform(X))})
    return {"diagrams": enc(X), "cases": cases}


def atol(rng):
    """Atol with centres fitted by scikit-learn's KMeans; SwiftTDA is given the same centres."""
    X = [random_diagram(rng, n) for n in (10, 25, 0, 17, 30, 5)]
    blobs = []  # well separated clusters: any k-means run finds the same partition
    for c in ((0.0, 1.0), (2.0, 5.0), (5.0, 6.0), (1.0, 8.0)):
        blobs.append(np.asarray(c) + rng.normal(0, 0.1, (int(rng.integers(5, 15)), 2)))
    cases = []
    for k, contrast, weighting in ((2, "gaussian", "cloud"), (4, "laplacian", "cloud"), (5, "indicator", "iidproba"),
                                   (3, "gaussian", "iidproba"), (1, "laplacian", "cloud"), (120, "gaussian", "cloud")):
        est = Atol(quantiser=KMeans(n_clusters=k, random_state=17, n_init=10), contrast=contrast, weighting_method=weighting)
        out = quiet(lambda: est.fit(X).transform(X))
        cases.append({"clusters": k, "contrast": contrast, "weighting": weighting, "centers": enc(est.centers),
                      "inertias": enc(est.inertias), "output": enc(out)})
    est = Atol(quantiser=KMeans(n_clusters=4, random_state=17, n_init=10))
    est.fit(blobs)
    blob_case = {"centers": enc(est.centers), "inertias": enc(est.inertias), "output": enc(est.transform(blobs))}
    return {"diagrams": enc(X), "cases": cases, "blobs": enc(blobs), "blob_case": blob_case}


def wasserstein(rng):
    cases = []
    ps = (1.0, 2.0, 3.5, np.inf)
    for t in range(24):
        grid = 0.05 if t % 3 == 0 else None
        n, m = int(rng.integers(0, 25)), int(rng.integers(0, 25))
        if t < 3:
            n, m = t, 2
        a, b = random_diagram(rng, n, grid), random_diagram(rng, m, grid)
        if t % 4 == 1:  # essential parts: (finite, inf), (-inf, finite) and (-inf, inf)
            e = int(rng.integers(1, 3))
            extra = 1 if t % 8 == 5 else 0
            a = np.concatenate([a, np.stack([rng.uniform(0, 1, e), np.full(e, np.inf)], 1), [[-np.inf, 0.7]], [[-np.inf, np.inf]]])
            b = np.concatenate([b, np.stack([rng.uniform(0, 1, e + extra), np.full(e + extra, np.inf)], 1), [[-np.inf, 0.2]],
                                [[-np.inf, np.inf]]])
        c = {"a": enc(a), "b": enc(b), "values": []}
        for q in (1.0, 2.0, 3.0):
            for p in ps:
                d, match = wasserstein_distance(a, b, order=q, internal_p=p, matching=True)
                c["values"].append({"order": enc(q), "internal_p": enc(p), "distance": enc(d),
                                    "matching": None if match is None else [[int(i), int(j)] for i, j in match]})
        cases.append(c)
    return cases


def prominent(rng):
    """ProminentPoints on diagrams with distinct persistences (GUDHI's tie order is numpy's)."""
    X = [random_diagram(rng, n) for n in (0, 1, 6, 15)]
    X[3][::4] = X[3][::4, ::-1]  # some points below the diagonal: GUDHI uses |d - b|
    cases = []
    for num, thr, loc in ((10, -1.0, "upper"), (3, -1.0, "upper"), (4, 0.2, "upper"), (3, -1.0, "lower"), (2, 0.25, "lower")):
        est = ProminentPoints(use=True, num_pts=num, threshold=thr, location=loc)
        cases.append({"num_pts": num, "threshold": enc(thr), "location": loc, "output": [enc(d) for d in est.fit_transform(X)]})
    return {"diagrams": enc(X), "cases": cases}


def main():
    rng = np.random.default_rng(20261203)
    out = {"gudhi": gudhi.__version__, "fisher": fisher(rng), "empty": empties(rng), "below": below(rng),
           "lengths": lengths(rng), "atol": atol(rng), "wasserstein": wasserstein(rng),
           "prominent": prominent(rng)}
    with open(os.path.join(OUT, "representations.json"), "w") as f:
        json.dump(out, f)
    print("wrote", os.path.join(OUT, "representations.json"), file=sys.stderr)


if __name__ == "__main__":
    main()
