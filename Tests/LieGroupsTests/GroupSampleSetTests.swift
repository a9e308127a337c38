import XCTest
import LinearAlgebra
@testable import LieGroups

final class GroupSampleSetTests: XCTestCase {
    func testQuarterTurnOfAnImageIsAPixelPermutation() {
        var rng = TestGenerator(3)
        let side = 6
        let image = (0..<side * side).map { _ in Float(rng.uniform(0, 1)) }
        let quarter = SO2<Double>(angle: .pi / 2)
        var moved = image
        for _ in 0..<4 { moved = quarter.act(onImage: moved, side: side) }
        XCTAssertEqual(moved, image)
        let once = quarter.act(onImage: image, side: side)
        XCTAssertEqual(once.sorted(), image.sorted())
        // (column, row) = (0, 0) is at (-2.5, -2.5); a quarter turn takes it to (2.5, -2.5): column 5, row 0.
        XCTAssertEqual(once[5], image[0])
    }

    func testBilinearShiftByHalfAPixelAverages() {
        let image: [Float] = [0, 1, 0, 0]
        let shift = Affine2(translation: SIMD2<Double>(0.5, 0), linear: SO2<Double>.identity)
        let out = shift.act(onImage: image, side: 2)
        XCTAssertEqual(out[0], 0, accuracy: 1e-7)     // old x = -1: half outside, half pixel 0
        XCTAssertEqual(out[1], 0.5, accuracy: 1e-7)   // halfway between pixels 0 and 1
    }

    func testDrawnSamplesLieInTheirGroupsAndAreSeeded() throws {
        var a = TestGenerator(9), b = TestGenerator(9)
        let s = try GroupSampleSet.draw(group: .affineSL2, count: 8, using: &a)
        XCTAssertEqual(s, try GroupSampleSet.draw(group: .affineSL2, count: 8, using: &b))
        for m in s.elements { XCTAssertEqual(m.determinant, 1, accuracy: 1e-12) }
        let g = try GroupSampleSet.draw(group: .affineGL2, count: 8, using: &a)
        for m in g.elements { XCTAssertGreaterThan(m.determinant, 0) }
        XCTAssertEqual(try GroupSampleSet.draw(group: .translation, count: 8, using: &a).count, 1)
        XCTAssertThrowsError(try GroupSampleSet.draw(group: .affineGL2, count: 0, using: &a)) {
            XCTAssertEqual($0 as? LieGroupError, .nonPositiveCount(0))
        }
        XCTAssertThrowsError(try GroupSampleSet(group: .affineSL2, elements: [.diagonal(2, 1)]))
    }

    func testRelativeFeaturesAreUnchangedByLeftTranslation() throws {
        var rng = TestGenerator(4)
        for group in [ModelGroup.affineGL2, .affineSL2] {
            let s = try GroupSampleSet.draw(group: group, count: 5, using: &rng)
            let g = try SL2<Double>(normalizing: Matrix2(a: 1.3, b: 0.4, c: -0.2, d: 0.9)).matrix
            let t = s.leftTranslated(by: g)
            let f0 = s.relativeFeatures(from: s), f1 = t.relativeFeatures(from: t)
            XCTAssertEqual(f0.count, 25 * group.featureCount)
            for (x, y) in zip(f0, f1) { XCTAssertEqual(x, y, accuracy: 1e-12) }
            // The diagonal is the identity: log P = 0, angle 0.
            let f = group.featureCount
            XCTAssertEqual(Array(f0[0..<f]), [Double](repeating: 0, count: f - 2) + [1, 0], accuracy: 1e-12)
        }
    }
}

