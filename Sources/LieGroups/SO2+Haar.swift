import LinearAlgebra

extension SO2 {
    /// A Haar-random rotation: the angle pi - 2 pi u, u uniform in [0, 1), so
    /// uniform on (-pi, pi] with the half-turn counted once.
    ///
    /// ```swift
    /// var rng = SeededGenerator(seed: 1)   // PointClouds; any seeded RandomNumberGenerator works
    /// let r = SO2<Double>.haarRandom(using: &rng)
    /// ```
    public static func haarRandom(using generator: inout some RandomNumberGenerator) -> SO2 {
        SO2(angle: Scalar(Double.pi - 2 * Double.pi * RandomNormal.uniform(&generator)))
    }

    /// `count` equispaced rotations -pi + 2 pi (k + phase) / count, k = 0..<count,
    /// reduced to (-pi, pi]: no rotation appears twice (rgenn's
    /// linspace(-pi, pi, n) counts the half-turn at both ends). With `phase`
    /// uniform in [0, 1) the grid is an exact stratified Haar sample: every
    /// angle has the same chance, and sums over it are unbiased Haar integrals.
    ///
    /// ```swift
    /// let grid = try SO2<Double>.equispaced(count: 4)     // -pi (as pi), -pi/2, 0, pi/2
    /// ```
    public static func equispaced(count: Int, phase: Double = 0) throws -> [SO2] {
        guard count > 0 else { throw LieGroupError.nonPositiveCount(count) }
        guard phase.isFinite, phase >= 0, phase < 1 else { throw LieGroupError.invalidParameter("phase \(phase) must be in [0, 1)") }
        return (0..<count).map { k in SO2(angle: Scalar(-Double.pi + 2 * Double.pi * (Double(k) + phase) / Double(count))) }
    }

    /// An equispaced grid with a uniform random phase (a Haar sample of `count` stratified rotations).
    ///
    /// ```swift
    /// var rng = SeededGenerator(seed: 2)
    /// let grid = try SO2<Double>.haarGrid(count: 8, using: &rng)
    /// ```
    public static func haarGrid(count: Int, using generator: inout some RandomNumberGenerator) throws -> [SO2] {
        try equispaced(count: count, phase: RandomNormal.uniform(&generator))
    }
}
