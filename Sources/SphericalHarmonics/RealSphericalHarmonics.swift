import Foundation

/// Real spherical harmonics in SwiftTDA's convention, evaluated at unit vectors.
///
/// Polar angle theta from +z, azimuth phi = atan2(y, x);
/// Y(l, m) = N(l, m) P(l, |m|)(cos theta) times sqrt(2) cos(m phi) for m > 0,
/// 1 for m = 0, sqrt(2) sin(|m| phi) for m < 0, with
/// N(l, m) = sqrt((2l + 1) / (4 pi) (l - |m|)! / (l + |m|)!) and P the
/// associated Legendre function without the Condon–Shortley phase. They are
/// orthonormal on the unit sphere. (e3nn puts the pole on y and has a sign
/// (-1)^m: see ``E3NNConversion``.)
///
/// ```swift
/// let y = try RealSphericalHarmonics.evaluate([SIMD3(0, 0, 1)], lmax: 2)
/// print(y[0, 1, 0])   // sqrt(3 / (4 pi)) = 0.4886...
/// ```
///
/// The normalised Legendre functions come from the standard three-term
/// recurrence in l for each m, started at P(m, m) = P(m-1, m-1)
/// sqrt((2m+1)/(2m)) sin theta, which never forms a factorial and is
/// stable far beyond L = 64.
public enum RealSphericalHarmonics {
    /// The largest degree accepted for evaluation.
    public static let maximumDegree = 2048

    /// The harmonics of degree <= `lmax` at each direction; directions
    /// need not be unit vectors (they are normalised), but must be finite
    /// and non-zero.
    ///
    /// - Complexity: O(n lmax^2).
    public static func evaluate<S: BinaryFloatingPoint & Sendable>(
        _ directions: [SIMD3<Double>], lmax: Int, as type: S.Type = Double.self
    ) throws -> SphericalFeatures<S> {
        guard lmax >= 0, lmax <= maximumDegree else {
            throw SphericalHarmonicsError.invalidDegree(name: "lmax", value: lmax, reason: "must be in 0...\(maximumDegree)")
        }
        var out = SphericalFeatures<S>(lmax: lmax, count: directions.count)
        let d = out.dimension
        var row = [Double](repeating: 0, count: d)
        var work = Workspace(lmax: lmax)
        for (i, v) in directions.enumerated() {
            let unit = try normalised(v, row: i + 1)
            row.withUnsafeMutableBufferPointer { r in evaluate(unit, lmax: lmax, into: r.baseAddress!, work: &work) }
            for k in 0..<d { out.values[i * d + k] = S(row[k]) }
        }
        return out
    }

    /// `v / |v|`, or a typed error for a zero or non-finite vector (`row` is 1-based).
    public static func normalised(_ v: SIMD3<Double>, row: Int) throws -> SIMD3<Double> {
        for c in 0..<3 where !v[c].isFinite { throw SphericalHarmonicsError.nonFinite(row: row, column: c + 1) }
        // Scale first so that tiny or huge vectors do not under- or overflow.
        let big = max(abs(v.x), abs(v.y), abs(v.z))
        guard big > 0 else { throw SphericalHarmonicsError.zeroVector(row: row) }
        let w = v / big
        return w / (w * w).sum().squareRoot()
    }

    /// Scratch for one evaluation.
    struct Workspace {
        var legendre: [Double]
        init(lmax: Int) { legendre = [Double](repeating: 0, count: (lmax + 1) * (lmax + 2) / 2) }
    }

    /// Writes the (lmax+1)^2 harmonics at the unit vector `u` to `out`.
    static func evaluate(_ u: SIMD3<Double>, lmax: Int, into out: UnsafeMutablePointer<Double>, work: inout Workspace) {
        let rho = (u.x * u.x + u.y * u.y).squareRoot()
        let cosPhi = rho > 0 ? u.x / rho : 1, sinPhi = rho > 0 ? u.y / rho : 0
        work.legendre.withUnsafeMutableBufferPointer { p in
            legendre(lmax: lmax, cosTheta: u.z, sinTheta: rho, into: p.baseAddress!)
            let root2 = 2.0.squareRoot()
            for l in 0...lmax { out[l * l + l] = p[l * (l + 1) / 2] }
            // cos(m phi), sin(m phi) by the angle-addition recurrence.
            var c = 1.0, s = 0.0
            if lmax >= 1 {
                for m in 1...lmax {
                    (c, s) = (c * cosPhi - s * sinPhi, s * cosPhi + c * sinPhi)
                    for l in m...lmax {
                        let v = root2 * p[l * (l + 1) / 2 + m]
                        out[l * l + l + m] = v * c
                        out[l * l + l - m] = v * s
                    }
                }
            }
        }
    }

    /// N(l, m) P(l, m)(cos theta) for 0 <= m <= l <= lmax at index
    /// l(l+1)/2 + m (no Condon–Shortley phase). `sinTheta` may be negative,
    /// which continues the functions to theta in (pi, 2 pi) as the
    /// trigonometric polynomials they are.
    ///
    /// - Complexity: O(lmax^2).
    static func legendre(lmax: Int, cosTheta x: Double, sinTheta s: Double, into p: UnsafeMutablePointer<Double>) {
        var pmm = (1 / (4 * Double.pi)).squareRoot()
        for m in 0...lmax {
            if m > 0 { pmm *= (Double(2 * m + 1) / Double(2 * m)).squareRoot() * s }
            p[m * (m + 1) / 2 + m] = pmm
            if m == lmax { break }
            var previous = pmm
            var current = Double(2 * m + 3).squareRoot() * x * pmm
            p[(m + 1) * (m + 2) / 2 + m] = current
            if m + 2 <= lmax {
                for l in (m + 2)...lmax {
                    let ll = Double(l * l), mm = Double(m * m)
                    let a = ((4 * ll - 1) / (ll - mm)).squareRoot()
                    let b = ((Double((l - 1) * (l - 1)) - mm) / (4 * Double((l - 1) * (l - 1)) - 1)).squareRoot()
                    let next = a * (x * current - b * previous)
                    p[l * (l + 1) / 2 + m] = next
                    previous = current
                    current = next
                }
            }
        }
    }
}
