import Foundation
import XCTest
@testable import SphericalHarmonics

/// Reads `Reference/NAME.json` (written by scripts/make_sh_reference.py).
func reference(_ name: String) throws -> [String: Any] {
    guard let url = Bundle.module.url(forResource: "Reference/\(name)", withExtension: "json") else {
        throw NSError(domain: "SphericalHarmonicsTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing reference \(name)"])
    }
    return (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]) ?? [:]
}

/// A deterministic generator (SplitMix64) for test data.
struct TestRandom {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
    /// A batch of features with standard normal coefficients.
    mutating func features(lmax: Int, count: Int) -> SphericalFeatures<Double> {
        var x = SphericalFeatures<Double>(lmax: lmax, count: count)
        for k in x.values.indices { x.values[k] = normal() }
        return x
    }
    /// A uniformly random rotation (from a random unit quaternion).
    mutating func rotation() -> [SIMD3<Double>] {
        var q = SIMD4(normal(), normal(), normal(), normal())
        q /= (q * q).sum().squareRoot()
        let (w, x, y, z) = (q[0], q[1], q[2], q[3])
        return [
            SIMD3(1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)),
            SIMD3(2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)),
            SIMD3(2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)),
        ]
    }
}

/// max |a - b| / max |b| over all values (0 when both are zero).
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths differ")
    let scale = b.reduce(0) { max($0, abs($1)) }
    let diff = zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    return scale == 0 ? diff : diff / scale
}

/// The product by exact quadrature: evaluate both spherical functions on a
/// Gauss–Legendre x uniform grid, multiply, project back.
func quadratureProduct(_ x: [Double], lmax1: Int, _ y: [Double], lmax2: Int, lmaxOut: Int) throws -> [Double] {
    let q = SphereQuadrature(degree: lmax1 + lmax2 + lmaxOut)
    let fx = try q.values(of: x, lmax: lmax1), fy = try q.values(of: y, lmax: lmax2)
    return try q.project(zip(fx, fy).map { $0 * $1 }, lmax: lmaxOut)
}
