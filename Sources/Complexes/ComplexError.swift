/// Errors raised while building filtered complexes (simplex trees, alpha and
/// cubical complexes).
///
/// Every case says what is wrong with the input so a user can fix it:
///
/// ```swift
/// do { _ = try AlphaComplex(points: try PointCloud(rows: [[0, 0], [1, 0]])) }
/// catch let error as ComplexError { print(error) }  // 2 points in dimension 2, at least 3 needed
/// ```
public enum ComplexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Fewer points than the ambient dimension + 1.
    case tooFewPoints(found: Int, dimension: Int)
    /// A coordinate or value is NaN or infinite.
    case nonFinite(index: Int)
    /// The ambient dimension is not supported by this construction.
    case unsupportedDimension(Int, supported: String)
    /// An image has no cells.
    case emptyImage
    /// An image row has a different length from the first.
    case raggedImage(row: Int, found: Int, expected: Int)
    /// An image's shape does not match its number of values.
    case badShape(shape: [Int], values: Int)
    /// A simplex is empty, has a repeated or negative vertex.
    case invalidSimplex([Int])
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)
    /// The complex would be too large to index.
    case tooLarge(String)
    /// A filtered complex's arrays break one of its promises (cell nil: the whole complex).
    case invalidComplex(cell: Int?, reason: String)

    public var description: String {
        switch self {
        case let .tooFewPoints(found, dimension):
            return "\(found) point\(found == 1 ? "" : "s") in dimension \(dimension), at least \(dimension + 1) needed"
        case let .nonFinite(index):
            return "value \(index) is NaN or infinite"
        case let .unsupportedDimension(d, supported):
            return "dimension \(d) is not supported (supported: \(supported))"
        case .emptyImage:
            return "the image has no cells"
        case let .raggedImage(row, found, expected):
            return "image row \(row) has \(found) value\(found == 1 ? "" : "s"), expected \(expected)"
        case let .badShape(shape, values):
            return "image shape \(shape) does not match its \(values) values"
        case let .invalidSimplex(s):
            return "invalid simplex \(s): vertices must be distinct non-negative integers, at least one"
        case let .invalidParameter(name, reason):
            return "invalid \(name): \(reason)"
        case let .tooLarge(s):
            return "complex too large: \(s)"
        case let .invalidComplex(cell, reason):
            return cell.map { "invalid filtered complex at cell \($0): \(reason)" } ?? "invalid filtered complex: \(reason)"
        }
    }
}
