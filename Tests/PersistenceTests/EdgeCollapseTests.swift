import XCTest
@testable import Persistence
import PointClouds

final class EdgeCollapseTests: XCTestCase {
    func testSquareWithDiagonalsLosesOneDiagonal() {
        let edges = [FilteredEdge(u: 0, v: 1, filtration: 1), FilteredEdge(u: 1, v: 2, filtration: 1),
                     FilteredEdge(u: 2, v: 3, filtration: 1), FilteredEdge(u: 3, v: 0, filtration: 1),
                     FilteredEdge(u: 0, v: 2, filtration: 1.4), FilteredEdge(u: 1, v: 3, filtration: 1.4)]
        let kept = EdgeCollapse.collapse(edges, vertexCount: 4)
        XCTAssertEqual(kept.count, 5)
        XCTAssertEqual(kept.filter { $0.filtration == 1.4 }.count, 1)
    }

    func testCollapseKeepsTheBarcodeInEveryDimension() throws {
        // Seeded pseudo-random clouds in R^3 and R^4, thresholded and not.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for (count, dimension, threshold) in [(40, 3, nil), (50, 4, 0.9), (45, 2, 0.5)] as [(Int, Int, Double?)] {
            let rows = (0..<count).map { _ in (0..<dimension).map { _ in next() } }
            let rips = try VietorisRips(points: PointCloud(rows: rows))
            let plain = try rips.barcode(maxDimension: 2, threshold: threshold, options: RipsOptions(collapse: .never))
            let collapsed = try rips.barcode(maxDimension: 2, threshold: threshold, options: RipsOptions(collapse: .always))
            XCTAssertEqual(plain, collapsed, "n=\(count) d=\(dimension) t=\(String(describing: threshold))")
        }
    }

    func testParallelReductionEqualsSequentialOverZ2AndZ3() throws {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        // Many columns in dimensions 1 and 2, so the blocked two-phase
        // reduction (and its emergent-pair fallback) runs.
        let rows = (0..<140).map { _ in [next(), next()] }
        let rips = try VietorisRips(points: PointCloud(rows: rows))
        for p in [2, 3] {
            let one = try rips.barcode(maxDimension: 2, modulus: p, options: RipsOptions(threads: 1, collapse: .never))
            let two = try rips.barcode(maxDimension: 2, modulus: p, options: RipsOptions(threads: 2, collapse: .never))
            let three = try rips.barcode(maxDimension: 2, modulus: p, options: RipsOptions(threads: 3, collapse: .never))
            XCTAssertEqual(one, two)
            XCTAssertEqual(one, three)
            XCTAssertGreaterThan(one[1].count, 20)
        }
    }

    func testThreadsDoNotChangeTheBarcode() throws {
        let rows = (0..<70).map { k -> [Double] in
            let t = Double(k) * 0.37
            return [cos(t) * (1 + 0.1 * sin(3 * t)), sin(t), 0.2 * cos(5 * t)]
        }
        let rips = try VietorisRips(points: PointCloud(rows: rows))
        let one = try rips.barcode(maxDimension: 2, options: RipsOptions(threads: 1))
        let two = try rips.barcode(maxDimension: 2, options: RipsOptions(threads: 2))
        XCTAssertEqual(one, two)
    }

    /// A seeded random geometric graph: `n` points in the unit square, an
    /// edge between points closer than `radius`, weighted by `weight` of
    /// their distance.
    private func randomGraph(_ n: Int, _ radius: Double, seed: UInt64, weight: (Double) -> Double) -> [FilteredEdge] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points = (0..<n).map { _ in (next(), next()) }
        var edges: [FilteredEdge] = []
        for i in 0..<n {
            for j in (i + 1)..<n {
                let d = ((points[i].0 - points[j].0) * (points[i].0 - points[j].0)
                         + (points[i].1 - points[j].1) * (points[i].1 - points[j].1)).squareRoot()
                if d < radius { edges.append(FilteredEdge(u: j, v: i, filtration: weight(d))) }
            }
        }
        return edges
    }

    func testLookAheadGivesTheSequentialCollapseExactly() {
        // Distinct weights (the look-ahead does the first test of nearly every
        // edge) and integer weights (ties: the sweep does those alone), chunks
        // small enough that the helper and the sweep both fill some.
        let cases: [(Int, Double, (Double) -> Double)] = [
            (60, 0.5, { $0 }), (80, 0.3, { $0 * $0 }), (50, 0.6, { Double(Int($0 * 12)) }),
            (70, 0.4, { $0 < 0.2 ? 0.2 : $0 }),
        ]
        for (k, (n, p, weight)) in cases.enumerated() {
            let edges = randomGraph(n, p, seed: UInt64(11 + k), weight: weight)
            let sequential = EdgeCollapse.collapse(edges, vertexCount: n, threads: 1)
            XCTAssertLessThan(sequential.count, edges.count, "case \(k): nothing collapsed")
            for (chunk, window) in [(4, 2), (16, 1), (7, 5)] {
                let parallel = EdgeCollapse.collapse(edges, vertexCount: n, threads: 2, chunkSize: chunk, window: window)
                XCTAssertEqual(parallel, sequential, "case \(k), chunk \(chunk), window \(window)")
            }
        }
    }

    func testRepeatedRoundsKeepTheBarcodeOnAWeightedGraph() throws {
        // A random graph with ties, through the sparse engine: the collapse
        // rounds (each on the last one's output) against no collapse.
        let n = 40
        let edges = randomGraph(n, 0.5, seed: 5, weight: { Double(Int($0 * 20)) / 4 })
        let pairs = edges.map { NeighborPair(i: Int32($0.u), j: Int32($0.v), distance: $0.filtration) }
        let rips = try VietorisRips(vertexCount: n, edges: pairs)
        let plain = try rips.barcode(maxDimension: 3, options: RipsOptions(collapse: .never))
        let collapsed = try rips.barcode(maxDimension: 3, options: RipsOptions(collapse: .always))
        XCTAssertEqual(plain, collapsed)
        XCTAssertFalse(plain[1].isEmpty)
    }
}
