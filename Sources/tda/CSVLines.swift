import SwiftTDA

/// The comma-separated files the command reads itself (signed measures,
/// module corners, directions), on the library's byte-level `TextScanner`
/// and `NumberParser`: one pass, no `String` a field except for the words
/// of a header line. A byte that is not text is an `InputError` naming
/// the file, line and column.
///
/// ```swift
/// try CSVLines.forEach(bytes, name: "mu.csv") { row in
///     if row.isWordLine { print(row.words) } else { print(row.double(0) ?? .nan) }
/// }
/// ```
enum CSVLines {
    /// One data line: trimmed, split at commas, each field trimmed.
    struct Row {
        fileprivate let scanner: TextScanner
        /// The 1-based line number.
        let number: Int
        fileprivate let line: Range<Int>
        fileprivate let fields: [Range<Int>]

        /// The number of fields.
        var count: Int { fields.count }
        /// Field k as a double (Swift's `Double(String)` spellings, `inf` included).
        func double(_ k: Int) -> Double? { NumberParser.double(scanner[fields[k]]) }
        /// Field k as an integer.
        func int(_ k: Int) -> Int? { NumberParser.int(scanner[fields[k]]) }
        /// Whether the first field is not a number: a header (or a bad line).
        var isWordLine: Bool { double(0) == nil }
        /// The fields as strings (for header lines).
        var words: [String] { fields.map { String(decoding: scanner[$0], as: UTF8.self) } }
        /// Field k lowercased, for keywords.
        func word(_ k: Int) -> String { String(decoding: scanner[fields[k]], as: UTF8.self).lowercased() }
        /// Field k as a message shows it: escaped, cut.
        func snippet(_ k: Int) -> String { scanner.snippet(fields[k]) }
        /// The line as a message shows it: escaped, cut after 60 characters.
        var text: String { scanner.snippet(line, limit: 60) }
    }

    /// Calls `body` on every data line of `bytes` in order.
    static func forEach(_ bytes: [UInt8], name: String, _ body: (Row) throws -> Void) throws {
        try bytes.withUnsafeBufferPointer { p in
            var scanner = TextScanner(p)
            var fields: [Range<Int>] = []
            while true {
                let next: Range<Int>?
                do { next = try scanner.nextRecord(0x2C, into: &fields, dropTrailingEmpty: false) } catch let e as NonTextByte {
                    throw InputError("\(name) is not text: \(e)")
                }
                guard let line = next else { return }
                try body(Row(scanner: scanner, number: scanner.lineNumber, line: line, fields: fields))
            }
        }
    }
}
