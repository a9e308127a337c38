import XCTest
@testable import PointClouds
@testable import Persistence

/// `Barcode(csvBytes:)`, on the byte-level scanner: what it reads, and the
/// errors it names.
final class BarcodeCSVReaderTests: XCTestCase {
    func testRandomBarcodesRoundTripThroughCSV() throws {
        var rng = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            let dims = Int(rng.next() % 3) + 1
            let bars = (0..<dims).map { _ in
                (0..<Int(rng.next() % 40)).map { _ -> Bar in
                    let b = Double.random(in: 0..<10, using: &rng)
                    let e = rng.next() % 10 == 0 ? Double.infinity : b + Double.random(in: 0..<5, using: &rng)
                    return Bar(birth: b, death: e)
                }
            }
            let barcode = Barcode(bars: bars)
            let back = try Barcode(csvBytes: Array(barcode.csv.utf8))
            XCTAssertEqual(back.flattened.map { $0.0 }, barcode.flattened.map { $0.0 })
            XCTAssertEqual(back.flattened.map { $0.1.birth.bitPattern }, barcode.flattened.map { $0.1.birth.bitPattern })
            XCTAssertEqual(back.flattened.map { $0.1.death.bitPattern }, barcode.flattened.map { $0.1.death.bitPattern })
        }
    }

    func testCRLFSpacesCommentsAndByteOrderMarkAreRead() throws {
        let text = "\u{FEFF}dim,birth,death\r\n# a comment\r\n\r\n 0 , 0 , inf \r\n1,0.5,1.25\r\n1,2e-1,Infinity\n"
        let barcode = try Barcode(csvBytes: Array(text.utf8))
        XCTAssertEqual(barcode[0], [Bar(birth: 0, death: .infinity)])
        XCTAssertEqual(barcode[1].sorted(), [Bar(birth: 0.2, death: .infinity), Bar(birth: 0.5, death: 1.25)])
    }

    func testErrorsNameTheLineAsBefore() {
        func reason(_ text: String) -> PersistenceError? {
            do { _ = try Barcode(csvBytes: Array(text.utf8)); return nil } catch { return error as? PersistenceError }
        }
        XCTAssertEqual(reason("dim,birth,death\n0,0,1\n1,x,2\n"), .malformedBarcode(line: 3, reason: "'x' is not a finite birth"))
        XCTAssertEqual(reason("0,1\n"), .malformedBarcode(line: 1, reason: "expected 3 values (dim,birth,death), found 2"))
        XCTAssertEqual(reason("0,1,2,\n"), .malformedBarcode(line: 1, reason: "expected 3 values (dim,birth,death), found 4"))
        XCTAssertEqual(reason("\n\n-1,0,1\n"), .malformedBarcode(line: 3, reason: "'-1' is not a dimension"))
        XCTAssertEqual(reason("0,0,nan\n"), .malformedBarcode(line: 1, reason: "'nan' is not a death"))
        XCTAssertEqual(reason("0,inf,inf\n"), .malformedBarcode(line: 1, reason: "'inf' is not a finite birth"))
        // Below the diagonal: kept by default (as GUDHI), refused when asked.
        XCTAssertEqual(try Barcode(csvBytes: Array("0,2,1\n".utf8))[0], [Bar(birth: 2, death: 1)])
        XCTAssertThrowsError(try Barcode(csvBytes: Array("0,2,1\n".utf8), allowsBelowDiagonal: false)) {
            XCTAssertEqual($0 as? PersistenceError,
                           .malformedBarcode(line: 1, reason: "death 1.0 is before birth 2.0 (a point below the diagonal, refused here)"))
        }
    }

    func testBinaryBytesAreReportedAsNotTextAndEscaped() {
        var bytes = Array("dim,birth,death\n0,0,1\n".utf8)
        bytes += [0x30, 0x2C, 0x00, 0x01, 0x2C, 0x32, 0x0A]
        XCTAssertThrowsError(try Barcode(csvBytes: bytes)) { error in
            XCTAssertEqual(error as? PersistenceError,
                           .malformedBarcode(line: 3, reason: "column 3: byte 0x00 is not text (a binary file?)"))
        }
        // High bytes that are not UTF-8 are escaped, long fields cut.
        let field: [UInt8] = [0xFF, 0xFE] + Array(String(repeating: "7", count: 100).utf8)
        XCTAssertThrowsError(try Barcode(csvBytes: Array("0,".utf8) + field + Array(",1\n".utf8))) { error in
            guard case let .malformedBarcode(_, reason)? = error as? PersistenceError else { return XCTFail("\(error)") }
            XCTAssertEqual(reason, "'\\xff\\xfe" + String(repeating: "7", count: 38) + "...' is not a finite birth")
        }
    }

    func testRandomBytesParseOrThrowNeverCrash() {
        var rng = SeededGenerator(seed: 5)
        let alphabet = Array("0123456789.,-+eEinfa# \t\r\n".utf8) + [0x00, 0xFF, 0xC3, 0x7F]
        var parsed = 0
        for _ in 0..<5000 {
            let bytes = (0..<Int(rng.next() % 80)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if let b = try? Barcode(csvBytes: bytes) {
                parsed += 1
                // What parses is what the CSV writer gives back.
                XCTAssertEqual(try? Barcode(csvBytes: Array(b.csv.utf8)), b)
            }
        }
        XCTAssertGreaterThan(parsed, 10)
    }
}
