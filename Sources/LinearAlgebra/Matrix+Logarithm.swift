extension Matrix where Scalar: LAPACKScalar {
    /// The principal matrix logarithm: the 2 x 2 closed form, or inverse
    /// scaling and squaring (Kenney and Laub; Higham, "Evaluating Pade
    /// approximants of the matrix logarithm", SIAM J. Matrix Anal. Appl. 22,
    /// 2001): square roots (Denman–Beavers, product form) until
    /// |X - I|_1 <= 0.25, then the [8/8] Pade approximant of log(I + Y) as
    /// its 8-point Gauss–Legendre partial-fraction sum, times 2^k.
    ///
    /// Throws `nonPositiveRealEigenvalue` when a real eigenvalue (LAPACKE's
    /// `?geev`) is <= 0: then no real principal logarithm exists. Also
    /// `notSquare`, `notFinite`, `noConvergence` or a LAPACKE error.
    ///
    /// ```swift
    /// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 0, 3])
    /// let x = try a.logarithm()
    /// let back = try x.exponential()          // a, to rounding
    /// ```
    /// - Complexity: O(n^3) per square-root iteration (about 6 per root, a
    ///   few roots for well-scaled matrices).
    public func logarithm(method: DecompositionMethod = .automatic) throws -> Matrix {
        try checkSquare()
        try checkFinite()
        if try method.usesClosedForm(rows: rows, columns: columns) { return try Matrix2(self).logarithm().matrix }
        let n = rows
        if n == 0 { return self }
        try checkNoNonPositiveRealEigenvalue()
        var x = self
        var roots = 0
        while x.addingIdentity(-1).oneNorm > 0.25 {
            guard roots < 64 else { throw LinearAlgebraError.noConvergence("matrix logarithm: 64 square roots") }
            x = try x.principalSquareRoot()
            roots += 1
        }
        let y = x.addingIdentity(-1)
        var sum = Matrix(rows: n, columns: n)
        for (node, weight) in GaussLegendre.unitInterval8 {
            // weight * (I + node Y)^-1 Y
            let z = try Matrix.solve(y.combined(Scalar(node), y, 0).addingIdentity(1), y)
            sum = sum.combined(1, z, Scalar(weight))
        }
        return sum.combined(powerOfTwo(roots), sum, 0)
    }

    /// Throws `nonPositiveRealEigenvalue` if an eigenvalue is real and <= 0.
    func checkNoNonPositiveRealEigenvalue() throws {
        let n = rows
        var a = elements
        var wr = [Scalar](repeating: 0, count: n), wi = wr
        let info = a.withUnsafeMutableBufferPointer { pa in wr.withUnsafeMutableBufferPointer { pr in
            wi.withUnsafeMutableBufferPointer { pi in
                Scalar.lapackEigenvalues(n: n, a: pa.baseAddress!, wr: pr.baseAddress!, wi: pi.baseAddress!)
            }
        } }
        try lapackCheck(info, "geev")
        for k in 0..<n where wi[k] == 0 && wr[k] <= 0 {
            throw LinearAlgebraError.nonPositiveRealEigenvalue(Double(wr[k]))
        }
    }

    /// The principal square root by the product form of the Denman–Beavers
    /// iteration: M <- (I + (M + M^-1) / 2) / 2, Y <- Y (I + M^-1) / 2,
    /// from M = Y = A, until |M - I|_1 is at rounding level.
    func principalSquareRoot() throws -> Matrix {
        let n = rows
        let id = Matrix.identity(n)
        var m = self, y = self
        let tolerance = Scalar(4 * n) * Scalar.ulpOfOne
        for _ in 0..<100 {
            let mInverse = try Matrix.solve(m, id)
            y = try y * mInverse.addingIdentity(1).combined(0.5, id, 0)
            m = m.combined(0.25, mInverse, 0.25).addingIdentity(0.5)
            if m.addingIdentity(-1).oneNorm <= tolerance { return y }
        }
        // Rounding can stall M just above the tolerance: accept a root that squares back.
        let check = try y * y
        if check.combined(1, self, -1).oneNorm <= 1e3 * tolerance * Swift.max(1, oneNorm) { return y }
        throw LinearAlgebraError.noConvergence("Denman–Beavers square root: 100 iterations")
    }
}

/// Gauss–Legendre nodes and weights on [0, 1], computed once by Newton's method on P_8.
enum GaussLegendre {
    static let unitInterval8: [(Double, Double)] = nodes(8)

    static func nodes(_ count: Int) -> [(Double, Double)] {
        var result: [(Double, Double)] = []
        for i in 1...count {
            var x = Double.cos(Double.pi * (Double(i) - 0.25) / (Double(count) + 0.5))
            var derivative = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = x
                for k in 2...count { (p0, p1) = (p1, (Double(2 * k - 1) * x * p1 - Double(k - 1) * p0) / Double(k)) }
                derivative = Double(count) * (x * p1 - p0) / (x * x - 1)
                let step = p1 / derivative
                x -= step
                if abs(step) < 1e-16 { break }
            }
            let weight = 2 / ((1 - x * x) * derivative * derivative)
            result.append(((x + 1) / 2, weight / 2))
        }
        return result
    }
}
