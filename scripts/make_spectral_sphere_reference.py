"""Reference cosines on the Fibonacci sphere for SpectralBasesTests.

For n Fibonacci points on the unit sphere: the principal-angle cosines (in the
M inner product) between the eigenspaces of degrees 0..6 (eigenvectors
l^2 ..< (l+1)^2) and the spherical harmonics of degree l, per degree the
smallest cosine, for
- the robust Laplacian (robust_laplacian.point_cloud_laplacian, 30 neighbours,
  scipy eigsh shift-invert, M = the lumped mass), with its eigenvalues;
- the k-NN graph Laplacian as SpectralBasis.graph builds it: k = 10,
  union-symmetrised, exp(-d^2 / sigma^2) with sigma the median of all 10-NN
  distances, I - D^-1/2 W D^-1/2, M = I (dense numpy eigh).
Writes Tests/SpectralBasesTests/Reference/sphere_<n>.json.
Run: python3 scripts/make_spectral_sphere_reference.py
"""
import json
import os

import numpy as np
import robust_laplacian
import scipy.sparse as sp
import scipy.sparse.linalg as sla
from scipy.spatial import cKDTree
from scipy.special import sph_harm_y

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SpectralBasesTests", "Reference")


def fibonacci(n):
    i = np.arange(n)
    z = 1 - 2 * (i + 0.5) / n
    r = np.sqrt(1 - z * z)
    t = np.pi * (3 - np.sqrt(5)) * i
    return np.c_[r * np.cos(t), r * np.sin(t), z]


def harmonics(points, l):
    theta = np.arccos(np.clip(points[:, 2], -1, 1))
    phi = np.arctan2(points[:, 1], points[:, 0])
    cols = []
    for m in range(l + 1):
        y = sph_harm_y(l, m, theta, phi)
        cols.append(y.real)
        if m > 0:
            cols.append(y.imag)
    return np.array(cols).T


def cosines(points, vectors, mass):
    w = np.sqrt(mass)[:, None]
    out = []
    for l in range(7):
        qa, _ = np.linalg.qr(vectors[:, l * l:(l + 1) ** 2] * w)
        qb, _ = np.linalg.qr(harmonics(points, l) * w)
        out.append(float(np.linalg.svd(qa.T @ qb, compute_uv=False).min()))
    return out


def graph_laplacian(points, k=10):
    n = len(points)
    d, idx = cKDTree(points).query(points, k + 1)
    d, idx = d[:, 1:], idx[:, 1:]
    sigma = np.median(d)
    w = sp.coo_matrix((np.exp(-d.ravel() ** 2 / sigma ** 2), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n)).tocsr()
    w = w.maximum(w.T)
    s = sp.diags(1 / np.sqrt(np.asarray(w.sum(axis=1)).ravel()))
    return sp.eye(n) - s @ w @ s


def main():
    for n in (600, 2000):
        pts = fibonacci(n)
        L, M = robust_laplacian.point_cloud_laplacian(pts, n_neighbors=30)
        ev, vec = sla.eigsh(L, 49, M, sigma=1e-8)
        g = graph_laplacian(pts)
        gev, gvec = np.linalg.eigh(g.toarray())
        record = {"n": n,
                  "robust": {"eigenvalues": ev.tolist(), "cosines": cosines(pts, vec, M.diagonal())},
                  "graph": {"eigenvalues": gev[:49].tolist(), "cosines": cosines(pts, gvec[:, :49], np.ones(n))}}
        with open(os.path.join(OUT, f"sphere_{n}.json"), "w") as f:
            json.dump(record, f, indent=1)
        print(n, "robust", np.round(record["robust"]["cosines"], 5), "graph", np.round(record["graph"]["cosines"], 4))


if __name__ == "__main__":
    main()
