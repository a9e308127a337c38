extension Variable {
    /// The matrix product op(self) · op(other) by BLAS gemm, op transposing
    /// when asked. Rank 2 times rank 2 gives [m, n]; a rank-3 operand
    /// ([batch, rows, columns]) multiplies batch by batch, a rank-2 one is
    /// shared by every batch.
    ///
    /// ```swift
    /// let y = try x.matmul(w)                       // [n, in] · [in, out]
    /// let g = try a.matmul(a, transposeSelf: true)  // aᵀa
    /// ```
    ///
    /// - Complexity: O(batch · m · n · k) in gemm, forward and backward
    ///   (two more gemms, accumulating straight into the gradients).
    public func matmul(_ other: Variable, transposeSelf tA: Bool = false, transposeOther tB: Bool = false) throws -> Variable {
        try tape.check(other)
        let sa = shape, sb = other.shape
        guard (2...3).contains(sa.count), (2...3).contains(sb.count) else {
            throw AutodiffError.shapeMismatch("matmul needs rank 2 or 3 operands, got \(sa) and \(sb)")
        }
        let ba = sa.count == 3 ? sa[0] : 1, bb = sb.count == 3 ? sb[0] : 1
        guard ba == bb || sa.count == 2 || sb.count == 2 else {
            throw AutodiffError.shapeMismatch("matmul batches \(ba) and \(bb) differ")
        }
        let batch = max(ba, bb)
        let ra = sa[sa.count - 2], ca = sa[sa.count - 1], rb = sb[sb.count - 2], cb = sb[sb.count - 1]
        let m = tA ? ca : ra, k = tA ? ra : ca, k2 = tB ? cb : rb, n = tB ? rb : cb
        guard k == k2 else {
            throw AutodiffError.shapeMismatch("matmul inner sizes \(k) and \(k2) (shapes \(sa) and \(sb), transposes \(tA), \(tB))")
        }
        let outShape = sa.count == 3 || sb.count == 3 ? [batch, m, n] : [m, n]
        let strideA = sa.count == 3 ? ra * ca : 0, strideB = sb.count == 3 ? rb * cb : 0
        let c = MatMulKernels.forward(tape.value(index), tape.value(other.index), batch: batch, strideA: strideA, strideB: strideB,
                                      tA: tA, tB: tB, m: m, n: n, k: k, lda: ca, ldb: cb)
        let ia = index, ib = other.index
        return tape.record(outShape, c, inputs: [self, other]) { tape, g in
            let av = tape.value(ia), bv = tape.value(ib)
            tape.accumulate(ia) {
                MatMulKernels.gradientA(g, bv, into: $0, batch: batch, strideA: strideA, strideB: strideB,
                                        tA: tA, tB: tB, m: m, n: n, k: k, lda: ca, ldb: cb)
            }
            tape.accumulate(ib) {
                MatMulKernels.gradientB(g, av, into: $0, batch: batch, strideA: strideA, strideB: strideB,
                                        tA: tA, tB: tB, m: m, n: n, k: k, lda: ca, ldb: cb)
            }
        }
    }
}

