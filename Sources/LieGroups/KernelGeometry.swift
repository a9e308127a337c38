import LinearAlgebra

/// The points a lifting or group-convolution kernel is evaluated at, for
/// one layer: offsets of a K x K grid scaled to u in (-1, 1)^2 (offset / (K / 2),
/// x along columns, y along rows), moved by h_i^-1, and the mask there.
enum KernelGeometry {
    /// u for grid position (row, column), row-major over the K x K grid.
    static func offsets(_ k: Int) -> [SIMD2<Double>] {
        let p = Double(k - 1) / 2, half = Double(k) / 2
        var out: [SIMD2<Double>] = []
        for r in 0..<k { for c in 0..<k { out.append(SIMD2((Double(c) - p) / half, (Double(r) - p) / half)) } }
        return out
    }

    /// h^-1 u.
    static func moved(_ inverse: Matrix2<Double>, _ u: SIMD2<Double>) -> SIMD2<Double> { inverse * u }
}
