extension Matrix where Scalar: LAPACKScalar {
    /// The [13/13] Pade coefficients of exp (Higham, "The scaling and squaring
    /// method for the matrix exponential revisited", SIAM J. Matrix Anal.
    /// Appl. 26, 2005), and theta_13, the 1-norm up to which it is accurate
    /// to double precision.
    static var pade13: [Scalar] {
        [64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
         10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1]
    }
    static var theta13: Scalar { 5.371920351148152 }

    /// The matrix exponential: the 2 x 2 closed form, or scaling and squaring
    /// with the [13/13] Pade approximant (Higham 2005), the linear solve by
    /// LAPACKE's `?gesv`.
    ///
    /// Throws `notSquare`, `notFinite` or a LAPACKE error.
    ///
    /// ```swift
    /// let x = try Matrix<Double>(rows: 2, columns: 2, elements: [0, -1, 1, 0])
    /// let r = try x.exponential()                 // rotation by 1 radian
    /// let viaLAPACK = try x.exponential(method: .lapack)
    /// ```
    /// - Complexity: O(n^3 (6 + s)) with s = log2(|A|_1 / 5.37) squarings.
    public func exponential(method: DecompositionMethod = .automatic) throws -> Matrix {
        try checkSquare()
        try checkFinite()
        if try method.usesClosedForm(rows: rows, columns: columns) { return try Matrix2(self).exponential().matrix }
        let n = rows
        if n == 0 { return self }
        let norm = oneNorm
        var squarings = 0
        if norm > Matrix.theta13 {
            squarings = Int(Double.log2(Double(norm / Matrix.theta13)).rounded(.up))
        }
        let a = combined(1 / powerOfTwo(squarings), self, 0)
        let b = Matrix.pade13
        let a2 = try a * a, a4 = try a2 * a2, a6 = try a4 * a2
        let id = Matrix.identity(n)
        // U = A [A6 (b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
        let u1 = a6.combined(b[13], a4, b[11]).combined(1, a2, b[9])
        let a6u1: Matrix = try a6 * u1
        let u2 = a6u1.combined(1, a6, b[7]).combined(1, a4, b[5]).combined(1, a2, b[3]).combined(1, id, b[1])
        let u = try a * u2
        // V = A6 (b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
        let v1 = a6.combined(b[12], a4, b[10]).combined(1, a2, b[8])
        let a6v1: Matrix = try a6 * v1
        let v = a6v1.combined(1, a6, b[6]).combined(1, a4, b[4]).combined(1, a2, b[2]).combined(1, id, b[0])
        var r = try Matrix.solve(v.combined(1, u, -1), v.combined(1, u, 1))
        for _ in 0..<squarings { r = try r * r }
        return r
    }
}

/// 2^k as a scalar, exactly.
func powerOfTwo<T: BinaryFloatingPoint>(_ k: Int) -> T {
    var s: T = 1
    for _ in 0..<k { s *= 2 }
    return s
}

extension Double {
    /// log2 through the C library (for the squaring count).
    static func log2(_ x: Double) -> Double { Double.log(x) / Double.log(2) }
}
