/// Errors raised by `SphericalHarmonics`.
///
/// ```swift
/// do { _ = try SphericalFeatures<Double>(lmax: 1, values: [1, 2, 3]) }
/// catch { print(error) }  // 3 values is not a whole number of degree-1 features ((L+1)^2 = 4 each)
/// ```
public enum SphericalHarmonicsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A degree is negative or beyond what memory or the method allows.
    case invalidDegree(name: String, value: Int, reason: String)
    /// A feature row's length is not (L+1)^2 for any L, or not the expected one.
    case badFeatureLength(row: Int?, found: Int, expected: String)
    /// Two batches that go together have different sizes.
    case batchMismatch(String)
    /// A value is NaN or infinite.
    case nonFinite(row: Int, column: Int)
    /// A direction is the zero vector (it has no direction).
    case zeroVector(row: Int)
    /// Some other parameter is outside its range.
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidDegree(name, value, reason): return "invalid \(name) \(value): \(reason)"
        case let .badFeatureLength(row, found, expected):
            let at = row.map { "row \($0) has " } ?? ""
            return "\(at)\(found) values, expected \(expected)"
        case .batchMismatch(let s): return "batch sizes differ: \(s)"
        case let .nonFinite(row, column): return "row \(row), column \(column): value is NaN or infinite"
        case .zeroVector(let row): return "row \(row) is the zero vector, which has no direction"
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        }
    }
}
