import XCTest
@testable import PointClouds

/// The readers on `TextScanner`: the same tables and errors as before,
/// binary input named as such, fields in messages escaped and cut.
final class TextScannerTests: XCTestCase {
    func testDelimitersHeadersAndCommentsAsBefore() throws {
        let comma = try DelimitedText.table("# c\nx,y\n1, 2,\n\n3 ,4\r\n")
        XCTAssertEqual(comma.values, [1, 2, 3, 4]); XCTAssertEqual(comma.header ?? [], ["x", "y"])
        XCTAssertEqual(try DelimitedText.table("1\t2\n3\t4\n").values, [1, 2, 3, 4])
        XCTAssertEqual(try DelimitedText.table("1;2\n3;4\n").values, [1, 2, 3, 4])
        XCTAssertEqual(try DelimitedText.table("  1   2\n3 4  \n").values, [1, 2, 3, 4])
        XCTAssertEqual(try DelimitedText.table("\u{FEFF}1,2\n").values, [1, 2])
    }

    func testErrorsNameLineAndColumn() {
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3\n")) {
            XCTAssertEqual($0 as? PointCloudError, .raggedRow(line: 2, found: 1, expected: 2))
        }
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3,abc\n")) {
            XCTAssertEqual($0 as? PointCloudError, .notANumber(line: 2, column: 2, text: "abc"))
        }
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3,inf\n")) {
            XCTAssertEqual($0 as? PointCloudError, .nonFinite(line: 2, column: 2))
        }
        XCTAssertThrowsError(try DistanceMatrix(lowerTriangularText: "1\n2 x\n")) {
            XCTAssertEqual($0 as? PointCloudError, .notANumber(line: 2, column: 2, text: "x"))
        }
    }

    func testBinaryFilesAreNotTextWithThePlace() {
        let npy = NPYArray(shape: [2, 2], values: [1, 2, 3, 4]).encoded()
        XCTAssertThrowsError(try PointCloud(textBytes: npy)) { error in
            guard case .notText(line: 1, _, _)? = error as? PointCloudError else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("is not text (a binary file?)"), "\(error)")
        }
        XCTAssertThrowsError(try DistanceMatrix(fullBytes: Array("0,1\n1,0\u{1B}\n".utf8))) {
            XCTAssertEqual($0 as? PointCloudError, .notText(line: 2, column: 4, byte: 0x1B))
            XCTAssertEqual("\($0)", "line 2, column 4: byte 0x1b is not text (a binary file?)")
        }
        XCTAssertThrowsError(try PointCloud(offBytes: Array("OFF\n1 0 0\n0 0 \u{0}\n".utf8))) {
            XCTAssertEqual($0 as? PointCloudError, .notText(line: 3, column: 5, byte: 0))
        }
    }

    func testSnippetsEscapeAndCut() {
        func snippet(_ bytes: [UInt8], limit: Int = 40) -> String {
            bytes.withUnsafeBufferPointer { TextScanner.snippet($0, limit: limit) }
        }
        XCTAssertEqual(snippet(Array("abc".utf8)), "abc")
        XCTAssertEqual(snippet(Array("é✓".utf8)), "é✓")
        XCTAssertEqual(snippet([0x61, 0xFF, 0x09, 0x7F, 0xC3]), "a\\xff\\t\\x7f\\xc3")
        XCTAssertEqual(snippet(Array("\u{200B}x".utf8)), "\\xe2\\x80\\x8bx")
        XCTAssertEqual(snippet(Array(repeating: 0x31, count: 50), limit: 10), "1111111111...")
        let cell = String(repeating: "z", count: 200)
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3,\(cell)\n")) {
            XCTAssertEqual($0 as? PointCloudError, .notANumber(line: 2, column: 2, text: String(repeating: "z", count: 40) + "..."))
        }
    }

    func testOnePassRecordsEqualLinesThenFields() {
        var rng = SeededGenerator(seed: 21)
        let alphabet = Array("01.e-, \t\r\n#;x".utf8) + [0x00, 0x7F, 0xC3]
        for round in 0..<4000 {
            let bytes = (0..<Int(rng.next() % 60)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            for delimiter: UInt8 in [0x2C, 0x09, 0x3B] {
                let drop = round % 2 == 0
                bytes.withUnsafeBufferPointer { p in
                    var a = TextScanner(p), b = TextScanner(p)
                    var fa: [Range<Int>] = [], fb: [Range<Int>] = []
                    while true {
                        let la = Result { try a.nextLine() }
                        let lb = Result { try b.nextRecord(delimiter, into: &fb, dropTrailingEmpty: drop) }
                        switch (la, lb) {
                        case let (.success(x), .success(y)):
                            XCTAssertEqual(x, y, "\(bytes)")
                            guard let line = x else { return }
                            a.fields(of: line, .byte(delimiter), into: &fa, dropTrailingEmpty: drop)
                            // The same fields (an empty one may sit at either end of its spaces).
                            XCTAssertEqual(fa.map { Array(a[$0]) }, fb.map { Array(b[$0]) }, "\(bytes)")
                            XCTAssertEqual(a.lineNumber, b.lineNumber)
                        case let (.failure(x), .failure(y)):
                            XCTAssertEqual(x as? NonTextByte, y as? NonTextByte, "\(bytes)")
                            return
                        default:
                            XCTFail("\(bytes): \(la) vs \(lb)")
                            return
                        }
                    }
                }
            }
        }
    }
}
