/// Lines and fields of a text file, over its bytes: the one tokenizer every
/// text reader of SwiftTDA uses (point clouds, distance matrices, barcode
/// CSVs, per-point function files, edge lists, signed measures, modules).
///
/// A line ends at `\n` (a `\r` before it is white space); each data line is
/// trimmed of ASCII white space, and blank lines and lines starting with `#`
/// are skipped. A UTF-8 byte order mark at the start is skipped. A control
/// byte other than tab, CR, VT or FF (a NUL, say) means the file is not
/// text: `nextLine()` throws `NonTextByte` naming its line and column.
///
/// ```swift
/// let bytes = Array("# points\n1, 2\n3, 4\n".utf8)
/// try bytes.withUnsafeBufferPointer { p in
///     var scanner = TextScanner(p)
///     var fields: [Range<Int>] = []
///     while let line = try scanner.nextLine() {
///         scanner.fields(of: line, .byte(UInt8(ascii: ",")), into: &fields)
///         print(scanner.lineNumber, fields.map { NumberParser.double(scanner[$0]) })
///     }
/// }
/// ```
public struct TextScanner {
    /// How fields are separated.
    public enum Delimiter: Equatable, Sendable {
        /// One byte (comma, tab, semicolon); fields are trimmed, and a
        /// trailing empty field (a delimiter at the end of the line) is dropped.
        case byte(UInt8)
        /// Runs of white space.
        case whitespace
    }

    /// The text.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The 1-based number of the line `nextLine()` returned last.
    public private(set) var lineNumber = 0
    /// Where the next line starts.
    var position = 0

