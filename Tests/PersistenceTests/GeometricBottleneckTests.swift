import XCTest
@testable import Persistence

/// The linear-memory bottleneck engine against the dense one, which equals
/// GUDHI's `bottleneck_distance(e=0)` bit for bit.
final class GeometricBottleneckTests: XCTestCase {
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func int(_ n: Int) -> Int { Int(next() * Double(n)) }
    }

    /// Flat (birth, death) pairs: a mix of spread points, points on a coarse
    /// grid (ties of every kind), points on or next to the diagonal.
    static func diagram(_ count: Int, _ g: inout Generator) -> [Double] {
        var flat: [Double] = []
        for _ in 0..<count {
            let b: Double, d: Double
            switch g.int(4) {
            case 0: b = g.next(); d = b + g.next() * 0.5
            case 1: b = Double(g.int(5)) / 4; d = b + Double(g.int(4) + 1) / 4
            case 2: b = Double(g.int(8)) / 8; d = b
            default: b = g.next(); d = b.nextUp + Double(g.int(3)) * 1e-9
            }
            flat.append(b); flat.append(d)
        }
        return flat
    }

    func testGeometricEqualsDenseOnRandomDiagramsWithTiesAndDiagonalPoints() {
        var g = Generator(state: 0x5EED)
        var checked = 0
        for trial in 0..<300 {
            let n = g.int(trial < 100 ? 6 : 40), m = g.int(trial < 100 ? 6 : 40)
            let a = Self.diagram(Swift.max(n, m), &g), b = Self.diagram(Swift.min(n, m), &g)
            let dense = BottleneckMatcher(a: a, b: b).distance()
            let geometric = GeometricBottleneckMatcher(a: a, b: b).distance()
            XCTAssertEqual(dense.bitPattern, geometric.bitPattern, "trial \(trial): dense \(dense), geometric \(geometric)")
            checked += 1
        }
        XCTAssertEqual(checked, 300)
    }

    func testGeometricEqualsDenseOnLargerDiagrams() {
        var g = Generator(state: 42)
        for trial in 0..<2 {
            let a = Self.diagram(600 + 100 * trial, &g), b = Self.diagram(500, &g)
            let dense = BottleneckMatcher(a: a, b: b).distance()
            let geometric = GeometricBottleneckMatcher(a: a, b: b).distance()
            XCTAssertEqual(dense.bitPattern, geometric.bitPattern, "trial \(trial)")
            XCTAssertGreaterThan(dense, 0)
        }
    }

    func testPublicMatchingOnTheGeometricPathRealisesTheDistance() {
        // Large enough for the geometric engine.
        var g = Generator(state: 7)
        func bars(_ flat: [Double]) -> [Bar] { stride(from: 0, to: flat.count, by: 2).map { Bar(birth: flat[$0], death: flat[$0 + 1]) } }
        let a = bars(Self.diagram(1600, &g)), b = bars(Self.diagram(1500, &g))
        XCTAssertFalse(BottleneckEngine.prefersDense(1600, 1500))
        let matching = bottleneckMatching(a, b)
        let fa = a.flatMap { [$0.birth, $0.death] }.filterPositive(), fb = b.flatMap { [$0.birth, $0.death] }.filterPositive()
        let dense = (fa.count < fb.count ? BottleneckMatcher(a: fb, b: fa) : BottleneckMatcher(a: fa, b: fb)).distance()
        XCTAssertEqual(matching.distance, dense)
        XCTAssertEqual(bottleneckDistance(a, b), dense)
        var worst = 0.0
        var seenA = Set<Int>(), seenB = Set<Int>()
        for p in matching.pairs {
            if p.a >= 0 { XCTAssertTrue(seenA.insert(p.a).inserted) }
            if p.b >= 0 { XCTAssertTrue(seenB.insert(p.b).inserted) }
            let c: Double
            if p.a >= 0 && p.b >= 0 {
                c = Swift.max(abs(a[p.a].birth - b[p.b].birth), abs(a[p.a].death - b[p.b].death))
            } else {
                let x = p.a >= 0 ? a[p.a] : b[p.b]
                c = x.death - x.birth > 0 ? (x.death - x.birth) / 2 : 0
            }
            worst = Swift.max(worst, c)
        }
        XCTAssertEqual(seenA.count, a.count); XCTAssertEqual(seenB.count, b.count)
        XCTAssertLessThanOrEqual(worst, dense * (1 + 1e-15))
        XCTAssertGreaterThanOrEqual(worst, dense * (1 - 1e-15))
    }

    func testEmptyAndOneSidedDiagrams() {
        XCTAssertEqual(GeometricBottleneckMatcher(a: [], b: []).distance(), 0)
        XCTAssertEqual(GeometricBottleneckMatcher(a: [0, 2, 1, 1.5], b: []).distance(), 1)
        XCTAssertEqual(GeometricBottleneckMatcher(a: [0, 2], b: [0, 2.5]).distance(), 0.5)
    }
}

private extension Array where Element == Double {
    /// The (birth, death) pairs with death - birth > 0, as the public functions keep them.
    func filterPositive() -> [Double] {
        var out: [Double] = []
        for k in Swift.stride(from: 0, to: count, by: 2) where self[k + 1] - self[k] > 0 { out.append(self[k]); out.append(self[k + 1]) }
        return out
    }
}
