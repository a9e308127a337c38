import COpenBLAS
#if canImport(Glibc)
import Glibc
#endif

/// A floating-point type that OpenBLAS multiplies: `Float` or `Double`.
///
/// The only place in SwiftTDA that calls the C BLAS interface. OpenBLAS is
/// loaded on the first product (`libopenblas.so.0`, else any CBLAS as
/// `libcblas.so.3`); where none can be loaded, a plain loop computes the
/// same product, slower.
///
/// ```swift
/// let c = try Matrix<Double>(rows: 1, columns: 1, elements: [2]) * Matrix(rows: 1, columns: 1, elements: [3])
/// ```
public protocol BLASScalar: BinaryFloatingPoint, Sendable {
    /// C = alpha * op(A) * op(B) + beta * C on row-major storage
    /// (`op` transposes when the flag is set); leading dimensions are the
    /// row lengths of the stored matrices.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

/// The CBLAS entry points, looked up once.
enum CBLAS {
    typealias DGEMM = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
                                      Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
                                      Double, UnsafeMutablePointer<Double>?, blasint) -> Void
    typealias SGEMM = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
                                      Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
                                      Float, UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32

    struct Functions: @unchecked Sendable {
        var dgemm: DGEMM?, sgemm: SGEMM?, setThreads: SetThreads?, getThreads: GetThreads?
    }

    /// Loaded on first use (Swift initialises a static let once, thread-safely).
    static let functions: Functions = {
        var f = Functions()
        #if canImport(Glibc)
        for name in ["libopenblas.so.0", "libopenblas.so", "libcblas.so.3", "libblas.so.3"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let d = dlsym(handle, "cblas_dgemm"), let s = dlsym(handle, "cblas_sgemm") else { continue }
            f.dgemm = unsafeBitCast(d, to: DGEMM.self)
            f.sgemm = unsafeBitCast(s, to: SGEMM.self)
            if let p = dlsym(handle, "openblas_set_num_threads") { f.setThreads = unsafeBitCast(p, to: SetThreads.self) }
            if let p = dlsym(handle, "openblas_get_num_threads") { f.getThreads = unsafeBitCast(p, to: GetThreads.self) }
            break
        }
        #endif
        return f
    }()

    @inline(__always)
    static func transpose(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }
}

/// C = alpha op(A) op(B) + beta C by three loops, for when no BLAS library loads.
@inline(__always)
func plainGemm<T: BinaryFloatingPoint>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: T, a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
    beta: T, c: UnsafeMutablePointer<T>, ldc: Int
) {
    for i in 0..<m {
        for j in 0..<n {
            var s: T = 0
            for t in 0..<k {
                let x = transposeA ? a[t * lda + i] : a[i * lda + t]
                let y = transposeB ? b[j * ldb + t] : b[t * ldb + j]
                s += x * y
            }
            c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j])
        }
    }
}

extension Double: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        guard let f = CBLAS.functions.dgemm else {
            return plainGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                             alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        f(CblasRowMajor, CBLAS.transpose(transposeA), CBLAS.transpose(transposeB),
          blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension Float: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard let f = CBLAS.functions.sgemm else {
            return plainGemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                             alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        f(CblasRowMajor, CBLAS.transpose(transposeA), CBLAS.transpose(transposeB),
          blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

/// OpenBLAS's own thread count (its threads are separate from SwiftTDA's).
///
/// ```swift
/// BLASThreads.set(1)
/// print(BLASThreads.isLoaded)   // true once a BLAS library was found
/// ```
public enum BLASThreads {
    /// Sets the number of threads OpenBLAS uses for one call (no effect
    /// for a BLAS without that control).
    public static func set(_ count: Int) {
        CBLAS.functions.setThreads?(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS uses for one call (1 without OpenBLAS).
    public static var current: Int { Int(CBLAS.functions.getThreads?() ?? 1) }

    /// Whether a BLAS library was loaded (false: products use a plain loop).
    public static var isLoaded: Bool { CBLAS.functions.dgemm != nil }
}