    /// A scanner at the start of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
    }

    /// The bytes of `range` (a line or a field).
    public subscript(range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[range])
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 13 || c == 11 || c == 12
    }

    /// The next data line, trimmed (never empty, never a comment), or nil at
    /// the end of the text; `lineNumber` is its number.
    ///
    /// - Throws: `NonTextByte` at the first control byte that text does not hold.
    /// - Complexity: O(bytes up to the next data line); one comparison a byte
    ///   on the usual path.
    public mutating func nextLine() throws -> Range<Int>? {
        let n = bytes.count
        while position < n {
            let start = position
            lineNumber += 1
            var i = start
            while i < n {
                let c = bytes[i]
                if c < 0x20 {
                    if c == 0x0A { break }
                    if !(c == 9 || c == 13 || c == 11 || c == 12) {
                        throw NonTextByte(line: lineNumber, column: i - start + 1, byte: c)
                    }
                } else if c == 0x7F {
                    throw NonTextByte(line: lineNumber, column: i - start + 1, byte: c)
                }
                i += 1
            }
            position = i + 1
            var a = start, b = i
            while a < b && Self.isSpace(bytes[a]) { a += 1 }
            while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
            if a < b && bytes[a] != 0x23 { return a..<b }   // '#'
        }
        return nil
    }

    /// The next data line and its fields at `delimiter` in one pass: the
    /// same line as `nextLine()` and the same fields as
    /// `fields(of:_:into:dropTrailingEmpty:)` with `.byte(delimiter)`.
    ///
    /// - Complexity: one pass over the line's bytes (two comparisons a byte
    ///   on the usual path), then the fields' edges for trimming.
    public mutating func nextRecord(_ delimiter: UInt8, into out: inout [Range<Int>],
                                    dropTrailingEmpty: Bool = true) throws -> Range<Int>? {
        // A white-space delimiter (tab) is trimmed off the line's ends first:
        // the two-pass way keeps those semantics.
        if Self.isSpace(delimiter) {
            guard let line = try nextLine() else { out.removeAll(keepingCapacity: true); return nil }
            fields(of: line, .byte(delimiter), into: &out, dropTrailingEmpty: dropTrailingEmpty)
            return line
        }
        let n = bytes.count
        while position < n {
            let start = position
            lineNumber += 1
            out.removeAll(keepingCapacity: true)
            var i = start, fieldStart = start
            while i < n {
                let c = bytes[i]
                if c < 0x20 {
                    if c == 0x0A { break }
                    if c == delimiter {
                        out.append(fieldStart..<i); fieldStart = i + 1
                    } else if !(c == 9 || c == 13 || c == 11 || c == 12) {
                        throw NonTextByte(line: lineNumber, column: i - start + 1, byte: c)
                    }
                } else if c == delimiter {
                    out.append(fieldStart..<i); fieldStart = i + 1
                } else if c == 0x7F {
                    throw NonTextByte(line: lineNumber, column: i - start + 1, byte: c)
                }
                i += 1
            }
            out.append(fieldStart..<i)
            position = i + 1
            var a = start, b = i
            while a < b && Self.isSpace(bytes[a]) { a += 1 }
            while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
            guard a < b && bytes[a] != 0x23 else { continue }   // blank or '#'
            for k in out.indices {
                var s = out[k].lowerBound, e = out[k].upperBound
                while s < e && Self.isSpace(bytes[s]) { s += 1 }
                while e > s && Self.isSpace(bytes[e - 1]) { e -= 1 }
                out[k] = s..<e
            }
            if dropTrailingEmpty, out.count > 1, let last = out.last, last.isEmpty { out.removeLast() }
            return a..<b
        }
        out.removeAll(keepingCapacity: true)
        return nil
    }

    /// Where a line is: its number and its trimmed bytes.
    public typealias Line = (number: Int, range: Range<Int>)

    /// Every data line, in order (see `nextLine()`).
    public mutating func allLines() throws -> [Line] {
        var lines: [Line] = []
        while let r = try nextLine() { lines.append((lineNumber, r)) }
        return lines
    }

    /// The delimiter of a line: comma if it has one, else tab, else
    /// semicolon, else white space.
    public func delimiter(of line: Range<Int>) -> Delimiter {
        var tab = false, semicolon = false
        for i in line {
            switch bytes[i] {
            case 0x2C: return .byte(0x2C)
            case 0x09: tab = true
            case 0x3B: semicolon = true
            default: break
            }
        }
        return tab ? .byte(0x09) : semicolon ? .byte(0x3B) : .whitespace
    }

    /// The fields of a line, replacing the contents of `out` (reused to
    /// spare an allocation a line). With `.byte` each field is trimmed and,
    /// when `dropTrailingEmpty`, an empty last field of several is dropped.
    public func fields(of line: Range<Int>, _ delimiter: Delimiter, into out: inout [Range<Int>],
                       dropTrailingEmpty: Bool = true) {
        out.removeAll(keepingCapacity: true)
        switch delimiter {
        case .whitespace:
            tokens(of: line, commas: false, into: &out)
        case .byte(let d):
            var s = line.lowerBound
            var i = s
            let end = line.upperBound
            while true {
                if i == end || bytes[i] == d {
                    var a = s, b = i
                    while a < b && Self.isSpace(bytes[a]) { a += 1 }
                    while b > a && Self.isSpace(bytes[b - 1]) { b -= 1 }
                    out.append(a..<b)
                    if i == end { break }
                    s = i + 1
                }
                i += 1
            }
            if dropTrailingEmpty, out.count > 1, let last = out.last, last.isEmpty { out.removeLast() }
        }
    }

    /// The runs of bytes between separators of a line, replacing the
    /// contents of `out`: white space separates, and with `commas` commas
    /// too (the way Ripser reads numbers); runs of separators count once.
    public func tokens(of line: Range<Int>, commas: Bool, into out: inout [Range<Int>]) {
        out.removeAll(keepingCapacity: true)
        @inline(__always) func separates(_ c: UInt8) -> Bool { Self.isSpace(c) || (commas && c == 0x2C) }
        var i = line.lowerBound
        let end = line.upperBound
        while i < end {
            while i < end && separates(bytes[i]) { i += 1 }
            if i == end { break }
            let s = i
            while i < end && !separates(bytes[i]) { i += 1 }
            out.append(s..<i)
        }
    }

    /// A field or line as it may appear in a message: printable ASCII and
    /// printable non-ASCII characters of valid UTF-8 as they are, anything
    /// else escaped (`\x00`, `\t`), cut after `limit` characters with `...`.
    public func snippet(_ range: Range<Int>, limit: Int = 40) -> String {
        TextScanner.snippet(self[range], limit: limit)
    }

    /// See `snippet(_:limit:)`.
    public static func snippet(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = 40) -> String {
        var out = ""
        var shown = 0
        var i = 0
        let n = bytes.count
        while i < n {
            if shown >= limit { out += "..."; break }
            let c = bytes[i]
            if c >= 0x20 && c < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(c))
                i += 1
            } else if c >= 0x80, let (scalar, length) = decodeScalar(bytes, at: i),
                      !scalar.properties.generalCategory.isControlOrInvisible {
                out.unicodeScalars.append(scalar)
                i += length
            } else {
                switch c {
                case 0x09: out += "\\t"
                case 0x0D: out += "\\r"
                case 0x0A: out += "\\n"
                default:
                    let hex = String(c, radix: 16, uppercase: false)
                    out += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                }
                i += 1
            }
            shown += 1
        }
        return out
    }

    /// The scalar of a valid UTF-8 sequence starting at `i`, and its length.
    static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let c = bytes[i]
        let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0
        guard length > 0, c < 0xF5, i + length <= bytes.count else { return nil }
        var decoder = UTF8()
        var iterator = UnsafeBufferPointer(rebasing: bytes[i..<(i + length)]).makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
        return (scalar, length)
    }
}

extension Unicode.GeneralCategory {
    /// Controls, format characters, separators other than space, unassigned
    /// and private-use code points: what a message must not print raw.
    var isControlOrInvisible: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }
}

/// A byte that text does not hold (a NUL, an escape...): the input is
/// most likely a binary file.
///
/// ```swift
/// NonTextByte(line: 1, column: 9, byte: 0).description
/// // "line 1, column 9: byte 0x00 is not text (a binary file?)"
/// ```
public struct NonTextByte: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line and column (in bytes) of the byte.
    public var line: Int, column: Int
    /// The byte.
    public var byte: UInt8

    public init(line: Int, column: Int, byte: UInt8) {
        self.line = line; self.column = column; self.byte = byte
    }

    /// `byte 0x00 is not text (a binary file?)`, without the place.
    public var reason: String {
        let hex = String(byte, radix: 16)
        return "byte 0x\(hex.count < 2 ? "0" + hex : hex) is not text (a binary file?)"
    }

    public var description: String { "line \(line), column \(column): \(reason)" }
}
