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

    public var description: String {
        switch self {
        case let .elementCount(r, c, found): return "\(r) x \(c) matrix needs \(r * c) elements, got \(found)"
        case .shapeMismatch(let s): return "shape mismatch: \(s)"
        }
    }
}
