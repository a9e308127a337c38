/// Errors raised by persistence computations.
///
/// ```swift
/// do { _ = try FieldModulus(4) }
/// catch { print(error) }  // modulus 4 is not a prime
/// ```
public enum PersistenceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The coefficient modulus is not a prime below 2^16.
    case notPrime(Int)
    /// A dimension is negative or too large.
    case invalidDimension(Int, reason: String)
    /// The threshold is negative or NaN.
    case invalidThreshold(Double)
    /// The computation would need more memory than allowed.
    case tooLarge(String)
    /// Too few points or an empty input.
    case emptyInput(String)
    /// A barcode file could not be parsed.
    case malformedBarcode(line: Int, reason: String)
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case .notPrime(let p): return "modulus \(p) is not a prime below 65536"
        case let .invalidDimension(d, reason): return "invalid dimension \(d): \(reason)"
        case .invalidThreshold(let t): return "invalid threshold \(t): must be a non-negative number"
        case .tooLarge(let s): return "input too large: \(s)"
        case .emptyInput(let s): return "empty input: \(s)"
        case let .malformedBarcode(line, reason): return "barcode line \(line): \(reason)"
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        }
    }
}
