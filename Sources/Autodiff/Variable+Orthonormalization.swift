extension Variable {
    /// The Q factor of the thin QR decomposition A = Q R of an [n, K]
    /// matrix (n >= K, full column rank), with R's diagonal positive: K
    /// orthonormal columns spanning the same nested subspaces as A's
    /// (column k of Q lies in the span of A's first k + 1 columns), as
    /// `torch.linalg.qr(A).Q` up to the signs of its columns.
    ///
    /// Computed as CholeskyQR2 (Fukaya et al., 2014): R1 = chol(AᵀA),
    /// Q1 = A R1⁻¹, then once more on Q1, so QᵀQ = I to rounding for any
    /// condition number below about 1/sqrt(epsilon). The backward pass is
    /// the QR adjoint (Seeger et al., "Auto-differentiating linear algebra",
    /// 2017; PyTorch's `linalg_qr_backward` for the reduced case):
    /// dA = (dQ - Q E) R⁻ᵀ, with E the symmetric matrix taken from the upper
    /// triangle of Qᵀ dQ.
    ///
    /// ```swift
    /// let tape = Tape<Double>()
    /// let a = tape.variable(try Tensor(shape: [3, 2], elements: [1, 0, 1, 1, 0, 1]))
    /// let q = try a.orthonormalizedColumns()   // qᵀq = I, q[:, 0] = a[:, 0] / |a[:, 0]|
    /// ```
    ///
    /// - Throws: ``AutodiffError/shapeMismatch(_:)`` unless the input is
    ///   rank 2 with at least as many rows as columns;
    ///   ``AutodiffError/invalidArgument(_:)`` when the columns are
    ///   (numerically) linearly dependent or not finite.
    /// - Complexity: O(n K²) forward and backward (gemm for the Gram
    ///   matrices, triangular solves row by row).
    public func orthonormalizedColumns() throws -> Variable {
        let s = shape
        guard s.count == 2, s[0] >= s[1], s[1] >= 1 else {
            throw AutodiffError.shapeMismatch("orthonormalized columns need an [n, K] matrix with n >= K >= 1, got \(s)")
        }
        let n = s[0], k = s[1]
        let a = tape.value(index)
        guard var r1 = QRKernels.choleskyOfGram(a, n: n, k: k) else {
            throw AutodiffError.invalidArgument("the \(k) columns are linearly dependent or not finite")
        }
        var q1 = a
        QRKernels.solveRightUpper(&q1, r1, n: n, k: k)
        guard let r2 = QRKernels.choleskyOfGram(q1, n: n, k: k) else {
            throw AutodiffError.invalidArgument("the \(k) columns are numerically dependent")
        }
        var q = q1
        QRKernels.solveRightUpper(&q, r2, n: n, k: k)
        // R = R2 R1, upper triangular.
        r1 = QRKernels.upperProduct(r2, r1, k: k)
        let r = r1
        let i = index
        return tape.record(s, q, inputs: [self]) { tape, g in
            tape.accumulate(i) { QRKernels.backward(g, q, r, into: $0, n: n, k: k) }
        }
    }
}

