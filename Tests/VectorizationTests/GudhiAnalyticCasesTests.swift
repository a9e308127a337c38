import XCTest
import Persistence
@testable import Vectorization

/// The analytic cases of GUDHI's own Python tests for Wasserstein distances
/// (orders, ground metrics, essential parts, matchings) and Betti curves
/// with essential bars, restated here.
final class GudhiAnalyticCasesTests: XCTestCase {
    func bars(_ pts: [(Double, Double)]) -> [Bar] { pts.map { Bar(birth: $0.0, death: $0.1) } }

    func pairs(_ m: DiagramMatching) -> Set<[Int]> { Set(m.pairs.map { [$0.a, $0.b] }) }

    func testWassersteinOrdersAndGroundMetricsOnSmallDiagrams() throws {
        let d1 = bars([(2.7, 3.7), (9.6, 14.0), (34.2, 34.974)]), d2 = bars([(2.8, 4.45), (9.5, 14.1)])
        let d3 = bars([(0, 2), (4, 6)]), d4 = bars([(0, 3), (4, 8)])
        func w(_ a: [Bar], _ b: [Bar], _ q: Double, _ p: Double) throws -> Double { try wassersteinDistance(a, b, order: q, internalP: p) }
        for (q, p) in [(1.0, 2.0), (1, .infinity), (2, .infinity), (2, 2)] { XCTAssertEqual(try w([], [], q, p), 0) }
        XCTAssertEqual(try w(d3, [], 1, .infinity), 2, accuracy: 1e-15)
        XCTAssertEqual(try w(d3, [], 1, 1), 4, accuracy: 1e-15)
        XCTAssertEqual(try w(d4, [], 2, 1), 5, accuracy: 1e-14)
        XCTAssertEqual(try w(d4, [], 2, .infinity), 2.5, accuracy: 1e-14)
        XCTAssertEqual(try w(d4, [], 2, 2), 3.5355339059327378, accuracy: 1e-14)
        XCTAssertEqual(try w(d1, d2, 1, 2), 1.4453593023967701, accuracy: 1e-14)
        XCTAssertEqual(try w(d1, d2, 1.74, 2.35), 0.9772734057168739, accuracy: 1e-14)
        XCTAssertEqual(try w(d1, [], 1.7863, 2.35), 3.141592214572228, accuracy: 1e-14)
        XCTAssertEqual(try w(d3, d4, 1, 1), 3, accuracy: 1e-14)
        XCTAssertEqual(try w(d3, d4, 1, .infinity), 3, accuracy: 1e-14)
        for p in [.infinity, 1, 4.5] { XCTAssertEqual(try w(d3, d4, 2, p), 5.0.squareRoot(), accuracy: 1e-14, "p \(p)") }
    }

