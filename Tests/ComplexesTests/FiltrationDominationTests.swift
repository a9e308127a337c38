import XCTest
@testable import Complexes

/// The removal of filtration-dominated edges against the definition, checked
/// by brute force at every grade of a small integer grid.
final class FiltrationDominationTests: XCTestCase {
    struct Graph {
        var n: Int
        var ends: [Int32]
        var grades: [Int32]
    }

    func randomGraph(seed: UInt64, vertices n: Int, density: Double, levels: Int32) -> Graph {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        var ends: [Int32] = [], grades: [Int32] = []
        for i in 0..<n {
            for j in (i + 1)..<n where Double(next() % 1000) / 1000 < density {
                ends += [Int32(i), Int32(j)]
                grades += [Int32(next() % UInt64(levels)), Int32(next() % UInt64(levels))]
            }
        }
        return Graph(n: n, ends: ends, grades: grades)
    }

    /// The definition: at every grade x >= g(e) of the grid, some common
    /// neighbour v in G_x is adjacent in G_x to every other common neighbour.
    func bruteForceDominated(_ e: Int, _ graph: Graph, _ alive: [Bool], levels: Int32) -> Bool {
        let m = graph.ends.count / 2
        var grade = [Int: (Int32, Int32)]()
        for k in 0..<m where alive[k] {
            let a = Int(graph.ends[2 * k]), b = Int(graph.ends[2 * k + 1])
            grade[a * graph.n + b] = (graph.grades[2 * k], graph.grades[2 * k + 1])
            grade[b * graph.n + a] = grade[a * graph.n + b]
        }
        func present(_ u: Int, _ v: Int, _ x: (Int32, Int32)) -> Bool {
            guard let g = grade[u * graph.n + v] else { return false }
            return g.0 <= x.0 && g.1 <= x.1
        }
        let a = Int(graph.ends[2 * e]), b = Int(graph.ends[2 * e + 1])
        for x0 in graph.grades[2 * e]..<levels {
            for x1 in graph.grades[2 * e + 1]..<levels {
                let x = (x0, x1)
                let common = (0..<graph.n).filter { $0 != a && $0 != b && present(a, $0, x) && present(b, $0, x) }
                let some = common.contains { v in common.allSatisfy { w in w == v || present(v, w, x) } }
                if !some { return false }
            }
        }
        return true
    }

    /// The same sequential removal (reverse lexicographic order, rounds) with the brute-force test.
    func bruteForceCollapse(_ graph: Graph, levels: Int32) -> [Bool] {
        let m = graph.ends.count / 2
        var alive = [Bool](repeating: true, count: m)
        let g = graph.grades
        let order = (0..<m).sorted { x, y in
            if g[2 * x] != g[2 * y] { return g[2 * x] > g[2 * y] }
            if g[2 * x + 1] != g[2 * y + 1] { return g[2 * x + 1] > g[2 * y + 1] }
            return x > y
        }
        while true {
            var removed = 0
            for e in order where alive[e] && bruteForceDominated(e, graph, alive, levels: levels) {
                alive[e] = false; removed += 1
            }
            if removed == 0 { return alive }
        }
    }

    func testRemovalEqualsTheDefinitionOnRandomGraphs() {
        var removedBeyondStrong = 0
        for seed in 1...60 as ClosedRange<UInt64> {
            let levels = Int32(2 + seed % 5)
            let graph = randomGraph(seed: seed, vertices: 5 + Int(seed % 7), density: 0.4 + Double(seed % 5) / 10,
                                    levels: levels)
            let fast = FiltrationDomination.nonStrongCollapse(vertexCount: graph.n, ends: graph.ends, grades: graph.grades)
            let slow = bruteForceCollapse(graph, levels: levels)
            XCTAssertEqual(fast, slow, "seed \(seed)")
            let merged = FiltrationDomination.nonStrongCollapse(vertexCount: graph.n, ends: graph.ends,
                                                                grades: graph.grades, denseVertexLimit: 0)
            XCTAssertEqual(merged, slow, "seed \(seed), lists merged")
            let strong = FiltrationDomination.strongCollapse(vertexCount: graph.n, ends: graph.ends,
                                                             grades: graph.grades, parameterCount: 2)
            removedBeyondStrong += strong.filter { $0 }.count - fast.filter { $0 }.count
        }
        XCTAssertGreaterThan(removedBeyondStrong, 0, "some edges are dominated but not strongly")
    }

    func testAnEdgeWhoseDominatorChangesIsDominatedButNotStrongly() {
        // e = {0, 1} at (0, 0); u = 2 dominates it below (1, 1), v = 3 from (1, 0) on,
        // and w = 4 joins at (1, 1), adjacent to v but never to u.
        let graph = Graph(n: 5, ends: [0, 1, 0, 2, 1, 2, 0, 3, 1, 3, 2, 3, 0, 4, 1, 4, 3, 4],
                          grades: [0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1])
        let all = [Bool](repeating: true, count: 9)
        XCTAssertTrue(bruteForceDominated(0, graph, all, levels: 3))
        // Neither u nor v works at every grade: (0, 0) has only u, (1, 1) needs v.
        var onlyV = graph
        onlyV.ends.removeSubrange(2..<6); onlyV.grades.removeSubrange(2..<6)   // drop u's edges to e's ends
        XCTAssertFalse(bruteForceDominated(0, onlyV, [Bool](repeating: true, count: 7), levels: 3))
        XCTAssertEqual(FiltrationDomination.nonStrongCollapse(vertexCount: 5, ends: graph.ends, grades: graph.grades),
                       bruteForceCollapse(graph, levels: 3))
    }

    func testPackedStrongCollapseEqualsTheGeneralOneOnFunctionRipsGraphs() {
        for seed in 1...20 as ClosedRange<UInt64> {
            var state = seed
            func next() -> UInt64 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return state >> 11
            }
            let n = 8 + Int(seed % 23)
            let levels = UInt64(3 + seed % 9)
            let vertexRanks = (0..<n).map { _ in Int32(next() % levels) }
            var ends: [Int32] = [], grades: [Int32] = []
            for i in 0..<n {
                for j in (i + 1)..<n where next() % 10 < 7 {
                    let length = Int32(next() % (levels * 4))
                    ends += [Int32(i), Int32(j)]
                    grades += [length, Swift.max(vertexRanks[i], vertexRanks[j])]
                }
            }
            let general = FiltrationDomination.strongCollapse(vertexCount: n, ends: ends, grades: grades, parameterCount: 2)
            let packed = FiltrationDomination.packedStrongCollapse(vertexCount: n, ends: ends, grades: grades,
                                                                   vertexRanks: vertexRanks)
            XCTAssertEqual(general, packed, "seed \(seed)")
        }
    }
}
