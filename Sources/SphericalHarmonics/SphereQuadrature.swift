import Foundation

/// An exact quadrature on the unit sphere: Gauss–Legendre nodes in
/// cos theta times a uniform grid in phi, exact for every polynomial of
/// degree <= `degree` restricted to the sphere (products of harmonics whose
/// degrees add up to at most `degree`).
///
/// ```swift
/// let q = SphereQuadrature(degree: 8)
/// let ones = [Double](repeating: 1, count: q.count)
/// print(q.integrate(ones))   // 4 pi
/// ```
///
/// The Gauss–Legendre nodes are found by Newton's method on the Legendre
/// recurrence (Numerical Recipes' `gauleg`), accurate to rounding.
public struct SphereQuadrature: Sendable {
    /// The polynomial degree integrated exactly.
    public let degree: Int
    /// cos theta of each ring, and the Gauss–Legendre weight of each ring.
    public let cosTheta: [Double], ringWeights: [Double]
    /// Points per ring.
    public let phiCount: Int

    /// Number of nodes.
    public var count: Int { cosTheta.count * phiCount }

    public init(degree: Int) {
        self.degree = max(0, degree)
        let n = self.degree / 2 + 1
        var x = [Double](repeating: 0, count: n), w = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var derivative = 1.0
            for _ in 0..<100 {
                var p1 = 1.0, p2 = 0.0
                for j in 1...n { let p3 = p2; p2 = p1; p1 = ((2 * Double(j) - 1) * z * p2 - (Double(j) - 1) * p3) / Double(j) }
                derivative = Double(n) * (z * p1 - p2) / (z * z - 1)
                let step = p1 / derivative
                z -= step
                if abs(step) < 1e-16 { break }
            }
            x[i] = z
            w[i] = 2 / ((1 - z * z) * derivative * derivative)
        }
        cosTheta = x
        ringWeights = w
        phiCount = self.degree + 1
    }

    /// The node directions (ring by ring, phi = 2 pi k / phiCount).
    public var directions: [SIMD3<Double>] {
        var out: [SIMD3<Double>] = []
        out.reserveCapacity(count)
        for c in cosTheta {
            let s = max(0, 1 - c * c).squareRoot()
            for k in 0..<phiCount {
                let phi = 2 * Double.pi * Double(k) / Double(phiCount)
                out.append(SIMD3(s * cos(phi), s * sin(phi), c))
            }
        }
        return out
    }

    /// The weight of each node (same order as `directions`).
    public var weights: [Double] {
        ringWeights.flatMap { w in [Double](repeating: w * 2 * Double.pi / Double(phiCount), count: phiCount) }
    }

    /// The integral of a function given by its values at the nodes.
    public func integrate(_ values: [Double]) -> Double {
        zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The values at the nodes of the spherical function with coefficients
    /// `feature` (one feature of degree `lmax`).
    public func values(of feature: [Double], lmax: Int) throws -> [Double] {
        let y = try RealSphericalHarmonics.evaluate(directions, lmax: lmax)
        let d = (lmax + 1) * (lmax + 1)
        guard feature.count == d else { throw SphericalHarmonicsError.badFeatureLength(row: nil, found: feature.count, expected: "\(d)") }
        return (0..<count).map { i in (0..<d).reduce(0) { $0 + feature[$1] * y.values[i * d + $1] } }
    }

    /// The coefficients of degree <= `lmax` of a function given at the
    /// nodes (exact when the function times a degree-lmax harmonic has
    /// degree <= `degree`).
    public func project(_ values: [Double], lmax: Int) throws -> [Double] {
        let y = try RealSphericalHarmonics.evaluate(directions, lmax: lmax)
        let d = (lmax + 1) * (lmax + 1)
        let w = weights
        var out = [Double](repeating: 0, count: d)
        for i in 0..<count { let f = values[i] * w[i]; for k in 0..<d { out[k] += f * y.values[i * d + k] } }
        return out
    }
}
