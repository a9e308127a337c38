#!/usr/bin/env python3
"""Reference MMA images and landscapes for SwiftTDA's vectorization tests, made with multipers.

Run from the repository root:
    pip install multipers==2.3.2 gudhi==3.11.0 numpy
    python3 scripts/make_multipers_mma_vectorization_reference.py
(made with Python 3.11, multipers 2.3.2, gudhi 3.11.0).

Writes Tests/VectorizationTests/Reference/mma_vectorization_<case>.json,
seeded and deterministic. Each case is a small random bifiltration: a
gudhi Rips complex of uniform points in [0, 1]^2 (dimension 2), made a
SimplexTreeMulti (one case: points near the unit circle) whose further parameters are lower-star filtrations of
uniform random vertex values, then multipers' module_approximation.

The tests read the summands back from these files (they do not recompute
the module), so a difference isolates the vectorizer. Each file holds:
  name, num_parameters, box {lower, upper} (the module's box, as multipers
  reports it), summands [{degree, births, deaths}] in multipers' order,
  images: [{degree, kernel, bandwidth, p, normalize, resolution, box (null:
    the module's box), values}], values = mod.representation(degrees=[d],
    ..., flatten=True)[0] (multipers' order: the FIRST parameter fastest);
  landscapes: [{degree, k, resolution, box (null: module's), values}],
    values = mod.landscapes(degree, ks=range(k), resolution).ravel()
    (landscape-major, then the first parameter slowest).
Also mma_vectorization_mma2img.json: three modules (modules: [{box,
summands}]) and multipers.ml.mma.MMA2IMG(degrees=[0, 1], ..., flatten=True)
fitted on the first two (fit) and applied to all three: its learned grid
(grid) and one row per module (values), the degrees end to end.
Every float is a string (Python repr, "inf", "-inf"), so that it reads back
exactly whatever the JSON parser does with numbers.
"""
import contextlib
import json
import os
import sys

with contextlib.redirect_stdout(sys.stderr):
    import numpy as np
    import gudhi as gd
    import multipers as mp
    from multipers.simplex_tree_multi import SimplexTreeMulti

OUT = os.path.join("Tests", "VectorizationTests", "Reference")


def enc(x):
    return repr(float(x))


def corners(cs):
    return [[enc(v) for v in np.asarray(c, dtype=np.float64).ravel()] for c in cs]


def module(seed, n_points, n_parameters, nlines, circle=False):
    rng = np.random.default_rng(seed)
    x = rng.uniform(size=(n_points, 2))
    if circle:
        t = 2 * np.pi * x[:, 0]
        x = np.stack([np.cos(t), np.sin(t)], axis=1) * (0.9 + 0.2 * x[:, 1:2])
    st = gd.RipsComplex(points=x).create_simplex_tree(max_dimension=2)
    stm = SimplexTreeMulti(st, num_parameters=n_parameters)
    for p in range(1, n_parameters):
        stm.fill_lowerstar(rng.uniform(size=n_points), parameter=p)
    with contextlib.redirect_stdout(sys.stderr):
        return mp.module_approximation(stm, nlines=nlines)


def summand_list(mod):
    out = []
    for s in mod:
        births = corners(s.get_birth_list())
        deaths = corners(s.get_death_list())
        n = mod.num_parameters
        # An infinite corner multipers keeps as one value stands for n equal values.
        births = [c * n if len(c) == 1 else c for c in births]
        deaths = [c * n if len(c) == 1 else c for c in deaths]
        out.append({"degree": int(s.degree), "births": births, "deaths": deaths})
    return out


def image(mod, degree, kernel, bandwidth, p, normalize, resolution, box=None):
    values = mod.representation(degrees=[degree], bandwidth=bandwidth, resolution=resolution, kernel=kernel,
                                p=p, normalize=normalize, box=box, flatten=True, n_jobs=1)
    values = np.asarray(values, dtype=np.float64)[0]
    return {"degree": degree, "kernel": kernel, "bandwidth": enc(bandwidth), "p": enc(p), "normalize": normalize,
            "resolution": list(resolution),
            "box": None if box is None else {"lower": [enc(v) for v in box[0]], "upper": [enc(v) for v in box[1]]},
            "values": [enc(v) for v in values.ravel()]}


def landscape(mod, degree, k, resolution, box=None):
    values = np.asarray(mod.landscapes(degree, ks=list(range(k)), resolution=list(resolution), box=box), dtype=np.float64)
    return {"degree": degree, "k": k, "resolution": list(resolution),
            "box": None if box is None else {"lower": [enc(v) for v in box[0]], "upper": [enc(v) for v in box[1]]},
            "values": [enc(v) for v in values.ravel()]}


