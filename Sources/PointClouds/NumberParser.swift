/// Numbers from bytes of text, with exactly the values Swift's
/// `Double(String)` and `Int(String)` give, without making a `String`.
///
/// Plain decimals (`-12.5`, `0.1e-3`, up to 19 significant digits) are
/// converted here: Clinger's exact fast path when the digits and the power
/// of ten are both exact doubles, else the Eisel–Lemire algorithm
/// (D. Lemire, "Number parsing at a gigabyte per second", Software:
/// Practice and Experience 51, 2021), whose 128-bit product decides the
/// correctly rounded result or reports that it cannot. Everything else —
/// more digits, subnormal or overflowing results, `inf`, `nan`, hexadecimal
/// floats, anything malformed — goes to `Double(Substring)` itself, so the
/// accepted spellings and the values are Swift's in every case.
///
/// ```swift
/// let bytes = Array("0.1,2e5".utf8)
/// bytes.withUnsafeBufferPointer { p in
///     NumberParser.double(UnsafeBufferPointer(rebasing: p[0..<3]))   // 0.1
/// }
/// ```
public enum NumberParser {
    /// The double a field spells, or nil: the same value, bit for bit, and
    /// the same nil, as `Double(String(decoding: field, as: UTF8.self))`
    /// (for fields without a NUL byte).
    ///
    /// - Complexity: O(field length); no allocation unless the field is not
    ///   a plain decimal of at most 19 significant digits.
    public static func double(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        if let value = plainDecimal(field) { return value }
        return fallback(field)
    }

    /// The double of bytes `range` of `bytes` (see `double(_:)`).
    public static func double(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        bytes.withUnsafeBufferPointer { double(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The integer a field spells, or nil: the same as `Int(String)` in base
    /// 10 (an optional sign, digits, nil on overflow).
    public static func int(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = field.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if field[0] == 0x2D { negative = true; i = 1 } else if field[0] == 0x2B { i = 1 }
        guard i < n else { return nil }
        var value = 0
        while i < n {
            let d = field[i] &- 0x30
            guard d < 10 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int(d)) : m.addingReportingOverflow(Int(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        return value
    }

    /// Powers of ten that are exact doubles: 10^0 ... 10^22.
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// Swift's own parser, for what the fast paths leave.
    static func fallback(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        // The two spellings `tda` writes for infinities, without a String.
        if field.count == 3, field[0] == 0x69, field[1] == 0x6E, field[2] == 0x66 { return .infinity }        // inf
        if field.count == 4, field[0] == 0x2D, field[1] == 0x69, field[2] == 0x6E, field[3] == 0x66 { return -.infinity }  // -inf
        // SwiftTDA's one number grammar (NumberGrammar): decimal, inf, nan;
        // hexadecimal floats, which Double(Substring) reads, are refused.
        guard NumberGrammar.matches(field) else { return nil }
        return Double(Substring(decoding: field, as: UTF8.self))
    }

    /// A plain decimal `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19
    /// significant digits whose value one of the fast paths decides; nil
    /// for anything else (which is then not necessarily malformed).
    ///
    /// Cost model: one pass over the bytes accumulating the significant
    /// digits in a UInt64; then one multiply or divide (Clinger), or one or
    /// two 64 x 64 -> 128-bit products with a table entry (Eisel–Lemire).
    @inline(__always)
    static func plainDecimal(_ p: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = p.count
        var i = 0
        guard n > 0 else { return nil }
        var negative = false
        if p[0] == 0x2D { negative = true; i = 1 } else if p[0] == 0x2B { i = 1 }
        let mantissaStart = i
        while i < n && p[i] == 0x30 { i += 1 }          // leading zeros
        var w: UInt64 = 0
        let significantStart = i
        while i < n {
            let d = p[i] &- 0x30
            if d >= 10 { break }
            w = w &* 10 &+ UInt64(d)
            i += 1
        }
        var significant = i - significantStart
        var sawDigit = i > mantissaStart
        var exponent = 0
        if i < n && p[i] == 0x2E {                      // '.'
            i += 1
            let fractionStart = i
            if significant == 0 { while i < n && p[i] == 0x30 { i += 1 } }
            let fractionSignificant = i
            while i < n {
                let d = p[i] &- 0x30
                if d >= 10 { break }
                w = w &* 10 &+ UInt64(d)
                i += 1
            }
            significant += i - fractionSignificant
            sawDigit = sawDigit || i > fractionStart
            exponent = fractionStart - i
        }
        guard sawDigit else { return nil }
        if i < n && (p[i] | 0x20) == 0x65 {             // 'e' or 'E'
            i += 1
            var negativeExponent = false
            if i < n && (p[i] == 0x2D || p[i] == 0x2B) { negativeExponent = p[i] == 0x2D; i += 1 }
            let digitsStart = i
            var e = 0
            while i < n {
                let d = p[i] &- 0x30
                if d >= 10 { break }
                if e < 1_000_000 { e = e * 10 + Int(d) }
                i += 1
            }
            guard i > digitsStart else { return nil }
            exponent += negativeExponent ? -e : e
        }
        guard i == n, significant <= 19 else { return nil }
        if w == 0 { return negative ? -0.0 : 0.0 }
        // Clinger: w and 10^|e| are exact doubles, so one correctly rounded
        // operation gives the correctly rounded quotient or product.
        if w <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let x = Double(w)
            let value = exponent < 0 ? x / exactPowersOfTen[-exponent] : x * exactPowersOfTen[exponent]
            return negative ? -value : value
        }
        guard let bits = eiselLemire(w, exponent) else { return nil }
        let value = Double(bitPattern: bits)
        return negative ? -value : value
    }

    /// The bits of the double nearest w * 10^q (w > 0, at most 19 digits),
    /// or nil when the result is subnormal, overflows, or the 128-bit
    /// product cannot decide the rounding.
    @inline(__always)
    static func eiselLemire(_ w: UInt64, _ q: Int) -> UInt64? {
        guard q >= smallestPowerOfTen, q <= largestPowerOfTen else { return nil }
        let lz = w.leadingZeroBitCount
        let ws = w << UInt64(lz)
        let index = 2 * (q - smallestPowerOfTen)
        let (hi, lo) = powersOfFive.withUnsafeBufferPointer { table -> (UInt64, UInt64) in
            var (hi, lo) = ws.multipliedFullWidth(by: table[index])
            // The low 9 bits below the 55 kept are all ones: the second
            // 64 bits of 5^q may carry into them.
            if hi & 0x1FF == 0x1FF {
                let second = ws.multipliedFullWidth(by: table[index + 1]).high
                let (sum, carry) = lo.addingReportingOverflow(second)
                lo = sum
                if carry { hi &+= 1 }
            }
            return (hi, lo)
        }
        // Still ambiguous after 128 bits: leave it to the exact parser.
        if lo == UInt64.max { return nil }
        let upper = Int(hi >> 63)
        let shift = UInt64(upper + 9)
        var mantissa = hi >> shift
        // floor(log2(10^q)) + 63 + the top bit, less the leading zeros, biased.
        var power2 = ((217_706 * q) >> 16) + 63 + upper - lz + 1023
        guard power2 > 0 else { return nil }             // subnormal
        // Exactly halfway between two doubles: round to even.
        if lo <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == hi {
            mantissa &= ~UInt64(1)
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(UInt64(1) << 52)
        guard power2 < 0x7FF else { return nil }         // overflow
        return UInt64(power2) << 52 | mantissa
    }
}
