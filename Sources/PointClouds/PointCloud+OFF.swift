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
        let (dimension, vertexCount, coordinates) = try DelimitedText.scanning(bytes) { scanner -> (Int, Int, [Double]) in
            // Fields with their 1-based line numbers, comments and blank lines skipped.
            var lines: [(number: Int, fields: [Range<Int>])] = []
            var fields: [Range<Int>] = []
            while var line = try scanner.nextLine() {
                if let hash = line.firstIndex(where: { scanner.bytes[$0] == 0x23 }) { line = line.lowerBound..<hash }
                scanner.fields(of: line, .whitespace, into: &fields)
                if !fields.isEmpty { lines.append((scanner.lineNumber, fields)) }
            }
            func word(_ r: Range<Int>) -> Substring { Substring(decoding: scanner[r], as: UTF8.self) }
            guard var header = lines.first?.fields, let magicRange = header.first, word(magicRange).hasSuffix("OFF") else {
                throw PointCloudError.unsupportedFormat("OFF file must start with OFF")
            }
            let magic = word(magicRange)
            var next = 1
            var dimension = 3
            header.removeFirst()
            if magic.hasPrefix("n") {
                if header.isEmpty, next < lines.count { header = lines[next].fields; next += 1 }
                guard let d = header.first.flatMap({ NumberParser.int(scanner[$0]) }), d >= 1, d <= 1 << 20 else {
                    throw PointCloudError.unsupportedFormat("nOFF file needs a dimension")
                }
                dimension = d
                header.removeFirst()
            }
            if header.isEmpty, next < lines.count { header = lines[next].fields; next += 1 }
            guard let vertexCount = header.first.flatMap({ NumberParser.int(scanner[$0]) }), vertexCount >= 0 else {
                throw PointCloudError.unsupportedFormat("OFF file needs the counts 'vertices faces edges'")
            }
            guard vertexCount > 0 else { throw PointCloudError.empty }
            guard vertexCount <= lines.count - next else {
                throw PointCloudError.unsupportedFormat("OFF file announces \(vertexCount) vertices, has \(lines.count - next) lines")
            }
            var coordinates: [Double] = []
            coordinates.reserveCapacity(vertexCount * dimension)
            for (line, tokens) in lines[next..<next + vertexCount] {
                guard tokens.count >= dimension else {
                    throw PointCloudError.raggedRow(line: line, found: tokens.count, expected: dimension)
                }
                for (c, t) in tokens.prefix(dimension).enumerated() {
                    guard let x = NumberParser.double(scanner[t]) else {
                        throw PointCloudError.notANumber(line: line, column: c + 1, text: scanner.snippet(t))
                    }
                    guard x.isFinite else { throw PointCloudError.nonFinite(line: line, column: c + 1) }
                    coordinates.append(x)
                }
            }
            return (dimension, vertexCount, coordinates)
        }
        try self.init(count: vertexCount, dimension: dimension, coordinates: coordinates)
    }
}
