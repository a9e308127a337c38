#!/usr/bin/env python3
"""Reference multiparameter signed measures for SwiftTDA's tests, made with multipers.

Run from the repository root:
    pip install multipers==2.3.2 gudhi==3.11.0 numpy scikit-learn
    python3 scripts/make_multipers_reference.py
(made with Python 3.11, multipers 2.3.2, gudhi 3.11.0, numpy 2.4.6,
scikit-learn 1.9.1). Do not run it from inside the multipers package folder:
its `pickle.py` shadows the standard library's.

Writes Tests/MultipersistenceTests/Reference/<case>.json, one file per case,
seeded (numpy default_rng with fixed seeds) and deterministic. Floats are
written with Python's repr (they round-trip to float64); infinite values are
the strings "inf" / "-inf". Nothing is sorted: simplices come in the order
`SimplexTreeMulti.get_simplices()` yields them, atoms in the order
`multipers.signed_measure` returns them.

Schema of a case file:
  name, kind, notes, num_parameters,
  points (list of lists or null), function (list, list of lists, or null),
  bandwidth (float or null), threshold (float, or null = full Rips),
  expansion (int or null),
  simplices: list of vertex lists (null for the cubical case),
  grades: one list of num_parameters floats per simplex / cell,
  (cubical only) image (H x W x 2 nested lists), dimensions, boundaries,
  measures: list of {invariant: "hilbert"|"euler"|"rank", degree: int|null,
             grid: "exact" | {"regular": r} | {"quantile": r},
             mass_default: null|"inf"|"auto",
             grid_values: the grid multipers used, one list per parameter,
             points: atom coordinates (rank: rows b1, b2, d1, d2),
             weights: ints}
The script also prints (does not store) sanity checks: the total mass of each
Hilbert measure without mass_default equals the Betti number of the whole
complex, Euler total mass equals its Euler characteristic, and on exact grids
the rank signed barcode restricted to the diagonal gives back the Hilbert
function.
"""
import json
import math
import os
import sys

import gudhi
import numpy as np
import multipers as mp
import multipers.filtrations as mf
from multipers.grids import compute_grid
from multipers.simplex_tree_multi import SimplexTreeMulti
from sklearn.neighbors import KernelDensity

OUT = os.path.join("Tests", "MultipersistenceTests", "Reference")


def jf(x):
    """JSON-safe float."""
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    if math.isnan(x):
        raise ValueError("NaN")
    return x


def jlist(a):
    a = np.asarray(a)
    if a.ndim == 0:
        return jf(a)
    return [jlist(r) for r in a] if a.ndim > 1 else [jf(v) for v in a]


# ---------------------------------------------------------------- complexes

def st_simplices(st):
    simplices, grades = [], []
    for s, f in st.get_simplices():
        simplices.append([int(v) for v in s])
        grades.append([jf(v) for v in np.asarray(f).ravel()])
    return simplices, grades


def whole_betti(simplices, dims=(0, 1, 2)):
    st = gudhi.SimplexTree()
    for s in simplices:
        st.insert(s, 0.0)
    st.compute_persistence(homology_coeff_field=11, persistence_dim_max=True)
    b = st.betti_numbers()
    return {d: (b[d] if d < len(b) else 0) for d in dims}


def noisy_circle(rng, n, noise=0.1):
    t = rng.uniform(0, 2 * np.pi, n)
    r = 1 + noise * rng.standard_normal(n)
    return np.c_[r * np.cos(t), r * np.sin(t)]


# ---------------------------------------------------------------- measures

def grid_spec_to_kwargs(grid):
    if grid == "exact":
        return dict(grid_strategy="exact")
    (k, r), = grid.items()
    return dict(grid_strategy=k, resolution=r)


def measure(cpx, invariant, degree, grid="exact", mass_default=None):
    kw = grid_spec_to_kwargs(grid)
    gv = compute_grid(cpx, strategy=kw["grid_strategy"], resolution=kw.get("resolution"))
    (pts, w), = mp.signed_measure(cpx, degree=degree, invariant=invariant,
                                  mass_default=mass_default, n_jobs=1, **kw)
    ncol = cpx.num_parameters * (2 if invariant == "rank" else 1)
    pts = np.asarray(pts, dtype=float).reshape(len(w), ncol)
    return {
        "invariant": invariant, "degree": degree, "grid": grid,
        "mass_default": mass_default,
        "grid_values": [jlist(g) for g in gv],
        "points": [jlist(p) for p in pts],
        "weights": [int(x) for x in np.asarray(w)],
    }, gv, pts, np.asarray(w, dtype=int)


