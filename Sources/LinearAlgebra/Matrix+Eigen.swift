extension Matrix where Scalar: LAPACKScalar {
    /// The eigendecomposition of a symmetric matrix: the 2 x 2 closed form or
    /// LAPACKE's `?syevd` (divide and conquer).
    ///
    /// Throws `notSquare`, `notFinite`, `notSymmetric` (entries (i, j) and
    /// (j, i) differing by more than 64 ulp of the largest entry), or a
    /// LAPACKE error.
    ///
    /// ```swift
    /// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 1, 2])
    /// let e = try a.symmetricEigendecomposition()          // closed form
    /// let f = try a.symmetricEigendecomposition(method: .lapack)
    /// print(e.eigenvalues, f.eigenvalues)                  // [1.0, 3.0] twice
    /// ```
    /// - Complexity: O(n^3).
    public func symmetricEigendecomposition(method: DecompositionMethod = .automatic) throws -> SymmetricEigendecomposition<Scalar> {
        try checkSymmetric()
        var vectors: Matrix
        var values: [Scalar]
        if try method.usesClosedForm(rows: rows, columns: columns) {
            let e = try Matrix2(self).symmetricEigendecomposition()
            values = [e.values.x, e.values.y]
            vectors = e.vectors.matrix
        } else {
            let n = rows
            vectors = self
            values = [Scalar](repeating: 0, count: n)
            if n > 0 {
                let info = vectors.elements.withUnsafeMutableBufferPointer { pa in
                    values.withUnsafeMutableBufferPointer { pw in
                        Scalar.lapackSymmetricEigen(n: n, a: pa.baseAddress!, w: pw.baseAddress!)
                    }
                }
                try lapackCheck(info, "syevd")
            }
        }
        var none: Matrix? = nil
        vectors.normalizeColumnSigns(partner: &none, columnsToFix: vectors.columns)
        return SymmetricEigendecomposition(eigenvalues: values, eigenvectors: vectors)
    }
}
