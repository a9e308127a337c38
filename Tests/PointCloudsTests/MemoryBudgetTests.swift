import PointClouds
import XCTest

final class MemoryBudgetTests: XCTestCase {
    func testCountReportsOverflowAndNegativeFactors() {
        XCTAssertEqual(MemoryBudget.count([3, 4, 5]), 60)
        XCTAssertEqual(MemoryBudget.count([]), 1)
        XCTAssertNil(MemoryBudget.count([1 << 62, 4]))
        XCTAssertNil(MemoryBudget.count([Int.max, 2]))
        XCTAssertNil(MemoryBudget.count([5, -1]))
    }

    func testElementsRefusesAboveTheLimitWithTheBytesNeeded() throws {
        XCTAssertEqual(try MemoryBudget.elements([10, 10], bytesEach: 8, what: "x", limit: 800), 100)
        XCTAssertThrowsError(try MemoryBudget.elements([10, 11], bytesEach: 8, what: "a 10 x 11 grid",
                                                       advice: "lower --resolution", limit: 800)) { error in
            let e = error as? MemoryBudgetError
            XCTAssertEqual(e?.bytesNeeded, 880)
            XCTAssertEqual(e?.description, "a 10 x 11 grid needs 880 bytes, more than the memory limit of 800 bytes; lower --resolution")
        }
    }

    func testElementsRefusesOverflowingSizesWithoutAllocating() {
        // 2^62 x 8 bytes wraps to 0 in unchecked arithmetic.
        XCTAssertThrowsError(try MemoryBudget.elements([1 << 62], bytesEach: 8, what: "x", limit: .max)) { error in
            XCTAssertNil((error as? MemoryBudgetError)?.bytesNeeded)
            XCTAssertTrue("\(error)".contains("overflows"))
        }
    }

    func testTextUsesUnitsOfAThousand() {
        XCTAssertEqual(MemoryBudget.text(512), "512 bytes")
        XCTAssertEqual(MemoryBudget.text(40_000_000_000), "40 GB")
        XCTAssertEqual(MemoryBudget.text(2_200_000_000), "2.2 GB")
    }

    func testPairsStopAtTheBudgetOnIdenticalPoints() throws {
        let cloud = try PointCloud(rows: Array(repeating: [1.0, 1.0], count: 3000))  // 4,498,500 pairs
        XCTAssertThrowsError(try cloud.pairs(within: 0.5, threads: 2, maxPairs: 100_000)) { error in
            XCTAssertTrue(error is MemoryBudgetError, "\(error)")
        }
        let few = try PointCloud(rows: [[0, 0], [1, 0], [5, 0]])
        XCTAssertEqual(try few.pairs(within: 2, maxPairs: 1).count, 1)
        XCTAssertThrowsError(try few.pairs(within: 10, maxPairs: 2))
    }
}
