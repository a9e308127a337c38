#!/usr/bin/env python3
"""Time one step of the ICML 2024 point-cloud example in multipers 2.3.2 +
torch, for comparison with `tda-bench gradient`: the points of
`tda-bench gradient --steps 0 --out FILE` (or any CSV), Gaussian codensity
bandwidth 0.1, full Rips (threshold inf), exact differentiable grid, edge
collapse, expansion 2, H1 Hilbert signed measure, loss (sum over w > 0 of
|x|_1 - sum over w < 0 of |x|_1) / number of atoms, backward, one Adam step
(lr 0.01). `minpres` is skipped (it needs the external mpfree binary).

    python3 scripts/bench_multipers_gradient.py POINTS.csv [STEPS]
"""
import sys
import time

import gudhi as gd
import multipers as mp
import numpy as np
import torch
from multipers.filtrations.density import KDE
from multipers.torch.diff_grids import get_grid


def measure(x, collapse=True):
    codensity = -KDE(bandwidth=0.1, kernel="gaussian", return_log=True).fit(x).score_samples(x).type(torch.float64)
    d = torch.cdist(x, x)
    grid = get_grid("exact")((d.ravel(), codensity), None)
    st = gd.SimplexTree.create_from_array(d.detach().numpy(), max_filtration=np.inf)
    st = mp.SimplexTreeMulti(st, num_parameters=2)
    st.fill_lowerstar(codensity.detach().numpy(), parameter=1)
    st = st.grid_squeeze(grid)
    if collapse:
        st.collapse_edges(num=-1)
    st.expansion(2)
    (pts, w), = mp.signed_measure(st, grid=grid, degree=1)
    return pts, np.asarray(w)


def main():
    pts = np.loadtxt(sys.argv[1], delimiter=",")
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    x = torch.tensor(pts, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([x], lr=0.01)
    measure(x)  # KeOps compiles its kernels on the first call
    for step in range(steps):
        t = time.perf_counter()
        opt.zero_grad()
        sm, w = measure(x)
        loss = (sm[w > 0].abs().sum() - sm[w < 0].abs().sum()) / sm.shape[0]
        loss.backward()
        opt.step()
        print(f"{step},{loss.item()},{sm.shape[0]},{time.perf_counter() - t:.4f}", flush=True)


if __name__ == "__main__":
    main()
