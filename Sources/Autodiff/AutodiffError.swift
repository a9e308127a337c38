/// Errors raised by `Autodiff`.
///
/// ```swift
/// do { _ = try Tensor<Double>(shape: [2, 2], elements: [1]) }
/// catch { print(error) }  // a tensor of shape [2, 2] needs 4 elements, got 1
/// ```
public enum AutodiffError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The element count does not match the shape.
    case elementCount(shape: [Int], found: Int)
    /// A shape has a negative extent, or its element count overflows.
    case invalidShape([Int])
    /// Two operands have shapes that do not fit together.
    case shapeMismatch(String)
    /// An axis is outside the tensor's rank.
    case axisOutOfRange(axis: Int, rank: Int)
    /// An index (label, gather index, slice bound) is outside its range.
    case indexOutOfRange(String)
    /// `backward` needs a tensor with one element (a scalar loss).
    case notScalar(shape: [Int])
    /// A variable from another tape was combined with this one.
    case foreignTape
    /// An argument is outside its allowed range (probability, stride, size).
    case invalidArgument(String)
    /// A parameter set does not fit the model: missing, extra or reshaped parameters.
    case parameterMismatch(String)
    /// A parameter file could not be read or written.
    case io(String)

    public var description: String {
        switch self {
        case let .elementCount(shape, found):
            let n = shape.reduce(1, *)
            return "a tensor of shape \(shape) needs \(n) elements, got \(found)"
        case .invalidShape(let s): return "invalid tensor shape \(s)"
        case .shapeMismatch(let s): return "shape mismatch: \(s)"
        case let .axisOutOfRange(axis, rank): return "axis \(axis) is out of range for a tensor of rank \(rank)"
        case .indexOutOfRange(let s): return "index out of range: \(s)"
        case .notScalar(let s): return "backward needs a scalar (one element), got shape \(s)"
        case .foreignTape: return "the operands were recorded on different tapes"
        case .invalidArgument(let s): return "invalid argument: \(s)"
        case .parameterMismatch(let s): return "the parameters do not fit the model: \(s)"
        case .io(let s): return s
        }
    }
}
