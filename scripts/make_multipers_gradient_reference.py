#!/usr/bin/env python3
"""Reference gradients of Rips-codensity Hilbert signed measures, made with
multipers 2.3.2 and torch (autograd), for SwiftTDA's gradient tests.

Run from the repository root (not from inside the multipers folder):
    pip install multipers==2.3.2 gudhi numpy pykeops torch   # torch: the CPU wheel
    python3 scripts/make_multipers_gradient_reference.py
(made with Python 3.11, multipers 2.3.2, torch 2.13.0+cpu).

It follows multipers.torch.rips_density.function_rips_signed_measure step by
step (full Rips, exact grid), except that it skips `minpres` (which needs the
external mpfree binary and does not change the measure): the codensity is
-log of multipers' KDE (Gaussian, `return_log=True`), the differentiable
grid is `multipers.torch.diff_grids.get_grid("exact")((raveled distance
matrix, codensity))`, the simplex tree is squeezed onto it, NOT
collapsed (see main: multipers' collapse changed a measure), expanded to dimension 2, and `multipers.signed_measure(...,
grid=grid)` gives atoms whose coordinates are entries of the grid tensors,
so autograd reaches one distance / one codensity value per coordinate.

Loss (DESIGN.md's `--loss signed-l1`): L = sum_i w_i |x_i|_1 / sum_i |w_i|.

Writes Tests/MultipersistenceTests/Reference/gradients/rips_codensity.json:
  cases: list of {name, seed, bandwidth, degree, points (N x 2),
                  atoms (coordinates), weights, loss, gradient (N x 2)}
Floats are written with Python's repr (they round-trip to float64).
"""
import json
import os

import gudhi as gd
import multipers as mp
import numpy as np
import torch
from multipers.filtrations.density import KDE
from multipers.torch.diff_grids import get_grid

torch.set_default_dtype(torch.float64)


def case(name, seed, n, bandwidth, degree, collapse=False, pts=None):
    rng = np.random.default_rng(seed)
    if pts is None:
        pts = rng.uniform(0, 1, (n, 2))
    x = torch.tensor(pts, dtype=torch.float64, requires_grad=True)
    codensity = -KDE(bandwidth=bandwidth, kernel="gaussian", return_log=True).fit(x).score_samples(x).type(torch.float64)
    distance_matrix = torch.cdist(x, x)
    grid = get_grid("exact")((distance_matrix.ravel(), codensity), None)
    st = gd.SimplexTree.create_from_array(distance_matrix.detach().numpy(), max_filtration=np.inf)
    st = mp.SimplexTreeMulti(st, num_parameters=2)
    st.fill_lowerstar(codensity.detach().numpy(), parameter=1)
    st = st.grid_squeeze(grid)
    if collapse:
        st.collapse_edges(num=-1)
    st.expansion(2)
    (atoms, weights), = mp.signed_measure(st, grid=grid, degree=degree)
    w = torch.tensor(np.asarray(weights), dtype=torch.float64)
    loss = (w[:, None] * atoms.abs()).sum() / w.abs().sum()
    loss.backward()
    return {
        "name": name, "seed": seed, "bandwidth": bandwidth, "degree": degree,
        "points": pts.tolist(),
        "atoms": atoms.detach().numpy().tolist(), "weights": [int(v) for v in weights],
        "loss": loss.item(), "gradient": x.grad.numpy().tolist(),
    }


def main():
    cases = [
        case("uniform12_h1", 3, 12, 0.3, 1),
        case("uniform12_h0", 3, 12, 0.3, 0),
        case("uniform16_h1", 11, 16, 0.2, 1),
        # No tie cases: multipers' grids sort with torch.sort, which is not
        # stable (a run of equal values comes back in an arbitrary order), and
        # lattice clouds are not tied at float level anyway (0.3 * 2 - 0.3 is
        # 0.29999999999999993; KeOps and SwiftTDA sum the KDE in different
        # orders), so ties are tested in Swift only.
    ]
    # multipers' own pipeline collapses edges (num=-1) on the squeezed tree;
    # in 2.3.2 that changes the H1 measure of the first case (an atom at
    # r = 0.2596... instead of 0.2873..., the uncollapsed and SwiftTDA answer),
    # so the references are uncollapsed and the collapsed answer is recorded beside.
    collapsed = case("uniform12_h1_multipers_collapse", 3, 12, 0.3, 1, collapse=True)
    notes = {"collapsed_first_case_atoms": collapsed["atoms"], "collapsed_first_case_weights": collapsed["weights"],
             "collapse_changes_first_case": collapsed["atoms"] != cases[0]["atoms"]}
    out = os.path.join("Tests", "MultipersistenceTests", "Reference", "gradients", "rips_codensity.json")
    with open(out, "w") as f:
        json.dump({"generator": "scripts/make_multipers_gradient_reference.py", "multipers": mp.__version__,
                   "torch": torch.__version__, "notes": notes, "cases": cases}, f, indent=1)
    print("wrote", out)


if __name__ == "__main__":
    main()
