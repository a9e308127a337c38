#!/usr/bin/env python3
"""Reference values for Tests/SphericalHarmonicsTests/Reference/.

- wigner3j.json: Wigner 3j symbols computed exactly by sympy
  (sympy.physics.wigner.wigner_3j, rational arithmetic), written as
  round-trip strings; small and large degrees (up to l = 60), including
  cases near the edges of the allowed range where recursions are hardest.
- e3nn_harmonics.json: e3nn 0.6 real spherical harmonics
  (o3.spherical_harmonics(l, v, normalize=True, normalization='integral'),
  float64) at seeded random vectors, for the conversion test.

Needs: pip install sympy e3nn torch. Run from the package root:
    python3 scripts/make_sh_reference.py
"""
import json
import os
import random

import sympy
from sympy.physics.wigner import wigner_3j

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SphericalHarmonicsTests", "Reference")
os.makedirs(OUT, exist_ok=True)


def three_j_cases():
    rng = random.Random(20261201)
    cases = []
    # Every symbol with l1, l2, l3 <= 3 and valid m's (small, exhaustive).
    for l1 in range(4):
        for l2 in range(4):
            for l3 in range(abs(l1 - l2), min(l1 + l2, 3) + 1):
                for m1 in range(-l1, l1 + 1):
                    for m2 in range(-l2, l2 + 1):
                        m3 = -m1 - m2
                        if abs(m3) <= l3:
                            cases.append((l1, l2, l3, m1, m2, m3))
    # Random larger ones, and the edges of the l3 range.
    while len(cases) < 700:
        l1 = rng.randint(0, 60)
        l2 = rng.randint(0, 60)
        m1 = rng.randint(-l1, l1)
        m2 = rng.randint(-l2, l2)
        lo = max(abs(l1 - l2), abs(m1 + m2))
        hi = l1 + l2
        if lo > hi:
            continue
        choice = rng.random()
        if choice < 0.25:
            l3 = lo
        elif choice < 0.5:
            l3 = hi
        else:
            l3 = rng.randint(lo, hi)
        cases.append((l1, l2, l3, m1, m2, -m1 - m2))
    rows = []
    for (l1, l2, l3, m1, m2, m3) in cases:
        value = wigner_3j(l1, l2, l3, m1, m2, m3)
        rows.append([l1, l2, l3, m1, m2, m3, repr(float(sympy.N(value, 30)))])
    return rows


def e3nn_rows():
    import numpy as np
    import torch
    from e3nn import o3
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(20, 3))
    lmax = 6
    sh = o3.spherical_harmonics(list(range(lmax + 1)), torch.tensor(vectors, dtype=torch.float64),
                                normalize=True, normalization="integral").numpy()
    return {"lmax": lmax, "vectors": [[repr(float(x)) for x in v] for v in vectors],
            "values": [[repr(float(x)) for x in row] for row in sh]}


def main():
    with open(os.path.join(OUT, "wigner3j.json"), "w") as f:
        json.dump({"source": "sympy %s wigner_3j (exact)" % sympy.__version__, "rows": three_j_cases()}, f)
    try:
        import e3nn
        data = e3nn_rows()
        data["source"] = "e3nn %s o3.spherical_harmonics, normalize=True, normalization='integral'" % e3nn.__version__
        with open(os.path.join(OUT, "e3nn_harmonics.json"), "w") as f:
            json.dump(data, f)
    except ImportError:
        print("e3nn not installed: e3nn_harmonics.json left as it is")


if __name__ == "__main__":
    main()
