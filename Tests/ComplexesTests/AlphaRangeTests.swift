import Complexes
import Persistence
import PointClouds
import XCTest

final class AlphaRangeTests: XCTestCase {
    func testUnrepresentableSquaredRadiiAreAnErrorNotInfinity() throws {
        let cloud = try PointCloud(rows: [[0, 0], [1e300, 0], [0, 1e300], [1e300, 1e300], [5e299, 1e299]])
        XCTAssertThrowsError(try AlphaComplex(points: cloud)) { error in
            XCTAssertTrue("\(error)".contains("largest double"), "\(error)")
        }
        XCTAssertThrowsError(try AlphaComplex(points: cloud, precision: .fast))
    }

    func testLargeButRepresentableRadiiKeepFiniteBars() throws {
        let cloud = try PointCloud(rows: [[0, 0], [1e150, 0], [0, 1e150], [1e150, 1e150]])
        let barcode = try AlphaComplex(points: cloud).filteredComplex.barcode(maxDimension: 1)
        XCTAssertEqual(barcode[0].filter(\.isEssential).count, 1)
        XCTAssertEqual(barcode[0].count, 4)
    }
}
