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
        // POSIX calls straight into the array: one copy, no Foundation
        // objects (thousands of small files are read this way per command).
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT || errno == ENOTDIR ? "no such file"
                : errno == EACCES ? "permission denied" : String(cString: strerror(errno))
            throw PointCloudError.unreadable(path: path, reason: reason)
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw PointCloudError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw PointCloudError.unreadable(path: path, reason: "is a directory")
        }
        // The size is a hint (pipes and /proc files say 0, files may grow):
        // read into uninitialized storage until read() reports the end.
        var failure: Int32 = 0
        func chunk(_ size: Int) -> [UInt8] {
            [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                initialized = 0
                guard let base = buffer.baseAddress else { return }
                while initialized < size {
                    let got = read(fd, base + initialized, size - initialized)
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        return
                    }
                    if got == 0 { return }
                    initialized += got
                }
            }
        }
        let hint = Swift.max(Int(clamping: info.st_size) + 1, 4096)
        var out = chunk(hint)
        var last = out.count
        while failure == 0 && last == hint {
            let more = chunk(hint)
            out.append(contentsOf: more)
            last = more.count
        }
        if failure != 0 {
            throw PointCloudError.unreadable(path: path, reason: "I/O error: \(String(cString: strerror(failure)))")
        }
        return out
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
    public init(npy array: NPYArray, symmetrize: Symmetrization? = nil) throws {
        self = try DistanceMatrix.readFull(npy: array, symmetrize: symmetrize).matrix
    }

    /// A full square distance matrix from a NumPy array, with its asymmetry
    /// (see `readFull(bytes:symmetrize:)`).
    public static func readFull(npy array: NPYArray, symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, asymmetry: Asymmetry) {
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw PointCloudError.unsupportedFormat("a distance matrix needs a square 2-dimensional array, found shape \(array.shape)")
        }
        let n = array.shape[0]
        guard n > 0 else { throw PointCloudError.empty }
        let rows = (0..<n).map { Array(array.values[($0 * n)..<(($0 + 1) * n)]) }
        return (try DistanceMatrix(full: rows, symmetrize: symmetrize), asymmetry(of: rows))
    }

    /// Reads a full square distance matrix (comma or whitespace separated),
    /// checking squareness, symmetry, zero diagonal and non-negativity.
    public init(fullText text: String) throws {
        try self.init(fullBytes: Array(text.utf8))
    }

    /// Reads a full square distance matrix from bytes (see `init(full:symmetrize:tolerance:)`
    /// for the symmetry rule).
    public init(fullBytes bytes: [UInt8], symmetrize: Symmetrization? = nil) throws {
        self = try DistanceMatrix.readFull(bytes: bytes, symmetrize: symmetrize).matrix
    }

    /// Reads a full square distance matrix from bytes, with how asymmetric
    /// it was (zero for a symmetric file), for a caller that reports it.
    ///
    /// ```swift
    /// let (d, asymmetry) = try DistanceMatrix.readFull(bytes: FileInput.bytes(atPath: "d.txt"))
    /// if asymmetry.relative > 0 { print("triangles differ by up to", asymmetry.relative) }
    /// ```
    public static func readFull(bytes: [UInt8], symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, asymmetry: Asymmetry) {
        let rows = try fullRows(bytes)
        return (try DistanceMatrix(full: rows, symmetrize: symmetrize), asymmetry(of: rows))
    }

    /// Reads a full square matrix whose diagonal may be non-zero (vertex
    /// births): the matrix, the diagonal, and how asymmetric it was.
    ///
    /// ```swift
    /// let (d, births, asymmetry) = try DistanceMatrix.readFullWithDiagonal(bytes: Array("1,3\n3.00001,2\n".utf8))
    /// ```
    public static func readFullWithDiagonal(bytes: [UInt8], symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, diagonal: [Double], asymmetry: Asymmetry) {
        let rows = try fullRows(bytes)
        let (d, diagonal) = try withDiagonal(full: rows, symmetrize: symmetrize)
        return (d, diagonal, asymmetry(of: rows))
    }

    /// `readFullWithDiagonal(bytes:symmetrize:)` for a square NumPy array.
    public static func readFullWithDiagonal(npy array: NPYArray, symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, diagonal: [Double], asymmetry: Asymmetry) {
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw PointCloudError.unsupportedFormat("a distance matrix needs a square 2-dimensional array, found shape \(array.shape)")
        }
        let n = array.shape[0]
        guard n > 0 else { throw PointCloudError.empty }
        let rows = (0..<n).map { Array(array.values[($0 * n)..<(($0 + 1) * n)]) }
        let (d, diagonal) = try withDiagonal(full: rows, symmetrize: symmetrize)
        return (d, diagonal, asymmetry(of: rows))
    }

    /// Reads a full square matrix whose diagonal may be non-zero (vertex
    /// births), returning the diagonal beside the matrix; see
    /// `withDiagonal(full:symmetrize:tolerance:)`.
    ///
    /// ```swift
    /// let (d, births) = try DistanceMatrix.withDiagonal(fullBytes: Array("1,3\n3,2\n".utf8))
    /// ```
    public static func withDiagonal(fullBytes bytes: [UInt8], symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, diagonal: [Double]) {
        try withDiagonal(full: fullRows(bytes), symmetrize: symmetrize)
    }

    /// A square NumPy array whose diagonal may be non-zero; see `withDiagonal(full:symmetrize:tolerance:)`.
    public static func withDiagonal(npy array: NPYArray, symmetrize: Symmetrization? = nil) throws
        -> (matrix: DistanceMatrix, diagonal: [Double]) {
        guard array.shape.count == 2, array.shape[0] == array.shape[1] else {
            throw PointCloudError.unsupportedFormat("a distance matrix needs a square 2-dimensional array, found shape \(array.shape)")
        }
        let n = array.shape[0]
        guard n > 0 else { throw PointCloudError.empty }
        return try withDiagonal(full: (0..<n).map { Array(array.values[($0 * n)..<(($0 + 1) * n)]) }, symmetrize: symmetrize)
    }

    /// The rows of a full matrix in text, checked square, finite, and
    /// non-negative off the diagonal.
    static func fullRows(_ bytes: [UInt8]) throws -> [[Double]] {
        try DelimitedText.scanning(bytes) { scanner in
            let lines = try scanner.allLines()
            guard let first = lines.first else { throw PointCloudError.empty }
            let delimiter = scanner.delimiter(of: first.range)
            var fields: [Range<Int>] = []
            var rows: [[Double]] = []
            rows.reserveCapacity(lines.count)
            for (lineNumber, line) in lines {
                scanner.fields(of: line, delimiter, into: &fields)
                guard fields.count == lines.count else {
                    throw PointCloudError.notSquare(line: lineNumber, found: fields.count, expected: lines.count)
                }
                var row: [Double] = []
                row.reserveCapacity(fields.count)
                for (c, field) in fields.enumerated() {
                    guard let x = NumberParser.double(scanner[field]) else {
                        throw PointCloudError.notANumber(line: lineNumber, column: c + 1, text: scanner.snippet(field))
                    }
                    guard x.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: c + 1) }
                    // Off the diagonal only: a diagonal may hold vertex births.
                    guard x >= 0 || c == rows.count else { throw PointCloudError.negativeDistance(line: lineNumber, column: c + 1) }
                    row.append(x)
                }
                rows.append(row)
            }
            return rows
        }
    }
}
