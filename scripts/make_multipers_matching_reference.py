#!/usr/bin/env python3
"""Reference matching-distance estimates for SwiftTDA's tests, made with multipers.

Run from the repository root:
    pip install multipers==2.3.2 gudhi==3.11.0 numpy
    python3 scripts/make_multipers_matching_reference.py
(made with Python 3.11, multipers 2.3.2, gudhi 3.11.0).

Writes Tests/MultipersistenceTests/Reference/matching/matching_<k>.json
(a subfolder, so MultipersReferenceTests' loader of Reference/*.json does
not read them). Each case is one random simplicial complex with two generic
2-parameter gradings (as make_multipers_mma_reference.py makes them) and:
  box: the union of both gradings' bounding boxes, upper corner + 0.5;
  nlines, degrees;
  basepoints: multipers' default for PyModule.barcodes, i.e.
    h = U1 - L1, np.linspace([L0 - h, L1], [U0, L1], num=nlines)
    (diagonal lines, direction (1, 1));
  module: for each complex the module_approximation(st, box=box) summands;
  module_estimate[degree]: multipers.distances.estimate_matching(
    mod_a.barcodes(degree, basepoints), mod_b.barcodes(degree, basepoints)),
    (recomputed from barcode2 and checked equal to estimate_matching where
    that does not fail on bars born at -inf), i.e. the max over lines of GUDHI's bottleneck distance between the
    first coordinates of the bars' birth and death points (no clipping to
    the box, no line weight: the direction (1,1) has weight 1);
  exact_estimate[degree]: the same max over the same lines of the exact
    slice barcodes: a GUDHI simplex tree with filtration
    b0 + max_p (g_p - b_p) per simplex, GUDHI persistence and bottleneck.
    (multipers' SimplexTreeMulti.project_on_line(basepoint=...) gave
    H1 = 0 and H0 = inf on these complexes, so it is not used.)
Floats are Python repr; infinities are the strings "inf"/"-inf".
"""
import contextlib
import json
import os
import sys

with contextlib.redirect_stdout(sys.stderr):
    import numpy as np
    import multipers as mp
    from multipers.simplex_tree_multi import SimplexTreeMulti
    from multipers.distances import estimate_matching
    from gudhi.bottleneck import bottleneck_distance

OUT = os.path.join("Tests", "MultipersistenceTests", "Reference", "matching")


def enc(x):
    x = float(x)
    if x == float("inf"):
        return "inf"
    if x == float("-inf"):
        return "-inf"
    return x


def random_complex(rng, n_vertices, n_simplices, max_dim):
    simplices = set()
    for _ in range(n_simplices):
        k = rng.integers(1, max_dim + 2)
        s = tuple(sorted(rng.choice(n_vertices, size=k, replace=False).tolist()))
        simplices.add(s)
    closed = set()
    for s in simplices:
        k = len(s)
        for mask in range(1, 1 << k):
            closed.add(tuple(s[b] for b in range(k) if mask & (1 << b)))
    return sorted(closed, key=lambda s: (len(s), s))


def generic_grades(rng, simplices, n):
    grade = {}
    for s in simplices:
        if len(s) == 1:
            grade[s] = rng.uniform(0, 1, size=n)
        else:
            faces = [tuple(x for x in s if x != v) for v in s]
            base = np.max([grade[f] for f in faces], axis=0)
            grade[s] = base + rng.uniform(0.001, 0.3, size=n)
    return grade


def build(simplices, grades):
    st = SimplexTreeMulti(num_parameters=2)
    for s in simplices:
        st.insert(list(s), np.asarray(grades[s], dtype=np.float64))
    return st


