#!/usr/bin/env python3
"""Reference module approximations (MMA) for SwiftTDA's tests, made with multipers.

Run from the repository root:
    pip install multipers==2.3.2 gudhi==3.11.0 numpy
    python3 scripts/make_multipers_mma_reference.py
(made with Python 3.11, multipers 2.3.2, gudhi 3.11.0, numpy 2.4.6).

Writes Tests/MultipersistenceTests/Reference/mma_<case>.json, seeded and
deterministic. Cases:
  generic_<k>: random simplicial complexes (up to dimension 2 or 3, all faces
    present) with generic grades: vertex grades uniform in [0, 1]^n, a
    simplex's grade the coordinatewise max of its faces' plus a uniform
    increment in (0, 0.3) per coordinate, so no two cells share a value on a
    line but by accident (multipers' first order sorts with std::sort, which
    leaves ties in an unspecified order).
  small_<k>: MULTIPERSISTENCE.md's small cases.
Each file: name, num_parameters, simplices (vertex lists, in
SimplexTreeMulti.get_simplices() order), grades (per simplex a list of
grades, each num_parameters floats), options (box or null, nlines or
max_error, direction or null), and the module: box (as multipers reports
it), summands: [{degree, births: [[...]], deaths: [[...]]}] in multipers'
order; summands_unmerged: the same with complete=False (no corner merging).
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

OUT = os.path.join("Tests", "MultipersistenceTests", "Reference")


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


def build(simplices, grades, n):
    st = SimplexTreeMulti(num_parameters=n)
    for s in simplices:
        st.insert(list(s), np.asarray(grades[s], dtype=np.float64))
    return st


def module_json(mod):
    out = []
    for s in mod:
        out.append({
            "degree": int(s.degree),
            "births": [[enc(v) for v in b] for b in s.get_birth_list()],
            "deaths": [[enc(v) for v in d] for d in s.get_death_list()],
        })
    return out


def write(name, n, st_simplices, st_grades, options, mod, raw):
    doc = {
        "name": name,
        "num_parameters": n,
        "simplices": st_simplices,
        "grades": st_grades,
        "options": options,
        "box": [[enc(v) for v in row] for row in np.asarray(mod.get_box())],
        "summands": module_json(mod),
        "summands_unmerged": module_json(raw),
    }
    with open(os.path.join(OUT, f"mma_{name}.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(name, "summands", len(doc["summands"]), "simplices", len(st_simplices), file=sys.stderr)


def run_case(name, st, n, options):
    kwargs = {}
    if options.get("box") is not None:
        kwargs["box"] = np.asarray(options["box"], dtype=np.float64)
    if options.get("max_error") is not None:
        kwargs["max_error"] = options["max_error"]
    if options.get("nlines") is not None:
        kwargs["nlines"] = options["nlines"]
    if options.get("direction") is not None:
        kwargs["direction"] = options["direction"]
    mod = mp.module_approximation(st, **kwargs)
    raw = mp.module_approximation(st, complete=False, **kwargs)
    simplices, grades = [], []
    for s, f in st.get_simplices():
        simplices.append([int(v) for v in s])
        f = np.asarray(f)
        if f.ndim == 1:
            f = f[None, :]
        grades.append([[enc(v) for v in g] for g in f])
    write(name, n, simplices, grades, options, mod, raw)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261202)
    specs = [
        ("generic_1", 2, 8, 14, 2, {"nlines": 557}),
        ("generic_2", 2, 10, 25, 2, {"nlines": 200}),
        ("generic_3", 2, 9, 18, 3, {"nlines": 557}),
        ("generic_4", 2, 12, 30, 2, {"max_error": 0.05}),
        ("generic_box", 2, 8, 16, 2, {"box": [[-0.5, -0.25], [3.0, 2.5]], "nlines": 300}),
        ("generic_3param", 3, 7, 12, 2, {"nlines": 60}),
    ]
    for name, n, nv, ns, md, options in specs:
        simplices = random_complex(rng, nv, ns, md)
        grade = generic_grades(rng, simplices, n)
        run_case(name, build(simplices, grade, n), n, options)
    # The small cases of MULTIPERSISTENCE.md.
    small = {
        "small_1": ([[0], [1], [0, 1]], {(0,): [0, 1], (1,): [1, 0], (0, 1): [1, 1]}, {"box": [[0, 0], [4, 4]]}),
        "small_3": (
            [[0], [1], [2], [3], [0, 1], [1, 2], [2, 3], [0, 3], [0, 2], [1, 3],
             [0, 1, 2], [0, 2, 3], [1, 2, 3], [0, 1, 3]],
            {(0,): [0, 0], (1,): [0, 0], (2,): [0, 0], (3,): [0, 0],
             (0, 1): [1, 1], (1, 2): [1, 1], (2, 3): [1, 1], (0, 3): [1, 1],
             (0, 2): [3, 1], (0, 1, 2): [3, 1], (0, 2, 3): [3, 1],
             (1, 3): [1, 3], (1, 2, 3): [1, 3], (0, 1, 3): [1, 3]},
            {"box": [[0, 0], [4, 4]]}),
    }
    for name, (simplices, grade, options) in small.items():
        st = SimplexTreeMulti(num_parameters=2)
        for s in simplices:
            st.insert(s, np.asarray(grade[tuple(s)], dtype=np.float64))
        run_case(name, st, 2, options)


if __name__ == "__main__":
    main()
