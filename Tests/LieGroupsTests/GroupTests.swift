import XCTest
import LinearAlgebra
@testable import LieGroups

final class GroupTests: XCTestCase {
    /// Associativity, identity, inverses and the action law on random elements, to `tolerance` relative to the entries.
    func checkAxioms<G: PlanarGroup>(_ make: () -> G, _ name: String, tolerance: Double = 1e-12) where G.Scalar == Double {
        var rng = TestGenerator(11)
        for _ in 0..<200 {
            let (g, h, k) = (make(), make(), make())
            let scale = max(1, g.linearPart.maxAbs, h.linearPart.maxAbs, k.linearPart.maxAbs)
            let tol = tolerance * scale * scale * scale
            XCTAssertLessThan(distance((g * h) * k, g * (h * k)), tol, "\(name) associativity")
            XCTAssertLessThan(distance(g * .identity, g), tol, "\(name) right identity")
            XCTAssertLessThan(distance(.identity * g, g), tol, "\(name) left identity")
            XCTAssertLessThan(distance(g * g.inverse, .identity), tol, "\(name) right inverse")
            XCTAssertLessThan(distance(g.inverse * g, .identity), tol, "\(name) left inverse")
            let x = rng.point()
            XCTAssertLessThan(absMax((g * h).act(on: x) - g.act(on: h.act(on: x))), tol * max(1, absMax(x)), "\(name) action")
            XCTAssertLessThan(absMax(G.identity.act(on: x) - x), 1e-15)
        }
    }

    func testGroupAxiomsHoldTo1e12InDouble() {
        var rng = TestGenerator(1)
        checkAxioms({ rng.so2() }, "SO(2)")
        checkAxioms({ rng.glPlus2() }, "GL+(2)")
        checkAxioms({ rng.sl2() }, "SL(2)")
        checkAxioms({ Affine2(translation: rng.point(), linear: rng.so2()) }, "R2 x| SO(2)")
        checkAxioms({ Affine2(translation: rng.point(), linear: rng.glPlus2()) }, "R2 x| GL+(2)")
        checkAxioms({ Affine2(translation: rng.point(), linear: rng.sl2()) }, "R2 x| SL(2)")
    }

    func testGroupAxiomsInFloat() {
        var rng = TestGenerator(2)
        for _ in 0..<100 {
            let m = rng.glPlus2().matrix
            guard let g = try? GLPlus2<Float>(Matrix2(a: Float(m.a), b: Float(m.b), c: Float(m.c), d: Float(m.d))) else { continue }
            let scale = max(1, g.matrix.maxAbs)
            XCTAssertLessThan((g * g.inverse).matrix.maxAbsoluteDifference(.identity), 2e-5 * scale * scale)
            let r = SO2<Float>(angle: Float(rng.uniform(-3, 3)))
            XCTAssertLessThan((r * r.inverse).matrix.maxAbsoluteDifference(.identity), 1e-6)
        }
    }

    func testChartRoundTripsAndDeterminantInFloat() {
        var rng = TestGenerator(8)
        for _ in 0..<100 {
            let x = SIMD4<Float>(Float(0.5 * rng.normal()), Float(0.5 * rng.normal()), Float(0.5 * rng.normal()), Float(rng.uniform(-4, 4)))
            let g = GLPlus2<Float>(chartCoordinates: x)
            XCTAssertLessThan(GLPlus2<Float>(chartCoordinates: g.chartCoordinates).matrix.maxAbsoluteDifference(g.matrix), 1e-5)
            let y = SIMD3<Float>(Float(0.5 * rng.normal()), Float(rng.uniform(-4, 4)), Float(0.5 * rng.normal()))
            let h = SL2<Float>(chartCoordinates: y)
            XCTAssertEqual(h.determinant, 1, accuracy: 1e-6)
            XCTAssertLessThan(SL2<Float>(chartCoordinates: h.chartCoordinates).matrix.maxAbsoluteDifference(h.matrix), 1e-5)
        }
        var gen = TestGenerator(9)
        let samples = (try? HaarImportanceSampler<GLPlus2<Float>>().samples(count: 50, using: &gen)) ?? []
        XCTAssertEqual(samples.count, 50)
        XCTAssertTrue(samples.allSatisfy { $0.weight > 0 && $0.element.determinant > 0 })
    }

