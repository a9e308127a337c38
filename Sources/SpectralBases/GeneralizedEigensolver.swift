import Foundation
import LinearAlgebra
import PointClouds

/// The smallest K eigenpairs of L v = lambda M v, L sparse symmetric
/// positive semi-definite, M diagonal positive: dense LAPACKE (on
/// M^-1/2 L M^-1/2) up to `denseLimit` unknowns, shift-invert Lanczos above.
///
/// Shift-invert Lanczos: the operator (L + sigma M)^-1 M is symmetric in the
/// M inner product and its largest eigenvalues 1 / (lambda + sigma) are the
/// wanted ones, well separated, so a Lanczos basis of a few times K vectors
/// (fully re-orthogonalised in the M inner product, a second pass when the
/// first one removed most of the vector) holds them; the
/// solves go through a `SparseCholesky` of L + sigma M, with sigma a small
/// positive shift (1e-6 times the largest L_ii / M_ii) so the factor exists
/// for the singular L. The basis grows by a tenth until every wanted Ritz pair
/// has a relative residual below `tolerance`.
///
/// The vectors come out M-orthonormal: V^T M V = I. One caveat of every
/// single-vector Lanczos (ARPACK's too): an eigenvalue of exactly repeated
/// multiplicity (an exact symmetry of the input) is found once per rounding
/// error; sampled clouds split such multiplicities and are unaffected.
///
/// ```swift
/// let l = try PointCloudLaplacian(cloud)
/// let (values, vectors) = try GeneralizedEigensolver.smallest(16, of: l.stiffness, mass: l.mass)
/// ```
public enum GeneralizedEigensolver {
    /// Up to this many unknowns the dense solver is used.
    public static let denseLimit = 1200

