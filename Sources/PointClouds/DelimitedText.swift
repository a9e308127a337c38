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

    /// Runs `body` on a scanner over `bytes`, turning a `NonTextByte` into
    /// `PointCloudError.notText`.
    static func scanning<R>(_ bytes: [UInt8], _ body: (inout TextScanner) throws -> R) throws -> R {
        try bytes.withUnsafeBufferPointer { p in
            var scanner = TextScanner(p)
            do { return try body(&scanner) } catch let e as NonTextByte {
                throw PointCloudError.notText(line: e.line, column: e.column, byte: e.byte)
            }
        }
    }

    /// Reads a rectangular numeric table.
    ///
    /// - Throws: `PointCloudError.empty`, `.raggedRow`, `.notANumber`, `.nonFinite`.
    public static func table(_ text: String, allowHeader: Bool = true) throws -> Table {
        try table(bytes: Array(text.utf8), allowHeader: allowHeader)
    }

    /// Reads a rectangular numeric table from UTF-8 bytes.
    ///
    /// - Complexity: one pass over the bytes, no allocation a line or a cell
    ///   (`TextScanner`, `NumberParser`).
    public static func table(bytes: [UInt8], allowHeader: Bool = true) throws -> Table {
        try scanning(bytes) { scanner in
            guard var line = try scanner.nextLine() else { throw PointCloudError.empty }
            let delimiter = scanner.delimiter(of: line)
            var fields: [Range<Int>] = []
            var header: [String]? = nil
            scanner.fields(of: line, delimiter, into: &fields)
            var pending = true
            if allowHeader, fields.contains(where: { $0.isEmpty || NumberParser.double(scanner[$0]) == nil }) {
                header = fields.map { String(decoding: scanner[$0], as: UTF8.self) }
                pending = false
            }
            var values: [Double] = []
            values.reserveCapacity(bytes.count / 8)
            var columns = -1, rows = 0
            while true {
                if !pending {
                    if case .byte(let d) = delimiter {
                        guard let next = try scanner.nextRecord(d, into: &fields) else { break }
                        line = next
                    } else {
                        guard let next = try scanner.nextLine() else { break }
                        line = next
                        scanner.fields(of: line, delimiter, into: &fields)
                    }
                }
                pending = false
                if columns < 0 { columns = fields.count }
                guard fields.count == columns else {
                    throw PointCloudError.raggedRow(line: scanner.lineNumber, found: fields.count, expected: columns)
                }
                for (c, field) in fields.enumerated() {
                    guard let x = NumberParser.double(scanner[field]) else {
                        throw PointCloudError.notANumber(line: scanner.lineNumber, column: c + 1, text: scanner.snippet(field))
                    }
                    guard x.isFinite else { throw PointCloudError.nonFinite(line: scanner.lineNumber, column: c + 1) }
                    values.append(x)
                }
                rows += 1
            }
            guard rows > 0 else { throw PointCloudError.empty }
            return Table(values: values, rowCount: rows, columnCount: columns, header: header)
        }
    }

    /// Reads every number of a text in order, ignoring line structure (the
    /// way Ripser reads a lower-triangular distance matrix). Each number
    /// comes with its line and its column within that line.
    static func numberStream(bytes: [UInt8]) throws -> (values: [Double], lines: [Int32], columns: [Int32]) {
        var values: [Double] = [], lineOf: [Int32] = [], columnOf: [Int32] = []
        try scanning(bytes) { scanner in
            var cells: [Range<Int>] = []
            while let line = try scanner.nextLine() {
                // Commas and whitespace both separate.
                let lineNumber = scanner.lineNumber
                scanner.tokens(of: line, commas: true, into: &cells)
                for (k, cell) in cells.enumerated() {
                    let column = k + 1
                    guard let x = NumberParser.double(scanner[cell]) else {
                        throw PointCloudError.notANumber(line: lineNumber, column: column, text: scanner.snippet(cell))
                    }
                    guard x.isFinite else { throw PointCloudError.nonFinite(line: lineNumber, column: column) }
                    values.append(x); lineOf.append(Int32(clamping: lineNumber)); columnOf.append(Int32(clamping: column))
                }
            }
        }
        return (values, lineOf, columnOf)
    }
}
