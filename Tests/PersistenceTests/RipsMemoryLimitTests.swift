import Persistence
import PointClouds
import XCTest

final class RipsMemoryLimitTests: XCTestCase {
    func testEstimateMatchesCompleteGraphsAndEmptyGraphs() {
        // A complete graph on 10 vertices has C(10, 3) = 120 triangles.
        XCTAssertEqual(RipsSizeEstimate.simplices(vertices: 10, edges: 45, dimension: 2), 120, accuracy: 1e-6)
        XCTAssertEqual(RipsSizeEstimate.simplices(vertices: 10, edges: 0, dimension: 2), 0)
        XCTAssertEqual(RipsSizeEstimate.simplices(vertices: 10, edges: 7, dimension: 1), 7)
    }

    func testExpansionAboveTheLimitIsRefusedWithTheEstimateBeforeIt() throws {
        let cloud = try PointCloud(rows: Array(repeating: [0.0, 0.0], count: 400))
        let rips = try VietorisRips(points: cloud)
        XCTAssertThrowsError(try rips.barcode(maxDimension: 3, options: RipsOptions(memoryLimit: 1_000_000))) { error in
            XCTAssertTrue("\(error)".contains("2-simplices to expand to dimension 3"), "\(error)")
        }
    }

    func testThresholdPairsAboveTheLimitAreRefused() throws {
        let cloud = try PointCloud(rows: Array(repeating: [0.0, 0.0], count: 400))
        let rips = try VietorisRips(points: cloud)
        XCTAssertThrowsError(try rips.barcode(maxDimension: 1, threshold: 1, options: RipsOptions(memoryLimit: 1_000_000))) { error in
            XCTAssertTrue(error is MemoryBudgetError, "\(error)")
        }
    }

    func testProblemsWithinTheLimitAreUnchanged() throws {
        let circle = try PointCloud(rows: (0..<24).map { k in
            let t = 2 * Double.pi * Double(k) / 24
            return [cos(t), sin(t)]
        })
        let limited = try VietorisRips(points: circle).barcode(maxDimension: 2, options: RipsOptions(memoryLimit: 50_000_000))
        let free = try VietorisRips(points: circle).barcode(maxDimension: 2)
        XCTAssertEqual(limited, free)
        XCTAssertEqual(limited[1].count, 1)
    }
}