/// The gemm calls of `matmul` and its two gradients (row-major; a stride
/// of 0 means the operand is shared by every batch).
enum MatMulKernels {
    static func forward<S: TensorScalar>(_ a: [S], _ b: [S], batch: Int, strideA: Int, strideB: Int,
                                         tA: Bool, tB: Bool, m: Int, n: Int, k: Int, lda: Int, ldb: Int) -> [S] {
        var c = [S](repeating: 0, count: batch * m * n)
        guard m > 0, n > 0 else { return c }
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            guard let pa = a.baseAddress, let pb = b.baseAddress, let pc = c.baseAddress, k > 0 else { return }
            for t in 0..<batch {
                S.gemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: 1, a: pa + t * strideA, lda: lda,
                       b: pb + t * strideB, ldb: ldb, beta: 0, c: pc + t * m * n, ldc: n)
            }
        } } }
        return c
    }

    /// dA += G op(B)ᵀ (as A is stored).
    static func gradientA<S: TensorScalar>(_ g: [S], _ b: [S], into da: UnsafeMutableBufferPointer<S>, batch: Int,
                                           strideA: Int, strideB: Int, tA: Bool, tB: Bool, m: Int, n: Int, k: Int,
                                           lda: Int, ldb: Int) {
        g.withUnsafeBufferPointer { g in b.withUnsafeBufferPointer { b in
            guard let pg = g.baseAddress, let pb = b.baseAddress, let pa = da.baseAddress, m > 0, n > 0, k > 0 else { return }
            for t in 0..<batch {
                let gt = pg + t * m * n, bt = pb + t * strideB, at = pa + t * strideA
                switch (tA, tB) {
                case (false, false):  // dA[m,k] = G[m,n] Bᵀ, B [k,n]
                    S.gemm(transposeA: false, transposeB: true, m: m, n: k, k: n, alpha: 1, a: gt, lda: n, b: bt, ldb: ldb, beta: 1, c: at, ldc: lda)
                case (true, false):   // A [k,m]: dA = B G ᵀ, B [k,n]
                    S.gemm(transposeA: false, transposeB: true, m: k, n: m, k: n, alpha: 1, a: bt, lda: ldb, b: gt, ldb: n, beta: 1, c: at, ldc: lda)
                case (false, true):   // B [n,k]: dA[m,k] = G B
                    S.gemm(transposeA: false, transposeB: false, m: m, n: k, k: n, alpha: 1, a: gt, lda: n, b: bt, ldb: ldb, beta: 1, c: at, ldc: lda)
                case (true, true):    // A [k,m], B [n,k]: dA = Bᵀ Gᵀ
                    S.gemm(transposeA: true, transposeB: true, m: k, n: m, k: n, alpha: 1, a: bt, lda: ldb, b: gt, ldb: n, beta: 1, c: at, ldc: lda)
                }
            }
        } }
    }

    /// dB += op(A)ᵀ G (as B is stored).
    static func gradientB<S: TensorScalar>(_ g: [S], _ a: [S], into db: UnsafeMutableBufferPointer<S>, batch: Int,
                                           strideA: Int, strideB: Int, tA: Bool, tB: Bool, m: Int, n: Int, k: Int,
                                           lda: Int, ldb: Int) {
        g.withUnsafeBufferPointer { g in a.withUnsafeBufferPointer { a in
            guard let pg = g.baseAddress, let pa = a.baseAddress, let pb = db.baseAddress, m > 0, n > 0, k > 0 else { return }
            for t in 0..<batch {
                let gt = pg + t * m * n, at = pa + t * strideA, bt = pb + t * strideB
                switch (tA, tB) {
                case (false, false):  // dB[k,n] = Aᵀ G, A [m,k]
                    S.gemm(transposeA: true, transposeB: false, m: k, n: n, k: m, alpha: 1, a: at, lda: lda, b: gt, ldb: n, beta: 1, c: bt, ldc: ldb)
                case (true, false):   // A [k,m]: dB[k,n] = A G
                    S.gemm(transposeA: false, transposeB: false, m: k, n: n, k: m, alpha: 1, a: at, lda: lda, b: gt, ldb: n, beta: 1, c: bt, ldc: ldb)
                case (false, true):   // B [n,k]: dB = Gᵀ A, A [m,k]
                    S.gemm(transposeA: true, transposeB: false, m: n, n: k, k: m, alpha: 1, a: gt, lda: n, b: at, ldb: lda, beta: 1, c: bt, ldc: ldb)
                case (true, true):    // A [k,m]: dB[n,k] = Gᵀ Aᵀ
                    S.gemm(transposeA: true, transposeB: true, m: n, n: k, k: m, alpha: 1, a: gt, lda: n, b: at, ldb: lda, beta: 1, c: bt, ldc: ldb)
                }
            }
        } }
    }
}
