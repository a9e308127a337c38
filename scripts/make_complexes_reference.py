#!/usr/bin/env python3
"""Reference barcodes from GUDHI for Tests/ComplexesTests (simplex trees,
cubical complexes, exact alpha complexes). Deterministic: fixed seeds.

    python3 scripts/make_complexes_reference.py   # rewrites Tests/ComplexesTests/Reference/*.json
"""
import json, os
import numpy as np
import gudhi

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "ComplexesTests", "Reference")


def bars(pairs):
    # Numbers as shortest round-trip strings: JSON number parsers need not round correctly.
    rows = sorted([(int(d), float(b), float(d_)) for d, (b, d_) in pairs])
    return [[d, repr(b), repr(d_)] for d, b, d_ in rows]


def reals(values):
    return [repr(float(v)) for v in values]


def simplex_tree_cases():
    cases = []
    rng = np.random.default_rng(1)
    for case in range(4):
        st = gudhi.SimplexTree()
        n = 9
        for _ in range(40):
            k = int(rng.integers(1, 5))
            s = sorted(rng.choice(n, size=k, replace=False).tolist())
            st.insert(s, float(rng.integers(0, 12)) / 4)   # ties on purpose
        st.make_filtration_non_decreasing()
        simplices = [[s, repr(f)] for s, f in st.get_filtration()]
        for p in (2, 3):
            cases.append({"name": f"random{case}_mod{p}", "modulus": p, "simplices": simplices,
                          "bars": bars(st.persistence(homology_coeff_field=p, persistence_dim_max=True))})
    # RP^2 (6 vertices): torsion shows with p = 2 vs 3.
    rp2 = [[0,1,2],[0,2,3],[0,3,4],[0,4,5],[0,1,5],[1,2,4],[2,4,5],[2,3,5],[1,3,5],[1,3,4]]
    st = gudhi.SimplexTree()
    for t in rp2:
        st.insert(t, 1.0)
    for p in (2, 3):
        cases.append({"name": f"rp2_mod{p}", "modulus": p, "simplices": [[s, repr(f)] for s, f in st.get_filtration()],
                      "bars": bars(st.persistence(homology_coeff_field=p, persistence_dim_max=True))})
    return cases


def cubical_cases():
    cases = []
    rng = np.random.default_rng(2)
    images = [("random2d", rng.random((12, 17))),
              ("ties2d", rng.integers(0, 5, size=(10, 9)).astype(float)),
              ("random3d", rng.random((5, 6, 7))),
              ("ties3d", rng.integers(0, 4, size=(4, 5, 6)).astype(float)),
              ("row", rng.random((1, 7)))]
    for name, img in images:
        for variant in ("top", "vertices"):
            c = gudhi.CubicalComplex(top_dimensional_cells=img) if variant == "top" else gudhi.CubicalComplex(vertices=img)
            cases.append({"name": f"{name}_{variant}", "variant": variant, "shape": list(img.shape),
                          "values": reals(img.ravel()), "bars": bars(c.persistence(homology_coeff_field=2))})
    return cases


def alpha_cases():
    rng = np.random.default_rng(3)
    sets = []
    sets.append(("random2d", rng.random((60, 2))))
    sets.append(("random3d", rng.random((50, 3))))
    g = np.array([[x, y] for x in range(6) for y in range(5)], float)
    sets.append(("grid2d", g))
    g3 = np.array([[x, y, z] for x in range(4) for y in range(4) for z in range(3)], float)
    sets.append(("grid3d", g3))
    d = rng.random((20, 3)); d = np.vstack([d, d[:7], d[3:5]])
    sets.append(("duplicates3d", d))
    d2 = rng.random((20, 2)); d2 = np.vstack([d2, d2[:5]])
    sets.append(("duplicates2d", d2))
    t = np.linspace(0, 1, 9)
    sets.append(("collinear2d", np.array([[2 * x, 1 + 3 * x] for x in rng.random(9)], float)))
    sets.append(("collinear3d", np.array([[x, 2 * x, -x] for x in [0, 1, 2, 5, 3.5, 0.25]], float)))
    sets.append(("coplanar3d", np.array([[x, y, 0.5] for x, y in rng.random((15, 2))], float)))
    sets.append(("tiltedplane3d", np.array([[x, y, x + 2 * y] for x, y in rng.integers(0, 6, size=(14, 2))], float)))
    ang = np.arange(12) * 2 * np.pi / 12
    sets.append(("cocircular2d", np.array([[0, 0]] + [[5 * c, 5 * s] for c, s in zip(np.cos(ang), np.sin(ang))], float)))
    # Cube corners and octahedron: cospherical in 3D, exact coordinates.
    cube = [[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)]
    octa = [[2, 0, 0], [-2, 0, 0], [0, 2, 0], [0, -2, 0], [0, 0, 2], [0, 0, -2]]
    sets.append(("cospherical3d", np.array(cube + octa + [[0, 0, 0]], float)))
    sets.append(("integers3d", rng.integers(0, 4, size=(40, 3)).astype(float)))
    # Every integer point on the sphere of radius 25 and the circle of radius 65:
    # all cospherical (cocircular), with the centre added.
    sph = [[x, y, z] for x in range(-25, 26) for y in range(-25, 26) for z in range(-25, 26) if x * x + y * y + z * z == 625]
    sets.append(("spherelattice3d", np.array(sph + [[0, 0, 0]], float)))
    cir = [[x, y] for x in range(-65, 66) for y in range(-65, 66) if x * x + y * y == 65 * 65]
    sets.append(("circlelattice2d", np.array(cir + [[0, 0]], float)))
    cases = []
    for name, pts in sets:
        ac = gudhi.AlphaComplex(points=pts, precision="exact")
        st = ac.create_simplex_tree()
        cases.append({"name": name, "points": [reals(p) for p in pts],
                      "bars": bars(st.persistence(homology_coeff_field=2))})
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, cases in (("simplex_tree", simplex_tree_cases()), ("cubical", cubical_cases()), ("alpha", alpha_cases())):
        with open(os.path.join(OUT, f"{name}.json"), "w") as f:
            json.dump({"gudhi": gudhi.__version__, "cases": cases}, f, separators=(",", ":"))
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main()
