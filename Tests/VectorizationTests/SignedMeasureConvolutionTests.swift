import Foundation
import XCTest
import Multipersistence
@testable import Vectorization

/// A signed measure from (coordinates, weight) atoms.
func signedMeasure(_ atoms: [([Double], Int)], parameters: Int = 2) throws -> SignedMeasure {
    try SignedMeasure(parameterCount: parameters, points: atoms.flatMap { $0.0 }, weights: atoms.map { $0.1 })
}

/// |a - b| <= tolerance * max(1, |b|), entry by entry.
func assertNear(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12, _ message: String = "",
                file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(message): length", file: file, line: line)
    for k in 0..<min(a.count, b.count) where !(abs(a[k] - b[k]) <= tolerance * max(1, abs(b[k]))) {
        XCTFail("\(message): entry \(k): \(a[k]) vs \(b[k])", file: file, line: line)
        return
    }
}

/// The convolution on analytic cases: one atom is the kernel itself, the
/// sum is divided by the number of atoms, opposite atoms cancel where they
/// should, the grid and its order are multipers'.
final class SignedMeasureConvolutionTests: XCTestCase {
    let twoPi = 2 * Double.pi

    func testOneAtomGivesTheNormalisedGaussianOnTheGrid() throws {
        let mu = try signedMeasure([([0, 0], 1)])
        var conv = SignedMeasureConvolution(bandwidth: 1, filtrationGrid: [[0, 1], [0, 2]])
        try conv.fit([])
        // Product order: (0,0), (0,2), (1,0), (1,2).
        assertNear(try conv.transform(mu), [1 / twoPi, exp(-2) / twoPi, exp(-0.5) / twoPi, exp(-2.5) / twoPi], "h = 1")
        conv.bandwidth = 0.5
        let k0 = 1 / (0.25 * twoPi)
        assertNear(try conv.transform(mu), [k0, k0 * exp(-8), k0 * exp(-2), k0 * exp(-10)], "h = 0.5")
    }

    func testOneParameterAndThreeParameterNormalisations() throws {
        let h = 0.3
        var line = SignedMeasureConvolution(bandwidth: h, filtrationGrid: [[0.1, 0.4]])
        try line.fit([])
        let one = try signedMeasure([([0.1], 1)], parameters: 1)
        let c1 = 1 / (h * twoPi.squareRoot())
        assertNear(try line.transform(one), [c1, c1 * exp(-0.09 / (2 * h * h))], "n = 1")
        var cube = SignedMeasureConvolution(bandwidth: h, filtrationGrid: [[0], [0], [0, 1]])
        try cube.fit([])
        let three = try signedMeasure([([0, 0, 0], 1)], parameters: 3)
        let c3 = c1 * c1 * c1
        assertNear(try cube.transform(three), [c3, c3 * exp(-1 / (2 * h * h))], "n = 3")
    }

    func testTheSumIsDividedByTheNumberOfAtomsNotTheMass() throws {
        var conv = SignedMeasureConvolution(bandwidth: 1, filtrationGrid: [[0], [0]])
        try conv.fit([])
        let single = try signedMeasure([([0, 0], 2)])
        XCTAssertEqual(try conv.transform(single)[0], 2 / twoPi, accuracy: 1e-15, "one atom of weight 2: N = 1")
        // Two atoms, the second far away: N = 2 halves the first one's kernel.
        let pair = try signedMeasure([([0, 0], 1), ([100, 100], 1)])
        XCTAssertEqual(try conv.transform(pair)[0], 0.5 / twoPi, accuracy: 1e-15)
        // Equal atoms are merged by SignedMeasure, so they count once.
        let merged = try signedMeasure([([0, 0], 1), ([0, 0], 1)])
        XCTAssertEqual(merged.count, 1)
        XCTAssertEqual(try conv.transform(merged)[0], 2 / twoPi, accuracy: 1e-15)
    }

