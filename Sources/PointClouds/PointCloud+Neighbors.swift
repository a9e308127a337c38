import Dispatch

/// A pair of points (i > j) and their distance, as found by
/// `PointCloud.pairs(within:metric:threads:)`.
///
/// ```swift
/// let pair = NeighborPair(i: 3, j: 1, distance: 0.25)
/// ```
public struct NeighborPair: Hashable, Sendable {
    public var i: Int32
    public var j: Int32
    public var distance: Double

    public init(i: Int32, j: Int32, distance: Double) {
        self.i = i
        self.j = j
        self.distance = distance
    }
}

extension PointCloud {
    /// All pairs of points at distance at most `threshold`, without building
    /// the n x n distance matrix.
    ///
    /// ```swift
    /// let cloud = try PointCloud(rows: [[0, 0], [1, 0], [5, 0]])
    /// cloud.pairs(within: 2).count  // 1: points 0 and 1
    /// ```
    ///
    /// For the Euclidean, Manhattan and Chebyshev metrics the points are
    /// swept in order of their first coordinate, and only pairs whose first
    /// coordinates differ by at most the threshold are measured; the cosine
    /// metric measures all pairs. The order of the pairs is
    /// deterministic for a given thread count.
    ///
    /// - Complexity: O(n log n + (pairs examined) d) time with `threads`
    ///   workers; memory 16 bytes per pair found, never n^2.
    public func pairs(within threshold: Double, metric: Metric = .euclidean, threads: Int = 1) -> [NeighborPair] {
        let n = count, d = dimension
        guard n >= 2 else { return [] }
        let sweep = metric != .cosine
        // Order by the first coordinate; rank[p] is p's position in it.
        let order = sweep ? (0..<n).sorted { coordinates[$0 * d] < coordinates[$1 * d] } : Array(0..<n)
        let workers = Swift.max(1, Swift.min(threads, n / 256 + 1))
        var parts = [[NeighborPair]](repeating: [], count: workers)
        coordinates.withUnsafeBufferPointer { x in
            let lock = SpinFreeSlots(count: workers)
            let work = { (w: Int) in
                var found: [NeighborPair] = []
                var a = w
                while a < n {
                    let p = order[a]
                    let pointP = UnsafeBufferPointer(rebasing: x[(p * d)..<((p + 1) * d)])
                    var b = a + 1
                    while b < n {
                        let q = order[b]
                        if sweep && x[q * d] - x[p * d] > threshold { break }
                        let pointQ = UnsafeBufferPointer(rebasing: x[(q * d)..<((q + 1) * d)])
                        let dist = metric.distance(pointP, pointQ)
                        if dist <= threshold {
                            found.append(NeighborPair(i: Int32(Swift.max(p, q)), j: Int32(Swift.min(p, q)), distance: dist))
                        }
                        b += 1
                    }
                    a += workers
                }
                lock.store(found, at: w)
            }
            if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
            parts = lock.collect()
        }
        var all: [NeighborPair] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for k in parts.indices { all.append(contentsOf: parts[k]); parts[k] = [] }
        return all
    }
}

/// Per-worker result slots written from concurrent workers, each to its own
/// index (no two workers share a slot).
final class SpinFreeSlots: @unchecked Sendable {
    private let base: UnsafeMutablePointer<[NeighborPair]>
    init(count: Int) {
        base = .allocate(capacity: count)
        base.initialize(repeating: [], count: count)
        self.count = count
    }
    private let count: Int
    func store(_ value: [NeighborPair], at index: Int) { base[index] = value }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    func collect() -> [[NeighborPair]] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