def hilbert_on_grid(pts, w, gv):
    """H(x) = sum of w over atoms u <= x, on every grid point (2 parameters)."""
    G0, G1 = np.meshgrid(gv[0], gv[1], indexing="ij")
    H = np.zeros(G0.shape, dtype=int)
    for p, wi in zip(pts, w):
        H += wi * ((p[0] <= G0) & (p[1] <= G1))
    return H


def rank_diag_on_grid(pts, w, gv):
    G0, G1 = np.meshgrid(gv[0], gv[1], indexing="ij")
    R = np.zeros(G0.shape, dtype=int)
    for p, wi in zip(pts, w):
        R += wi * ((p[0] <= G0) & (p[1] <= G1) & (G0 < p[2]) & (G1 < p[3]))
    return R


def default_measures(n_points, num_parameters=2, extra=()):
    if num_parameters != 2:
        return [("hilbert", 0, "exact", None), ("hilbert", 1, "exact", None),
                ("euler", None, "exact", None)]
    rank_grid = "exact" if n_points is None or n_points <= 20 else {"regular": 8}
    return [
        ("hilbert", 0, "exact", None), ("hilbert", 1, "exact", None),
        ("euler", None, "exact", None), ("rank", 1, rank_grid, None),
        ("hilbert", 1, {"regular": 7}, None), ("hilbert", 1, {"quantile": 5}, None),
        ("hilbert", 1, "exact", "inf"), ("hilbert", 1, "exact", "auto"),
        ("euler", None, "exact", "inf"), ("euler", None, "exact", "auto"),
    ] + list(extra)


def compute_measures(name, cpx, specs, betti, euler_char):
    out, hilbert_exact = [], {}
    for inv, deg, grid, md in specs:
        m, gv, pts, w = measure(cpx, inv, deg, grid, md)
        out.append(m)
        tag = f"{name}: {inv} H{deg} grid={grid} mass={md}: {len(w)} atoms"
        if md is None and inv == "hilbert":
            ok = int(w.sum()) == betti[deg]
            print(f"  {tag}, total mass {int(w.sum())} vs Betti {betti[deg]}: {'OK' if ok else 'MISMATCH'}")
            if not ok:
                sys.exit(f"Hilbert mass check failed for {name}")
            if grid == "exact" and cpx.num_parameters == 2:
                hilbert_exact[deg] = hilbert_on_grid(pts, w, gv)
        elif md is None and inv == "euler":
            ok = int(w.sum()) == euler_char
            print(f"  {tag}, total mass {int(w.sum())} vs chi {euler_char}: {'OK' if ok else 'MISMATCH'}")
            if not ok:
                sys.exit(f"Euler mass check failed for {name}")
        elif md is None and inv == "rank" and grid == "exact" and deg in hilbert_exact:
            ok = np.array_equal(rank_diag_on_grid(pts, w, gv), hilbert_exact[deg])
            print(f"  {tag}, diagonal == Hilbert: {'OK' if ok else 'MISMATCH'}")
            if not ok:
                sys.exit(f"rank diagonal check failed for {name}")
        else:
            print(f"  {tag}, total mass {int(w.sum())}")
    return out


# ---------------------------------------------------------------- cases

def simplicial_case(name, kind, st, *, points=None, function=None, bandwidth=None,
                    threshold=None, expansion=2, notes="", specs=None):
    simplices, grades = st_simplices(st)
    betti = whole_betti(simplices)
    chi = sum((-1) ** (len(s) - 1) for s in simplices)
    n_points = None if points is None else len(points)
    if specs is None:
        specs = default_measures(n_points, st.num_parameters)
    print(f"{name}: {len(simplices)} simplices, Betti {betti}")
    return {
        "name": name, "kind": kind, "notes": notes,
        "num_parameters": int(st.num_parameters),
        "points": None if points is None else jlist(points),
        "function": None if function is None else jlist(function),
        "bandwidth": bandwidth, "threshold": threshold, "expansion": expansion,
        "simplices": simplices, "grades": grades,
        "measures": compute_measures(name, st, specs, betti, chi),
    }


def function_rips(name, seed, n, threshold=None):
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 1, (n, 2))
    f = rng.uniform(0, 1, n)
    st = mf.RipsLowerstar(points=pts, function=f,
                          threshold_radius=np.inf if threshold is None else threshold)
    st.expansion(2)
    notes = ("multipers.filtrations.RipsLowerstar(points, function, threshold_radius="
             + ("inf" if threshold is None else repr(threshold)) + "), st.expansion(2). "
             "Vertex (0, f(v)); edge (|xi-xj|, max f).")
    return simplicial_case(name, "function_rips", st, points=pts, function=f,
                           threshold=threshold, notes=notes)


