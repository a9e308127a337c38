import Foundation
import PointClouds

/// The symmetric k-nearest-neighbour graph of a point cloud: i and j are
/// joined when either is among the other's k nearest (Euclidean), with the
/// weight exp(-d^2 / sigma^2) (sigma the median of the k-nearest-neighbour
/// distances by default, as ../shared/GEOMETRIC.md's graph baseline) or 1.
///
/// ```swift
/// let graph = try KNNGraph(cloud, neighbors: 10)          // Gaussian, median sigma
/// let binary = try KNNGraph(cloud, neighbors: 10, weights: .binary)
/// print(graph.degrees.prefix(3))
/// ```
///
/// Cost: a k-d tree search (`NearestNeighbors`, about O(n log n) for
/// well-spread points of small dimension) and O(n k) memory for the edges.
public struct KNNGraph: Sendable, Equatable {
    /// How edges are weighted.
    public enum Weights: Sendable, Equatable {
        /// exp(-d^2 / sigma^2); `nil`: sigma is the median of all k-nearest-neighbour distances.
        case gaussian(sigma: Double?)
        /// Every edge weighs 1.
        case binary
    }

    /// The number of points.
    public let count: Int
    /// Neighbours of each point, ascending, with their weights (`start[i] ..< start[i + 1]`).
    public let start: [Int]
    public let neighbors: [Int32]
    public let weights: [Double]
    /// The Gaussian width used (nil for binary weights).
    public let sigma: Double?

    /// The graph of `cloud` with `k` neighbours per point.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` when k is not in
    ///   1 ..< count, sigma is not positive and finite, or the cloud has
    ///   fewer than two points.
    public init(_ cloud: PointCloud, neighbors k: Int = 10, weights: Weights = .gaussian(sigma: nil)) throws {
        let n = cloud.count
        guard n >= 2 else { throw SpectralBasesError.invalidParameter(name: "points", reason: "need at least two points, got \(n)") }
        guard k >= 1, k < n else {
            throw SpectralBasesError.invalidParameter(name: "--neighbors", reason: "must be between 1 and \(n - 1) for \(n) points, got \(k)")
        }
        if case .gaussian(let s?) = weights, !(s > 0 && s.isFinite) {
            throw SpectralBasesError.invalidParameter(name: "sigma", reason: "must be a positive number, got \(s)")
        }
        // The k nearest of each point (ties by index), by a k-d tree.
        let knn = try NearestNeighbors(cloud, k: k)
        let nearest = knn.indices, nearestDistance = knn.distances
        let width: Double?
        switch weights {
        case .binary: width = nil
        case .gaussian(let s?): width = s
        case .gaussian(nil):
            let sorted = nearestDistance.sorted()
            let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            guard median > 0 else {
                throw SpectralBasesError.invalidParameter(name: "points", reason: "the median neighbour distance is 0 (repeated points): give sigma")
            }
            width = median
        }
        // Symmetrise: the union of the neighbour lists.
        var lists = [[(Int32, Double)]](repeating: [], count: n)
        for i in 0..<n {
            for q in 0..<k {
                let j = Int(nearest[i * k + q]), dist = nearestDistance[i * k + q]
                let w = width.map { Foundation.exp(-(dist * dist) / ($0 * $0)) } ?? 1
                lists[i].append((Int32(j), w)); lists[j].append((Int32(i), w))
            }
        }
        var start = [0], neighbors: [Int32] = [], ws: [Double] = []
        for i in 0..<n {
            let sorted = lists[i].sorted { $0.0 < $1.0 }
            var last: Int32 = -1
            for (j, w) in sorted where j != last { neighbors.append(j); ws.append(w); last = j }
            start.append(neighbors.count)
        }
        count = n
        self.start = start
        self.neighbors = neighbors
        self.weights = ws
        sigma = width
    }

    /// The weighted degree of each point.
    public var degrees: [Double] {
        (0..<count).map { i in weights[start[i]..<start[i + 1]].reduce(0, +) }
    }
}
