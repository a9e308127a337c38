import XCTest
import Persistence
@testable import Vectorization

final class DistanceTests: XCTestCase {
    func testBottleneckAnalyticCases() {
        let a = [Bar(birth: 0, death: 2), Bar(birth: 1, death: .infinity)]
        let b = [Bar(birth: 0.5, death: 2.25), Bar(birth: 1.5, death: .infinity)]
        XCTAssertEqual(bottleneckDistance(a, b), 0.5)
        XCTAssertEqual(bottleneckDistance([], []), 0)
        XCTAssertEqual(bottleneckDistance([Bar(birth: 0, death: 4)], []), 2)
        XCTAssertEqual(bottleneckDistance(a, [Bar(birth: 0, death: 2)]), .infinity)
        // Matching to the diagonal is cheaper than to the far point.
        XCTAssertEqual(bottleneckDistance([Bar(birth: 0, death: 1)], [Bar(birth: 10, death: 11.5)]), 0.75)
    }

    func testBottleneckEqualsGudhiExactlyOnRandomDiagrams() throws {
        let ref = try ReferenceData.json("distances")
        let cases = ref["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(cases.count, 30)
        for (k, c) in cases.enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            let expected = ReferenceData.number(c["bottleneck"])
            XCTAssertEqual(bottleneckDistance(a, b), expected, "case \(k)")
            if a.count != b.count { XCTAssertEqual(bottleneckDistance(b, a), expected, "case \(k) swapped") }
        }
    }

    func testWassersteinMatchesPOTWithinRoundingOnRandomDiagrams() throws {
        let ref = try ReferenceData.json("distances")
        for (k, c) in (ref["cases"] as? [[String: Any]] ?? []).enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            for q in [1.0, 2.0] {
                let expected = ReferenceData.number(c["wasserstein\(Int(q))"])
                let got = try wassersteinDistance(a, b, order: q)
                if expected.isInfinite { XCTAssertEqual(got, expected, "case \(k) q=\(q)"); continue }
                XCTAssertEqual(got, expected, accuracy: 1e-10 * max(1, expected), "case \(k) q=\(q)")
            }
        }
    }

    func testSlicedWassersteinMatchesGudhi() throws {
        let ref = try ReferenceData.json("distances")
        for (k, c) in (ref["cases"] as? [[String: Any]] ?? []).enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            for dirs in [10, 7] {
                let expected = ReferenceData.number(c["sliced\(dirs)"])
                assertClose([try slicedWassersteinDistance(a, b, directions: dirs)], [expected], "case \(k) dirs=\(dirs)")
            }
        }
    }

    func testHungarianFindsTheCheapestAssignment() throws {
        XCTAssertEqual(try hungarianAssignment(cost: [4, 1, 2, 3], size: 2), [1, 0])
        XCTAssertEqual(try hungarianAssignment(cost: [], size: 0), [])
        XCTAssertThrowsError(try hungarianAssignment(cost: [1, 2, 3], size: 2))
        // Brute force over all permutations of a 5 x 5 matrix with ties.
        var rng = SplitMix(seed: 5)
        for _ in 0..<20 {
            let c = (0..<25).map { _ in Double(rng.int(4)) }
            let a = try hungarianAssignment(cost: c, size: 5)
            XCTAssertEqual(Set(a).count, 5)
            var best = Double.infinity
            func permute(_ used: [Int]) {
                if used.count == 5 { best = min(best, used.enumerated().reduce(0) { $0 + c[$1.offset * 5 + $1.element] }); return }
                for j in 0..<5 where !used.contains(j) { permute(used + [j]) }
            }
            permute([])
            XCTAssertEqual(a.enumerated().reduce(0) { $0 + c[$1.offset * 5 + $1.element] }, best)
        }
    }

    func testWassersteinRejectsOrderBelowOne() {
        XCTAssertThrowsError(try wassersteinDistance([], [], order: 0.5))
    }

    func testDistancesAreSymmetricAndZeroOnEqualDiagrams() throws {
        var rng = SplitMix(seed: 7)
        for _ in 0..<20 {
            let a = (0..<rng.int(30)).map { _ -> Bar in let b = rng.unit(); return Bar(birth: b, death: b + rng.unit()) }
            let b = (0..<rng.int(30)).map { _ -> Bar in let b = rng.unit(); return Bar(birth: b, death: b + rng.unit()) }
            XCTAssertEqual(bottleneckDistance(a, a), 0)
            XCTAssertEqual(try wassersteinDistance(a, a, order: 2), 0, accuracy: 1e-12)
            XCTAssertEqual(bottleneckDistance(a, b), bottleneckDistance(b, a))
            XCTAssertEqual(try wassersteinDistance(a, b), try wassersteinDistance(b, a), accuracy: 1e-12)
            // W_inf <= W_q: the bottleneck never exceeds the 1-Wasserstein distance.
            XCTAssertLessThanOrEqual(bottleneckDistance(a, b), try wassersteinDistance(a, b) + 1e-12)
        }
    }
}

/// A small deterministic generator for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
