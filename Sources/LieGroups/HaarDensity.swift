import LinearAlgebra

/// The Haar measure of GL+(2) and SL(2) in the coordinates of the polar
/// decomposition g = S^(1/2) R, S = g g^T = exp(Y), R = rot(theta).
///
/// In those coordinates Haar measure is (density) dY dtheta with, for
/// Y = [[a, b], [b, c]] and d = sqrt((a - c)^2 + 4 b^2) (the gap between
/// Y's eigenvalues), density sinh(d / 2) / (d / 2) relative to Lebesgue
/// measure da db dc; on SL(2) (traceless Y = [[a, b], [b, -a]], r =
/// sqrt(a^2 + b^2)) it is sinh(r) / r relative to da db. Both are 1 at the
/// identity. (The GL-invariant measure on SPD(2), det(S)^(-3/2) dS, pulled
/// back through S = exp Y; the tests check both against the numerical
/// Jacobian of the Maurer–Cartan form.)
///
/// In the chart's own coordinates, log P = Y / 2, the eigenvalue gap is
/// halved: the density in log P is sinh(d_P) / d_P (`chartDensity`).
///
/// ```swift
/// let w = HaarDensity.spd(logarithm: Matrix2<Double>.symmetric(1, 0, -1))   // d = 2: sinh(1) / 1
/// let v = HaarDensity.traceless(logarithm: Matrix2<Double>.symmetric(1, 0, -1)) // r = 1: sinh(1) / 1
/// ```
public enum HaarDensity {
    /// sinh(x) / x, 1 at 0 (series below 1e-4).
    static func sinhc<T: LAPACKScalar>(_ x: T) -> T {
        if abs(x) < T(1) / 10_000 { return 1 + x * x / 6 }
        return T.sinh(x) / x
    }

    /// sinh(d / 2) / (d / 2) for Y = log(g g^T) (its symmetric part), d = sqrt((a - c)^2 + 4 b^2).
    public static func spd<T: LAPACKScalar>(logarithm y: Matrix2<T>) -> T {
        let b = (y.b + y.c) / 2
        let d = T.hypot(y.a - y.d, 2 * b)
        return sinhc(d / 2)
    }

    /// sinh(r) / r for traceless Y = [[a, b], [b, -a]] (from (a - d) / 2 and the symmetric off-diagonal), r = sqrt(a^2 + b^2).
    public static func traceless<T: LAPACKScalar>(logarithm y: Matrix2<T>) -> T {
        let b = (y.b + y.c) / 2
        return sinhc(T.hypot((y.a - y.d) / 2, b))
    }

    /// The density in the chart's coordinates (X = log P = Y / 2): sinh(d_P) / d_P, d_P the eigenvalue gap of X.
    public static func chartDensity<T: LAPACKScalar>(logP x: Matrix2<T>) -> T {
        let b = (x.b + x.c) / 2
        return sinhc(T.hypot(x.a - x.d, 2 * b))
    }
}
