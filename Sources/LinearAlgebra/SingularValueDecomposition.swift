/// The singular value decomposition A = U diag(singularValues) V^T.
///
/// Singular values descending and non-negative; U is m x m, V is n x n,
/// both orthogonal. The pair (u_j, v_j) is signed so that v_j's
/// largest-magnitude entry is positive, so both routes give the same
/// vectors for distinct singular values.
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [3, 0, 4, 5])
/// let svd = try a.singularValueDecomposition()
/// print(svd.singularValues)                     // [6.708..., 2.236...]
/// let back = try svd.reconstructed()            // a, to rounding
/// ```
public struct SingularValueDecomposition<Scalar: LAPACKScalar>: Equatable, Sendable {
    /// The left singular vectors (m x m).
    public let u: Matrix<Scalar>
    /// The min(m, n) singular values, descending.
    public let singularValues: [Scalar]
    /// The right singular vectors (n x n), one per column (V, not V^T).
    public let v: Matrix<Scalar>

    /// U diag(s) V^T.
    public func reconstructed() throws -> Matrix<Scalar> {
        var us = Matrix<Scalar>(rows: u.rows, columns: v.rows)
        for i in 0..<u.rows { for j in 0..<singularValues.count { us[i, j] = u[i, j] * singularValues[j] } }
        return try us * v.transposed()
    }
}
