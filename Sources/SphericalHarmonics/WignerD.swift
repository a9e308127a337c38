import Foundation
import LinearAlgebra

/// Real Wigner D matrices: how a rotation acts on spherical features.
///
/// For a rotation R and a feature x of degree l, the function
/// f(r) = sum x(m) Y(l, m)(r) rotated to f(R^T r) has coefficients D_l(R) x,
/// and the harmonics satisfy Y(R r) = D(R) Y(r). Built by projecting the
/// rotated harmonics with an exact ``SphereQuadrature`` (test machinery and
/// for users who rotate features; O(l^4) per degree, one gemm each).
///
/// ```swift
/// let r = try WignerD.rotation(axis: SIMD3(0, 0, 1), angle: .pi / 2)
/// let d = try WignerD.matrices(rotation: r, lmax: 2)   // d[1] is 3 x 3
/// let x2 = try WignerD.rotate(x, by: r)
/// ```
public enum WignerD {
    /// A rotation matrix (rows) for a rotation by `angle` about `axis` (Rodrigues).
    public static func rotation(axis: SIMD3<Double>, angle: Double) throws -> [SIMD3<Double>] {
        let k = try RealSphericalHarmonics.normalised(axis, row: 1)
        guard angle.isFinite else { throw SphericalHarmonicsError.invalidParameter(name: "angle", reason: "must be finite") }
        let c = cos(angle), s = sin(angle), t = 1 - c
        return [
            SIMD3(c + k.x * k.x * t, k.x * k.y * t - k.z * s, k.x * k.z * t + k.y * s),
            SIMD3(k.y * k.x * t + k.z * s, c + k.y * k.y * t, k.y * k.z * t - k.x * s),
            SIMD3(k.z * k.x * t - k.y * s, k.z * k.y * t + k.x * s, c + k.z * k.z * t),
        ]
    }

    /// Checks that `r` (three rows) is a rotation: orthogonal with determinant 1, to 1e-9.
    static func validate(_ r: [SIMD3<Double>]) throws {
        guard r.count == 3, r.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
            throw SphericalHarmonicsError.invalidParameter(name: "rotation", reason: "need three finite rows")
        }
        for i in 0..<3 { for j in 0..<3 {
            let dot = (r[i] * r[j]).sum()
            guard abs(dot - (i == j ? 1 : 0)) < 1e-9 else {
                throw SphericalHarmonicsError.invalidParameter(name: "rotation", reason: "rows are not orthonormal")
            }
        } }
        let det = (r[0] * SIMD3(r[1].y * r[2].z - r[1].z * r[2].y, r[1].z * r[2].x - r[1].x * r[2].z, r[1].x * r[2].y - r[1].y * r[2].x)).sum()
        guard det > 0 else { throw SphericalHarmonicsError.invalidParameter(name: "rotation", reason: "determinant is -1 (a reflection)") }
    }

    /// D_l(R) for l = 0...lmax, each (2l+1) x (2l+1), rows and columns m = -l...l.
    public static func matrices(rotation r: [SIMD3<Double>], lmax: Int) throws -> [Matrix<Double>] {
        try validate(r)
        let q = SphereQuadrature(degree: 2 * lmax)
        let nodes = q.directions, w = q.weights
        // R^T r for every node.
        let rotated = nodes.map { p in SIMD3(r[0].x * p.x + r[1].x * p.y + r[2].x * p.z,
                                              r[0].y * p.x + r[1].y * p.y + r[2].y * p.z,
                                              r[0].z * p.x + r[1].z * p.y + r[2].z * p.z) }
        let y = try RealSphericalHarmonics.evaluate(nodes, lmax: lmax)
        let yr = try RealSphericalHarmonics.evaluate(rotated, lmax: lmax)
        let d = (lmax + 1) * (lmax + 1), n = nodes.count
        // D_l = (W Y_l)^T Y_l(R^T r): one gemm per degree over the nodes.
        return try (0...lmax).map { l in
            let k = 2 * l + 1
            var a = Matrix<Double>(rows: k, columns: n), b = Matrix<Double>(rows: n, columns: k)
            for i in 0..<n {
                for c in 0..<k {
                    a[c, i] = y.values[i * d + l * l + c] * w[i]
                    b[i, c] = yr.values[i * d + l * l + c]
                }
            }
            return try a * b
        }
    }

    /// Every feature of the batch rotated by R (D_l(R) on each degree block).
    public static func rotate<S: BinaryFloatingPoint & Sendable>(_ x: SphericalFeatures<S>, by r: [SIMD3<Double>]) throws -> SphericalFeatures<S> {
        try rotate(x, with: matrices(rotation: r, lmax: x.lmax))
    }

    /// Every feature of the batch multiplied by the given D matrices (from
    /// `matrices(rotation:lmax:)`, at least up to the batch's degree): for
    /// rotating several batches by one rotation.
    public static func rotate<S: BinaryFloatingPoint & Sendable>(_ x: SphericalFeatures<S>, with ds: [Matrix<Double>]) throws -> SphericalFeatures<S> {
        guard ds.count > x.lmax else {
            throw SphericalHarmonicsError.invalidParameter(name: "D matrices", reason: "\(ds.count) degrees given, the features need \(x.lmax + 1)")
        }
        var out = x
        for i in 0..<x.count {
            for l in 0...x.lmax {
                let n = 2 * l + 1
                for a in 0..<n {
                    var s = 0.0
                    for b in 0..<n { s += ds[l][a, b] * Double(x[i, l, b - l]) }
                    out[i, l, a - l] = S(s)
                }
            }
        }
        return out
    }
}
