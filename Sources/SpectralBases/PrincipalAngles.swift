import LinearAlgebra

/// Cosines of the principal angles between two subspaces of functions on n
/// points, in the inner product <f, g> = sum_i m_i f_i g_i: the way to
/// compare eigenspaces (a repeated eigenvalue has no preferred vectors).
///
/// ```swift
/// // Degree-1 eigenspace of a sphere's basis against x, y, z.
/// let c = try PrincipalAngles.cosines(basis.vectors.map { Array($0[1...3]) }, cloud.rows, mass: basis.mass)
/// c.min()   // close to 1
/// ```
///
/// - Complexity: O(n (p + q)^2) for p and q columns.
public enum PrincipalAngles {
    /// The min(p, q) cosines, descending, each in [0, 1].
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for ragged or empty
    ///   inputs, different point counts, or a set of columns that is
    ///   numerically rank deficient.
    public static func cosines(_ a: [[Double]], _ b: [[Double]], mass: [Double]? = nil) throws -> [Double] {
        let n = a.count
        guard n > 0, b.count == n, mass.map({ $0.count == n }) ?? true else {
            throw SpectralBasesError.invalidParameter(name: "subspaces", reason: "need the same positive number of rows (\(a.count), \(b.count))")
        }
        let m = mass ?? [Double](repeating: 1, count: n)
        let qa = try orthonormalColumns(a, m), qb = try orthonormalColumns(b, m)
        let p = qa.count, q = qb.count
        var c = Matrix<Double>(rows: p, columns: q)
        for i in 0..<p { for j in 0..<q {
            var s = 0.0
            for t in 0..<n { s += m[t] * qa[i][t] * qb[j][t] }
            c[i, j] = s
        }}
        let svd: SingularValueDecomposition<Double>
        do { svd = try c.singularValueDecomposition(method: .lapack) } catch { throw SpectralBasesError.solver("\(error)") }
        return svd.singularValues.sorted(by: >).prefix(min(p, q)).map { min(1, max(0, $0)) }
    }

    /// M-orthonormal columns of the row-major rows (modified Gram-Schmidt, twice).
    static func orthonormalColumns(_ rows: [[Double]], _ m: [Double]) throws -> [[Double]] {
        let n = rows.count
        guard let width = rows.first?.count, width > 0, rows.allSatisfy({ $0.count == width }) else {
            throw SpectralBasesError.invalidParameter(name: "subspaces", reason: "ragged or empty rows")
        }
        var out: [[Double]] = []
        for c in 0..<width {
            var v = rows.map { $0[c] }
            let original = (0..<n).reduce(0.0) { $0 + m[$1] * v[$1] * v[$1] }.squareRoot()
            for _ in 0..<2 {
                for u in out {
                    var dot = 0.0
                    for t in 0..<n { dot += m[t] * u[t] * v[t] }
                    for t in 0..<n { v[t] -= dot * u[t] }
                }
            }
            let norm = (0..<n).reduce(0.0) { $0 + m[$1] * v[$1] * v[$1] }.squareRoot()
            guard norm > 1e-10 * original, norm.isFinite else {
                throw SpectralBasesError.invalidParameter(name: "subspaces", reason: "column \(c) is (numerically) in the span of the previous ones")
            }
            out.append(v.map { $0 / norm })
        }
        return out
    }
}
