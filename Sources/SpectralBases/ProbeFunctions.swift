import Foundation
import PointClouds

/// The probe functions of Velich et al.'s learned spectral bases: uniform
/// noise in [-1, 1] at every point, smoothed `iterations` times over the
/// k-nearest-neighbour graph (the point itself counted among its k, as the
/// paper's `knn_graph(loop=True)`) with Gaussian weights exp(-d²/σ²), σ
/// drawn uniformly from `sigmaRange` at every iteration (one σ for all
/// probes of that iteration), each weight divided by the sum of the
/// weights leaving its source point, so the smoothing matrix is
/// column-stochastic and keeps each probe's sum (the paper's
/// `ScalarFieldSmoother` with `normalize_weights`, aggregation `add`).
/// Defaults: k = 10, 40 iterations, σ in [0.01, 0.2] (for clouds
/// normalised to the unit ball).
///
/// ```swift
/// let probes = try ProbeFunctions(cloud)
/// var g = SeededGenerator(seed: 1)
/// let f = probes.sample(count: 1500, using: &g)   // n x 1500, row-major
/// ```
///
/// - Complexity: O(n k) to set up (a k-d tree), O(iterations · n · k · count)
///   to draw `count` probes.
public struct ProbeFunctions: Sendable {
    /// The number of points.
    public let pointCount: Int
    /// Neighbours per point, the point itself included.
    public let neighbors: Int
    /// Smoothing passes.
    public let iterations: Int
    /// The range σ is drawn from.
    public let sigmaRange: ClosedRange<Double>
    /// Center i's sources (itself first), row-major n x k, and their squared distances.
    let sources: [Int32]
    let squaredDistances: [Double]

    /// The probe generator of `cloud`.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` when the cloud has
    ///   fewer than `neighbors` points, or the other parameters are out of range.
    public init(_ cloud: PointCloud, neighbors: Int = 10, iterations: Int = 40,
                sigmaRange: ClosedRange<Double> = 0.01...0.2) throws {
        let n = cloud.count
        guard neighbors >= 2, neighbors <= n else {
            throw SpectralBasesError.invalidParameter(name: "probe neighbours", reason: "must be between 2 and the \(n) points, got \(neighbors)")
        }
        guard iterations >= 0, iterations <= 10_000 else {
            throw SpectralBasesError.invalidParameter(name: "probe iterations", reason: "must be between 0 and 10000, got \(iterations)")
        }
        guard sigmaRange.lowerBound > 0, sigmaRange.upperBound.isFinite else {
            throw SpectralBasesError.invalidParameter(name: "probe sigma", reason: "must be positive and finite, got \(sigmaRange)")
        }
        let knn = try NearestNeighbors(cloud, k: neighbors - 1)
        let k = neighbors
        var src = [Int32](repeating: 0, count: n * k), d2 = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            src[i * k] = Int32(i)
            for q in 0..<(k - 1) {
                src[i * k + q + 1] = knn.indices[i * (k - 1) + q]
                let d = knn.distances[i * (k - 1) + q]
                d2[i * k + q + 1] = d * d
            }
        }
        pointCount = n
        self.neighbors = k
        self.iterations = iterations
        self.sigmaRange = sigmaRange
        sources = src
        squaredDistances = d2
    }

    /// `count` probes, row-major n x count (probe p in column p).
    public func sample(count: Int, using generator: inout SeededGenerator) -> [Double] {
        let n = pointCount, k = neighbors, p = max(0, count)
        var f = [Double](repeating: 0, count: n * p)
        for t in f.indices { f[t] = 2 * (Double(generator.next() >> 11) * 0x1.0p-53) - 1 }
        var next = [Double](repeating: 0, count: n * p)
        var weight = [Double](repeating: 0, count: n * k)
        var outgoing = [Double](repeating: 0, count: n)
        for _ in 0..<iterations {
            let u = Double(generator.next() >> 11) * 0x1.0p-53
            let sigma = sigmaRange.lowerBound + (sigmaRange.upperBound - sigmaRange.lowerBound) * u
            let inv = 1 / (sigma * sigma)
            for t in 0..<outgoing.count { outgoing[t] = 0 }
            for e in 0..<(n * k) {
                let w = Foundation.exp(-squaredDistances[e] * inv)
                weight[e] = w
                outgoing[Int(sources[e])] += w
            }
            for e in 0..<(n * k) { weight[e] /= outgoing[Int(sources[e])] }
            Self.smooth(f, into: &next, weight, sources, n: n, k: k, p: p)
            swap(&f, &next)
        }
        return f
    }

    /// next[i, :] = sum over i's sources j of w_ij f[j, :]: one pass, rows contiguous.
    static func smooth(_ f: [Double], into next: inout [Double], _ w: [Double], _ src: [Int32], n: Int, k: Int, p: Int) {
        f.withUnsafeBufferPointer { f in next.withUnsafeMutableBufferPointer { y in
            w.withUnsafeBufferPointer { w in src.withUnsafeBufferPointer { src in
                for i in 0..<n {
                    let yi = i * p
                    for t in 0..<p { y[yi + t] = 0 }
                    for q in 0..<k {
                        let e = i * k + q, c = w[e], j = Int(src[e]) * p
                        for t in 0..<p { y[yi + t] += c * f[j + t] }
                    }
                }
            } }
        } }
    }
}
