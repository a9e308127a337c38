import XCTest
import Complexes
import Persistence
import PointClouds

final class AlphaComplexTests: XCTestCase {
    func testUnitSquareFiltrationMatchesGUDHI() throws {
        let alpha = try AlphaComplex(points: try PointCloud(rows: [[0, 0], [1, 0], [0, 1], [1, 1]]))
        let f = alpha.filtration()
        XCTAssertEqual(f.count, 11)
        XCTAssertEqual(f.filter { $0.simplex.count == 2 }.map(\.filtration).sorted(), [0.25, 0.25, 0.25, 0.25, 0.5])
        XCTAssertEqual(f.filter { $0.simplex.count == 3 }.map(\.filtration), [0.5, 0.5])
    }

    func testObtuseTriangleEdgeIsAttached() throws {
        // The long edge's diametral circle holds the third point: it enters with the triangle.
        let alpha = try AlphaComplex(points: try PointCloud(rows: [[0, 0], [4, 0], [2, 0.5]]))
        let f = alpha.filtration()
        let long = try XCTUnwrap(f.first { $0.simplex == [0, 1] })
        let triangle = try XCTUnwrap(f.first { $0.simplex == [0, 1, 2] })
        XCTAssertEqual(long.filtration, triangle.filtration)
        XCTAssertEqual(triangle.filtration, 18.0625)  // centre (2, -3.75)
    }

    func testBarcodesEqualGUDHIOnRandomAndDegeneratePointSets() throws {
        for c in try referenceCases("alpha") {
            let rows = ((c["points"] as? [Any]) ?? []).map(reals)
            let alpha = try AlphaComplex(points: try PointCloud(rows: rows))
            let barcode = try alpha.filteredComplex.barcode(maxDimension: rows[0].count - 1)
            // GUDHI's exact values are within one ulp of the correctly rounded ones.
            assertSameBars(barcode, referenceBars(c), tolerance: 1e-15, c["name"] as? String ?? "?")
        }
    }

    func testFastPrecisionAgreesOnRandomPoints() throws {
        var g = SeededGenerator(seed: 7)
        let cloud = try PointCloud(rows: (0..<200).map { _ in [g.uniform(), g.uniform(), g.uniform()] })
        let exact = try AlphaComplex(points: cloud).filteredComplex.barcode(maxDimension: 2)
        let fast = try AlphaComplex(points: cloud, precision: .fast).filteredComplex.barcode(maxDimension: 2)
        XCTAssertEqual(exact.count, fast.count)
        for (a, b) in zip(exact.flattened, fast.flattened) {
            XCTAssertEqual(a.bar.birth, b.bar.birth, accuracy: 1e-12)
        }
    }

    func testBadInputGivesTypedErrors() throws {
        // Fewer points than dimension + 1: the lower-dimensional complex, as GUDHI.
        let two = try AlphaComplex(points: try PointCloud(rows: [[0, 0], [1, 1]])).filtration()
        XCTAssertEqual(two.count, 3)
        XCTAssertEqual(two.first { $0.simplex == [0, 1] }?.filtration, 0.5)
        XCTAssertEqual(try AlphaComplex(points: try PointCloud(rows: [[0, 0, 0]])).filtration().count, 1)
        XCTAssertThrowsError(try AlphaComplex(points: try PointCloud(rows: [[0], [1]]))) {
            XCTAssertEqual($0 as? ComplexError, .unsupportedDimension(1, supported: "2 and 3"))
        }
        XCTAssertThrowsError(try PointCloud(rows: [[0, 0], [1, 1, 1]]))
        XCTAssertThrowsError(try PointCloud(rows: [[0, .nan], [1, 1], [2, 2]]))
    }

    func testAllDuplicatesGiveOnePoint() throws {
        let alpha = try AlphaComplex(points: try PointCloud(rows: [[1, 1], [1, 1], [1, 1]]))
        XCTAssertEqual(alpha.count, 1)
        XCTAssertEqual(try alpha.filteredComplex.barcode(maxDimension: 1)[0], [Bar(birth: 0, death: .infinity)])
    }
}
