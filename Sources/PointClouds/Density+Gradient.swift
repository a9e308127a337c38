import Foundation

extension Density {
    /// The vector-Jacobian product of `gaussianCodensity`: given c_i =
    /// d(loss)/d f(i) for the codensity f(i) = -log((1/N) sum_j K_ij / (2 pi h^2)^(d/2)),
    /// K_ij = exp(-|x_i - x_j|^2 / 2h^2) (j = i included), returns
    /// d(loss)/d(point coordinates), flat like `cloud.coordinates`.
    ///
    /// With S_i = sum_j K_ij, d f(i)/d x_j = -K_ij (x_i - x_j) / (h^2 S_i) for
    /// j != i and d f(i)/d x_i = sum_j K_ij (x_i - x_j) / (h^2 S_i): every
    /// codensity depends on every point. The normalising constant drops out.
    /// Kernels that `gaussianCodensity` flushes to 0 (exponent below -746)
    /// are 0 here too, so this is the exact derivative of the computed function.
    ///
    /// ```swift
    /// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.1)
    /// let dx = try Density.gaussianCodensityPullback(cloud, bandwidth: 0.1, cotangent: dLdf)
    /// ```
    /// - Throws: `PointCloudError.invalidParameter` for a bandwidth that is
    ///   not positive and finite, or a cotangent of the wrong length or not finite.
    /// - Complexity: O(N^2 d), two passes over the pairs.
    public static func gaussianCodensityPullback(_ cloud: PointCloud, bandwidth h: Double,
                                                 cotangent: [Double]) throws -> [Double] {
        guard h > 0, h.isFinite else {
            throw PointCloudError.invalidParameter(name: "bandwidth", reason: "\(h) must be a positive number")
        }
        let n = cloud.count, d = cloud.dimension
        guard cotangent.count == n else {
            throw PointCloudError.invalidParameter(name: "cotangent", reason: "\(cotangent.count) values for \(n) points")
        }
        guard cotangent.allSatisfy(\.isFinite) else {
            throw PointCloudError.invalidParameter(name: "cotangent", reason: "a value is NaN or infinite")
        }
        let x = cloud.coordinates
        let scale = -1 / (2 * h * h), invH2 = 1 / (h * h)
        // Pass 1: S_i (as in gaussianCodensity). Pass 2: for each pair i < j
        // with u = K_ij (x_i - x_j) / h^2, x_i gets (c_i/S_i + c_j/S_j) u and x_j the opposite.
        var sums = [Double](repeating: 1, count: n)
        for i in 0..<n {
            for j in (i + 1)..<n {
                var s = 0.0
                for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }
                let e = s * scale
                let w = e < -746 ? 0 : Foundation.exp(e)
                sums[i] += w; sums[j] += w
            }
        }
        let a = (0..<n).map { cotangent[$0] / sums[$0] }
        var out = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for j in (i + 1)..<n {
                var s = 0.0
                for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }
                let e = s * scale
                guard e >= -746 else { continue }
                let factor = Foundation.exp(e) * invH2 * (a[i] + a[j])
                for k in 0..<d {
                    let u = factor * (x[i * d + k] - x[j * d + k])
                    out[i * d + k] += u
                    out[j * d + k] -= u
                }
            }
        }
        return out
    }
}

