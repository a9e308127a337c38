/// Readers for the distance-matrix formats of Ripser's `--format` that are
/// not plain lower triangles: upper triangles, DIPHA files and Ripser's
/// binary lower triangles.
extension DistanceMatrix {
    /// Reads an upper-triangular distance matrix as Ripser's `upper-distance`
    /// format: the numbers d(0,1), d(0,2), ..., d(0,n-1), d(1,2), ... separated
    /// by commas and/or whitespace, line breaks free.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(upperTriangularBytes: Array("1,2\n3\n".utf8))  // 3 points
    /// d[1, 2]  // 3.0
    /// ```
    /// - Throws: `PointCloudError` for a count that is not n(n-1)/2, a
    ///   negative, NaN or infinite entry, or a cell that is not a number.
    public init(upperTriangularBytes bytes: [UInt8]) throws {
        let stream = try DelimitedText.numberStream(bytes: bytes)
        guard !stream.values.isEmpty else { throw PointCloudError.empty }
        for (k, x) in stream.values.enumerated() where x < 0 {
            throw PointCloudError.negativeDistance(line: Int(stream.lines[k]), column: Int(stream.columns[k]))
        }
        let m = stream.values.count
        let n = Self.pointCount(forTriangle: m)
        guard n * (n - 1) / 2 == m else {
            throw PointCloudError.unsupportedFormat("\(m) distances is not an upper triangle (n(n-1)/2 for n points)")
        }
        var lower = [Double](repeating: 0, count: m)
        var k = 0
        for i in 0..<n {
            for j in (i + 1)..<Swift.max(n, i + 1) {
                lower[j * (j - 1) / 2 + i] = stream.values[k]
                k += 1
            }
        }
        try self.init(lowerTriangle: lower)
    }

    /// Reads Ripser's `binary` format: the lower triangle d(1,0); d(2,0),
    /// d(2,1); ... as little-endian 32-bit floats, nothing else.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(binaryBytes: FileInput.bytes(atPath: "d.bin"))
    /// ```
    /// - Throws: `PointCloudError.unsupportedFormat` if the length is not a
    ///   multiple of 4 or the count not n(n-1)/2; `.nonFinite` or
    ///   `.negativeDistance` (line = row, column = column, 1-based) for a bad entry.
    public init(binaryBytes bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { throw PointCloudError.empty }
        guard bytes.count % 4 == 0 else {
            throw PointCloudError.unsupportedFormat(
                "a binary distance matrix is 4-byte floats; \(bytes.count) bytes is not a multiple of 4")
        }
        let m = bytes.count / 4
        let n = Self.pointCount(forTriangle: m)
        guard n * (n - 1) / 2 == m else {
            throw PointCloudError.unsupportedFormat("\(m) distances is not a lower triangle (n(n-1)/2 for n points)")
        }
        var values = [Double](repeating: 0, count: m)
        bytes.withUnsafeBufferPointer { b in
            for k in 0..<m {
                let bits = UInt32(b[4 * k]) | UInt32(b[4 * k + 1]) << 8 | UInt32(b[4 * k + 2]) << 16
                    | UInt32(b[4 * k + 3]) << 24
                values[k] = Double(Float(bitPattern: bits))
            }
        }
        try self.init(lowerTriangle: values)
    }

    /// Reads a DIPHA distance matrix (Ripser's `dipha` format): little-endian
    /// int64 magic number 8067171840, int64 file type 7, int64 n, then the
    /// n x n matrix as float64, row by row. The diagonal comes back beside
    /// the matrix (vertex births, usually zero); the matrix must be symmetric.
    ///
    /// ```swift
    /// let (d, diagonal) = try DistanceMatrix.withDiagonal(diphaBytes: FileInput.bytes(atPath: "d.dipha"))
    /// ```
    /// - Throws: `PointCloudError.unsupportedFormat` for a wrong magic number,
    ///   file type or length; the checks of `withDiagonal(full:)` on the values.
    public static func withDiagonal(diphaBytes bytes: [UInt8]) throws -> (matrix: DistanceMatrix, diagonal: [Double]) {
        func int64(at offset: Int) -> Int64 {
            var x: UInt64 = 0
            for t in 0..<8 { x |= UInt64(bytes[offset + t]) << (8 * UInt64(t)) }
            return Int64(bitPattern: x)
        }
        guard bytes.count >= 24 else {
            throw PointCloudError.unsupportedFormat("a DIPHA file starts with 24 bytes of header; found \(bytes.count) bytes")
        }
        guard int64(at: 0) == 8_067_171_840 else {
            throw PointCloudError.unsupportedFormat("not a DIPHA file (magic number \(int64(at: 0)), expected 8067171840)")
        }
        guard int64(at: 8) == 7 else {
            throw PointCloudError.unsupportedFormat("not a DIPHA distance matrix (file type \(int64(at: 8)), expected 7)")
        }
        let n64 = int64(at: 16)
        let (squared, overflow) = n64.multipliedReportingOverflow(by: n64)
        guard n64 >= 1, !overflow, squared <= Int64(bytes.count - 24) / 8, Int(squared) * 8 == bytes.count - 24 else {
            throw PointCloudError.unsupportedFormat(
                "DIPHA header says \(n64) points, but \(bytes.count - 24) bytes of values follow (8 n^2 expected)")
        }
        let n = Int(n64)
        var rows = [[Double]](repeating: [], count: n)
        for i in 0..<n {
            rows[i] = (0..<n).map { j in Double(bitPattern: UInt64(bitPattern: int64(at: 24 + 8 * (i * n + j)))) }
        }
        return try withDiagonal(full: rows)
    }

    /// The n with n(n-1)/2 nearest to m from below.
    static func pointCount(forTriangle m: Int) -> Int {
        var n = Int((1 + (1 + 8 * Double(m)).squareRoot()) / 2)
        while n > 0 && n * (n - 1) / 2 > m { n -= 1 }
        while (n + 1) * n / 2 <= m { n += 1 }
        return n
    }
}
