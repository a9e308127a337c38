import PointClouds

extension SignedMeasureSlicedWasserstein {
    /// `count` seeded unit vectors of R^dimension, the same on every machine:
    /// standard normals from `SeededGenerator(seed:)` (SplitMix64, one
    /// Box–Muller cosine per `normal()` call), drawn direction by direction,
    /// coordinate by coordinate, each direction then divided by its
    /// Euclidean norm (a direction of zeros, which has not been seen, is
    /// drawn again). Normalised Gaussian vectors are uniform on the sphere,
    /// the distribution multipers draws from with numpy (`np.random.seed(42)`,
    /// `normal(0, 1, [K, D])`); the numbers themselves differ from numpy's.
    ///
    /// ```swift
    /// let lines = SignedMeasureSlicedWasserstein.seededDirections(count: 10, dimension: 2, seed: 42)
    /// lines.count      // 10
    /// lines[0].count   // 2, and |lines[0]| == 1
    /// ```
    public static func seededDirections(count: Int, dimension: Int, seed: UInt64 = 42) -> [[Double]] {
        guard count > 0, dimension > 0 else { return [] }
        var rng = SeededGenerator(seed: seed)
        var out: [[Double]] = []
        out.reserveCapacity(count)
        while out.count < count {
            var v = [Double](repeating: 0, count: dimension)
            for p in 0..<dimension { v[p] = rng.normal() }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { continue }
            out.append(v.map { $0 / norm })
        }
        return out
    }
}
