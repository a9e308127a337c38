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
    /// Image data with no rows.
    case emptyData
    /// A data row with the wrong number of fields (label plus pixels).
    case wrongRowLength(line: Int, found: Int, expected: Int)
    /// A label that is not an integer in 0..<1000.
    case badLabel(line: Int, text: String)
    /// A pixel that is not a finite number.
    case badPixel(line: Int, column: Int, text: String)
    /// A pixel outside [0, 1].
    case pixelOutOfRange(line: Int, column: Int, value: Double)
    /// The images have the wrong size for the model.
    case wrongImageSize(found: Int, expected: Int)
    /// A saved model that does not fit this architecture.
    case incompatibleModel(String)

    public var description: String {
        switch self {
        case let .notInGroup(group, reason): return "not in \(group): \(reason)"
        case .nonPositiveCount(let n): return "the number of samples must be positive, got \(n)"
        case .invalidParameter(let s): return "invalid parameter: \(s)"
        case .emptyData: return "the image data holds no rows"
        case let .wrongRowLength(line, found, expected):
            return "line \(line) has \(found) fields, expected \(expected) (a label and \(expected - 1) pixels)"
        case let .badLabel(line, text): return "line \(line): label '\(text)' is not an integer in 0..<1000"
        case let .badPixel(line, column, text): return "line \(line), column \(column): pixel '\(text)' is not a finite number"
        case let .pixelOutOfRange(line, column, value): return "line \(line), column \(column): pixel \(value) is outside [0, 1]"
        case let .wrongImageSize(found, expected): return "the images are \(found) x \(found), the model expects \(expected) x \(expected)"
        case .incompatibleModel(let s): return "the model file does not fit: \(s)"
        }
    }
}