def case(name, seed, n_points, n_parameters, nlines, images, landscapes, circle=False):
    mod = module(seed, n_points, n_parameters, nlines, circle)
    lo, hi = mod.get_box()
    out = {"name": name, "num_parameters": n_parameters,
           "box": {"lower": [enc(v) for v in lo], "upper": [enc(v) for v in hi]},
           "summands": summand_list(mod),
           "images": [image(mod, *a) for a in images],
           "landscapes": [landscape(mod, *a) for a in landscapes]}
    path = os.path.join(OUT, f"mma_vectorization_{name}.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(path, len(out["summands"]), "summands", file=sys.stderr)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    images2 = []
    for degree in (0, 1):
        for kernel in ("gaussian", "exponential", "linear"):
            for bandwidth in (0.05, 0.2):
                images2.append((degree, kernel, bandwidth, 2.0, False, (7, 5)))
        images2.append((degree, "gaussian", 0.1, 1.0, False, (6, 6)))
        images2.append((degree, "gaussian", 0.1, 0.0, False, (6, 6)))
        images2.append((degree, "linear", 0.1, 1.0, True, (6, 4)))
        images2.append((degree, "linear", 0.1, 0.0, True, (6, 4)))
        images2.append((degree, "linear", 0.1, 0.0, False, (6, 4)))
        # Square grids, for the command line (one --resolution for every parameter).
        images2.append((degree, "exponential", 0.1, 2.0, False, (6, 6)))
        images2.append((degree, "linear", 0.1, 2.0, True, (6, 6)))
    # A box other than the module's: the grid follows it; the linear kernel's
    # weights too, the gaussian's and exponential's stay in the module's box.
    other = ([-0.1, 0.2], [0.9, 1.1])
    images2.append((1, "gaussian", 0.1, 2.0, False, (5, 8), other))
    images2.append((1, "exponential", 0.1, 2.0, False, (5, 8), other))
    images2.append((1, "linear", 0.1, 2.0, False, (5, 8), other))
    images2.append((1, "linear", 0.1, 2.0, True, (5, 8), other))
    landscapes2 = [(0, 3, (6, 5)), (1, 4, (7, 9)), (1, 1, (10, 10)), (1, 2, (5, 8), other)]
    case("rips_lowerstar_a", 11, 14, 2, 40, images2, landscapes2)
    case("rips_lowerstar_circle", 12, 18, 2, 60, images2, landscapes2, circle=True)
    images3 = [(d, k, 0.15, 2.0, False, (4, 3, 5)) for d in (0, 1) for k in ("gaussian", "exponential", "linear")]
    images3.append((1, "linear", 0.15, 1.0, True, (4, 3, 5)))
    case("rips_two_functions", 13, 10, 3, 30, images3, [])


def mma2img_case():
    """MMA2IMG (multipers.ml.mma): one grid learned from the finite corners
    of the summands of all its degrees in all fitted modules, images of the
    degrees end to end (flatten=True), each module's own box for weights."""
    from multipers.ml.mma import MMA2IMG
    mods = [module(21, 12, 2, 40), module(22, 14, 2, 40), module(23, 10, 2, 40, circle=True)]
    out = {"name": "mma2img", "num_parameters": 2, "modules": [], "mma2img": []}
    for mod in mods:
        lo, hi = mod.get_box()
        out["modules"].append({"box": {"lower": [enc(v) for v in lo], "upper": [enc(v) for v in hi]},
                               "summands": summand_list(mod)})
    for kernel, bandwidth, power, normalize, resolution in [("gaussian", 0.1, 2.0, False, 5), ("exponential", 0.2, 1.0, False, 6),
                                                            ("linear", 0.1, 1.0, False, 5), ("linear", 0.15, 2.0, True, 7)]:
        t = MMA2IMG(degrees=[0, 1], resolution=resolution, kernel=kernel, bandwidth=bandwidth, power=power,
                    normalize=normalize, flatten=True, n_jobs=1).fit(mods[:2])
        values = t.transform(mods)
        out["mma2img"].append({"degrees": [0, 1], "fit": [0, 1], "kernel": kernel, "bandwidth": enc(bandwidth), "p": enc(power),
                               "normalize": normalize, "resolution": resolution,
                               "grid": [[enc(v) for v in g] for g in t._coords_to_compute],
                               "values": [[enc(v) for v in np.asarray(row, dtype=np.float64).ravel()] for row in values]})
    path = os.path.join(OUT, "mma_vectorization_mma2img.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(path, file=sys.stderr)


if __name__ == "__main__":
    mma2img_case()