def function_rips_3(name, seed, n):
    rng = np.random.default_rng(seed)
    pts = rng.uniform(0, 1, (n, 2))
    f = rng.uniform(0, 1, (n, 2))
    st = mf.RipsLowerstar(points=pts, function=f, threshold_radius=np.inf)
    st.expansion(2)
    notes = ("Three parameters: RipsLowerstar with function of shape (n, 2), full Rips, "
             "expansion 2. Grades (d, f1, f2).")
    return simplicial_case(name, "function_rips", st, points=pts, function=f, notes=notes)


def rips_codensity(name, seed, n, h):
    rng = np.random.default_rng(seed)
    pts = noisy_circle(rng, n)
    st = mf.RipsCodensity(pts, bandwidth=h, threshold_radius=np.inf)
    st.expansion(2)
    vert = {int(s[0]): float(np.asarray(g)[1]) for s, g in st.get_simplices() if len(s) == 1}
    cod = np.array([vert[i] for i in range(n)])
    sk = -KernelDensity(bandwidth=h).fit(pts).score_samples(pts)
    print(f"{name}: max |multipers codensity - sklearn| = {np.max(np.abs(cod - sk)):.3g}")
    notes = ("multipers.filtrations.RipsCodensity(points, bandwidth=h, threshold_radius=inf), "
             "st.expansion(2). 'function' is the codensity multipers computed (each vertex's "
             "second grade), -log of the Gaussian KDE (its own KDE class, = -sklearn "
             "KernelDensity(bandwidth=h).score_samples up to rounding).")
    return simplicial_case(name, "rips_codensity", st, points=pts, function=cod,
                           bandwidth=h, notes=notes)


def alpha_codensity(name, seed, n, h=0.3, circle=True):
    rng = np.random.default_rng(seed)
    pts = noisy_circle(rng, n) if circle else rng.uniform(0, 1, (n, 2))
    cod = -KernelDensity(bandwidth=h).fit(pts).score_samples(pts)
    ast = gudhi.AlphaComplex(points=pts).create_simplex_tree()
    st = SimplexTreeMulti(ast, num_parameters=2)
    st.fill_lowerstar(cod, parameter=1)
    notes = ("gudhi.AlphaComplex(points).create_simplex_tree() (default precision, "
             "filtration = squared circumradius as GUDHI gives, vertices 0), then "
             "SimplexTreeMulti(st, num_parameters=2).fill_lowerstar(codensity, parameter=1), "
             "codensity = -sklearn KernelDensity(bandwidth=0.3).score_samples(points). "
             "No expansion (expansion null).")
    return simplicial_case(name, "alpha_codensity", st, points=pts, function=cod,
                           bandwidth=h, expansion=None, notes=notes)


HAND = {
    "hand_1": ("Two vertices at (0,1) and (1,0), edge at (1,1).",
               [([0], [0, 1]), ([1], [1, 0]), ([0, 1], [1, 1])]),
    "hand_2": ("Four vertices at (0,0), the 4-cycle 01,12,23,03 at (1,1), diagonal 02 "
               "and triangles 012, 023 at (3,3).",
               [([v], [0, 0]) for v in range(4)]
               + [(e, [1, 1]) for e in ([0, 1], [1, 2], [2, 3], [0, 3])]
               + [(s, [3, 3]) for s in ([0, 2], [0, 1, 2], [0, 2, 3])]),
    "hand_3": ("Four vertices at (0,0), 4-cycle at (1,1), diagonal 02 with triangles 012, 023 "
               "at (3,1), diagonal 13 with triangles 123, 013 at (1,3): a tetrahedron's "
               "boundary (S^2).",
               [([v], [0, 0]) for v in range(4)]
               + [(e, [1, 1]) for e in ([0, 1], [1, 2], [2, 3], [0, 3])]
               + [(s, [3, 1]) for s in ([0, 2], [0, 1, 2], [0, 2, 3])]
               + [(s, [1, 3]) for s in ([1, 3], [1, 2, 3], [0, 1, 3])]),
}


def hand_case(name):
    notes, items = HAND[name]
    st = SimplexTreeMulti(num_parameters=2)
    for s, g in items:
        st.insert(s, np.asarray(g, dtype=float))
    specs = []
    for md in (None, "inf", "auto"):
        for d in (0, 1, 2):
            specs.append(("hilbert", d, "exact", md))
        specs.append(("euler", None, "exact", md))
        for d in (0, 1):
            specs.append(("rank", d, "exact", md))
    notes += " Built with SimplexTreeMulti.insert(simplex, grade)."
    return simplicial_case(name, "hand", st, expansion=None, notes=notes, specs=specs)