/// The small dense loops of ``Variable/orthonormalizedColumns()``: K is the
/// number of columns (tens), n the rows (thousands); the O(n K²) parts are
/// gemm or one pass over the rows.
enum QRKernels {
    /// The upper Cholesky factor R (row-major K x K, RᵀR = AᵀA) of the Gram
    /// matrix of A's columns; nil when a pivot is not positive and finite.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func choleskyOfGram<S: TensorScalar>(_ a: [S], n: Int, k: Int) -> [S]? {
        var g = [S](repeating: 0, count: k * k)
        a.withUnsafeBufferPointer { a in g.withUnsafeMutableBufferPointer { g in
            guard let pa = a.baseAddress, let pg = g.baseAddress else { return }
            S.gemm(transposeA: true, transposeB: false, m: k, n: k, k: n, alpha: 1, a: pa, lda: k,
                   b: pa, ldb: k, beta: 0, c: pg, ldc: k)
        } }
        // In place: G = RᵀR, row i of R from rows < i.
        var r = [S](repeating: 0, count: k * k)
        let scale = (0..<k).reduce(S(0)) { max($0, g[$1 * k + $1]) }
        guard scale > 0, scale.isFinite else { return nil }
        for i in 0..<k {
            var d = g[i * k + i]
            for t in 0..<i { d -= r[t * k + i] * r[t * k + i] }
            guard d > scale * S.ulpOfOne * 16, d.isFinite else {
                return nil
            }
            let rii = d.squareRoot()
            r[i * k + i] = rii
            for j in (i + 1)..<max(i + 1, k) {
                var v = g[i * k + j]
                for t in 0..<i { v -= r[t * k + i] * r[t * k + j] }
                r[i * k + j] = v / rii
            }
        }
        return r
    }

    /// X ← X R⁻¹ for X [n, K] row-major and R upper triangular: each row x
    /// solves y R = x by forward substitution over the columns.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func solveRightUpper<S: TensorScalar>(_ x: inout [S], _ r: [S], n: Int, k: Int) {
        x.withUnsafeMutableBufferPointer { x in r.withUnsafeBufferPointer { r in
            for row in 0..<n {
                let b = row * k
                for j in 0..<k {
                    var v = x[b + j]
                    for t in 0..<j { v -= x[b + t] * r[t * k + j] }
                    x[b + j] = v / r[j * k + j]
                }
            }
        } }
    }

    /// X ← X R⁻ᵀ: each row x solves y Rᵀ = x, i.e. R yᵀ = xᵀ, by back substitution.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func solveRightUpperTransposed<S: TensorScalar>(_ x: inout [S], _ r: [S], n: Int, k: Int) {
        x.withUnsafeMutableBufferPointer { x in r.withUnsafeBufferPointer { r in
            for row in 0..<n {
                let b = row * k
                for j in stride(from: k - 1, through: 0, by: -1) {
                    var v = x[b + j]
                    for t in (j + 1)..<max(j + 1, k) { v -= r[j * k + t] * x[b + t] }
                    x[b + j] = v / r[j * k + j]
                }
            }
        } }
    }

    /// The product of two upper triangular K x K matrices.
    static func upperProduct<S: TensorScalar>(_ a: [S], _ b: [S], k: Int) -> [S] {
        var c = [S](repeating: 0, count: k * k)
        for i in 0..<k { for j in i..<k {
            var v: S = 0
            for t in i...j { v += a[i * k + t] * b[t * k + j] }
            c[i * k + j] = v
        } }
        return c
    }

    /// dA += (G - Q E) R⁻ᵀ with E = sym-from-upper(Qᵀ G).
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    @inline(never)
    static func backward<S: TensorScalar>(_ g: [S], _ q: [S], _ r: [S], into da: UnsafeMutableBufferPointer<S>, n: Int, k: Int) {
        var b = [S](repeating: 0, count: k * k)
        q.withUnsafeBufferPointer { q in g.withUnsafeBufferPointer { g in b.withUnsafeMutableBufferPointer { b in
            guard let pq = q.baseAddress, let pg = g.baseAddress, let pb = b.baseAddress else { return }
            S.gemm(transposeA: true, transposeB: false, m: k, n: k, k: n, alpha: 1, a: pq, lda: k,
                   b: pg, ldb: k, beta: 0, c: pb, ldc: k)
        } } }
        for i in 0..<k { for j in 0..<i { b[i * k + j] = b[j * k + i] } }
        var x = g
        q.withUnsafeBufferPointer { q in b.withUnsafeBufferPointer { b in x.withUnsafeMutableBufferPointer { x in
            guard let pq = q.baseAddress, let pb = b.baseAddress, let px = x.baseAddress else { return }
            S.gemm(transposeA: false, transposeB: false, m: n, n: k, k: k, alpha: -1, a: pq, lda: k,
                   b: pb, ldb: k, beta: 1, c: px, ldc: k)
        } } }
        solveRightUpperTransposed(&x, r, n: n, k: k)
        for t in 0..<x.count { da[t] += x[t] }
    }
}