extension Density {
    /// The vector-Jacobian product of `distanceToMeasure`: given c_i =
    /// d(loss)/d f(i) for f(i) = sqrt((1/k) sum over the k nearest points j of
    /// |x_i - x_j|^2) (k = ceil(m N), the point itself included), returns
    /// d(loss)/d(point coordinates), flat like `cloud.coordinates`.
    ///
    /// d f(i)/d x_i = sum_j (x_i - x_j) / (k f(i)) and d f(i)/d x_j = -(x_i - x_j) / (k f(i))
    /// over the k nearest j, a set that is locally constant away from ties
    /// (ties in distance go to the lower index; f(i) = 0 gives 0).
    ///
    /// ```swift
    /// let dx = try Density.distanceToMeasurePullback(cloud, mass: 0.1, cotangent: dLdf)
    /// ```
    /// - Throws: `PointCloudError.invalidParameter` for m outside (0, 1] or a
    ///   cotangent of the wrong length or not finite.
    /// - Complexity: O(N^2 (d + log N)).
    public static func distanceToMeasurePullback(_ cloud: PointCloud, mass m: Double, cotangent: [Double]) throws -> [Double] {
        guard m > 0, m <= 1 else {
            throw PointCloudError.invalidParameter(name: "DTM mass", reason: "\(m) must be in (0, 1]")
        }
        try checkCotangent(cotangent, count: cloud.count)
        let k = Swift.max(1, Int((m * Double(cloud.count)).rounded(.up)))
        let n = cloud.count, d = cloud.dimension, x = cloud.coordinates
        var out = [Double](repeating: 0, count: n * d)
        for i in 0..<n where cotangent[i] != 0 {
            let near = nearestIndices(cloud, i, k: k)
            var s = 0.0
            for (_, r) in near { s += r * r }
            let f = (s / Double(k)).squareRoot()
            guard f > 0 else { continue }
            let a = cotangent[i] / (Double(k) * f)
            for (j, _) in near where j != i {
                for c in 0..<d {
                    let u = a * (x[i * d + c] - x[j * d + c])
                    out[i * d + c] += u
                    out[j * d + c] -= u
                }
            }
        }
        return out
    }

    /// The vector-Jacobian product of `kNearestDistance`: f(i) = |x_i - x_j|
    /// for j the k-th nearest other point, so d f(i)/d x_i = (x_i - x_j)/|x_i - x_j|
    /// and the opposite for x_j (ties in distance go to the lower index; coincident points give 0).
    ///
    /// ```swift
    /// let dx = try Density.kNearestDistancePullback(cloud, k: 5, cotangent: dLdf)
    /// ```
    /// - Throws: `PointCloudError.invalidParameter` for k outside 1..<N or a
    ///   cotangent of the wrong length or not finite.
    /// - Complexity: O(N^2 (d + log N)).
    public static func kNearestDistancePullback(_ cloud: PointCloud, k: Int, cotangent: [Double]) throws -> [Double] {
        guard k >= 1, k < cloud.count else {
            throw PointCloudError.invalidParameter(name: "k", reason: "\(k) must be between 1 and \(cloud.count - 1)")
        }
        try checkCotangent(cotangent, count: cloud.count)
        let n = cloud.count, d = cloud.dimension, x = cloud.coordinates
        var out = [Double](repeating: 0, count: n * d)
        for i in 0..<n where cotangent[i] != 0 {
            let (j, r) = nearestIndices(cloud, i, k: k + 1)[k]
            guard r > 0 else { continue }
            for c in 0..<d {
                let u = cotangent[i] * (x[i * d + c] - x[j * d + c]) / r
                out[i * d + c] += u
                out[j * d + c] -= u
            }
        }
        return out
    }

    static func checkCotangent(_ c: [Double], count n: Int) throws {
        guard c.count == n else {
            throw PointCloudError.invalidParameter(name: "cotangent", reason: "\(c.count) values for \(n) points")
        }
        guard c.allSatisfy(\.isFinite) else {
            throw PointCloudError.invalidParameter(name: "cotangent", reason: "a value is NaN or infinite")
        }
    }

    /// The k nearest points of point i (itself included) with their distances,
    /// nearest first, ties to the lower index; the distances are those of `nearestDistances`.
    static func nearestIndices(_ cloud: PointCloud, _ i: Int, k: Int) -> [(index: Int, distance: Double)] {
        let n = cloud.count, d = cloud.dimension, x = cloud.coordinates
        var row: [(index: Int, distance: Double)] = []
        row.reserveCapacity(n)
        for j in 0..<n {
            row.append((j, Metric.euclideanLength(d) { x[i * d + $0] - x[j * d + $0] }))
        }
        row.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        return Array(row.prefix(k))
    }
}
