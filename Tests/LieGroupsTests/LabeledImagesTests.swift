import XCTest
@testable import LieGroups

final class LabeledImagesTests: XCTestCase {
    func testReadsLabelsAndPixelsRowMajor() throws {
        let data = try LabeledImages(csv: "3,0,0.5,1,0\n\n7, 0.25 ,0,0,1\r\n", side: 2)
        XCTAssertEqual(data.labels, [3, 7])
        XCTAssertEqual(Array(data.image(1)), [0.25, 0, 0, 1])
        XCTAssertEqual(data.classCount, 8)
    }

    func testEveryBadRowIsATypedErrorNamingItsPlace() {
        func error(_ text: String) -> LieGroupError? {
            do { _ = try LabeledImages(csv: text, side: 2); return nil } catch { return error as? LieGroupError }
        }
        XCTAssertEqual(error(""), .emptyData)
        XCTAssertEqual(error("1,0,0,0\n"), .wrongRowLength(line: 1, found: 4, expected: 5))
        XCTAssertEqual(error("1,0,0,0,0\n2,0,0,0,0,0\n"), .wrongRowLength(line: 2, found: 6, expected: 5))
        XCTAssertEqual(error("x,0,0,0,0\n"), .badLabel(line: 1, text: "x"))
        XCTAssertEqual(error("-1,0,0,0,0\n"), .badLabel(line: 1, text: "-1"))
        XCTAssertEqual(error("1.5,0,0,0,0\n"), .badLabel(line: 1, text: "1.5"))
        XCTAssertEqual(error("1,0,nan,0,0\n"), .badPixel(line: 1, column: 3, text: "nan"))
        XCTAssertEqual(error("1,0,0,inf,0\n"), .badPixel(line: 1, column: 4, text: "inf"))
        XCTAssertEqual(error("1,0,0,0,\n"), .badPixel(line: 1, column: 5, text: ""))
        XCTAssertEqual(error("1,0,0,0,1.5\n"), .pixelOutOfRange(line: 1, column: 5, value: 1.5))
        XCTAssertEqual(error("1,-0.1,0,0,0\n"), .pixelOutOfRange(line: 1, column: 2, value: Double(Float(-0.1))))
        XCTAssertTrue(LieGroupError.wrongRowLength(line: 2, found: 6, expected: 5).description.contains("line 2 has 6 fields"))
    }

    func testPixelInitialiserRejectsNaNAndSizeMismatch() {
        XCTAssertThrowsError(try LabeledImages(side: 2, labels: [1], pixels: [0, 0, 0]))
        XCTAssertThrowsError(try LabeledImages(side: 2, labels: [1], pixels: [0, .nan, 0, 0])) {
            XCTAssertEqual($0 as? LieGroupError, .badPixel(line: 1, column: 3, text: "nan"))
        }
    }

    func testTheCommittedDigitsHaveTheProtocolsSizes() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for (name, count) in [("digits_train", 899), ("digits_test", 898), ("digits_test_affine", 898),
                              ("digits_test_affine_shift", 898), ("digits_test_rotated", 898)] {
            let text = try String(contentsOf: root.appendingPathComponent("Datasets/\(name).csv"), encoding: .utf8)
            let data = try LabeledImages(csv: text, side: 16)
            XCTAssertEqual(data.count, count, name)
            XCTAssertEqual(data.classCount, 10, name)
        }
    }
}
