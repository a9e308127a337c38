extension PointCloud {
    /// Reads the vertices of an OFF file (Object File Format, as GUDHI's
    /// `read_points_from_off_file`): an `OFF` header (or `nOFF` followed by
    /// the dimension), the counts `vertices faces edges`, then one vertex per
    /// line; faces are ignored, `#` starts a comment.
    ///
    /// ```swift
    /// let cloud = try PointCloud(off: "OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n")
    /// cloud.count  // 3
    /// ```
    /// - Throws: `PointCloudError.unsupportedFormat` for a missing header or
    ///   counts, `.notANumber`, `.nonFinite`, `.raggedRow` for a bad vertex
    ///   line, `.empty` for no vertices.
    public init(off text: String) throws {
        try self.init(offBytes: Array(text.utf8))
    }

    /// Reads the vertices of an OFF file from its bytes (see `init(off:)`).
    public init(offBytes bytes: [UInt8]) throws {
        // Tokens with their 1-based line numbers, comments and blank lines skipped.
        var lines: [(Int, [Substring])] = []
        var lineNumber = 0
        for raw in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var text = Substring(decoding: raw, as: UTF8.self)
            if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
            let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if !tokens.isEmpty { lines.append((lineNumber, tokens)) }
        }
        guard var header = lines.first?.1, let magic = header.first, magic.hasSuffix("OFF") else {
            throw PointCloudError.unsupportedFormat("OFF file must start with OFF")
        }
        var next = 1
        var dimension = 3
        header.removeFirst()
        if magic.hasPrefix("n") || magic.hasPrefix("nC") {
            if header.isEmpty, next < lines.count { header = lines[next].1; next += 1 }
            guard let d = header.first.flatMap({ Int($0) }), d >= 1 else {
                throw PointCloudError.unsupportedFormat("nOFF file needs a dimension")
            }
            dimension = d
            header.removeFirst()
        }
        if header.isEmpty, next < lines.count { header = lines[next].1; next += 1 }
        guard let vertexCount = header.first.flatMap({ Int($0) }), vertexCount >= 0 else {
            throw PointCloudError.unsupportedFormat("OFF file needs the counts 'vertices faces edges'")
        }
        guard vertexCount > 0 else { throw PointCloudError.empty }
        guard next + vertexCount <= lines.count else {
            throw PointCloudError.unsupportedFormat("OFF file announces \(vertexCount) vertices, has \(lines.count - next) lines")
        }
        var coordinates: [Double] = []
        coordinates.reserveCapacity(vertexCount * dimension)
        for (line, tokens) in lines[next..<next + vertexCount] {
            guard tokens.count >= dimension else {
                throw PointCloudError.raggedRow(line: line, found: tokens.count, expected: dimension)
            }
            for (c, t) in tokens.prefix(dimension).enumerated() {
                guard let x = NumberGrammar.parse(t) else { throw PointCloudError.notANumber(line: line, column: c + 1, text: String(t)) }
                guard x.isFinite else { throw PointCloudError.nonFinite(line: line, column: c + 1) }
                coordinates.append(x)
            }
        }
        try self.init(count: vertexCount, dimension: dimension, coordinates: coordinates)
    }
}