    func testTwoAtomsOfOppositeSignAreAntisymmetricAndVanishHalfway() throws {
        let mu = try signedMeasure([([0, 0], 1), ([1, 0], -1)])
        var conv = SignedMeasureConvolution(bandwidth: 0.5, filtrationGrid: [[0, 0.25, 0.5, 0.75, 1], [0]])
        try conv.fit([])
        let v = try conv.transform(mu)
        let k = { (d: Double) in exp(-d * d / 0.5) / (0.25 * self.twoPi) }
        XCTAssertEqual(v[0], (k(0) - k(1)) / 2, accuracy: 1e-15)
        XCTAssertEqual(v[2], 0, "halfway the two kernels cancel exactly")
        XCTAssertEqual(v[0], -v[4], accuracy: 1e-15)
        XCTAssertEqual(v[1], -v[3], accuracy: 1e-15)
        XCTAssertGreaterThan(v[0], v[1])
    }

    func testExponentialKernelIsMultipersGaussianOfVarianceH() throws {
        let h = 0.5
        var conv = SignedMeasureConvolution(kernel: .exponential, bandwidth: h, filtrationGrid: [[0, 1, 2], [0, 1]])
        try conv.fit([])
        let mu = try signedMeasure([([0, 0], 1)])
        // exp(-|z|^2 / (2h)) / h, no dependence on the dimension.
        let expected = [0.0, 1, 1, 2, 4, 5].map { exp(-$0 / (2 * h)) / h }
        assertNear(try conv.transform(mu), expected, "exponential")
    }

    func testALearnedGridIsALinspaceOverAllAtomsAndTheOutputIsParameterOneMajor() throws {
        let a = try signedMeasure([([0, 1], 1), ([0.5, 3], -1)])
        let b = try signedMeasure([([2, 2], 1)])
        var conv = SignedMeasureConvolution(bandwidth: 0.7, resolutions: [5, 3])
        try conv.fit([a, b])
        XCTAssertEqual(conv.fittedGrid, [[0, 0.5, 1, 1.5, 2], [1, 2, 3]])
        XCTAssertEqual(conv.outputCount, 15)
        let v = try conv.transform(b)
        XCTAssertEqual(v.count, 15)
        // The maximum sits at the atom (2, 2): i1 = 4, i2 = 1, index 4 * 3 + 1.
        XCTAssertEqual(v.firstIndex(of: v.max() ?? 0), 13)
        XCTAssertEqual(v[13], 1 / (0.49 * twoPi), accuracy: 1e-15)
        // One resolution for every parameter.
        var square = SignedMeasureConvolution(bandwidth: 1, resolution: 4)
        try square.fit([a, b])
        XCTAssertEqual(square.fittedGrid?.map(\.count), [4, 4])
        XCTAssertEqual(square.fittedGrid?[1].first, 1)
        XCTAssertEqual(square.fittedGrid?[1].last, 3)
    }

    func testEmptyMeasuresGiveZerosAndAtomsAtInfinityAddNothingButCount() throws {
        var conv = SignedMeasureConvolution(bandwidth: 1, filtrationGrid: [[0, 1], [0]])
        try conv.fit([])
        XCTAssertEqual(try conv.transform(try signedMeasure([])), [0, 0])
        let withInfinity = try signedMeasure([([0, 0], 1), ([0, .infinity], -1)])
        assertNear(try conv.transform(withInfinity), [0.5 / twoPi, 0.5 * exp(-0.5) / twoPi], "inf atom")
        // A learned grid ignores infinite coordinates.
        var learned = SignedMeasureConvolution(bandwidth: 1, resolution: 3)
        try learned.fit([withInfinity, try signedMeasure([([2, 4], 1)])])
        XCTAssertEqual(learned.fittedGrid, [[0, 1, 2], [0, 2, 4]])
    }

