import XCTest
@testable import PointClouds

/// The byte-level number parser gives Swift's `Double(String)` and
/// `Int(String)`, bit for bit, nil for nil.
final class NumberParserTests: XCTestCase {
    func parse(_ s: String) -> Double? {
        Array(s.utf8).withUnsafeBufferPointer { NumberParser.double($0) }
    }

    /// The parser gives Swift's value for every spelling of SwiftTDA's number
    /// grammar (`NumberGrammar`), and nil for the rest (hexadecimal floats,
    /// `nan(123)`, `snan`), which `Double(String)` also reads.
    func assertSameAsSwift(_ s: String, file: StaticString = #filePath, line: UInt = #line) {
        let expected = NumberGrammar.matches(Array(s.utf8)) ? Double(s) : nil
        let found = parse(s)
        switch (expected, found) {
        case (nil, nil): return
        case let (e?, f?):
            if e.isNaN && f.isNaN { return }
            XCTAssertEqual(e.bitPattern, f.bitPattern, "'\(s)': Swift \(e), parser \(f)", file: file, line: line)
        default:
            XCTFail("'\(s)': Swift \(String(describing: expected)), parser \(String(describing: found))", file: file, line: line)
        }
    }

    func testEdgeCasesMatchDoubleOfString() {
        let cases = [
            "0", "-0", "+0", "0.0", "-0.0", "00", "000.000", "1", "-1", "+1", "1.", ".5", "-.5", "+.5", ".", "-", "+", "",
            "1e", "1e+", "1e-", "e5", ".e5", "1.e5", "1E5", "1e+5", "1e-5", "1e05", "1e0000000000000000000000005",
            "0.1", "0.2", "0.3", "1.1", "2.2", "3.3", "123456789", "1234567890123456789", "12345678901234567890",
            "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995", "18446744073709551615",
            "18446744073709551616", "9999999999999999999", "99999999999999999999",
            "1e22", "1e23", "1e-22", "1e-23", "8.98846567431158e307", "1.7976931348623157e308", "1.7976931348623158e308",
            "1.7976931348623159e308", "1e308", "1e309", "2e308", "-1e309", "1e400", "1e-400", "-1e-400",
            "2.2250738585072014e-308", "2.2250738585072011e-308", "2.225073858507201e-308", "4.9406564584124654e-324",
            "5e-324", "2.5e-324", "2.4703282292062327e-324", "2.4703282292062328e-324", "1e-320", "1e-310",
            "0.000000000000000000000000000000000000000000001", "1000000000000000000000000000000000000",
            "3.14159265358979323846264338327950288", "0.1000000000000000055511151231257827", "7.1e-10", "1e-7",
            "inf", "-inf", "+inf", "Inf", "INF", "infinity", "Infinity", "-Infinity", "infinit", "nan", "NaN", "-nan",
            "+nan", "nan(123)", "snan", "0x10", "0x1p3", "0X1.8P1", "-0x1p-2", "0x", "1_000", "1,5", " 1", "1 ", "\t1",
            "1\r", "--1", "+-1", "1e1.5", "1..2", "1.2.3", "١", "1e-5x", "0.12345678901234567890123", "5.", "5.e-3",
            "4503599627370496.5", "4503599627370497.5", "9007199254740993.0000000001", "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
            "7.3177701707893310e+15", "2.0000000000000004", "2.0000000000000002", "0.30000000000000004",
            "123.456e-7", "1.5e-5", "100000000000000000000000", "1e-4", "1e-5", "4.4501477170144023e-308",
        ]
        for s in cases { assertSameAsSwift(s) }
    }

    func testShortestFormsOfRandomDoublesRoundTrip() {
        var rng = SeededGenerator(seed: 1)
        var eiselLemire = 0
        for k in 0..<200_000 {
            let x: Double
            switch k % 4 {
            case 0: x = Double(bitPattern: rng.next() & ~(UInt64(0x7FF) << 52) | (UInt64(Int(rng.next() % 2046) + 1) << 52))
            case 1: x = Double(rng.next() % 1_000_000) / 1000
            case 2: x = Double.random(in: 0..<2, using: &rng)
            default: x = Double.random(in: -1e6...1e6, using: &rng) * pow(10, Double(Int(rng.next() % 40) - 20))
            }
            for s in [x.description, String(format: "%.17g", x), String(format: "%.18e", x), String(format: "%.6f", x)] {
                assertSameAsSwift(s)
            }
            // The 128-bit path, not only Clinger's and the fallback, is what was compared.
            let long = String(format: "%.18e", x)
            if Array(long.utf8).withUnsafeBufferPointer({ NumberParser.plainDecimal($0) }) != nil { eiselLemire += 1 }
        }
        XCTAssertGreaterThan(eiselLemire, 190_000)
    }

    func testRandomDigitStringsMatchDoubleOfString() {
        var rng = SeededGenerator(seed: 7)
        let digits = Array("0123456789")
        for _ in 0..<200_000 {
            var s = ""
            if rng.next() % 4 == 0 { s += rng.next() % 2 == 0 ? "-" : "+" }
            let intDigits = Int(rng.next() % 22)
            for _ in 0..<intDigits { s.append(digits[Int(rng.next() % 10)]) }
            if rng.next() % 3 != 0 {
                s += "."
                let fracDigits = Int(rng.next() % 22)
                for _ in 0..<fracDigits { s.append(digits[Int(rng.next() % 10)]) }
            }
            if rng.next() % 2 == 0 {
                s += rng.next() % 2 == 0 ? "e" : "E"
                if rng.next() % 2 == 0 { s += rng.next() % 2 == 0 ? "-" : "+" }
                s += String(Int(rng.next() % 700) - 50)
            }
            assertSameAsSwift(s)
        }
    }

    func testHalfwayCasesRoundToEven() {
        // Exact decimal spellings of midpoints between adjacent doubles:
        // (2m + 1) * 2^s as an integer, or (2m + 1) / 2^j = (2m + 1) 5^j / 10^j.
        var rng = SeededGenerator(seed: 3)
        var checked = 0
        for _ in 0..<40_000 {
            let m = (rng.next() >> 11) | 1 << 52
            let odd = 2 * m + 1
            if rng.next() % 2 == 0 {
                let shift = UInt64(rng.next() % 11)
                assertSameAsSwift(String(odd << shift))
            } else {
                let j = Int(rng.next() % 5)
                var (v, overflow) = (odd, false)
                for _ in 0..<j { (v, overflow) = v.multipliedReportingOverflow(by: 5); if overflow { break } }
                if overflow { continue }
                var digits = String(v)
                if j > 0 { digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -j)) }
                assertSameAsSwift(digits)
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 30_000)
    }

    func testIntegersMatchIntOfString() {
        let cases = ["0", "-0", "+0", "7", "-7", "+", "-", "", " 1", "1 ", "1.0", "1e3", "9223372036854775807",
                     "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "00012", "0x1", "١"]
        for s in cases {
            let found = Array(s.utf8).withUnsafeBufferPointer { NumberParser.int($0) }
            XCTAssertEqual(found, Int(s), "'\(s)'")
        }
    }
}

import Foundation
