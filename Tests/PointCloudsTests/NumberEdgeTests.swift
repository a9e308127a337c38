import Foundation
import PointClouds
import XCTest

/// One number grammar for every reader, and distances that stay right at
/// the edges of Double's range.
final class NumberEdgeTests: XCTestCase {
    func testGrammarAcceptsDecimalAndInfinityAndRefusesHex() {
        for (text, value) in [("1", 1.0), ("-2.5", -2.5), ("+.5", 0.5), ("5.", 5.0), ("1e3", 1000), ("1E-3", 0.001),
                              ("-1.5e+2", -150), ("inf", .infinity), ("-Infinity", -.infinity), ("INF", .infinity)] {
            XCTAssertEqual(NumberGrammar.parse(text), value, text)
        }
        XCTAssertTrue(NumberGrammar.parse("nan")?.isNaN == true)
        for text in ["0x10", "0x1p3", "-0X1", "1_000", " 1", "1 ", "", "+", ".", "e5", "1e", "1e+", "1.2.3", "infx", "nan(1)", "1\u{0}0"] {
            XCTAssertNil(NumberGrammar.parse(text), text)
        }
        XCTAssertNotNil(NumberGrammar.rejection("0x10"))
        XCTAssertNil(NumberGrammar.rejection("abc"))
    }

    func testReadersShareTheGrammar() {
        XCTAssertThrowsError(try PointCloud(csv: "0,0\n0x10,1\n")) { error in
            XCTAssertTrue("\(error)".contains("hexadecimal"), "\(error)")
        }
        XCTAssertThrowsError(try DistanceMatrix(lowerTriangularText: "0x1\n1,1\n"))
        XCTAssertThrowsError(try PointCloud(off: "OFF\n3 0 0\n0 0 0\n1 0x1 0\n0 1 0\n"))
        XCTAssertEqual(try PointCloud(csv: "1e-3,2\n3,4E2\n").coordinates, [0.001, 2, 3, 400])
    }

    func testEuclideanDistancesAreScaledLikeHypot() {
        XCTAssertEqual(Metric.euclidean.distance([0, 0], [3e200, 4e200]), hypot(3e200, 4e200))  // 4.9999999999999995e200, as hypot
        XCTAssertEqual(Metric.euclidean.distance([0, 0], [3e-200, 4e-200]), hypot(3e-200, 4e-200))
        XCTAssertEqual(Metric.euclidean.distance([1e-200, 0], [1e-200, 0]), 0)
        XCTAssertEqual(Metric.euclidean.distance([1.7e308, 0], [0, 0]), 1.7e308)
        XCTAssertEqual(Metric.euclidean.distance([0, 0], [3, 4]), 5)
        XCTAssertEqual(Metric.euclideanLength(3) { [1e-300, 0, 0][$0] }, 1e-300)
        XCTAssertEqual(Metric.cosine.distance([1e200, 0], [0, 1e200]), 1)
        XCTAssertEqual(Metric.cosine.distance([1e-200, 1e-200], [2e-200, 2e-200]), 0, accuracy: 1e-15)
    }

    func testDistanceMatrixOfHugeAndTinyPointsIsFinite() throws {
        let big = DistanceMatrix(try PointCloud(rows: [[0, 0], [1e200, 0], [0, 1e200]]), metric: .euclidean, threads: 1)
        XCTAssertEqual(big[1, 0], 1e200)
        XCTAssertTrue(big[2, 1].isFinite)
        let tiny = DistanceMatrix(try PointCloud(rows: [[0, 0], [1e-200, 0]]), metric: .euclidean, threads: 1)
        XCTAssertEqual(tiny[1, 0], 1e-200)
    }
}
