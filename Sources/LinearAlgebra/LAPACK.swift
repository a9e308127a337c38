#if canImport(Glibc)
import Glibc
#endif

/// The LAPACKE entry points SwiftTDA uses, looked up once with dlopen
/// (`liblapacke.so.3`, else an OpenBLAS that carries LAPACKE), so programs
/// that never decompose a matrix do not map the library. The only place
/// that calls LAPACK; `LAPACKScalar` wraps it.
enum LAPACKE {
    typealias Int32Pointer = UnsafeMutablePointer<Int32>
    // lapack_int LAPACKE_?syevd(layout, jobz, uplo, n, a, lda, w)
    typealias DSYEVD = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                       UnsafeMutablePointer<Double>?) -> Int32
    typealias SSYEVD = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Float>?, Int32,
                                       UnsafeMutablePointer<Float>?) -> Int32
    // lapack_int LAPACKE_?gesvd(layout, jobu, jobvt, m, n, a, lda, s, u, ldu, vt, ldvt, superb)
    typealias DGESVD = @convention(c) (Int32, CChar, CChar, Int32, Int32, UnsafeMutablePointer<Double>?, Int32,
                                       UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
                                       UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?) -> Int32
    typealias SGESVD = @convention(c) (Int32, CChar, CChar, Int32, Int32, UnsafeMutablePointer<Float>?, Int32,
                                       UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?, Int32,
                                       UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Float>?) -> Int32
    // lapack_int LAPACKE_?gesv(layout, n, nrhs, a, lda, ipiv, b, ldb)
    typealias DGESV = @convention(c) (Int32, Int32, Int32, UnsafeMutablePointer<Double>?, Int32, Int32Pointer?,
                                      UnsafeMutablePointer<Double>?, Int32) -> Int32
    typealias SGESV = @convention(c) (Int32, Int32, Int32, UnsafeMutablePointer<Float>?, Int32, Int32Pointer?,
                                      UnsafeMutablePointer<Float>?, Int32) -> Int32
    // lapack_int LAPACKE_?geev(layout, jobvl, jobvr, n, a, lda, wr, wi, vl, ldvl, vr, ldvr)
    typealias DGEEV = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                      UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?, Int32) -> Int32
    typealias SGEEV = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Float>?, Int32,
                                      UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?,
                                      UnsafeMutablePointer<Float>?, Int32, UnsafeMutablePointer<Float>?, Int32) -> Int32

    struct Functions: @unchecked Sendable {
        var dsyevd: DSYEVD?, ssyevd: SSYEVD?, dgesvd: DGESVD?, sgesvd: SGESVD?
        var dgesv: DGESV?, sgesv: SGESV?, dgeev: DGEEV?, sgeev: SGEEV?
        var isLoaded: Bool { dsyevd != nil && ssyevd != nil && dgesvd != nil && sgesvd != nil
            && dgesv != nil && sgesv != nil && dgeev != nil && sgeev != nil }
    }

    /// Row-major layout (LAPACK_ROW_MAJOR).
    static let rowMajor: Int32 = 101

    /// Loaded on first use (a static let is initialised once, thread-safely).
    static let functions: Functions = {
        var f = Functions()
        #if canImport(Glibc)
        for name in ["liblapacke.so.3", "liblapacke.so", "libopenblas.so.0", "libopenblas.so"] {
            guard let h = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            func symbol<T>(_ s: String, _: T.Type) -> T? { dlsym(h, s).map { unsafeBitCast($0, to: T.self) } }
            var g = Functions()
            g.dsyevd = symbol("LAPACKE_dsyevd", DSYEVD.self); g.ssyevd = symbol("LAPACKE_ssyevd", SSYEVD.self)
            g.dgesvd = symbol("LAPACKE_dgesvd", DGESVD.self); g.sgesvd = symbol("LAPACKE_sgesvd", SGESVD.self)
            g.dgesv = symbol("LAPACKE_dgesv", DGESV.self); g.sgesv = symbol("LAPACKE_sgesv", SGESV.self)
            g.dgeev = symbol("LAPACKE_dgeev", DGEEV.self); g.sgeev = symbol("LAPACKE_sgeev", SGEEV.self)
            if g.isLoaded { f = g; break }
        }
        #endif
        return f
    }()

    static var isLoaded: Bool { functions.isLoaded }
}

/// A LAPACKE routine that failed or could not be loaded: the error thrown.
func lapackCheck(_ info: Int32?, _ routine: String) throws {
    guard let info else { throw LinearAlgebraError.lapackUnavailable }
    if info != 0 { throw LinearAlgebraError.lapackFailed(routine: routine, info: Int(info)) }
}
