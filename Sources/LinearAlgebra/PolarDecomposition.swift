/// The polar decompositions A = P U = U H of a square matrix.
///
/// U is orthogonal (a rotation when det A > 0), P = (A A^T)^(1/2) and
/// H = (A^T A)^(1/2) symmetric positive semi-definite; for invertible A all
/// three are unique. The left form A = P U is the one the Lie-group layers
/// use (g = P R).
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 0, 1])
/// let polar = try a.polarDecomposition()
/// let back = try polar.left * polar.orthogonal    // a, to rounding
/// ```
public struct PolarDecomposition<Scalar: LAPACKScalar>: Equatable, Sendable {
    /// The left factor P = (A A^T)^(1/2): A = P U.
    public let left: Matrix<Scalar>
    /// The orthogonal factor U.
    public let orthogonal: Matrix<Scalar>
    /// The right factor H = (A^T A)^(1/2): A = U H.
    public let right: Matrix<Scalar>
}
