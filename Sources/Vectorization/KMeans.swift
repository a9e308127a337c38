import Foundation
import PointClouds

/// Weighted k-means clustering of points in R^d, seeded and deterministic:
/// greedy k-means++ seeding (scikit-learn's: 2 + floor(ln k) candidates per
/// new centre, the one lowering the potential most is kept), then Lloyd
/// iterations to a fixed point, best of `restarts` runs by inertia.
///
/// The random stream is SplitMix64 from `seed` (run r uses seed + r), so
/// the same seed gives the same centres on every machine; it is not
/// scikit-learn's stream, so a run can end in a different local optimum
/// than `sklearn.cluster.KMeans` with the same parameters (on
/// well-separated clusters both find the same partition, hence the same
/// centres).
///
/// ```swift
/// let km = KMeans(clusters: 2, seed: 7)
/// let r = try km.fit(points: [0, 0, 0, 1, 10, 10, 10, 11], dimension: 2)
/// r.centers  // [[0, 0.5], [10, 10.5]] in some order
/// ```
///
/// - Complexity: O(restarts * iterations * n * k * d).
///   References: D. Arthur, S. Vassilvitskii, "k-means++: the advantages of
///   careful seeding", SODA 2007; S. Lloyd, "Least squares quantization in
///   PCM", IEEE Trans. Inf. Theory 28 (1982).
public struct KMeans: Sendable, Hashable {
    /// The number of centres.
    public var clusters: Int
    /// The seed of the random stream.
    public var seed: UInt64
    /// The number of seeded runs; the one with the least inertia is kept.
    public var restarts: Int
    /// The largest number of Lloyd iterations per run.
    public var maxIterations: Int
    /// A run stops when the squared centre shift is at most this times the
    /// mean per-coordinate variance of the points (scikit-learn's `tol`).
    public var tolerance: Double

    /// The fitted centres and their inertia (the weighted sum of squared
    /// distances of the points to their nearest centre).
    public struct Result: Sendable, Hashable {
        /// One centre per row, `clusters` rows of `dimension` values.
        public var centers: [[Double]]
        /// sum of w_i |x_i - nearest centre|^2.
        public var inertia: Double
    }

