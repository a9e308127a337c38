"""Reference data from robust_laplacian (Sharp & Crane, SGP 2020) for SpectralBasesTests.

Writes Tests/SpectralBasesTests/Reference/robust_<name>.json with the points and
- "mesh": a triangle soup with repeated and nonmanifold triangles (the union of
  the local planar Delaunay triangles at each point, by scipy) and
  robust_laplacian.mesh_laplacian's L (upper triangle, (i, j, value)) and M
  (diagonal): deterministic, compared entry by entry;
- "clouds": for each n_neighbors, point_cloud_laplacian's first 30 generalized
  eigenvalues of L v = lambda M v (dense scipy.linalg.eigh) and the total mass.
  Its L depends on the sign of each PCA normal (Eigen's JacobiSVD), which
  orders the coincident copies of a triangle when the tufted cover is glued,
  so the point-cloud case is compared by spectra, not entries. robust_laplacian's
  own eigenvalues (1..29) move by up to 0.14% (n_neighbors 30) and 0.5% (12)
  when these clouds are rotated or permuted (measured with scipy's eigh).
Run: python3 scripts/make_robust_laplacian_reference.py
"""
import json
import os

import numpy as np
import robust_laplacian
import scipy.linalg
from scipy.spatial import Delaunay, cKDTree

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "SpectralBasesTests", "Reference")


def ellipsoid(n, seed):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    v *= np.array([1.0, 0.8, 0.6])
    return v + 0.01 * rng.normal(size=(n, 3))


def torus(n, seed):
    rng = np.random.default_rng(seed)
    u, w = rng.uniform(0, 2 * np.pi, size=(2, n))
    return np.stack([(1 + 0.4 * np.cos(w)) * np.cos(u), (1 + 0.4 * np.cos(w)) * np.sin(u), 0.4 * np.sin(w)], axis=1)


def local_delaunay_soup(points, k):
    """The triangles at each point of the Delaunay triangulation of its projected k neighbours."""
    _, idx = cKDTree(points).query(points, k + 1)
    faces = []
    for i in range(len(points)):
        nb = idx[i, 1:]
        q = points[nb] - points[i]
        _, _, vt = np.linalg.svd(q - q.mean(axis=0))
        plane = np.vstack([[0.0, 0.0], q @ vt[:2].T])
        for s in Delaunay(plane).simplices:
            if 0 in s:
                a, b = [int(nb[t - 1]) for t in s if t != 0]
                faces.append([i, a, b])
    return faces


def upper(L):
    L = L.tocoo()
    return [[int(i), int(j), float(v)] for i, j, v in zip(L.row, L.col, L.data) if i <= j and v != 0]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, pts in [("ellipsoid", ellipsoid(300, 1)), ("torus", torus(400, 2))]:
        faces = local_delaunay_soup(pts, 12)
        Lm, Mm = robust_laplacian.mesh_laplacian(pts, np.array(faces, dtype=np.int64))
        record = {"points": pts.tolist(),
                  "mesh": {"faces": faces, "mollify_factor": 1e-5, "L": upper(Lm), "M": Mm.diagonal().tolist()},
                  "clouds": []}
        for k in (30, 12):
            L, M = robust_laplacian.point_cloud_laplacian(pts, n_neighbors=k)
            ev = scipy.linalg.eigh(L.toarray(), np.diag(M.diagonal()), eigvals_only=True)[:30]
            record["clouds"].append({"n_neighbors": k, "mollify_factor": 1e-5,
                                     "eigenvalues": ev.tolist(), "total_mass": float(M.diagonal().sum())})
        with open(os.path.join(OUT, f"robust_{name}.json"), "w") as f:
            json.dump(record, f)


if __name__ == "__main__":
    main()