    func testIntegratesToMassOverAtomCount() throws {
        // The kernels are densities: a fine Riemann sum of the image is (sum w_i) / N.
        let mu = try signedMeasure([([0, 0], 1), ([0.3, 0.2], -1), ([0.1, -0.4], 2)])
        let step = 0.05
        let axis = (0...240).map { -6 + Double($0) * step }
        for kernel in SignedMeasureConvolution.Kernel.allCases {
            var conv = SignedMeasureConvolution(kernel: kernel, bandwidth: 0.4, filtrationGrid: [axis, axis])
            try conv.fit([])
            let integral = try conv.transform(mu).reduce(0, +) * step * step
            // The exponential kernel is exp(-|z|^2/2h)/h: its integral is 2 pi h / h = 2 pi per unit weight.
            let expected = (kernel == .gaussian ? 1 : twoPi) * 2 / 3
            XCTAssertEqual(integral, expected, accuracy: 1e-9, "\(kernel)")
        }
    }

    func testTranslatingMeasureAndGridTogetherChangesNothing() throws {
        let mu = try signedMeasure([([0.2, 0.1], 1), ([0.7, 0.4], -2), ([0.3, 0.9], 1)])
        let shift = [3.5, -1.25]
        let moved = try SignedMeasure(parameterCount: 2, points: (0..<mu.count).flatMap { i in mu[i].enumerated().map { $1 + shift[$0] } },
                                      weights: mu.weights)
        var a = SignedMeasureConvolution(bandwidth: 0.3, resolution: 6)
        var b = a
        try a.fit([mu])
        try b.fit([moved])
        assertNear(try b.transform(moved), try a.transform(mu), tolerance: 1e-12, "translation")
    }

    func testRefusesBadParametersAndMeasures() throws {
        let mu = try signedMeasure([([0, 0], 1)])
        XCTAssertThrowsError(try SignedMeasureConvolution().transform(mu)) {
            XCTAssertEqual($0 as? VectorizationError, .notFitted("SignedMeasureConvolution"))
        }
        var conv = SignedMeasureConvolution(bandwidth: 0, filtrationGrid: [[0], [0]])
        try conv.fit([])
        for h in [0, -1, .nan, .infinity, 1e-200] {
            conv.bandwidth = h
            XCTAssertThrowsError(try conv.transform(mu), "bandwidth \(h)")
        }
        conv.bandwidth = 1
        XCTAssertThrowsError(try conv.transform(try signedMeasure([([0, 0, 0], 1)], parameters: 3)), "3 coordinates on a 2D grid")
        var zero = SignedMeasureConvolution(resolution: 0)
        XCTAssertThrowsError(try zero.fit([mu]))
        var huge = SignedMeasureConvolution(resolution: 1_000_000_000)
        XCTAssertThrowsError(try huge.fit([mu])) { XCTAssertTrue("\($0)".contains("more than 10000000"), "\($0)") }
        var wrongCount = SignedMeasureConvolution(resolutions: [3, 3, 3])
        XCTAssertThrowsError(try wrongCount.fit([mu]))
        var empty = SignedMeasureConvolution(resolution: 3)
        XCTAssertThrowsError(try empty.fit([try signedMeasure([])])) {
            XCTAssertEqual($0 as? VectorizationError, .emptyMeasureFit("SignedMeasureConvolution"))
        }
        XCTAssertThrowsError(try empty.fit([mu, try signedMeasure([([0], 1)], parameters: 1)]), "mixed widths")
        var badGrid = SignedMeasureConvolution(filtrationGrid: [[0, .infinity], [0]])
        XCTAssertThrowsError(try badGrid.fit([]))
        XCTAssertEqual(SignedMeasureConvolution.gridPointCount([Int.max, 2]), nil)
    }

    func testBatchTransformIsTheSequentialOneInOrder() async throws {
        let measures = try (0..<7).map { i in try signedMeasure([([Double(i) * 0.1, 0.5], 1), ([0.3, Double(i) * 0.2], -1)]) }
        var conv = SignedMeasureConvolution(bandwidth: 0.2, resolution: 8)
        let sequential = try conv.fitTransform(measures)
        let parallel = try await conv.transform(measures, jobs: 3)
        XCTAssertEqual(parallel, sequential)
        let floats = try conv.transform(measures, as: Float.self)
        XCTAssertEqual(floats[3][5], Float(sequential[3][5]))
    }
}
