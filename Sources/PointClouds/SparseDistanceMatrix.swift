/// A sparse distance matrix as Ripser reads it (`--format sparse`): one
/// edge a line, `i j d` (whitespace or commas), vertices counted from 0;
/// absent pairs are not edges at all. A line `i i d` gives vertex i the
/// birth d (ripser.py's diagonal of a sparse matrix).
///
/// ```swift
/// let graph = try SparseDistanceMatrix(tripletBytes: Array("0 1 1\n1 2 1\n2 0 1.5\n".utf8))
/// graph.count        // 3 vertices
/// graph.edges.count  // 3
/// ```
public struct SparseDistanceMatrix: Sendable, Equatable {
    /// The number of vertices: one more than the largest index.
    public let count: Int
    /// The edges {i, j}, i != j, in file order.
    public let edges: [NeighborPair]
    /// Vertex births from `i i d` lines (0 for a vertex without one), or
    /// `nil` when the file has none.
    public let diagonal: [Double]?

    /// The largest vertex index a file may use, plus one (2^27: per-vertex
    /// arrays stay below 1 GB however few edges name it).
    public static let maxVertices = 1 << 27

    /// Creates a sparse matrix from its parts, unchecked (the Rips engine checks them).
    ///
    /// ```swift
    /// let g = SparseDistanceMatrix(count: 2, edges: [NeighborPair(i: 1, j: 0, distance: 0.5)], diagonal: nil)
    /// ```
    public init(count: Int, edges: [NeighborPair], diagonal: [Double]?) {
        self.count = count
        self.edges = edges
        self.diagonal = diagonal
    }

    /// Reads `i j d` triplets, one a line; blank lines and `#` comments are skipped.
    ///
    /// - Throws: `PointCloudError` naming the line: not three values, an
    ///   index that is not an integer in 0..<2^27, a value that is not a
    ///   finite number, an edge or a diagonal entry given twice.
    public init(tripletBytes bytes: [UInt8]) throws {
        var edges: [NeighborPair] = []
        var diagonalEntries: [(Int, Double, Int)] = []
        var seen: [Int64: Int] = [:]
        var largest = -1
        try DelimitedText.scanning(bytes) { scanner in
            var cells: [Range<Int>] = []
            while let line = try scanner.nextLine() {
                let lineNumber = scanner.lineNumber
                // Commas and white space both separate.
                scanner.tokens(of: line, commas: true, into: &cells)
                guard cells.count == 3 else {
                    throw PointCloudError.raggedRow(line: lineNumber, found: cells.count, expected: 3)
                }
                var index = [0, 0]
                for c in 0..<2 {
                    guard let v = NumberParser.int(scanner[cells[c]]), v >= 0, v < Self.maxVertices else {
                        throw PointCloudError.notANumber(line: lineNumber, column: c + 1, text: scanner.snippet(cells[c]))
                    }
                    index[c] = v
                }
                guard let d = NumberParser.double(scanner[cells[2]]) else {
                    throw PointCloudError.notANumber(line: lineNumber, column: 3, text: scanner.snippet(cells[2]))
                }
                guard d.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: 3) }
                let a = Swift.max(index[0], index[1]), b = Swift.min(index[0], index[1])
                largest = Swift.max(largest, a)
                let key = Int64(a) << 32 | Int64(b)
                if let earlier = seen[key] {
                    throw PointCloudError.invalidParameter(
                        name: "line \(lineNumber)",
                        reason: a == b ? "vertex \(a) is given a value twice (line \(earlier) too)"
                            : "edge {\(b), \(a)} is given twice (line \(earlier) too)")
                }
                seen[key] = lineNumber
                if a == b {
                    diagonalEntries.append((a, d, lineNumber))
                } else {
                    edges.append(NeighborPair(i: Int32(a), j: Int32(b), distance: d))
                }
            }
        }
        guard largest >= 0 else { throw PointCloudError.empty }
        count = largest + 1
        self.edges = edges
        if diagonalEntries.isEmpty {
            diagonal = nil
        } else {
            var values = [Double](repeating: 0, count: largest + 1)
            for (v, d, _) in diagonalEntries { values[v] = d }
            diagonal = values
        }
    }
}