CUBICAL_NOTES = (
    "multipers.filtrations.Cubical(image) = multipers.slicer.from_bitmap(image), image of "
    "shape (H, W, 2) = (5, 6, 2), float64; result is a Slicer (_Slicer_Matrix0_f64), not a "
    "simplex tree. Convention (read from multipers/gudhi/cubical_to_boundary.h and checked): "
    "values sit on VERTICES, not top cells: GUDHI's Bitmap_cubical_complex(shape=[H, W], "
    "input_top_cells=false) is built on an H x W vertex grid and every cell gets the "
    "coordinatewise max of its vertices' values (lower-star); channel c is parameter c. "
    "Cells are numbered dimension by dimension (all vertices, then edges, then squares), "
    "within a dimension in GUDHI's bitmap order, whose FIRST coordinate varies fastest: "
    "vertex k is at bitmap position (k % H, k // H). But the values are read from "
    "image.reshape(-1, 2) (C order, row-major: flat index i*W + j), so vertex k gets "
    "image.flat-row k = image[k // W, k % W]. For H != W this is NOT the image's own grid: "
    "multipers 2.3.2 effectively builds the cubical complex of the H x W array "
    "M[a, b] = image.reshape(-1, 2)[a + H*b] (i.e. image.reshape(W, H, 2).transpose(1, 0, 2)). "
    "'dimensions', 'boundaries' (face cell indices, sorted) and 'grades' below describe the "
    "complex exactly as the slicer holds it; 'simplices' is null. signed_measure was called "
    "on the slicer (its own Hilbert/rank code paths, not the simplex tree's)."
)


def cubical_case(name, seed):
    rng = np.random.default_rng(seed)
    img = rng.uniform(0, 1, (5, 6, 2))
    s = mf.Cubical(img)
    dims = [int(d) for d in s.get_dimensions()]
    bds = [[int(b) for b in bd] for bd in s.get_boundaries()]
    F = np.asarray(s.get_filtrations(), dtype=float)
    # check the convention stated in the notes
    H, W = img.shape[:2]
    flat = img.reshape(-1, 2)
    nv = H * W

    def verts(i):
        return {i} if not bds[i] else set().union(*(verts(b) for b in bds[i]))

    for i in range(len(dims)):
        vs = sorted(verts(i))
        assert np.array_equal(F[i], flat[vs].max(axis=0)), i
        if dims[i] == 1:
            a, b = vs
            pa, pb = (a % H, a // H), (b % H, b // H)
            assert abs(pa[0] - pb[0]) + abs(pa[1] - pb[1]) == 1
    assert dims.count(0) == nv and dims.count(1) == (H - 1) * W + H * (W - 1)
    print(f"{name}: {len(dims)} cells, convention check OK")
    betti = {0: 1, 1: 0, 2: 0}
    chi = sum((-1) ** d for d in dims)
    specs = default_measures(None, 2)
    return {
        "name": name, "kind": "cubical", "notes": CUBICAL_NOTES, "num_parameters": 2,
        "points": None, "function": None, "bandwidth": None, "threshold": None,
        "expansion": None, "image": jlist(img),
        "simplices": None, "dimensions": dims, "boundaries": bds, "grades": jlist(F),
        "measures": compute_measures(name, s, specs, betti, chi),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    # Seeds of the function-Rips cases were picked (by trying seeds 100..129) so that
    # their H1 Hilbert measures are not empty.
    cases = [
        function_rips("function_rips_1", 115, 12),
        function_rips("function_rips_2", 107, 16),
        function_rips("function_rips_3", 111, 20),
        rips_codensity("rips_codensity_1", 201, 15, 0.2),
        rips_codensity("rips_codensity_2", 202, 20, 0.5),
        function_rips("function_rips_threshold", 121, 16, threshold=0.4),
        alpha_codensity("alpha_codensity_1", 401, 20, circle=True),
        alpha_codensity("alpha_codensity_2", 402, 30, circle=False),
        cubical_case("cubical_1", 501),
        function_rips_3("function_rips_3param", 601, 10),
        hand_case("hand_1"), hand_case("hand_2"), hand_case("hand_3"),
    ]
    total = 0
    for c in cases:
        path = os.path.join(OUT, c["name"] + ".json")
        text = json.dumps(c, separators=(",", ":"))
        with open(path, "w") as fh:
            fh.write(text + "\n")
        size = os.path.getsize(path)
        total += size
        print(f"wrote {path} ({size / 1024:.1f} KB)")
        if size > 300 * 1024:
            sys.exit(f"{path} is larger than 300 KB")
    print(f"total {total / 1024:.1f} KB")


if __name__ == "__main__":
    main()
