#!/usr/bin/env python3
"""Reference values for the Wasserstein auction (WassersteinAuctionTests).

Seeded random diagrams (births U(0,1), lengths Exp(0.1), some points on a
coarse grid so there are ties, some on the diagonal) and their exact
q-Wasserstein distances from POT through gudhi.wasserstein
(wasserstein_distance(order=q, internal_p=p)), beside hera's approximate
value (gudhi.hera.wasserstein_distance, delta=0.01) for information.

Run: python3 scripts/make_wasserstein_auction_reference.py
Writes Tests/PersistenceTests/Reference/wasserstein_auction.json.
"""
import json
import pathlib

import numpy as np
import gudhi
import gudhi.hera
import ot
from gudhi.wasserstein import wasserstein_distance


def diagram(rng, n):
    b = rng.uniform(0, 1, n)
    d = b + rng.exponential(0.1, n)
    kind = rng.integers(0, 5, n)
    grid = kind == 0
    b[grid] = rng.integers(0, 5, grid.sum()) / 4
    d[grid] = b[grid] + (rng.integers(0, 4, grid.sum()) + 1) / 4
    diag = kind == 1
    d[diag] = b[diag]
    return np.stack([b, d], axis=1)


def main():
    rng = np.random.default_rng(20261204)
    cases = []
    for n, m in [(400, 300), (150, 120), (60, 90), (1, 0)]:
        a, b = diagram(rng, n), diagram(rng, m)
        values = []
        for q, p in [(1, np.inf), (2, np.inf), (1, 2.0), (3, np.inf)]:
            exact = wasserstein_distance(a, b, order=q, internal_p=p)
            hera = gudhi.hera.wasserstein_distance(a, b, order=q, internal_p=p, delta=0.01)
            values.append({"order": q, "internal_p": "inf" if np.isinf(p) else p,
                           "exact": float(exact), "hera": float(hera)})
        cases.append({"a": a.tolist(), "b": b.tolist(), "values": values})
    out = {"generator": "scripts/make_wasserstein_auction_reference.py",
           "versions": {"gudhi": gudhi.__version__, "pot": ot.__version__, "numpy": np.__version__},
           "cases": cases}
    path = pathlib.Path(__file__).resolve().parent.parent / "Tests/PersistenceTests/Reference/wasserstein_auction.json"
    path.write_text(json.dumps(out, indent=None) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
