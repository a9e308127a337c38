/// A numeric table read from delimited text: comma, tab, semicolon or
/// whitespace separated, detected from the first data line; blank lines and
/// lines starting with `#` are skipped; a first line that does not parse as
/// numbers is taken as a header when `allowHeader` is set.
///
/// ```swift
/// let table = try DelimitedText.table("x,y\n1,2\n3,4\n")
/// table.rowCount   // 2
/// table.values     // [1, 2, 3, 4]
/// ```
public enum DelimitedText {
    /// A parsed rectangular table, values row-major.
    public struct Table: Sendable, Equatable {
        public var values: [Double]
        public var rowCount: Int
        public var columnCount: Int
        /// The header cells, if the first line was a header.
        public var header: [String]?
    }

    enum Delimiter: Equatable { case character(UInt8), whitespace }

    static func delimiter(of line: ArraySlice<UInt8>) -> Delimiter {
        if line.contains(UInt8(ascii: ",")) { return .character(UInt8(ascii: ",")) }
        if line.contains(UInt8(ascii: "\t")) { return .character(UInt8(ascii: "\t")) }
        if line.contains(UInt8(ascii: ";")) { return .character(UInt8(ascii: ";")) }
        return .whitespace
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 13 || c == 11 || c == 12
    }

    /// Splits a line into trimmed cells; a trailing empty cell (a trailing
    /// delimiter) is dropped.
    static func cells(_ line: ArraySlice<UInt8>, _ delimiter: Delimiter) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        switch delimiter {
        case .whitespace:
            var i = line.startIndex
            while i < line.endIndex {
                while i < line.endIndex && isSpace(line[i]) { i += 1 }
                if i == line.endIndex { break }
                let s = i
                while i < line.endIndex && !isSpace(line[i]) { i += 1 }
                out.append(line[s..<i])
            }
        case .character(let d):
            var s = line.startIndex
            var i = s
            while true {
                if i == line.endIndex || line[i] == d {
                    var a = s, b = i
                    while a < b && isSpace(line[a]) { a += 1 }
                    while b > a && isSpace(line[b - 1]) { b -= 1 }
                    out.append(line[a..<b])
                    if i == line.endIndex { break }
                    s = i + 1
                }
                i += 1
            }
            if let last = out.last, last.isEmpty, out.count > 1 || line.contains(d) { out.removeLast() }
        }
        return out
    }

    /// The data lines of a text: (1-based line number, bytes), skipping blank
    /// lines and `#` comments.
    static func dataLines(_ bytes: [UInt8]) -> [(Int, ArraySlice<UInt8>)] {
        var lines: [(Int, ArraySlice<UInt8>)] = []
        var start = 0, number = 1
        let n = bytes.count
        var i = 0
        while i <= n {
            if i == n || bytes[i] == UInt8(ascii: "\n") {
                var a = start, b = i
                while a < b && isSpace(bytes[a]) { a += 1 }
                while b > a && isSpace(bytes[b - 1]) { b -= 1 }
                if a < b && bytes[a] != UInt8(ascii: "#") { lines.append((number, bytes[a..<b])) }
                start = i + 1
                number += 1
            }
            i += 1
        }
        return lines
    }

    @inline(__always) static func number(_ cell: ArraySlice<UInt8>) -> Double? {
        NumberGrammar.parse(cell)
    }

    /// Reads a rectangular numeric table.
    ///
    /// - Throws: `PointCloudError.empty`, `.raggedRow`, `.notANumber`, `.nonFinite`.
    public static func table(_ text: String, allowHeader: Bool = true) throws -> Table {
        try table(bytes: Array(text.utf8), allowHeader: allowHeader)
    }

    /// Reads a rectangular numeric table from UTF-8 bytes.
    public static func table(bytes: [UInt8], allowHeader: Bool = true) throws -> Table {
        var lines = dataLines(bytes)
        guard let first = lines.first else { throw PointCloudError.empty }
        let delim = delimiter(of: first.1)
        var header: [String]? = nil
        if allowHeader {
            let firstCells = cells(first.1, delim)
            if firstCells.contains(where: { number($0) == nil }) {
                header = firstCells.map { String(decoding: $0, as: UTF8.self) }
                lines.removeFirst()
            }
        }
        guard !lines.isEmpty else { throw PointCloudError.empty }
        var values: [Double] = []
        var columns = -1
        for (lineNumber, line) in lines {
            let row = cells(line, delim)
            if columns < 0 { columns = row.count; values.reserveCapacity(columns * lines.count) }
            guard row.count == columns else {
                throw PointCloudError.raggedRow(line: lineNumber, found: row.count, expected: columns)
            }
            for (c, cell) in row.enumerated() {
                guard let x = number(cell) else {
                    throw PointCloudError.notANumber(
                        line: lineNumber, column: c + 1, text: String(decoding: cell, as: UTF8.self))
                }
                guard x.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: c + 1) }
                values.append(x)
            }
        }
        return Table(values: values, rowCount: lines.count, columnCount: columns, header: header)
    }

    /// Reads every number of a text in order, ignoring line structure (the
    /// way Ripser reads a lower-triangular distance matrix). Each number
    /// comes with its line and its column within that line.
    static func numberStream(bytes: [UInt8]) throws -> (values: [Double], lines: [Int32], columns: [Int32]) {
        var values: [Double] = [], lineOf: [Int32] = [], columnOf: [Int32] = []
        for (lineNumber, line) in dataLines(bytes) {
            // Commas and whitespace both separate.
            var column = 0
            var i = line.startIndex
            while i < line.endIndex {
                while i < line.endIndex && (isSpace(line[i]) || line[i] == UInt8(ascii: ",")) { i += 1 }
                if i == line.endIndex { break }
                let s = i
                while i < line.endIndex && !isSpace(line[i]) && line[i] != UInt8(ascii: ",") { i += 1 }
                column += 1
                let cell = line[s..<i]
                guard let x = number(cell) else {
                    throw PointCloudError.notANumber(
                        line: lineNumber, column: column, text: String(decoding: cell, as: UTF8.self))
                }
                guard x.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: column) }
                values.append(x); lineOf.append(Int32(lineNumber)); columnOf.append(Int32(column))
            }
        }
        return (values, lineOf, columnOf)
    }
}
