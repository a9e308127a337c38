import XCTest
@testable import PointClouds

final class NeighborPairsTests: XCTestCase {
    func testPairsWithinThresholdEqualBruteForceForEveryMetric() throws {
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let cloud = try PointCloud(rows: (0..<400).map { _ in [next(), next(), next()] })
        for metric in Metric.allCases {
            let full = DistanceMatrix(cloud, metric: metric)
            let threshold = metric == .cosine ? 0.05 : 0.2
            var expected = Set<NeighborPair>()
            for i in 1..<cloud.count {
                for j in 0..<i where full[i, j] <= threshold {
                    expected.insert(NeighborPair(i: Int32(i), j: Int32(j), distance: full[i, j]))
                }
            }
            for threads in [1, 2] {
                let found = cloud.pairs(within: threshold, metric: metric, threads: threads)
                XCTAssertEqual(found.count, expected.count, "\(metric)")
                XCTAssertEqual(Set(found), expected, "\(metric)")
            }
        }
    }

    func testAThresholdEqualToADistanceKeepsThePair() throws {
        // The squared-distance pre-test must not drop pairs at exactly the
        // threshold: each threshold here is one of the cloud's own distances.
        var state: UInt64 = 9
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 3 - 1
        }
        let cloud = try PointCloud(rows: (0..<60).map { _ in (0..<9).map { _ in next() } })
        let full = DistanceMatrix(cloud, metric: .euclidean)
        for (i, j) in [(1, 0), (17, 3), (59, 58), (30, 12)] {
            let t = full[i, j]
            var expected = 0
            for a in 1..<cloud.count { for b in 0..<a where full[a, b] <= t { expected += 1 } }
            let found = cloud.pairs(within: t, threads: 1)
            XCTAssertEqual(found.count, expected)
            XCTAssertTrue(found.contains(NeighborPair(i: Int32(i), j: Int32(j), distance: t)))
        }
    }
}
