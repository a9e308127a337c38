/// Errors raised while reading or validating point clouds and distance matrices.
///
/// Every case names the place in the input (line and column, 1-based) or the
/// parameter at fault, so a user can fix the file:
///
/// ```swift
/// do { _ = try PointCloud(csv: "1,2\n3\n") }
/// catch let error as PointCloudError { print(error) }  // line 2 has 1 value, expected 2
/// ```
public enum PointCloudError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input holds no data rows.
    case empty
    /// A row has a different number of values than the first data row.
    case raggedRow(line: Int, found: Int, expected: Int)
    /// A cell is not a number.
    case notANumber(line: Int, column: Int, text: String)
    /// A cell is NaN or infinite.
    case nonFinite(line: Int, column: Int)
    /// A byte that text does not hold (the file is most likely binary).
    case notText(line: Int, column: Int, byte: UInt8)
    /// Fewer points than an operation needs.
    case tooFewPoints(found: Int, needed: Int)
    /// A full distance matrix is not square.
    case notSquare(line: Int, found: Int, expected: Int)
    /// A full distance matrix differs from its transpose.
    case notSymmetric(row: Int, column: Int)
    /// A distance is negative.
    case negativeDistance(line: Int, column: Int)
    /// A full distance matrix has a non-zero diagonal entry.
    case nonZeroDiagonal(row: Int)
    /// A lower-triangular matrix row has the wrong length.
    case badLowerTriangularRow(line: Int, found: Int, expected: Int)
    /// The binary file is not in a format this reader understands.
    case unsupportedFormat(String)
    /// Points of different dimensions were combined.
    case dimensionMismatch(expected: Int, found: Int)
    /// A file could not be read.
    case unreadable(path: String, reason: String)
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)

    public var description: String {
        switch self {
        case .empty: return "the input holds no data"
        case let .raggedRow(line, found, expected):
            return "line \(line) has \(found) value\(found == 1 ? "" : "s"), expected \(expected)"
        case let .notANumber(line, column, text):
            return "line \(line), column \(column): '\(text)' is not a number" + (NumberGrammar.rejection(text).map { " (\($0))" } ?? "")
        case let .nonFinite(line, column):
            return "line \(line), column \(column): NaN or infinite value"
        case let .notText(line, column, byte):
            return NonTextByte(line: line, column: column, byte: byte).description
        case let .tooFewPoints(found, needed):
            return "\(found) point\(found == 1 ? "" : "s") given, at least \(needed) needed"
        case let .notSquare(line, found, expected):
            return "distance matrix line \(line) has \(found) values, expected \(expected) (the matrix must be square)"
        case let .notSymmetric(row, column):
            return "distance matrix is not symmetric at row \(row), column \(column): its triangles differ there by more than 1e-4 (relative); --symmetrize lower|upper|min|max chooses"
        case let .negativeDistance(line, column):
            return "line \(line), column \(column): negative distance"
        case let .nonZeroDiagonal(row):
            return "distance matrix has a non-zero diagonal entry in row \(row)"
        case let .badLowerTriangularRow(line, found, expected):
            return "lower-triangular distance matrix line \(line) has \(found) values, expected \(expected)"
        case let .unsupportedFormat(reason): return "unsupported format: \(reason)"
        case let .dimensionMismatch(expected, found):
            return "points have dimension \(found), expected \(expected)"
        case let .unreadable(path, reason): return "cannot read \(path): \(reason)"
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        }
    }
}
