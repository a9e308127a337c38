/// Errors raised by multiparameter persistence computations.
///
/// ```swift
/// do { _ = try Grid(values: [[1, 0]]) }
/// catch { print(error) }  // invalid grid: parameter 0 is not strictly increasing
/// ```
public enum MultipersistenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)
    /// A grid is malformed or does not fit the complex.
    case invalidGrid(String)
    /// The computation would exceed the memory or time budget; the message says what to change.
    case overBudget(String)
    /// The invariant is not defined for this input (e.g. rank with n != 2).
    case unsupported(String)

    public var description: String {
        switch self {
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        case let .invalidGrid(s): return "invalid grid: \(s)"
        case let .overBudget(s): return "over budget: \(s)"
        case let .unsupported(s): return "unsupported: \(s)"
        }
    }
}
