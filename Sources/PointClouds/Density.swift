import Foundation

/// Density estimates of a point cloud, and their codensities (the second
/// parameter of Rips-codensity bifiltrations).
///
/// ```swift
/// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.2)   // -log KDE, as multipers
/// let g = try Density.distanceToMeasure(cloud, mass: 0.1)        // DTM
/// ```
public enum Density {
    /// -log of the Gaussian kernel density estimate at each point, the point
    /// itself included: f(i) = -log((1/N) sum_j exp(-|x_i - x_j|^2 / 2h^2) / (2 pi h^2)^(d/2)),
    /// equal to -sklearn `KernelDensity(bandwidth=h).score_samples` (computed
    /// with a log-sum-exp, so far points give large finite values, not inf).
    ///
    /// - Throws: `PointCloudError.invalidParameter` for a bandwidth that is not positive and finite.
    /// - Complexity: O(N^2 d).
    public static func gaussianCodensity(_ cloud: PointCloud, bandwidth h: Double) throws -> [Double] {
        guard h > 0, h.isFinite else {
            throw PointCloudError.invalidParameter(name: "bandwidth", reason: "\(h) must be a positive number")
        }
        let n = cloud.count, d = cloud.dimension
        let x = cloud.coordinates
        let logNorm = -0.5 * Double(d) * Foundation.log(2 * Double.pi * h * h) - Foundation.log(Double(n))
        // The largest exponent of row i is its own, 0, so log-sum-exp needs no
        // shift; each pair's kernel is computed once and added to both rows.
        var sums = [Double](repeating: 1, count: n)
        let scale = -1 / (2 * h * h)
        x.withUnsafeBufferPointer { x in
        sums.withUnsafeMutableBufferPointer { sums in
            for i in 0..<n {
                var row = 0.0
                for j in (i + 1)..<n {
                    var s = 0.0
                    for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }
                    let e = s * scale
                    // exp underflows to exactly 0 below -745.2.
                    let w = e < -746 ? 0 : Foundation.exp(e)
                    row += w; sums[j] += w
                }
                sums[i] += row
            }
        }}
        return sums.map { -(Foundation.log($0) + logNorm) }
    }

    /// The distance to measure with mass m: sqrt of the mean squared distance
    /// to the k = ceil(m N) nearest points, the point itself included (as
    /// multipers' and GUDHI's `DTM`).
    ///
    /// - Throws: `PointCloudError.invalidParameter` for m outside (0, 1].
    public static func distanceToMeasure(_ cloud: PointCloud, mass m: Double) throws -> [Double] {
        guard m > 0, m <= 1 else {
            throw PointCloudError.invalidParameter(name: "DTM mass", reason: "\(m) must be in (0, 1]")
        }
        let k = Swift.max(1, Int((m * Double(cloud.count)).rounded(.up)))
        return try nearestDistances(cloud, k: k).map { row in (row.reduce(0) { $0 + $1 * $1 } / Double(k)).squareRoot() }
    }

    /// The distance to the k-th nearest other point.
    ///
    /// - Throws: `PointCloudError.invalidParameter` for k < 1 or k >= N.
    public static func kNearestDistance(_ cloud: PointCloud, k: Int) throws -> [Double] {
        guard k >= 1, k < cloud.count else {
            throw PointCloudError.invalidParameter(name: "k", reason: "\(k) must be between 1 and \(cloud.count - 1)")
        }
        return try nearestDistances(cloud, k: k + 1).map { $0[k] }
    }

    /// The k smallest distances from each point (itself, at 0, first).
    static func nearestDistances(_ cloud: PointCloud, k: Int) throws -> [[Double]] {
        let n = cloud.count, d = cloud.dimension, x = cloud.coordinates
        guard k <= n else { throw PointCloudError.invalidParameter(name: "k", reason: "\(k) neighbours of \(n) points") }
        var out: [[Double]] = []
        out.reserveCapacity(n)
        var row = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n {
                row[j] = Metric.euclideanLength(d) { x[i * d + $0] - x[j * d + $0] }
            }
            out.append(Array(row.sorted().prefix(k)))
        }
        return out
    }
}
