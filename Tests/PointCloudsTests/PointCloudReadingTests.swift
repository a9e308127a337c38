import XCTest
@testable import PointClouds

final class PointCloudReadingTests: XCTestCase {
    func testCommaSeparatedWithHeaderAndComments() throws {
        let cloud = try PointCloud(csv: "# a comment\nx,y\n0,0\n1.5, 2\n\n-3,4e-1\n")
        XCTAssertEqual(cloud.count, 3)
        XCTAssertEqual(cloud.dimension, 2)
        XCTAssertEqual(cloud.coordinates, [0, 0, 1.5, 2, -3, 0.4])
    }

    func testWhitespaceTabAndSemicolonDelimitersAreDetected() throws {
        XCTAssertEqual(try PointCloud(csv: "1 2 3\n4  5\t6\n").coordinates, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(try PointCloud(csv: "1\t2\n3\t4\n").dimension, 2)
        XCTAssertEqual(try PointCloud(csv: "1;2\n3;4\r\n").coordinates, [1, 2, 3, 4])
    }

    func testRaggedRowNamesTheLine() {
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3,4\n5\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .raggedRow(line: 3, found: 1, expected: 2))
            XCTAssertEqual("\(error)", "line 3 has 1 value, expected 2")
        }
    }

    func testNonNumericCellNamesLineAndColumn() {
        XCTAssertThrowsError(try PointCloud(csv: "1,2\n3,abc\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .notANumber(line: 2, column: 2, text: "abc"))
        }
    }

    func testNaNAndInfinityAreRejected() {
        XCTAssertThrowsError(try PointCloud(csv: "1,2\nnan,4\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .nonFinite(line: 2, column: 1))
        }
        XCTAssertThrowsError(try PointCloud(csv: "1,inf\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .nonFinite(line: 1, column: 2))
        }
    }

    func testEmptyInputIsAnError() {
        XCTAssertThrowsError(try PointCloud(csv: "")) { XCTAssertEqual($0 as? PointCloudError, .empty) }
        XCTAssertThrowsError(try PointCloud(csv: "# only a comment\n\n")) { XCTAssertEqual($0 as? PointCloudError, .empty) }
        XCTAssertThrowsError(try PointCloud(csv: "x,y\n")) { XCTAssertEqual($0 as? PointCloudError, .empty) }
    }

    func testMetrics() {
        XCTAssertEqual(Metric.euclidean.distance([0, 0], [3, 4]), 5)
        XCTAssertEqual(Metric.manhattan.distance([0, 0], [3, 4]), 7)
        XCTAssertEqual(Metric.chebyshev.distance([0, 0], [3, -4]), 4)
        XCTAssertEqual(Metric.cosine.distance([1, 0], [0, 2]), 1, accuracy: 1e-15)
        XCTAssertEqual(Metric.cosine.distance([1, 1], [2, 2]), 0, accuracy: 1e-15)
    }

    func testDistanceMatrixFromPointsUsesRipserLayout() throws {
        let cloud = try PointCloud(rows: [[0, 0], [3, 4], [0, 1]])
        for threads in [1, 2] {
            let d = DistanceMatrix(cloud, metric: .euclidean, threads: threads)
            let expected: [Double] = [5, 1, 18.0.squareRoot()]
            XCTAssertEqual(d.entries, expected)
            XCTAssertEqual(d[0, 1], 5)
            XCTAssertEqual(d[2, 1], d[1, 2])
        }
    }

    func testParallelDistancesEqualSerialOnes() throws {
        let rows: [[Double]] = (0..<300).map { (i: Int) -> [Double] in
            [Double(i % 17), Double(i * i % 31), Double(i) / 7]
        }
        let cloud = try PointCloud(rows: rows)
        XCTAssertEqual(DistanceMatrix(cloud, threads: 1), DistanceMatrix(cloud, threads: 2))
    }

    func testLowerTriangularMatrixInRipserFormat() throws {
        let d = try DistanceMatrix(lowerTriangularText: "\n1,\n2,3,\n4 5 6\n")
        XCTAssertEqual(d.count, 4)
        XCTAssertEqual(d[3, 2], 6)
        XCTAssertEqual(d[0, 2], 2)
    }

    func testLowerTriangularMatrixWithWrongCountIsAnError() {
        XCTAssertThrowsError(try DistanceMatrix(lowerTriangularText: "1\n2,3\n4\n"))
        XCTAssertThrowsError(try DistanceMatrix(lowerTriangularText: "1\n-2,3\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .negativeDistance(line: 2, column: 1))
        }
    }

    func testFullMatrixIsChecked() throws {
        let d = try DistanceMatrix(fullText: "0,1,2\n1,0,3\n2,3,0\n")
        XCTAssertEqual(d.entries, [1, 2, 3])
        XCTAssertThrowsError(try DistanceMatrix(fullText: "0,1\n1,0,3\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .notSquare(line: 2, found: 3, expected: 2))
        }
        XCTAssertThrowsError(try DistanceMatrix(fullText: "0,1\n2,0\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .notSymmetric(row: 2, column: 1))
        }
        XCTAssertThrowsError(try DistanceMatrix(fullText: "0,-1\n-1,0\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .negativeDistance(line: 1, column: 2))
        }
        XCTAssertThrowsError(try DistanceMatrix(fullText: "1,1\n1,0\n")) { error in
            XCTAssertEqual(error as? PointCloudError, .nonZeroDiagonal(row: 1))
        }
    }

    func testEnclosingRadius() throws {
        let d = try DistanceMatrix(full: [[0, 1, 2], [1, 0, 1.5], [2, 1.5, 0]])
        XCTAssertEqual(d.enclosingRadius, 1.5)
    }
}

final class NPYTests: XCTestCase {
    func testRoundTripFloat64AndFloat32() throws {
        let a = NPYArray(shape: [2, 3], values: [1, 2, 3, 4, 5, 6.5])
        XCTAssertEqual(try NPYArray(bytes: a.encoded()), a)
        XCTAssertEqual(try NPYArray(bytes: a.encoded(float32: true)), a)
        let cloud = try PointCloud(npy: NPYArray(bytes: a.encoded()))
        XCTAssertEqual(cloud.dimension, 3)
        XCTAssertEqual(cloud.count, 2)
    }

    func testHeaderIsPaddedToSixtyFourBytes() {
        let bytes = NPYArray(shape: [3], values: [1, 2, 3]).encoded()
        XCTAssertEqual((bytes.count - 24) % 64, 0)
    }

    func testDistanceMatrixFromNPY() throws {
        let a = NPYArray(shape: [3, 3], values: [0, 1, 2, 1, 0, 3, 2, 3, 0])
        XCTAssertEqual(try DistanceMatrix(npy: NPYArray(bytes: a.encoded(float32: true))).entries, [1, 2, 3])
        XCTAssertThrowsError(try DistanceMatrix(npy: NPYArray(shape: [2, 3], values: [0, 1, 2, 1, 0, 3])))
        XCTAssertThrowsError(try DistanceMatrix(npy: NPYArray(shape: [2, 2], values: [0, 1, 2, 0]))) { error in
            XCTAssertEqual(error as? PointCloudError, .notSymmetric(row: 2, column: 1))
        }
    }

    func testBadFilesAreRejected() {
        XCTAssertThrowsError(try NPYArray(bytes: Array("not numpy".utf8)))
        var truncated = NPYArray(shape: [4, 4], values: Array(repeating: 1, count: 16)).encoded()
        truncated.removeLast(8)
        XCTAssertThrowsError(try NPYArray(bytes: truncated))
        let nan = NPYArray(shape: [1, 2], values: [1, .nan]).encoded()
        XCTAssertThrowsError(try NPYArray(bytes: nan)) { error in
            XCTAssertEqual(error as? PointCloudError, .nonFinite(line: 1, column: 2))
        }
    }
}
