import COpenBLAS

/// A floating-point type that OpenBLAS multiplies: `Float` or `Double`.
///
/// The only place in SwiftTDA that calls the C BLAS interface.
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

@inline(__always)
private func cblasTranspose(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Double: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                    beta, c, blasint(ldc))
    }
}

extension Float: BLASScalar {
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(CblasRowMajor, cblasTranspose(transposeA), cblasTranspose(transposeB),
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                    beta, c, blasint(ldc))
    }
}

/// OpenBLAS's own thread count (its threads are separate from SwiftTDA's).
///
/// SwiftTDA parallelises batches itself, so it sets OpenBLAS to one thread
/// while it runs several BLAS calls at once.
///
/// ```swift
/// BLASThreads.set(1)
/// ```
public enum BLASThreads {
    /// Sets the number of threads OpenBLAS uses for one call.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var current: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` with OpenBLAS on one thread, then restores the count:
    /// for many small products issued from several threads at once, where
    /// OpenBLAS's own threads would only spin.
    ///
    /// ```swift
    /// let c = try BLASThreads.singleThreaded { try a * b }
    /// ```
    public static func singleThreaded<T>(_ body: () throws -> T) rethrows -> T {
        let before = current
        if before != 1 { set(1) }
        defer { if before != 1 { set(before) } }
        return try body()
    }
}
