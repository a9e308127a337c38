import Persistence
import PointClouds
import Vectorization
import XCTest

/// Sizes a caller controls are checked with overflow checks and against the
/// memory budget before anything is allocated (release builds of
/// Vectorization drop Swift's own checks).
final class SizeLimitTests: XCTestCase {
    let bars = [Bar(birth: 0, death: 1), Bar(birth: 0.2, death: 0.5)]

    func assertRefused(_ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue(error is MemoryBudgetError, "\(error)", file: file, line: line)
        }
    }

    func testHugeAndWrappingResolutionsAreRefused() {
        for r in [1_000_000_000_000, 1 << 62, Int.max] {
            assertRefused { var l = Landscape(resolution: r); try l.fit([self.bars]); return try l.transform(self.bars) }
            assertRefused { var s = Silhouette(resolution: r); try s.fit([self.bars]); return try s.transform(self.bars) }
            assertRefused { var b = BettiCurve(resolution: r); try b.fit([self.bars]); return try b.transform(self.bars) }
            assertRefused { var e = PersistenceEntropy(mode: .vector, resolution: r); try e.fit([self.bars]); return try e.transform(self.bars) }
        }
        assertRefused { var i = PersistenceImage(resolution: (3_037_000_500, 3_037_000_500)); try i.fit([self.bars]); return try i.transform(self.bars) }
        assertRefused { var l = Landscape(numLandscapes: 1 << 61, resolution: 100); try l.fit([self.bars]); return try l.transform(self.bars) }
    }

    func testHugeThresholdsAndDirectionsAreRefused() {
        assertRefused { try TopologicalVector(threshold: 1 << 62).transform(self.bars) }
        assertRefused { try ComplexPolynomial(threshold: Int.max).transform(self.bars) }
        assertRefused { try slicedWassersteinDistance(self.bars, self.bars, directions: 1 << 60) }
        assertRefused { var k = SlicedWassersteinKernel(numDirections: 1 << 60); try k.fit([self.bars]); return 0 }
    }

    func testOrdinarySizesStillWork() throws {
        var l = Landscape(numLandscapes: 3, resolution: 50)
        try l.fit([bars])
        XCTAssertEqual(try l.transform(bars).count, 150)
    }
}

final class Float32RangeTests: XCTestCase {
    func testFloat32OutputRefusesFiniteValuesBeyondItsRange() throws {
        XCTAssertThrowsError(try VectorOutput.npy([[1, 1e39]], float32: true)) { error in
            XCTAssertTrue("\(error)".contains("row 1, column 2"), "\(error)")
        }
        XCTAssertNoThrow(try VectorOutput.npy([[1, .infinity, 3e38]], float32: true))
        XCTAssertNoThrow(try VectorOutput.npy([[1, 1e39]], float32: false))
    }
}