def module_bars(mod, basepoint, degree):
    """The bars estimate_matching compares: the first coordinates of the
    birth and death points of each summand's bar on the diagonal line,
    basepoint[0] + t, empty bars dropped (MultiDiagram::get_points drops
    births at +inf). Read through barcode2 (line parameters t), because
    PyMultiDiagram.get_points builds a ragged array, and fails, when a bar
    is born at -inf (its birth point is a one-element -inf filtration)."""
    (bc,) = [mod.barcode2(basepoint, degree=degree)[degree]] if len(mod) else [np.empty((0, 2))]
    out = [[basepoint[0] + b, basepoint[0] + e] for b, e in np.asarray(bc).reshape(-1, 2) if b != np.inf and b <= e]
    return np.array(out) if out else np.empty((0, 2))


def exact_bars(complex_, basepoint, degree):
    import gudhi
    simplices, grades = complex_
    gst = gudhi.SimplexTree()
    for s in simplices:
        # first coordinate of the line point where the simplex enters: b0 + max_p (g_p - b_p)
        gst.insert(list(s), filtration=float(basepoint[0] + np.max(np.asarray(grades[s]) - basepoint)))
    gst.compute_persistence()
    return gst.persistence_intervals_in_dimension(degree)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261203)
    degrees = [0, 1]
    for k in range(3):
        # One simplicial complex, two generic gradings: the same essential
        # classes on both sides, so the slice distances are finite.
        simplices = random_complex(rng, 8, 14, 2)
        pair = [(simplices, generic_grades(rng, simplices, 2)) for _ in range(2)]
        sts = [build(s, g) for s, g in pair]
        allg = np.array([g for _, gr in pair for g in gr.values()])
        # The grades' box with 0.5 more on top, so that no finite death is
        # pushed to +inf by the module's box rule.
        lower, upper = allg.min(axis=0), allg.max(axis=0) + 0.5
        box = [lower.tolist(), upper.tolist()]
        nlines = [7, 20, 50][k]
        h = upper[1] - lower[1]
        basepoints = np.linspace([lower[0] - h, lower[1]], [upper[0], lower[1]], num=nlines)
        mods = [mp.module_approximation(st, box=box) for st in sts]
        module_estimate, exact_estimate = {}, {}
        for d in degrees:
            est = float(max(bottleneck_distance(module_bars(mods[0], bp, d), module_bars(mods[1], bp, d))
                            for bp in basepoints))
            try:
                b1 = mods[0].barcodes(d, basepoints=basepoints)
                b2 = mods[1].barcodes(d, basepoints=basepoints)
                official = float(estimate_matching(b1, b2))
                assert abs(official - est) <= 1e-12 * max(1, abs(est)), (official, est)
            except ValueError:
                pass  # multipers' get_points fails on -inf birth points (ragged array)
            module_estimate[str(d)] = est
            exact_estimate[str(d)] = float(max(
                bottleneck_distance(exact_bars(pair[0], bp, d), exact_bars(pair[1], bp, d)) for bp in basepoints))
        case = {
            "name": f"matching_{k}",
            "num_parameters": 2,
            "complexes": [
                {"simplices": [list(s) for s in simplices], "grades": [[enc(x) for x in grades[s]] for s in simplices]}
                for simplices, grades in pair
            ],
            "box": {"lower": [enc(x) for x in lower], "upper": [enc(x) for x in upper]},
            "nlines": nlines,
            "degrees": degrees,
            "basepoints": [[enc(x) for x in bp] for bp in basepoints],
            "modules": [
                {"box": [[enc(x) for x in m.get_box()[0]], [enc(x) for x in m.get_box()[1]]],
                 "summands": [{"degree": int(s.degree),
                               "births": [[enc(x) for x in b] for b in np.asarray(s.get_birth_list())],
                               "deaths": [[enc(x) for x in b] for b in np.asarray(s.get_death_list())]}
                              for s in m]}
                for m in mods
            ],
            "module_estimate": module_estimate,
            "exact_estimate": exact_estimate,
        }
        with open(os.path.join(OUT, f"matching_{k}.json"), "w") as f:
            json.dump(case, f, indent=1)
        print(case["name"], module_estimate, exact_estimate, file=sys.stderr)


if __name__ == "__main__":
    main()
