/// Conversions between SwiftTDA's real harmonics and e3nn's.
///
/// e3nn (0.6, `o3.spherical_harmonics(l, v, normalize=True,
/// normalization='integral')`) takes y as the polar axis. Measured against
/// e3nn 0.6.0 (`scripts/make_sh_reference.py`): e3nn's degree-l components
/// at v equal ours, in the same m order and with no signs, at the permuted
/// vector (v.z, v.x, v.y). That permutation is a rotation, so feature
/// coefficients carry over unchanged once vectors are mapped; products and
/// equivariance statements are the same in both. (The Gaunt paper's public
/// code is reported to use e3nn's harmonics times (-1)^m; ``paperSigns(_:)``
/// applies that sign.)
///
/// ```swift
/// let v = SIMD3(0.1, 0.2, 0.3)                     // a vector in e3nn's frame
/// let y = try RealSphericalHarmonics.evaluate([E3NNConversion.fromE3NN(v)], lmax: 3)
/// // y.values == e3nn.o3.spherical_harmonics([0,1,2,3], v, True, 'integral')
/// ```
public enum E3NNConversion {
    /// A vector in e3nn's frame as a vector in ours: (z, x, y).
    public static func fromE3NN(_ v: SIMD3<Double>) -> SIMD3<Double> { SIMD3(v.z, v.x, v.y) }

    /// A vector in our frame as a vector in e3nn's: the inverse of `fromE3NN`.
    public static func toE3NN(_ w: SIMD3<Double>) -> SIMD3<Double> { SIMD3(w.y, w.z, w.x) }

    /// Features with each (l, m) component multiplied by (-1)^m: the
    /// convention of the Gaunt paper's code relative to e3nn's (its own inverse).
    public static func paperSigns<S: BinaryFloatingPoint & Sendable>(_ x: SphericalFeatures<S>) -> SphericalFeatures<S> {
        var out = x
        for i in 0..<x.count { for l in 0...max(0, x.lmax) { for m in -l...l where m % 2 != 0 { out[i, l, m] = -x[i, l, m] } } }
        return out
    }
}