    func testWassersteinEssentialPartsAndMatchings() throws {
        let d1 = bars([(2.7, 3.7), (9.6, 14.0), (34.2, 34.974)]), d2 = bars([(2.8, 4.45), (9.5, 14.1)])
        let d4 = bars([(0, 3), (4, 8)]), d5 = bars([(0, 3), (4, .infinity)]), d6 = bars([(7, 8), (4, 6), (3, .infinity)])
        let d7 = bars([(0, 3), (4, .infinity), (5, .infinity)])
        let d8 = bars([(0, 1), (0, .infinity), (-.infinity, -.infinity), (.infinity, .infinity)])
        let d9 = bars([(-.infinity, -.infinity), (.infinity, .infinity)]), d10 = bars([(0, 1), (-.infinity, -.infinity), (.infinity, .infinity)])
        XCTAssertEqual(try wassersteinDistance(d4, d5), .infinity)
        XCTAssertEqual(try wassersteinDistance(d5, d6, order: 1, internalP: .infinity), 4, accuracy: 1e-14)
        XCTAssertEqual(try wassersteinDistance(d5, []), .infinity)
        XCTAssertTrue(try wassersteinMatching([], [], order: 2, internalP: 1).pairs.isEmpty)
        XCTAssertEqual(pairs(try wassersteinMatching([], d2, order: 2)), [[-1, 0], [-1, 1]])
        XCTAssertEqual(pairs(try wassersteinMatching(d2, [], order: 2.24)), [[0, -1], [1, -1]])
        XCTAssertEqual(pairs(try wassersteinMatching(d1, d2, order: 2, internalP: 2)), [[0, 0], [1, 1], [2, -1]])
        XCTAssertEqual(pairs(try wassersteinMatching(d5, d6, order: 2, internalP: 2)), [[0, -1], [-1, 0], [-1, 1], [1, 2]])
        for (a, b) in [(d5, d7), (d7, []), ([], d7), (d8, d9)] {
            let m = try wassersteinMatching(a, b, order: 2, internalP: 2)
            XCTAssertEqual(m.distance, .infinity)
            XCTAssertTrue(m.pairs.isEmpty)
        }
        let m = try wassersteinMatching(d9, d10, order: 1, internalP: 1)
        XCTAssertEqual(m.distance, 1)
        XCTAssertEqual(pairs(m), [[0, -1], [1, -1], [-1, 0], [-1, 1], [-1, 2]])
        let e = try wassersteinMatching(d9, [], order: 2, internalP: 2)
        XCTAssertEqual(e.distance, 0)
        XCTAssertEqual(pairs(e), [[0, -1], [1, -1]])
        // GUDHI's _handle_essential_parts case: essential cost 2, plus 1 for the finite part ((0, 1) to (0, 2)).
        let g1 = bars([(0, 1), (3, 5), (2, .infinity), (3, .infinity), (-.infinity, 8), (-.infinity, 12), (-.infinity, -.infinity),
                       (.infinity, .infinity), (-.infinity, .infinity), (-.infinity, .infinity)])
        let g2 = bars([(0, 2), (3, 5), (2, .infinity), (4, .infinity), (-.infinity, 8), (-.infinity, 11), (-.infinity, -.infinity),
                       (.infinity, .infinity), (-.infinity, .infinity), (-.infinity, .infinity)])
        let gm = try wassersteinMatching(g1, g2, order: 1, internalP: .infinity)
        XCTAssertEqual(gm.distance, 3, accuracy: 1e-14)
        XCTAssertTrue(pairs(gm).isSuperset(of: [[4, 4], [5, 5], [2, 2], [3, 3], [8, 8], [9, 9], [6, -1], [7, -1], [-1, 6], [-1, 7]]))
    }

    /// GUDHI's test_betti_curve_is_irregular_betti_curve_followed_by_interpolation: the
    /// exact curve read as a step function ("previous" interpolation) is the curve on any grid.
    func testExactBettiCurveInterpolatedIsTheCurveOnAnyGrid() throws {
        var rng = SplitMix(seed: 17)
        let diagrams: [[Bar]] = (0..<6).map { _ in
            (0..<200).map { _ in
                var b = 10 * rng.unit()
                var d = b + (10 - b) * rng.unit()
                if rng.unit() < 0.05 { b = 0 }
                if rng.unit() < 0.05 { d = .infinity }
                return Bar(birth: b, death: d)
            }
        }
        var exact = BettiCurve(resolution: nil)
        try exact.fit(diagrams)
        let xs = try XCTUnwrap(exact.grid)
        XCTAssertEqual(xs.first, -.infinity)
        for d in diagrams {
            let steps = try exact.transform(d)
            let finite = d.flatMap { [$0.birth, $0.death] }.filter(\.isFinite)
            let lo = finite.min() ?? 0, hi = (finite.max() ?? 0) + 1
            let grid = SampleGrid.linspace(lo, hi, 100)
            var gridded = BettiCurve(predefinedGrid: grid)
            try gridded.fit([])
            let direct = try gridded.transform(d)
            for (k, t) in grid.enumerated() {
                let i = (xs.lastIndex { $0 <= t }) ?? 0
                XCTAssertEqual(steps[i], direct[k], "t = \(t)")
            }
        }
    }

    func testBettiCurveCountsEssentialBarsOnAnExplicitRange() throws {
        var c = BettiCurve(resolution: 20, sampleRange: (0, 10))
        try c.fit([])
        let v = try c.transform(bars([(1, 8), (2, .infinity), (3, 4)]))
        XCTAssertEqual(v[1], 0)
        XCTAssertEqual(v[7], 3)
        XCTAssertEqual(v[9], 2)
    }
}
