/// Errors raised by `LieGroups`.
///
/// ```swift
/// do { _ = try GLPlus2<Double>(Matrix2(a: 1, b: 0, c: 0, d: -1)) }
/// catch { print(error) }   // not in GL+(2): determinant -1.0 is not positive
/// ```
public enum LieGroupError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The matrix is not an element of the named group, and why.
    case notInGroup(group: String, reason: String)
    /// A count (of samples) must be positive.
    case nonPositiveCount(Int)
    /// A sampler parameter is out of range.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .notInGroup(group, reason): return "not in \(group): \(reason)"
        case .nonPositiveCount(let n): return "the number of samples must be positive, got \(n)"
        case .invalidParameter(let s): return "invalid parameter: \(s)"
        }
    }
}