    /// The K smallest eigenvalues, ascending, and their vectors (row-major n x K).
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for a K outside
    ///   1...n or a mass that is not positive; `.solver` when the
    ///   factorisation or the iteration fails.
    public static func smallest(_ k: Int, of l: SparseSymmetricMatrix, mass: [Double],
                                tolerance: Double = 1e-10, seed: UInt64 = 0x5EED) throws -> (values: [Double], vectors: [Double]) {
        let n = l.order
        guard mass.count == n else {
            throw SpectralBasesError.invalidParameter(name: "mass", reason: "\(mass.count) values for \(n) unknowns")
        }
        guard k >= 1, k <= n else {
            throw SpectralBasesError.invalidParameter(name: "--k", reason: "must be between 1 and the \(n) points, got \(k)")
        }
        if let i = mass.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw SpectralBasesError.invalidParameter(name: "mass", reason: "entry \(i) is \(mass[i]); need positive masses")
        }
        return n <= denseLimit ? try dense(k, l, mass) : try lanczos(k, l, mass, tolerance: tolerance, seed: seed)
    }

    static func dense(_ k: Int, _ l: SparseSymmetricMatrix, _ mass: [Double]) throws -> ([Double], [Double]) {
        let n = l.order
        let s = mass.map { 1 / $0.squareRoot() }
        var a = Matrix<Double>(rows: n, columns: n)
        for i in 0..<n { for t in l.rowStart[i]..<l.rowStart[i + 1] { let j = Int(l.columns[t]); a[i, j] = l.values[t] * s[i] * s[j] } }
        let e: SymmetricEigendecomposition<Double>
        do { e = try a.symmetricEigendecomposition(method: .lapack) } catch { throw SpectralBasesError.solver("\(error)") }
        var v = [Double](repeating: 0, count: n * k)
        for i in 0..<n { for c in 0..<k { v[i * k + c] = e.eigenvectors[i, c] * s[i] } }
        return (Array(e.eigenvalues.prefix(k)), v)
    }

    static func lanczos(_ k: Int, _ l: SparseSymmetricMatrix, _ mass: [Double], tolerance: Double, seed: UInt64) throws -> ([Double], [Double]) {
        let n = l.order
        var scale = 0.0
        for i in 0..<n { scale = max(scale, abs(l[i, i]) / mass[i]) }
        let sigma = max(scale, 1e-300) * 1e-6
        var shifted: [(Int, Int, Double)] = []
        shifted.reserveCapacity(l.values.count + n)
        for i in 0..<n {
            for t in l.rowStart[i]..<l.rowStart[i + 1] { shifted.append((i, Int(l.columns[t]), l.values[t])) }
            shifted.append((i, i, sigma * mass[i]))
        }
        let chol = try SparseCholesky(try SparseSymmetricMatrix(order: n, triplets: shifted))
        // Lanczos vectors, one row each (row-major m x n), M-orthonormal.
        var basis: [Double] = []
        var alpha: [Double] = [], beta: [Double] = []
        var rng = SeededGenerator(seed: seed)
        var q = (0..<n).map { _ in rng.uniform() - 0.5 }
        let norm0 = mNorm(q, mass)
        for i in 0..<n { q[i] /= norm0 }
        var previous = [Double](repeating: 0, count: n)
        var previousBeta = 0.0
        var target = min(n, max(2 * k + 20, 40))
        let limit = min(n, max(8 * k + 100, 400))
        var mq = [Double](repeating: 0, count: n)
        var h = [Double](repeating: 0, count: 0)
        while true {
            while alpha.count < target {
                basis.append(contentsOf: q)
                let j = alpha.count
                for i in 0..<n { mq[i] = mass[i] * q[i] }
                var w = chol.solve(mq)
                for i in 0..<n { mq[i] = mass[i] * w[i] }
                var a = 0.0
                for i in 0..<n { a += q[i] * mq[i] }
                for i in 0..<n { w[i] -= a * q[i] + previousBeta * previous[i] }
                // Full re-orthogonalisation against every Lanczos vector; a second pass when the
                // first removed most of w (the DGKS criterion, |w| dropping below 0.7 of itself).
                var before = mNorm(w, mass)
                for _ in 0..<2 {
                    for i in 0..<n { mq[i] = mass[i] * w[i] }
                    h = [Double](repeating: 0, count: j + 1)
                    basis.withUnsafeBufferPointer { b in mq.withUnsafeBufferPointer { m in h.withUnsafeMutableBufferPointer { hp in
                        guard let bp = b.baseAddress, let mp = m.baseAddress, let hh = hp.baseAddress else { return }
                        Double.gemm(transposeA: false, transposeB: false, m: j + 1, n: 1, k: n, alpha: 1, a: bp, lda: n, b: mp, ldb: 1, beta: 0, c: hh, ldc: 1)
                    }}}
                    basis.withUnsafeBufferPointer { b in h.withUnsafeBufferPointer { hp in w.withUnsafeMutableBufferPointer { wp in
                        guard let bp = b.baseAddress, let hh = hp.baseAddress, let ww = wp.baseAddress else { return }
                        Double.gemm(transposeA: true, transposeB: false, m: n, n: 1, k: j + 1, alpha: -1, a: bp, lda: n, b: hh, ldb: 1, beta: 1, c: ww, ldc: 1)
                    }}}
                    a += h[j]
                    let after = mNorm(w, mass)
                    if after > 0.7 * before { break }
                    before = after
                }
                alpha.append(a)
                var b = mNorm(w, mass)
                previous = q
                if !(b > 1e-13 * abs(a)) || !b.isFinite {
                    // An invariant subspace: continue from a fresh random vector M-orthogonal to the basis.
                    w = (0..<n).map { _ in rng.uniform() - 0.5 }
                    for _ in 0..<2 {
                        for i in 0..<n { mq[i] = mass[i] * w[i] }
                        for r in 0...j {
                            var dot = 0.0
                            for i in 0..<n { dot += basis[r * n + i] * mq[i] }
                            for i in 0..<n { w[i] -= dot * basis[r * n + i] }
                        }
                    }
                    let fresh = mNorm(w, mass)
                    guard fresh > 0, fresh.isFinite else { throw SpectralBasesError.solver("Lanczos broke down after \(j + 1) vectors") }
                    for i in 0..<n { w[i] /= fresh }
                    b = 0
                    beta.append(0)
                    q = w
                } else {
                    beta.append(b)
                    for i in 0..<n { q[i] = w[i] / b }
                }
                previousBeta = b
            }
            // The Ritz pairs of the tridiagonal matrix.
            let m = alpha.count
            var t = Matrix<Double>(rows: m, columns: m)
            for i in 0..<m { t[i, i] = alpha[i]; if i + 1 < m { t[i, i + 1] = beta[i]; t[i + 1, i] = beta[i] } }
            let e: SymmetricEigendecomposition<Double>
            do { e = try t.symmetricEigendecomposition(method: .lapack) } catch { throw SpectralBasesError.solver("\(error)") }
            // Largest theta first: the smallest lambda.
            let wanted = (0..<min(k, m)).map { m - 1 - $0 }
            let lastBeta = beta[m - 1]
            let converged = wanted.allSatisfy { c in abs(lastBeta * e.eigenvectors[m - 1, c]) <= tolerance * abs(e.eigenvalues[c]) }
            if (converged && m >= k) || m >= limit || m == n {
                if !converged && m < n {
                    throw SpectralBasesError.solver("shift-invert Lanczos did not converge with \(m) vectors (tolerance \(tolerance))")
                }
                var values = [Double](repeating: 0, count: k)
                var s = [Double](repeating: 0, count: m * k)
                for (c, col) in wanted.enumerated() {
                    values[c] = 1 / e.eigenvalues[col] - sigma
                    for r in 0..<m { s[r * k + c] = e.eigenvectors[r, col] }
                }
                // V = Q^T S (n x k, row-major).
                var v = [Double](repeating: 0, count: n * k)
                basis.withUnsafeBufferPointer { b in s.withUnsafeBufferPointer { sp in v.withUnsafeMutableBufferPointer { vp in
                    guard let bp = b.baseAddress, let ss = sp.baseAddress, let vv = vp.baseAddress else { return }
                    Double.gemm(transposeA: true, transposeB: false, m: n, n: k, k: m, alpha: 1, a: bp, lda: n, b: ss, ldb: k, beta: 0, c: vv, ldc: k)
                }}}
                return (values, v)
            }
            // Grow in small steps: a check (the tridiagonal eigenproblem, O(m^3)) costs far less than a solve.
            target = min(limit, n, target + max(10, target / 10))
        }
    }

    static func mNorm(_ x: [Double], _ mass: [Double]) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += mass[i] * x[i] * x[i] }
        return s.squareRoot()
    }
}
