#if canImport(Glibc)
import Glibc
#endif

/// A floating-point type that LAPACKE decomposes and that has the
/// elementary functions the closed forms need: `Float` or `Double`.
///
/// The `lapack...` requirements are thin row-major wrappers over LAPACKE
/// (`?syevd`, `?gesvd`, `?gesv`, `?geev`); they return `nil` when no
/// LAPACKE library could be loaded, else LAPACK's `info`. Most code uses the
/// `Matrix` and `Matrix2` methods built on them instead.
///
/// ```swift
/// let x: Double = .exp(1)        // e, through the C library
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 1, 2])
/// print(try a.symmetricEigendecomposition().eigenvalues)   // [1.0, 3.0]
/// ```
public protocol LAPACKScalar: BLASScalar, SIMDScalar, Codable {
    /// Symmetric eigenvalues (ascending, into `w`) and eigenvectors (columns, over `a`) of the n x n row-major `a`.
    static func lapackSymmetricEigen(n: Int, a: UnsafeMutablePointer<Self>, w: UnsafeMutablePointer<Self>) -> Int32?
    /// The full SVD of the m x n row-major `a` (destroyed): `s` descending, `u` m x m, `vt` n x n.
    static func lapackSVD(m: Int, n: Int, a: UnsafeMutablePointer<Self>, s: UnsafeMutablePointer<Self>,
                          u: UnsafeMutablePointer<Self>, vt: UnsafeMutablePointer<Self>,
                          work: UnsafeMutablePointer<Self>) -> Int32?
    /// Solves A X = B in place (A n x n, B n x nrhs, row-major) by LU with partial pivoting.
    static func lapackSolve(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, b: UnsafeMutablePointer<Self>) -> Int32?
    /// Eigenvalues (real parts into `wr`, imaginary into `wi`) of the n x n row-major `a` (destroyed).
    static func lapackEigenvalues(n: Int, a: UnsafeMutablePointer<Self>, wr: UnsafeMutablePointer<Self>,
                                  wi: UnsafeMutablePointer<Self>) -> Int32?

    /// e^x.
    static func exp(_ x: Self) -> Self
    /// e^x - 1, accurate near 0.
    static func expm1(_ x: Self) -> Self
    /// The natural logarithm.
    static func log(_ x: Self) -> Self
    /// log(1 + x), accurate near 0.
    static func log1p(_ x: Self) -> Self
    /// Sine.
    static func sin(_ x: Self) -> Self
    /// Cosine.
    static func cos(_ x: Self) -> Self
    /// The angle of (x, y) in (-pi, pi].
    static func atan2(_ y: Self, _ x: Self) -> Self
    /// Hyperbolic sine.
    static func sinh(_ x: Self) -> Self
    /// Hyperbolic cosine.
    static func cosh(_ x: Self) -> Self
    /// Inverse hyperbolic tangent.
    static func atanh(_ x: Self) -> Self
    /// sqrt(x^2 + y^2) without overflow.
    static func hypot(_ x: Self, _ y: Self) -> Self
}

extension Double: LAPACKScalar {
    public static func lapackSymmetricEigen(n: Int, a: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>) -> Int32? {
        LAPACKE.functions.dsyevd.map { $0(LAPACKE.rowMajor, 86 /* V */, 85 /* U */, Int32(n), a, Int32(n), w) }
    }
    public static func lapackSVD(m: Int, n: Int, a: UnsafeMutablePointer<Double>, s: UnsafeMutablePointer<Double>,
                                 u: UnsafeMutablePointer<Double>, vt: UnsafeMutablePointer<Double>,
                                 work: UnsafeMutablePointer<Double>) -> Int32? {
        LAPACKE.functions.dgesvd.map {
            $0(LAPACKE.rowMajor, 65 /* A */, 65, Int32(m), Int32(n), a, Int32(n), s, u, Int32(m), vt, Int32(n), work)
        }
    }
    public static func lapackSolve(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Int32? {
        guard let f = LAPACKE.functions.dgesv else { return nil }
        var pivots = [Int32](repeating: 0, count: max(1, n))
        return pivots.withUnsafeMutableBufferPointer { f(LAPACKE.rowMajor, Int32(n), Int32(nrhs), a, Int32(n), $0.baseAddress, b, Int32(nrhs)) }
    }
    public static func lapackEigenvalues(n: Int, a: UnsafeMutablePointer<Double>, wr: UnsafeMutablePointer<Double>,
                                         wi: UnsafeMutablePointer<Double>) -> Int32? {
        LAPACKE.functions.dgeev.map { $0(LAPACKE.rowMajor, 78 /* N */, 78, Int32(n), a, Int32(n), wr, wi, nil, 1, nil, 1) }
    }
    public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    public static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    public static func log(_ x: Double) -> Double { Glibc.log(x) }
    public static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    public static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    public static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    public static func atan2(_ y: Double, _ x: Double) -> Double { Glibc.atan2(y, x) }
    public static func sinh(_ x: Double) -> Double { Glibc.sinh(x) }
    public static func cosh(_ x: Double) -> Double { Glibc.cosh(x) }
    public static func atanh(_ x: Double) -> Double { Glibc.atanh(x) }
    public static func hypot(_ x: Double, _ y: Double) -> Double { Glibc.hypot(x, y) }
}

extension Float: LAPACKScalar {
    public static func lapackSymmetricEigen(n: Int, a: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>) -> Int32? {
        LAPACKE.functions.ssyevd.map { $0(LAPACKE.rowMajor, 86, 85, Int32(n), a, Int32(n), w) }
    }
    public static func lapackSVD(m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                                 u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>,
                                 work: UnsafeMutablePointer<Float>) -> Int32? {
        LAPACKE.functions.sgesvd.map {
            $0(LAPACKE.rowMajor, 65, 65, Int32(m), Int32(n), a, Int32(n), s, u, Int32(m), vt, Int32(n), work)
        }
    }
    public static func lapackSolve(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>) -> Int32? {
        guard let f = LAPACKE.functions.sgesv else { return nil }
        var pivots = [Int32](repeating: 0, count: max(1, n))
        return pivots.withUnsafeMutableBufferPointer { f(LAPACKE.rowMajor, Int32(n), Int32(nrhs), a, Int32(n), $0.baseAddress, b, Int32(nrhs)) }
    }
    public static func lapackEigenvalues(n: Int, a: UnsafeMutablePointer<Float>, wr: UnsafeMutablePointer<Float>,
                                         wi: UnsafeMutablePointer<Float>) -> Int32? {
        LAPACKE.functions.sgeev.map { $0(LAPACKE.rowMajor, 78, 78, Int32(n), a, Int32(n), wr, wi, nil, 1, nil, 1) }
    }
    public static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    public static func expm1(_ x: Float) -> Float { Glibc.expm1f(x) }
    public static func log(_ x: Float) -> Float { Glibc.logf(x) }
    public static func log1p(_ x: Float) -> Float { Glibc.log1pf(x) }
    public static func sin(_ x: Float) -> Float { Glibc.sinf(x) }
    public static func cos(_ x: Float) -> Float { Glibc.cosf(x) }
    public static func atan2(_ y: Float, _ x: Float) -> Float { Glibc.atan2f(y, x) }
    public static func sinh(_ x: Float) -> Float { Glibc.sinhf(x) }
    public static func cosh(_ x: Float) -> Float { Glibc.coshf(x) }
    public static func atanh(_ x: Float) -> Float { Glibc.atanhf(x) }
    public static func hypot(_ x: Float, _ y: Float) -> Float { Glibc.hypotf(x, y) }
}
