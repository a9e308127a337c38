import Dispatch
import Synchronization

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
        collectPairs(within: threshold, metric: metric, threads: threads, maxPairs: .max) ?? []
    }

    /// `pairs(within:metric:threads:)`, stopping as soon as more than
    /// `maxPairs` pairs are found (a million identical points have 5 x 10^11
    /// pairs within any threshold: 8 TB).
    ///
    /// ```swift
    /// let pairs = try cloud.pairs(within: 0.5, maxPairs: 1_000_000)
    /// ```
    /// - Throws: `MemoryBudgetError` (16 bytes a pair) when there are more
    ///   than `maxPairs`.
    public func pairs(within threshold: Double, metric: Metric = .euclidean, threads: Int = 1,
                      maxPairs: Int) throws -> [NeighborPair] {
        guard let pairs = collectPairs(within: threshold, metric: metric, threads: threads, maxPairs: maxPairs) else {
            let (bytes, o) = maxPairs.multipliedReportingOverflow(by: 16)
            throw MemoryBudgetError(what: "the list of pairs of \(count) points within the threshold \(threshold)",
                                    bytesNeeded: o ? .max : bytes, limit: o ? .max : bytes,
                                    advice: "lower --threshold or raise --memory-limit", stoppedAtLimit: true)
        }
        return pairs
    }

    /// The pairs, or nil once more than `maxPairs` are found.
    func collectPairs(within threshold: Double, metric: Metric, threads: Int, maxPairs: Int) -> [NeighborPair]? {
        let n = count, d = dimension
        guard n >= 2 else { return [] }
        let total = PairCounter()
        let sweep = metric != .cosine
        // Order by the first coordinate; rank[p] is p's position in it.
        let order = sweep ? (0..<n).sorted { coordinates[$0 * d] < coordinates[$1 * d] } : Array(0..<n)
        let workers = Swift.max(1, Swift.min(threads, n / 256 + 1))
        // Squared distances above this are more than the threshold whatever the
        // rounding (a relative margin of 1e-9, far above the sums' error).
        let euclidean = metric == .euclidean && threshold.isFinite && threshold >= 1e-100
        let rejectBound = euclidean ? threshold * threshold * (1 + 1e-9) : .infinity
        var parts: [[NeighborPair]] = coordinates.withUnsafeBufferPointer { x in
            ParallelTasks.map(count: workers, workers: workers) { _, w in
                var found: [NeighborPair] = []
                guard let base = x.baseAddress else { return found }
                var a = w
                while a < n {
                    let p = order[a]
                    let pointP = UnsafeBufferPointer(rebasing: x[(p * d)..<((p + 1) * d)])
                    var b = a + 1
                    while b < n {
                        let q = order[b]
                        if sweep && x[q * d] - x[p * d] > threshold { break }
                        if euclidean {
                            // A squared distance clearly beyond the threshold: no square
                            // root, no exact distance (which only pairs near or within it get).
                            var s = 0.0
                            let xp = base + p * d, xq = base + q * d
                            for k in 0..<d { let t = xp[k] - xq[k]; s += t * t }
                            if s > rejectBound { b += 1; continue }
                        }
                        let pointQ = UnsafeBufferPointer(rebasing: x[(q * d)..<((q + 1) * d)])
                        let dist = metric.distance(pointP, pointQ)
                        if dist <= threshold {
                            found.append(NeighborPair(i: Int32(Swift.max(p, q)), j: Int32(Swift.min(p, q)), distance: dist))
                            // Every 4096 pairs, the shared count against the budget.
                            if found.count & 4095 == 0 && total.add(4096) > maxPairs { break }
                        }
                        b += 1
                    }
                    if total.exceeded(maxPairs) { break }
                    a += workers
                }
                _ = total.add(found.count & 4095)
                return found
            }
        }
        if total.exceeded(maxPairs) { return nil }
        var all: [NeighborPair] = []
        all.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for k in parts.indices { all.append(contentsOf: parts[k]); parts[k] = [] }
        return all
    }
}

/// The number of pairs found so far by all workers.
final class PairCounter: Sendable {
    private let value = Atomic<Int>(0)
    /// Adds `k` and returns the new total.
    func add(_ k: Int) -> Int { value.add(k, ordering: .relaxed).newValue }
    /// Whether the total is above `limit`.
    func exceeded(_ limit: Int) -> Bool { value.load(ordering: .relaxed) > limit }
}
