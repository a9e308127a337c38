/// Errors raised by `LinearAlgebra`.
///
/// ```swift
/// do { _ = try Matrix<Double>(rows: 2, columns: 2, elements: [1]) }
/// catch { print(error) }  // 2 x 2 matrix needs 4 elements, got 1
/// ```
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The element count does not match the shape.
    case elementCount(rows: Int, columns: Int, found: Int)
    /// Two operands have shapes that do not fit together.
    case shapeMismatch(String)
    /// The operation needs a square matrix.
    case notSquare(rows: Int, columns: Int)
    /// An entry is NaN or infinite.
    case notFinite(row: Int, column: Int)
    /// A symmetric routine got a matrix whose entries (i, j) and (j, i) differ by more than rounding.
    case notSymmetric(row: Int, column: Int)
    /// The real logarithm needs every real eigenvalue positive; this one is not.
    case nonPositiveRealEigenvalue(Double)
    /// A closed form exists only for 2 x 2 matrices.
    case closedFormNeeds2x2(rows: Int, columns: Int)
    /// No LAPACKE library (liblapacke.so.3) could be loaded.
    case lapackUnavailable
    /// A LAPACKE routine returned a non-zero `info`.
    case lapackFailed(routine: String, info: Int)
    /// An iteration did not converge.
    case noConvergence(String)

    public var description: String {
        switch self {
        case let .elementCount(r, c, found): return "\(r) x \(c) matrix needs \(r * c) elements, got \(found)"
        case .shapeMismatch(let s): return "shape mismatch: \(s)"
        case let .notSquare(r, c): return "the matrix must be square, got \(r) x \(c)"
        case let .notFinite(r, c): return "entry (\(r), \(c)) is not a finite number"
        case let .notSymmetric(r, c): return "the matrix is not symmetric: entries (\(r), \(c)) and (\(c), \(r)) differ"
        case .nonPositiveRealEigenvalue(let v):
            return "the real logarithm needs every real eigenvalue positive, found \(v)"
        case let .closedFormNeeds2x2(r, c): return "a closed form needs a 2 x 2 matrix, got \(r) x \(c)"
        case .lapackUnavailable: return "LAPACKE is not installed (liblapacke.so.3; Debian: liblapacke-dev)"
        case let .lapackFailed(routine, info): return "LAPACKE_\(routine) failed with info \(info)"
        case .noConvergence(let s): return "no convergence: \(s)"
        }
    }
}
