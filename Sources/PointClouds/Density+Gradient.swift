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
