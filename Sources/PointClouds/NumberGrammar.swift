/// The one grammar every text reader of SwiftTDA accepts for a number, the
/// one numpy's `loadtxt`, pandas and Python's `float()` share:
///
///     [+|-] ( digits [. digits] | . digits ) [ (e|E) [+|-] digits ]
///     [+|-] ( inf | infinity | nan )          (any case)
///
/// Hexadecimal literals (`0x10`, `0x1p3`), which Swift's `Double(String)`
/// reads, are refused, as are spaces, `_` separators and trailing junk.
/// The value is then converted by `Double(String)` (correctly rounded).
/// `nan` parses (to NaN) so that each reader can refuse it with its own
/// message ("NaN or infinite value" at a line and column).
///
/// ```swift
/// NumberGrammar.parse("1.5e-3")   // 0.0015
/// NumberGrammar.parse("-inf")     // -inf
/// NumberGrammar.parse("0x10")     // nil
/// NumberGrammar.rejection("0x1p3") // "hexadecimal numbers are not read; ..."
/// ```
///
/// The readers call it through `DelimitedText.number` (point clouds, distance
/// matrices, per-point functions), the OFF reader, the barcode CSV reader, and
/// the signed-measure and module readers of the command line.
public enum NumberGrammar {
    /// Whether the bytes are a number of the grammar.
    @inlinable
    public static func matches<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        let end = bytes.endIndex
        guard i != end else { return false }
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { bytes.formIndex(after: &i) }
        guard i != end else { return false }
        let first = bytes[i] | 0x20
        if first == UInt8(ascii: "i") || first == UInt8(ascii: "n") {
            let word = bytes[i...].map { $0 | 0x20 }
            return word == Array("inf".utf8) || word == Array("infinity".utf8) || word == Array("nan".utf8)
        }
        var digits = 0
        while i != end, bytes[i] >= 48, bytes[i] <= 57 { digits += 1; bytes.formIndex(after: &i) }
        if i != end, bytes[i] == UInt8(ascii: ".") {
            bytes.formIndex(after: &i)
            while i != end, bytes[i] >= 48, bytes[i] <= 57 { digits += 1; bytes.formIndex(after: &i) }
        }
        guard digits > 0 else { return false }
        if i != end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            bytes.formIndex(after: &i)
            if i != end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { bytes.formIndex(after: &i) }
            var exponentDigits = 0
            while i != end, bytes[i] >= 48, bytes[i] <= 57 { exponentDigits += 1; bytes.formIndex(after: &i) }
            guard exponentDigits > 0 else { return false }
        }
        return i == end
    }

    /// The value of the bytes, or nil when they are not a number of the grammar.
    @inlinable
    public static func parse<C: Collection>(_ bytes: C) -> Double? where C.Element == UInt8 {
        guard matches(bytes) else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// The value of a string, or nil when it is not a number of the grammar.
    @inlinable
    public static func parse<S: StringProtocol>(_ text: S) -> Double? {
        parse(Array(text.utf8))
    }

    /// Why the text is not a number, in a user's words, when a reason more
    /// specific than "not a number" applies (a hexadecimal literal); else nil.
    public static func rejection<S: StringProtocol>(_ text: S) -> String? {
        var t = Substring(text)
        if t.hasPrefix("+") || t.hasPrefix("-") { t = t.dropFirst() }
        if t.lowercased().hasPrefix("0x") {
            return "hexadecimal numbers are not read; numpy, pandas and Python's float() refuse them"
        }
        return nil
    }
}
