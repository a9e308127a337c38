/// The eigendecomposition A = Q diag(eigenvalues) Q^T of a symmetric matrix.
///
/// Eigenvalues ascending (LAPACK's order); column j of `eigenvectors` is a
/// unit eigenvector for eigenvalue j, its largest-magnitude entry made
/// positive, so both routes (closed form, LAPACKE) give the same vectors
/// for distinct eigenvalues.
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 1, 2])
/// let e = try a.symmetricEigendecomposition()
/// print(e.eigenvalues)                          // [1.0, 3.0]
/// let back = try e.reconstructed()              // a, to rounding
/// ```
public struct SymmetricEigendecomposition<Scalar: LAPACKScalar>: Equatable, Sendable {
    /// The eigenvalues, ascending.
    public let eigenvalues: [Scalar]
    /// The orthonormal eigenvectors, one per column.
    public let eigenvectors: Matrix<Scalar>

    /// Q diag(f(eigenvalues)) Q^T: the matrix function f of the symmetric matrix.
    public func applying(_ f: (Scalar) -> Scalar) throws -> Matrix<Scalar> {
        let n = eigenvalues.count
        var scaled = eigenvectors
        for i in 0..<n { for j in 0..<n { scaled[i, j] *= f(eigenvalues[j]) } }
        return try scaled * eigenvectors.transposed()
    }

    /// Q diag(eigenvalues) Q^T.
    public func reconstructed() throws -> Matrix<Scalar> { try applying { $0 } }
}