    /// Creates the clustering (scikit-learn's defaults: 10 runs, 300
    /// iterations, tolerance 1e-4).
    ///
    /// ```swift
    /// let km = KMeans(clusters: 8, seed: 1, restarts: 4)
    /// ```
    public init(clusters: Int, seed: UInt64 = 0, restarts: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4) {
        self.clusters = clusters
        self.seed = seed
        self.restarts = restarts
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Clusters the n points stored row-major in `points` (n * dimension
    /// values), with optional non-negative weights (default 1 each).
    ///
    /// - Throws: `VectorizationError.invalidParameter` for fewer points than
    ///   clusters, a count below 1, a non-finite coordinate or weight, or
    ///   sizes that do not agree.
    public func fit(points: [Double], dimension d: Int, weights: [Double]? = nil) throws -> Result {
        guard d >= 1, points.count % d == 0 else {
            throw VectorizationError.invalidParameter(name: "points", reason: "\(points.count) values are not rows of \(d)")
        }
        let n = points.count / d
        guard clusters >= 1, clusters <= n else {
            throw VectorizationError.invalidParameter(name: "number of clusters", reason: "\(clusters) must be between 1 and the number of points (\(n))")
        }
        guard restarts >= 1, maxIterations >= 1 else {
            throw VectorizationError.invalidParameter(name: "k-means runs", reason: "restarts and iterations must be at least 1")
        }
        guard points.allSatisfy(\.isFinite) else {
            throw VectorizationError.invalidParameter(name: "points", reason: "k-means needs finite coordinates")
        }
        let w = weights ?? [Double](repeating: 1, count: n)
        guard w.count == n, w.allSatisfy({ $0.isFinite && $0 >= 0 }), w.contains(where: { $0 > 0 }) else {
            throw VectorizationError.invalidParameter(name: "weights", reason: "need \(n) finite non-negative weights, not all zero")
        }
        // scikit-learn's tolerance: tol times the mean of the per-coordinate variances.
        var variance = 0.0
        for j in 0..<d {
            var mean = 0.0
            for i in 0..<n { mean += points[i * d + j] }
            mean /= Double(n)
            var v = 0.0
            for i in 0..<n { let t = points[i * d + j] - mean; v += t * t }
            variance += v / Double(n)
        }
        let tol = tolerance * variance / Double(d)
        var best: Result?
        for run in 0..<restarts {
            var rng = SeededGenerator(seed: seed &+ UInt64(run))
            let r = lloyd(points, n: n, d: d, w: w, start: seedCenters(points, n: n, d: d, w: w, rng: &rng), tol: tol)
            if best == nil || r.inertia < best!.inertia { best = r }
        }
        return best!
    }

    /// Greedy k-means++: each new centre is the best of 2 + floor(ln k)
    /// candidates drawn with probability proportional to w D^2.
    func seedCenters(_ x: [Double], n: Int, d: Int, w: [Double], rng: inout SeededGenerator) -> [Double] {
        let k = clusters
        var centers = [Double](repeating: 0, count: k * d)
        func pick(_ p: [Double], _ total: Double) -> Int {
            var u = rng.uniform() * total
            for i in 0..<n { u -= p[i]; if u < 0 { return i } }
            return p.lastIndex { $0 > 0 } ?? n - 1
        }
        func sq(_ i: Int, _ c: [Double], _ j: Int) -> Double {
            var s = 0.0
            for t in 0..<d { let v = x[i * d + t] - c[j * d + t]; s += v * v }
            return s
        }
        let first = pick(w, w.reduce(0, +))
        for t in 0..<d { centers[t] = x[first * d + t] }
        var closest = (0..<n).map { sq($0, centers, 0) }
        let trials = 2 + Int(log(Double(k)))
        for c in 1..<Swift.max(1, k) {
            let potential = (0..<n).map { w[$0] * closest[$0] }
            let total = potential.reduce(0, +)
            var bestIndex = 0, bestPotential = Double.infinity, bestClosest = closest
            for _ in 0..<trials {
                let candidate = total > 0 ? pick(potential, total) : Int(rng.next() % UInt64(n))
                var next = closest
                var sum = 0.0
                for i in 0..<n {
                    var s = 0.0
                    for t in 0..<d { let v = x[i * d + t] - x[candidate * d + t]; s += v * v }
                    next[i] = Swift.min(next[i], s)
                    sum += w[i] * next[i]
                }
                if sum < bestPotential { bestPotential = sum; bestIndex = candidate; bestClosest = next }
            }
            for t in 0..<d { centers[c * d + t] = x[bestIndex * d + t] }
            closest = bestClosest
        }
        return centers
    }

    /// Lloyd's iterations from `start`. Cost model: each iteration is one
    /// O(n k d) assignment sweep and one O(n d) update; an emptied cluster
    /// takes the point farthest from its centre.
    func lloyd(_ x: [Double], n: Int, d: Int, w: [Double], start: [Double], tol: Double) -> Result {
        let k = clusters
        var centers = start
        var label = [Int](repeating: 0, count: n)
        var distance = [Double](repeating: 0, count: n)
        func assign() {
            x.withUnsafeBufferPointer { xp in
                centers.withUnsafeBufferPointer { cp in
                    for i in 0..<n {
                        var best = Double.infinity, arg = 0
                        for j in 0..<k {
                            var s = 0.0
                            for t in 0..<d { let v = xp[i * d + t] - cp[j * d + t]; s += v * v }
                            if s < best { best = s; arg = j }
                        }
                        label[i] = arg; distance[i] = best
                    }
                }
            }
        }
        for _ in 0..<maxIterations {
            assign()
            var sums = [Double](repeating: 0, count: k * d), mass = [Double](repeating: 0, count: k)
            for i in 0..<n {
                mass[label[i]] += w[i]
                for t in 0..<d { sums[label[i] * d + t] += w[i] * x[i * d + t] }
            }
            var next = centers
            for j in 0..<k {
                if mass[j] > 0 {
                    for t in 0..<d { next[j * d + t] = sums[j * d + t] / mass[j] }
                } else if let far = distance.indices.max(by: { distance[$0] < distance[$1] }) {
                    for t in 0..<d { next[j * d + t] = x[far * d + t] }
                    distance[far] = 0
                }
            }
            var shift = 0.0
            for v in 0..<(k * d) { let s = next[v] - centers[v]; shift += s * s }
            centers = next
            if shift <= tol { break }
        }
        assign()
        var inertia = 0.0
        for i in 0..<n { inertia += w[i] * distance[i] }
        return Result(centers: (0..<k).map { Array(centers[($0 * d)..<($0 * d + d)]) }, inertia: inertia)
    }
}

