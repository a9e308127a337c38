import Foundation

/// Reading whole files (or standard input, for the path `-`) as bytes.
///
/// ```swift
/// let bytes = try FileInput.bytes(atPath: "Datasets/circle.csv")
/// let cloud = try PointCloud(textBytes: bytes)
/// ```
public enum FileInput {
    /// The bytes of a file, or of standard input when `path` is `-`.
    ///
    /// - Throws: `PointCloudError.unreadable` naming the path and the reason.
    public static func bytes(atPath path: String) throws -> [UInt8] {
        if path == "-" {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PointCloudError.unreadable(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw PointCloudError.unreadable(path: path, reason: "is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PointCloudError.unreadable(path: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }
}

extension PointCloud {
    /// Reads a point cloud from delimited text: one point a row, comma, tab,
    /// semicolon or whitespace separated (detected), an optional header row,
    /// `#` comment lines.
    ///
    /// ```swift
    /// let cloud = try PointCloud(csv: "x,y\n0,0\n1,0\n")
    /// ```
    /// - Throws: `PointCloudError` with the line and column of a bad cell.
    public init(csv text: String) throws {
        try self.init(textBytes: Array(text.utf8))
    }

    /// Reads a point cloud from the bytes of a delimited text file.
    public init(textBytes: [UInt8]) throws {
        let table = try DelimitedText.table(bytes: textBytes)
        try self.init(count: table.rowCount, dimension: table.columnCount, coordinates: table.values)
    }

    /// Reads a point cloud from a file: `.npy` files as NumPy arrays (n x d),
    /// anything else as delimited text. `-` reads standard input as text.
    public init(contentsOfFile path: String) throws {
        let bytes = try FileInput.bytes(atPath: path)
        if path.lowercased().hasSuffix(".npy") {
            try self.init(npy: try NPYArray(bytes: bytes))
        } else {
            try self.init(textBytes: bytes)
        }
    }

    /// A point cloud from a two-dimensional NumPy array (one point a row); a
    /// one-dimensional array is n points on the line.
    public init(npy array: NPYArray) throws {
        switch array.shape.count {
        case 1: try self.init(count: array.shape[0], dimension: 1, coordinates: array.values)
        case 2: try self.init(count: array.shape[0], dimension: array.shape[1], coordinates: array.values)
        default:
            throw PointCloudError.unsupportedFormat("a point cloud needs a 2-dimensional array, found shape \(array.shape)")
        }
        guard count > 0 else { throw PointCloudError.empty }
    }
}

extension DistanceMatrix {
    /// Reads a lower-triangular distance matrix as Ripser does: the numbers
    /// d(1,0); d(2,0), d(2,1); ... separated by commas and/or whitespace, line
    /// breaks free. A full or upper-triangular matrix is rejected because its
    /// count is not n(n-1)/2... unless it happens to be; use `init(fullText:)` for those.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(lowerTriangularText: "1\n2,3\n")  // 3 points
    /// ```
    public init(lowerTriangularText text: String) throws {
        try self.init(lowerTriangularBytes: Array(text.utf8))
    }

    /// Reads a lower-triangular distance matrix from bytes.
    public init(lowerTriangularBytes bytes: [UInt8]) throws {
        let stream = try DelimitedText.numberStream(bytes: bytes)
        guard !stream.values.isEmpty else { throw PointCloudError.empty }
        for (k, x) in stream.values.enumerated() where x < 0 {
            throw PointCloudError.negativeDistance(line: Int(stream.lines[k]), column: Int(stream.columns[k]))
        }
        do {
            try self.init(lowerTriangle: stream.values)
        } catch PointCloudError.invalidParameter {
            let m = stream.values.count
            var n = 1
            while n * (n - 1) / 2 < m { n += 1 }
            throw PointCloudError.unsupportedFormat(
                "\(m) distances is not a lower triangle (n(n-1)/2 for n points); "
                + "the nearest are \((n - 1) * (n - 2) / 2) and \(n * (n - 1) / 2)")
        }
    }

    /// A full square distance matrix from a two-dimensional NumPy array,
    /// checked like a text one (square, symmetric, zero diagonal, no
    /// negative entries).
    ///
    /// ```swift
    /// let d = try DistanceMatrix(npy: NPYArray(bytes: FileInput.bytes(atPath: "d.npy")))
    /// ```
    public init(npy array: NPYArray) throws {
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw PointCloudError.unsupportedFormat("a distance matrix needs a square 2-dimensional array, found shape \(array.shape)")
        }
        let n = array.shape[0]
        guard n > 0 else { throw PointCloudError.empty }
        try self.init(full: (0..<n).map { Array(array.values[($0 * n)..<(($0 + 1) * n)]) })
    }

    /// Reads a full square distance matrix (comma or whitespace separated),
    /// checking squareness, symmetry, zero diagonal and non-negativity.
    public init(fullText text: String) throws {
        try self.init(fullBytes: Array(text.utf8))
    }

    /// Reads a full square distance matrix from bytes.
    public init(fullBytes bytes: [UInt8]) throws {
        try self.init(full: Self.squareRows(bytes))
    }

    /// Reads a full square matrix whose diagonal may be non-zero (vertex
    /// births), returning the diagonal beside the matrix; see
    /// `withDiagonal(full:)`.
    ///
    /// ```swift
    /// let (d, births) = try DistanceMatrix.withDiagonal(fullBytes: Array("1,3\n3,2\n".utf8))
    /// ```
    public static func withDiagonal(fullBytes bytes: [UInt8]) throws -> (matrix: DistanceMatrix, diagonal: [Double]) {
        try withDiagonal(full: squareRows(bytes))
    }

    /// A square NumPy array whose diagonal may be non-zero; see `withDiagonal(full:)`.
    public static func withDiagonal(npy array: NPYArray) throws -> (matrix: DistanceMatrix, diagonal: [Double]) {
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw PointCloudError.unsupportedFormat("a distance matrix needs a square 2-dimensional array, found shape \(array.shape)")
        }
        let n = array.shape[0]
        guard n > 0 else { throw PointCloudError.empty }
        return try withDiagonal(full: (0..<n).map { Array(array.values[($0 * n)..<(($0 + 1) * n)]) })
    }

    /// The rows of a square text matrix, each checked to be as long as the
    /// number of rows and to hold finite numbers.
    static func squareRows(_ bytes: [UInt8]) throws -> [[Double]] {
        let lines = DelimitedText.dataLines(bytes)
        guard let first = lines.first else { throw PointCloudError.empty }
        let delim = DelimitedText.delimiter(of: first.1)
        var rows: [[Double]] = []
        rows.reserveCapacity(lines.count)
        for (lineNumber, line) in lines {
            let cells = DelimitedText.cells(line, delim)
            guard cells.count == lines.count else {
                throw PointCloudError.notSquare(line: lineNumber, found: cells.count, expected: lines.count)
            }
            var row: [Double] = []
            row.reserveCapacity(cells.count)
            for (c, cell) in cells.enumerated() {
                guard let x = DelimitedText.number(cell) else {
                    throw PointCloudError.notANumber(line: lineNumber, column: c + 1,
                                                     text: String(decoding: cell, as: UTF8.self))
                }
                guard x.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: c + 1) }
                row.append(x)
            }
            rows.append(row)
        }
        return rows
    }
}
