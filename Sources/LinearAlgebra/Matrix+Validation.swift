extension Matrix {
    /// Throws `notSquare` unless rows == columns.
    func checkSquare() throws {
        guard rows == columns else { throw LinearAlgebraError.notSquare(rows: rows, columns: columns) }
    }

    /// Throws `notFinite` at the first NaN or infinite entry.
    func checkFinite() throws {
        if let k = elements.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError.notFinite(row: k / Swift.max(1, columns), column: k % Swift.max(1, columns))
        }
    }

    /// The largest absolute entry (0 for an empty matrix).
    var maxAbsEntry: Scalar { elements.reduce(0) { Swift.max($0, abs($1)) } }

    /// Throws unless square, finite, and (i, j), (j, i) agree to 64 ulp of the largest entry.
    func checkSymmetric() throws {
        try checkSquare()
        try checkFinite()
        let tolerance = 64 * Scalar.ulpOfOne * maxAbsEntry
        for i in 0..<rows { for j in (i + 1)..<Swift.max(i + 1, columns) where abs(self[i, j] - self[j, i]) > tolerance {
            throw LinearAlgebraError.notSymmetric(row: i, column: j)
        } }
    }

    /// The 1-norm (largest column sum of absolute values).
    var oneNorm: Scalar {
        var best: Scalar = 0
        for j in 0..<columns {
            var s: Scalar = 0
            for i in 0..<rows { s += abs(self[i, j]) }
            best = Swift.max(best, s)
        }
        return best
    }

    /// alpha * self + beta * other (same shape).
    func combined(_ alpha: Scalar, _ other: Matrix, _ beta: Scalar) -> Matrix {
        var r = self
        for k in r.elements.indices { r.elements[k] = alpha * elements[k] + beta * other.elements[k] }
        return r
    }

    /// self + s I.
    func addingIdentity(_ s: Scalar) -> Matrix {
        var r = self
        for i in 0..<Swift.min(rows, columns) { r[i, i] += s }
        return r
    }

    /// Flips each column (of `self`, and of `partner` beside it) whose largest-magnitude entry is negative.
    mutating func normalizeColumnSigns(partner: inout Matrix?, columnsToFix: Int) {
        for j in 0..<Swift.min(columns, columnsToFix) {
            var best = 0
            for i in 0..<rows where abs(self[i, j]) > abs(self[best, j]) { best = i }
            guard rows > 0, self[best, j] < 0 else { continue }
            for i in 0..<rows { self[i, j] = -self[i, j] }
            if var p = partner, j < p.columns {
                for i in 0..<p.rows { p[i, j] = -p[i, j] }
                partner = p
            }
        }
    }
}

extension Matrix where Scalar: LAPACKScalar {
    /// X with A X = B (A square), by LAPACKE's LU with partial pivoting.
    static func solve(_ a: Matrix, _ b: Matrix) throws -> Matrix {
        guard a.rows == a.columns, b.rows == a.rows else {
            throw LinearAlgebraError.shapeMismatch("solve with \(a.rows) x \(a.columns) and \(b.rows) x \(b.columns)")
        }
        var lu = a.elements, x = b.elements
        if a.rows == 0 || b.columns == 0 { return b }
        let info = lu.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                Scalar.lapackSolve(n: a.rows, nrhs: b.columns, a: pa.baseAddress!, b: pb.baseAddress!)
            }
        }
        try lapackCheck(info, "gesv")
        return try Matrix(rows: b.rows, columns: b.columns, elements: x)
    }
}