    func testSO2AnglesArePrincipalAndCompose() {
        XCTAssertEqual(SO2<Double>(angle: -Double.pi).angle, Double.pi)
        XCTAssertEqual(SO2<Double>(angle: Double.pi).angle, Double.pi)
        XCTAssertEqual(SO2<Double>(angle: 3 * Double.pi).angle, Double.pi, accuracy: 1e-15)
        XCTAssertEqual((SO2<Double>(angle: 3) * SO2(angle: 1)).angle, 4 - 2 * Double.pi, accuracy: 1e-15)
        XCTAssertEqual(SO2<Double>(angle: Double.pi).inverse.angle, Double.pi)
        let r = SO2<Double>(angle: 0.7)
        XCTAssertEqual(try SO2(r.matrix).angle, 0.7, accuracy: 1e-15)
        XCTAssertLessThan(absMax(SO2<Double>(angle: Double.pi / 2).act(on: SIMD2(1, 0)) - SIMD2(0, 1)), 1e-15)
    }

    func testDeterminantIsOneOnSL2AfterLongProductsChartsAndSamples() throws {
        var rng = TestGenerator(3)
        // 1000 products of elements near the identity (entries stay moderate, so det is computed accurately).
        var g = SL2<Double>.identity
        for _ in 0..<1000 { g = g * SL2(chartCoordinates: SIMD3(0.05 * rng.normal(), rng.uniform(-4, 4), 0.05 * rng.normal())) }
        XCTAssertLessThan(g.matrix.maxAbs, 100)
        XCTAssertEqual(g.determinant, 1, accuracy: 1e-12)
        for _ in 0..<200 {
            let x = SIMD3(rng.normal(), rng.uniform(-4, 4), rng.normal())
            XCTAssertEqual(SL2<Double>(chartCoordinates: x).determinant, 1, accuracy: 1e-12)
            XCTAssertEqual(rng.sl2().inverse.determinant, 1, accuracy: 1e-12)
            XCTAssertEqual(try SL2<Double>(normalizing: rng.glPlus2().matrix).determinant, 1, accuracy: 1e-12)
        }
        var gen = TestGenerator(4)
        for s in try HaarImportanceSampler<SL2<Double>>().samples(count: 200, using: &gen) {
            XCTAssertEqual(s.element.determinant, 1, accuracy: 1e-12)
        }
        for s in try GaussianChartSampler<SL2<Double>>().samples(count: 50, using: &gen) {
            XCTAssertEqual(s.determinant, 1, accuracy: 1e-12)
            XCTAssertEqual(s.polar.p.determinant, 1, accuracy: 1e-12)
        }
    }

    func testPolarDecompositionReconstructsWithPositiveDefiniteP() throws {
        var rng = TestGenerator(5)
        for _ in 0..<200 {
            let g = rng.glPlus2()
            let (p, r) = g.polar
            XCTAssertLessThan(GLPlus2(p: p, r: r).matrix.maxAbsoluteDifference(g.matrix), 1e-12 * max(1, g.matrix.maxAbs))
            XCTAssertEqual(p.matrix.b, p.matrix.c)
            XCTAssertGreaterThan(try p.matrix.symmetricEigendecomposition().values.x, 0)
            XCTAssertLessThan((p.matrix * p.matrix).maxAbsoluteDifference(g.matrix * g.matrix.transposed),
                              1e-12 * max(1, g.matrix.maxAbs * g.matrix.maxAbs))
            // The same factors as LinearAlgebra's polar decomposition through LAPACKE.
            let lapack = try g.matrix.matrix.polarDecomposition(method: .lapack)
            XCTAssertLessThan(p.matrix.matrix.maxAbsoluteDifference(lapack.left), 1e-12 * max(1, g.matrix.maxAbs))
            XCTAssertLessThan(r.matrix.matrix.maxAbsoluteDifference(lapack.orthogonal), 1e-11)
        }
    }

