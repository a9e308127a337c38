extension Matrix where Scalar: LAPACKScalar {
    /// The full singular value decomposition: the 2 x 2 closed form or
    /// LAPACKE's `?gesvd`. Any shape.
    ///
    /// ```swift
    /// let a = try Matrix<Double>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
    /// let svd = try a.singularValueDecomposition()
    /// print(svd.singularValues.count)                // 2
    /// ```
    /// - Complexity: O(m n min(m, n)).
    public func singularValueDecomposition(method: DecompositionMethod = .automatic) throws -> SingularValueDecomposition<Scalar> {
        try checkFinite()
        var u: Matrix, v: Matrix
        var s: [Scalar]
        if try method.usesClosedForm(rows: rows, columns: columns) {
            let d = try Matrix2(self).singularValueDecomposition()
            u = d.u.matrix; v = d.v.matrix; s = [d.s.x, d.s.y]
        } else {
            let (m, n) = (rows, columns), k = Swift.min(rows, columns)
            var a = elements
            s = [Scalar](repeating: 0, count: k)
            u = Matrix(rows: m, columns: m)
            var vt = Matrix(rows: n, columns: n)
            var work = [Scalar](repeating: 0, count: Swift.max(1, k))
            if k > 0 {
                let info = a.withUnsafeMutableBufferPointer { pa in s.withUnsafeMutableBufferPointer { ps in
                    u.elements.withUnsafeMutableBufferPointer { pu in vt.elements.withUnsafeMutableBufferPointer { pv in
                        work.withUnsafeMutableBufferPointer { pw in
                            Scalar.lapackSVD(m: m, n: n, a: pa.baseAddress!, s: ps.baseAddress!, u: pu.baseAddress!,
                                             vt: pv.baseAddress!, work: pw.baseAddress!)
                        }
                    } }
                } }
                try lapackCheck(info, "gesvd")
            } else {
                u = Matrix.identity(m); vt = Matrix.identity(n)
            }
            v = vt.transposed()
        }
        var partner: Matrix? = u
        v.normalizeColumnSigns(partner: &partner, columnsToFix: s.count)
        return SingularValueDecomposition(u: partner ?? u, singularValues: s, v: v)
    }

    /// The polar decompositions A = P U = U H of a square matrix: the 2 x 2
    /// closed form, or U = W V^T, P = W S W^T, H = V S V^T from the SVD
    /// A = W S V^T.
    ///
    /// ```swift
    /// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 0, 1])
    /// let polar = try a.polarDecomposition()
    /// print(polar.orthogonal)     // the rotation nearest to a
    /// ```
    /// - Complexity: O(n^3).
    public func polarDecomposition(method: DecompositionMethod = .automatic) throws -> PolarDecomposition<Scalar> {
        try checkSquare()
        try checkFinite()
        if try method.usesClosedForm(rows: rows, columns: columns) {
            let d = try Matrix2(self).polarDecomposition()
            return PolarDecomposition(left: d.p.matrix, orthogonal: d.u.matrix, right: d.h.matrix)
        }
        let svd = try singularValueDecomposition(method: .lapack)
        let n = rows
        var ws = svd.u, vs = svd.v
        for i in 0..<n { for j in 0..<n { ws[i, j] *= svd.singularValues[j]; vs[i, j] *= svd.singularValues[j] } }
        let orthogonal = try svd.u * svd.v.transposed()
        let p = try ws * svd.u.transposed(), h = try vs * svd.v.transposed()
        return PolarDecomposition(left: p.combined(0.5, p.transposed(), 0.5), orthogonal: orthogonal,
                                  right: h.combined(0.5, h.transposed(), 0.5))
    }
}
