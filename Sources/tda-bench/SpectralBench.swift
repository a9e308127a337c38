import Foundation
import SwiftTDA

/// `tda-bench spectral`: time to the first 16 and 49 eigenvectors of the
/// graph Laplacian (k = 10, Gaussian, symmetric) and of the robust Laplacian
/// (30 neighbours) of Fibonacci spheres, against scipy's `eigsh` (shift-invert,
/// sigma = 1e-8, ARPACK on SuperLU) on the very same matrices in the same run,
/// and robust_laplacian's own construction time; then the cosine table:
/// per degree l <= 6, the smallest principal cosine between the eigenvectors
/// l^2 ..< (l+1)^2 and the spherical harmonics of degree l, for our
/// eigenvectors and for scipy's.
///
/// With `--model FILE` (a `tda spectral train` model) it also times the
/// learned basis's inference (network, QR and read-out) at each size and
/// adds its cosines (degrees with (l+1)^2 <= K).
///
///     tda-bench spectral [--sizes 10000,100000] [--methods graph,robust] [--model MODEL.json]
enum SpectralBench {
    static let script = #"""
import sys, time, json
import numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla
from scipy.special import sph_harm_y
points, rows, cols, vals, mass, method = sys.argv[1:7]
P = np.load(points); n = len(P)
L = sp.csr_matrix((np.load(vals), (np.load(rows), np.load(cols))), shape=(n, n))
M = sp.diags(np.load(mass))
out = {}
if method == "robust":
    import robust_laplacian
    t = time.perf_counter(); robust_laplacian.point_cloud_laplacian(P, n_neighbors=30); out["build"] = time.perf_counter() - t
theta = np.arccos(np.clip(P[:, 2], -1, 1)); phi = np.arctan2(P[:, 1], P[:, 0])
def harm(l):
    c = []
    for m in range(l + 1):
        y = sph_harm_y(l, m, theta, phi); c.append(y.real)
        if m > 0: c.append(y.imag)
    return np.array(c).T
w = np.sqrt(M.diagonal())[:, None]
for k in (16, 49):
    t = time.perf_counter(); ev, V = sla.eigsh(L, k, M, sigma=1e-8); out["eigsh%d" % k] = time.perf_counter() - t
    if k == 49:
        cos = []
        for l in range(7):
            qa, _ = np.linalg.qr(V[:, l * l:(l + 1) ** 2] * w); qb, _ = np.linalg.qr(harm(l) * w)
            cos.append(float(np.linalg.svd(qa.T @ qb, compute_uv=False).min()))
        out["cosines"] = cos
        out["eigenvalues"] = ev.tolist()
print(json.dumps(out))
"""#

    static func fibonacci(_ n: Int) throws -> PointCloud {
        let golden = Double.pi * (3 - 5.0.squareRoot())
        var x: [Double] = []
        x.reserveCapacity(3 * n)
        for i in 0..<n {
            let z = 1 - 2 * (Double(i) + 0.5) / Double(n), r = (1 - z * z).squareRoot(), t = golden * Double(i)
            x += [r * cos(t), r * sin(t), z]
        }
        return try PointCloud(count: n, dimension: 3, coordinates: x)
    }

    static func cosines(_ vectors: [Double], k: Int, mass: [Double], cloud: PointCloud, lmax: Int = 6) throws -> [Double] {
        let n = cloud.count
        let y = try RealSphericalHarmonics.evaluate((0..<n).map { SIMD3(cloud.coordinates[3 * $0], cloud.coordinates[3 * $0 + 1], cloud.coordinates[3 * $0 + 2]) }, lmax: lmax)
        return try (0...lmax).map { l in
            let range = (l * l)..<((l + 1) * (l + 1))
            let a = (0..<n).map { i in range.map { vectors[i * k + $0] } }
            let b = (0..<n).map { i in range.map { y.values[i * y.dimension + $0] } }
            return try PrincipalAngles.cosines(a, b, mass: mass).min() ?? 0
        }
    }

    static func run(_ args: [String]) throws {
        var sizes = [10_000, 100_000], methods = ["graph", "robust"]
        var modelPath: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--sizes": i += 1; sizes = (args[safe: i] ?? "").split(separator: ",").compactMap { Int($0) }.filter { $0 >= 100 && $0 <= 2_000_000 }
            case "--methods": i += 1; methods = (args[safe: i] ?? "").split(separator: ",").map(String.init).filter { $0 == "graph" || $0 == "robust" }
            case "--model": i += 1; modelPath = args[safe: i]
            default: throw BenchError("unknown option \(args[i]) (--sizes 10000,100000, --methods graph,robust, --model FILE)")
            }
            i += 1
        }
        var timing = [["points", "method", "build (ours)", "build (robust_laplacian)", "K=16 ours", "K=16 eigsh", "ratio", "K=49 ours", "K=49 eigsh", "ratio", "max |ev - ev_eigsh| / ev"]]
        var cosineTable = [["points", "method", "solver"] + (0...6).map { "l=\($0)" }]
        for n in sizes {
            let cloud = try fibonacci(n)
            for method in methods {
                print("\(method), \(n) Fibonacci points")
                let ((l, mass), build) = try VectorizeBench.time { () throws -> (SparseSymmetricMatrix, [Double]) in
                    if method == "robust" { let r = try PointCloudLaplacian(cloud); return (r.stiffness, r.mass) }
                    return try GraphLaplacian.symmetric.generalizedPair(of: try KNNGraph(cloud))
                }
                let (r16, t16) = try VectorizeBench.time { try GeneralizedEigensolver.smallest(16, of: l, mass: mass) }
                _ = r16
                let (r49, t49) = try VectorizeBench.time { try GeneralizedEigensolver.smallest(49, of: l, mass: mass) }
                print("  ours: build \(VectorizeBench.fmt(build)) s, K=16 \(VectorizeBench.fmt(t16)) s, K=49 \(VectorizeBench.fmt(t49)) s")
                let ours = try cosines(r49.vectors, k: 49, mass: mass, cloud: cloud)
                cosineTable.append(["\(n)", method, "SwiftTDA"] + ours.map { VectorizeBench.fmt($0, 5) })
                // The same matrices for scipy.
                var rows: [Double] = [], cols: [Double] = [], vals: [Double] = []
                for r in 0..<l.order { for t in l.rowStart[r]..<l.rowStart[r + 1] { rows.append(Double(r)); cols.append(Double(l.columns[t])); vals.append(l.values[t]) } }
                let paths = ["points", "rows", "cols", "vals", "mass"].map { ComplexesBench.tempPath("spectral-\($0).npy") }
                defer { for p in paths { try? FileManager.default.removeItem(atPath: p) } }
                try ComplexesBench.save(NPYArray(shape: [n, 3], values: cloud.coordinates), paths[0])
                try ComplexesBench.save(NPYArray(shape: [rows.count], values: rows), paths[1])
                try ComplexesBench.save(NPYArray(shape: [cols.count], values: cols), paths[2])
                try ComplexesBench.save(NPYArray(shape: [vals.count], values: vals), paths[3])
                try ComplexesBench.save(NPYArray(shape: [n], values: mass), paths[4])
                var row = ["\(n)", method, VectorizeBench.fmt(build)]
                if let text = VectorizeBench.python(script, args: paths + [method]),
                   let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
                    let e16 = json["eigsh16"] as? Double ?? .nan, e49 = json["eigsh49"] as? Double ?? .nan
                    let theirs = json["eigenvalues"] as? [Double] ?? []
                    let diff = zip(r49.values, theirs).dropFirst().map { abs($0 - $1) / abs($1) }.max() ?? .nan
                    row += [(json["build"] as? Double).map { VectorizeBench.fmt($0) } ?? "-",
                            VectorizeBench.fmt(t16), VectorizeBench.fmt(e16), VectorizeBench.fmt(e16 / t16, 2) + "x",
                            VectorizeBench.fmt(t49), VectorizeBench.fmt(e49), VectorizeBench.fmt(e49 / t49, 2) + "x",
                            String(format: "%.1e", diff)]
                    let scipyCos = json["cosines"] as? [Double] ?? []
                    cosineTable.append(["\(n)", method, "scipy eigsh"] + scipyCos.map { VectorizeBench.fmt($0, 5) })
                    print("  eigsh: K=16 \(VectorizeBench.fmt(e16)) s, K=49 \(VectorizeBench.fmt(e49)) s")
                } else {
                    row += ["-", VectorizeBench.fmt(t16), "-", "-", VectorizeBench.fmt(t49), "-", "-", "-"]
                }
                timing.append(row)
            }
            if let modelPath {
                let learned = try LearnedSpectralBasis.load(from: URL(fileURLWithPath: modelPath))
                let k = learned.configuration.count
                let (basis, t) = try VectorizeBench.time { try learned.basis(of: cloud) }
                print("  learned (K=\(k)): inference \(VectorizeBench.fmt(t)) s")
                var row = ["\(n)", "learned", "-", "-"]
                row += k == 16 ? [VectorizeBench.fmt(t), "-", "-", "-", "-", "-", "-"] : ["-", "-", "-", k == 49 ? VectorizeBench.fmt(t) : "-", "-", "-", "-"]
                timing.append(row)
                let lmax = max(0, Int(Double(k).squareRoot()) - 1)
                let c = try cosines(basis.vectors.flatMap { $0 }, k: k, mass: basis.mass, cloud: cloud, lmax: lmax)
                cosineTable.append(["\(n)", "learned", "SwiftTDA"] + c.map { VectorizeBench.fmt($0, 5) } + Array(repeating: "-", count: 6 - lmax))
            }
        }
        print("")
        RipsBench.printTable(timing)
        print("")
        RipsBench.printTable(cosineTable)
    }

    /// `tda-bench spectral-free [--points 2000] [--k 49] [--probes 1500] [--steps 1500]`:
    /// the free basis against the objective's exact optimum on the same
    /// probes (the constant, then the leading eigenvectors of the probe
    /// covariance with the constant projected out; the plain PCA bound
    /// beside it), and both per-degree cosines against the harmonics.
    static func runFree(_ args: [String]) throws {
        var n = 2000, k = 49, p = 1500, steps = 1500
        var i = 0
        while i < args.count {
            let v = Int(args[safe: i + 1] ?? "") ?? -1
            switch args[i] {
            case "--points": n = v
            case "--k": k = v
            case "--probes": p = v
            case "--steps": steps = v
            default: throw BenchError("unknown option \(args[i]) (--points, --k, --probes, --steps)")
            }
            guard v >= 1, v <= 100_000 else { throw BenchError("\(args[i]) needs a number in 1...100000") }
            i += 2
        }
        let cloud = try fibonacci(n)
        var g = SeededGenerator(seed: 1)
        let (f, tProbes) = try VectorizeBench.time { try ProbeFunctions(cloud).sample(count: p, using: &g) }
        let tape = Tape<Double>()
        let fv = tape.constant(try Tensor(shape: [n, p], elements: f))
        var c = try Matrix<Double>(rows: n, columns: n, elements: fv.matmul(fv, transposeOther: true).value.elements)
        for a in 0..<n { for b in 0..<a { let s = (c[a, b] + c[b, a]) / 2; c[a, b] = s; c[b, a] = s } }
        var trace = 0.0, total = 0.0
        var rowMean = [Double](repeating: 0, count: n)
        for a in 0..<n { trace += c[a, a]; for b in 0..<n { total += c[a, b]; rowMean[a] += c[a, b] / Double(n) } }
        let grand = total / Double(n * n)
        var d = Matrix<Double>(rows: n, columns: n)
        for a in 0..<n { for b in 0..<n { d[a, b] = c[a, b] - rowMean[a] - rowMean[b] + grand } }
        let eig = try d.symmetricEigendecomposition()
        let order = eig.eigenvalues.indices.sorted { eig.eigenvalues[$0] > eig.eigenvalues[$1] }
        var optimum = 0.0, captured = total / Double(n)
        for level in 0..<k {
            if level > 0 { captured += eig.eigenvalues[order[level - 1]] }
            optimum += (trace - captured) / trace
        }
        optimum /= Double(k)
        let all = try c.symmetricEigendecomposition().eigenvalues.sorted(by: >)
        var bound = 0.0, cap = 0.0
        for level in 0..<k { cap += all[level]; bound += (trace - cap) / trace }
        bound /= Double(k)
        let (fit, tFit) = try VectorizeBench.time { try FreeSpectralBasis.fit(probes: f, probeCount: p, count: k, steps: steps, seed: 3) }
        print("\(n) Fibonacci points, K = \(k), \(p) probes (drawn in \(VectorizeBench.fmt(tProbes)) s); free basis \(steps) steps in \(VectorizeBench.fmt(tFit)) s")
        print("relative loss: free basis \(VectorizeBench.fmt(fit.loss, 5)), exact optimum \(VectorizeBench.fmt(optimum, 5)) (\(VectorizeBench.fmt(100 * (fit.loss / optimum - 1), 2))% above), PCA bound \(VectorizeBench.fmt(bound, 5))")
        let lmax = max(0, Int(Double(k).squareRoot()) - 1)
        var refRows = [Double](repeating: 1, count: n * k)
        for a in 0..<n { for t in 1..<k { refRows[a * k + t] = eig.eigenvectors[a, order[t - 1]] } }
        let ours = try cosines(fit.basis.vectors.flatMap { $0 }, k: k, mass: fit.basis.mass, cloud: cloud, lmax: lmax)
        let best = try cosines(refRows, k: k, mass: [Double](repeating: 1, count: n), cloud: cloud, lmax: lmax)
        RipsBench.printTable([["basis"] + (0...lmax).map { "l=\($0)" },
                              ["free basis"] + ours.map { VectorizeBench.fmt($0, 4) },
                              ["exact optimum"] + best.map { VectorizeBench.fmt($0, 4) }])
    }
}