    func testChartRoundTripsBothWays() {
        var rng = TestGenerator(6)
        let s2 = 2.0.squareRoot()
        for _ in 0..<300 {
            let g = rng.glPlus2(), h = rng.sl2(), r = rng.so2()
            let scale = max(1, g.matrix.maxAbs)
            XCTAssertLessThan(GLPlus2(chartCoordinates: g.chartCoordinates).matrix.maxAbsoluteDifference(g.matrix), 1e-12 * scale)
            XCTAssertLessThan(SL2(chartCoordinates: h.chartCoordinates).matrix.maxAbsoluteDifference(h.matrix), 1e-12 * max(1, h.matrix.maxAbs))
            XCTAssertLessThan(SO2(chartCoordinates: r.chartCoordinates).matrix.maxAbsoluteDifference(r.matrix), 1e-15)
            // Coordinates back, with the angle coordinate in sqrt(2) (-pi, pi].
            let x = SIMD4(rng.normal(), rng.normal(), rng.normal(), s2 * rng.uniform(-3.14, 3.14))
            XCTAssertLessThan(absMax(GLPlus2<Double>(chartCoordinates: x).chartCoordinates - x), 1e-12)
            let y = SIMD3(rng.normal(), s2 * rng.uniform(-3.14, 3.14), rng.normal())
            XCTAssertLessThan(absMax(SL2<Double>(chartCoordinates: y).chartCoordinates - y), 1e-12)
            let a = Affine2(translation: rng.point(), linear: g)
            let back = Affine2<GLPlus2<Double>>(translation: a.chartCoordinates.translation, chartCoordinates: a.chartCoordinates.linear)
            XCTAssertLessThan(distance(back, a), 1e-12 * scale)
        }
        // The paper's basis: log P = [[a, b], [b, c]], R = rot(t) -> (a, sqrt2 b, c, sqrt2 t).
        let g = GLPlus2<Double>(p: SPD2(logarithm: .symmetric(0.3, -0.2, 0.1)), r: SO2(angle: 1))
        XCTAssertLessThan(absMax(g.chartCoordinates - SIMD4(0.3, -0.2 * s2, 0.1, s2)), 1e-14)
        let h = SL2<Double>(p: SPD2(logarithm: .symmetric(0.3, -0.2, -0.3)), r: SO2(angle: -2))
        XCTAssertLessThan(absMax(h.chartCoordinates - SIMD3(-0.2 * s2, -2 * s2, 0.3 * s2)), 1e-14)
        XCTAssertEqual(SO2<Double>(angle: Double.pi).chartCoordinates, s2 * Double.pi)
    }

    func testBadInputThrowsTypedErrors() {
        XCTAssertThrowsError(try GLPlus2<Double>(Matrix2(a: 1, b: 0, c: 0, d: -1))) {
            XCTAssertEqual($0 as? LieGroupError, .notInGroup(group: "GL+(2)", reason: "determinant -1.0 is not positive"))
        }
        XCTAssertThrowsError(try GLPlus2<Double>(Matrix2(a: .nan, b: 0, c: 0, d: 1)))
        XCTAssertThrowsError(try SL2<Double>(Matrix2(a: 2, b: 0, c: 0, d: 1)))
        XCTAssertThrowsError(try SL2<Double>(normalizing: Matrix2(a: -1, b: 0, c: 0, d: 1)))
        XCTAssertThrowsError(try SO2<Double>(Matrix2(a: 1, b: 1, c: 0, d: 1)))
        XCTAssertThrowsError(try SPD2<Double>(Matrix2(a: 1, b: 2, c: 0, d: 1)))
        XCTAssertThrowsError(try SPD2<Double>(Matrix2.symmetric(1, 2, 1)))
        XCTAssertThrowsError(try SO2<Double>.equispaced(count: 0)) { XCTAssertEqual($0 as? LieGroupError, .nonPositiveCount(0)) }
        XCTAssertThrowsError(try SO2<Double>.equispaced(count: 3, phase: 1))
        XCTAssertThrowsError(try HaarImportanceSampler<GLPlus2<Double>>(proposal: .gaussian(standardDeviation: 0)))
        XCTAssertThrowsError(try GaussianChartSampler<SL2<Double>>(variance: .nan))
        var rng = TestGenerator(7)
        XCTAssertThrowsError(try HaarImportanceSampler<GLPlus2<Double>>().samples(count: -1, using: &rng))
        XCTAssertEqual(LieGroupError.nonPositiveCount(0).description, "the number of samples must be positive, got 0")
    }
}
