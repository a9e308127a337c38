/// Closed forms for 2 x 2 matrices: no iteration, no allocation, no LAPACK.
///
/// Conventions are LAPACK's, so the `Matrix` methods give the same results
/// through either route: eigenvalues ascending, singular values descending.
extension Matrix2 {
    /// Throws `notFinite` for a NaN or infinite entry.
    func checkFinite() throws {
        for (k, x) in [a, b, c, d].enumerated() where !x.isFinite {
            throw LinearAlgebraError.notFinite(row: k / 2, column: k % 2)
        }
    }

    /// Throws unless finite and symmetric up to rounding (|b - c| <= 64 ulp of the largest entry).
    func checkSymmetric() throws {
        try checkFinite()
        if abs(b - c) > 64 * Scalar.ulpOfOne * maxAbs { throw LinearAlgebraError.notSymmetric(row: 0, column: 1) }
    }

    /// Powers of two (2^-k, 2^k) bringing the largest entry into [1, 2), or nil when it is there already, zero or subnormal.
    var unitScaling: (Scalar, Scalar)? {
        let m = maxAbs
        guard m.isNormal, m.exponent != 0 else { return nil }
        let k = m.exponent
        let down = Scalar(sign: .plus, exponent: -k, significand: 1), up = Scalar(sign: .plus, exponent: k, significand: 1)
        guard down.isNormal, up.isNormal else { return nil }
        return (down, up)
    }

    /// The eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix.
    ///
    /// With p = (a - d) / 2 and r = hypot(p, b) the eigenvalues are
    /// (a + d) / 2 -+ r (the smaller in magnitude recomputed as det / the
    /// larger), the eigenvector of the larger at angle atan2(2 b, a - d) / 2.
    ///
    /// ```swift
    /// let e = try Matrix2<Double>.symmetric(2, 1, 2).symmetricEigendecomposition()
    /// print(e.values)        // SIMD2<Double>(1.0, 3.0)
    /// ```
    public func symmetricEigendecomposition() throws -> (values: SIMD2<Scalar>, vectors: Matrix2) {
        try checkSymmetric()
        // Homogeneous: work at unit scale (a power of two, exact) so det neither underflows nor overflows.
        if let (down, up) = unitScaling {
            let e = try (down * self).symmetricEigendecomposition()
            return (up * e.values, e.vectors)
        }
        let o = (b + c) / 2
        let m = (a + d) / 2, p = (a - d) / 2
        let r = Scalar.hypot(p, o)
        var low = m - r, high = m + r
        let det = a * d - o * o
        if m > 0, high != 0 { low = det / high } else if m < 0, low != 0 { high = det / low }
        let theta = Scalar.atan2(2 * o, a - d) / 2
        let (co, si) = (Scalar.cos(theta), Scalar.sin(theta))
        // Columns: the eigenvector of `low` is (-sin, cos), of `high` (cos, sin).
        return (SIMD2(low, high), Matrix2(a: -si, b: co, c: co, d: si))
    }

    /// The singular value decomposition self = U diag(s) V^T, s descending and non-negative.
    ///
    /// Writes the matrix as E I + H J + F Z + G X (J the quarter turn, Z
    /// and X the two reflections), so it is rot(phi) diag(Q + R, Q - R)
    /// rot(psi) with Q = hypot(E, H), R = hypot(F, G); the smaller value is
    /// recomputed as |det| / (Q + R).
    ///
    /// ```swift
    /// let (u, s, v) = try Matrix2<Double>(a: 3, b: 0, c: 4, d: 5).singularValueDecomposition()
    /// print(s)               // SIMD2<Double>(6.708..., 2.236...)
    /// ```
    public func singularValueDecomposition() throws -> (u: Matrix2, s: SIMD2<Scalar>, v: Matrix2) {
        try checkFinite()
        if let (down, up) = unitScaling {
            let d = try (down * self).singularValueDecomposition()
            return (d.u, up * d.s, d.v)
        }
        let e = (a + d) / 2, f = (a - d) / 2, g = (c + b) / 2, h = (c - b) / 2
        let q = Scalar.hypot(e, h), r = Scalar.hypot(f, g)
        let s1 = q + r
        var s2 = q - r
        if s1 > 0 { s2 = determinant / s1 }
        let a1 = Scalar.atan2(g, f), a2 = Scalar.atan2(h, e)
        let phi = (a2 + a1) / 2, psi = (a2 - a1) / 2
        var u = Matrix2.rotation(phi)
        if s2 < 0 { u.b = -u.b; u.d = -u.d; s2 = -s2 }
        return (u, SIMD2(s1, s2), Matrix2.rotation(-psi))
    }

    /// The polar factors: self = P U = U H with U orthogonal (a rotation when
    /// det >= 0, else a reflection) and P = (M M^T)^(1/2), H = (M^T M)^(1/2)
    /// symmetric positive semi-definite.
    ///
    /// U is rot(atan2(c - b, a + d)) when det >= 0, the reflection
    /// rot(atan2(c + b, a - d)) diag(1, -1) otherwise.
    ///
    /// ```swift
    /// let (p, u, h) = try Matrix2<Double>(a: 1, b: 2, c: 0, d: 1).polarDecomposition()
    /// // p * u and u * h both give the matrix back
    /// ```
    public func polarDecomposition() throws -> (p: Matrix2, u: Matrix2, h: Matrix2) {
        try checkFinite()
        var u: Matrix2
        if determinant >= 0 {
            u = Matrix2.rotation(Scalar.atan2(c - b, a + d))
        } else {
            u = Matrix2.rotation(Scalar.atan2(c + b, a - d))
            u.b = -u.b; u.d = -u.d
        }
        return ((self * u.transposed).symmetricPart, u, (u.transposed * self).symmetricPart)
    }

    /// The matrix exponential.
    ///
    /// With m = trace / 2 and B = M - m I, B^2 = delta I where
    /// delta = ((a - d) / 2)^2 + b c, so exp(M) = e^m (C I + S B) with
    /// C = cosh(sqrt delta), S = sinh(sqrt delta) / sqrt delta (cos and sin
    /// of sqrt(-delta) when delta < 0; Taylor series near 0).
    ///
    /// ```swift
    /// let r = try Matrix2<Double>(a: 0, b: -1, c: 1, d: 0).exponential()   // rotation by 1 radian
    /// ```
    public func exponential() throws -> Matrix2 {
        try checkFinite()
        let m = (a + d) / 2, p = (a - d) / 2
        let delta = p * p + b * c
        var co: Scalar, si: Scalar
        if abs(delta) < Scalar(1) / 100 {
            // cosh(sqrt x) = sum x^k / (2k)!, sinh(sqrt x) / sqrt x = sum x^k / (2k + 1)!
            co = 0; si = 0
            var term: Scalar = 1
            for k in 0..<8 {
                co += term / Scalar(1)
                term /= Scalar(2 * k + 1)
                si += term
                term *= delta / Scalar(2 * k + 2)
            }
        } else if delta > 0 {
            let s = delta.squareRoot()
            co = Scalar.cosh(s); si = Scalar.sinh(s) / s
        } else {
            let w = (-delta).squareRoot()
            co = Scalar.cos(w); si = Scalar.sin(w) / w
        }
        let em = Scalar.exp(m)
        return Matrix2(a: em * (co + si * p), b: em * si * b, c: em * si * c, d: em * (co - si * p))
    }

    /// The principal logarithm (the real one whose eigenvalues have imaginary
    /// parts in (-pi, pi)); throws `nonPositiveRealEigenvalue` when a real
    /// eigenvalue is <= 0 (no real principal logarithm exists).
    ///
    /// With m, B and delta as in `exponential()`, log(M) = alpha I + beta B
    /// with alpha = log of sqrt(det) (both eigenvalues' logs averaged) and
    /// beta = atanh(sqrt(delta) / m) / sqrt(delta) (delta > 0),
    /// atan2(sqrt(-delta), m) / sqrt(-delta) (delta < 0), 1 / m (delta = 0).
    ///
    /// ```swift
    /// let x = try Matrix2<Double>.symmetric(2, 1, 2).logarithm()
    /// let back = try x.exponential()          // [[2, 1], [1, 2]] to rounding
    /// ```
    public func logarithm() throws -> Matrix2 {
        try checkFinite()
        let m = (a + d) / 2, p = (a - d) / 2
        let delta = p * p + b * c
        let det = determinant
        var alpha: Scalar, beta: Scalar
        if delta >= 0 {
            let s = delta.squareRoot()
            let high = m + s
            guard high > 0 else { throw LinearAlgebraError.nonPositiveRealEigenvalue(Double(m - s)) }
            let low = det / high
            guard low > 0, m - s > -Scalar.ulpOfOne * high else {
                throw LinearAlgebraError.nonPositiveRealEigenvalue(Double(Swift.min(low, m - s)))
            }
            alpha = (Scalar.log(high) + Scalar.log(low)) / 2
        } else {
            alpha = Scalar.log(Scalar.hypot(m, (-delta).squareRoot()))
        }
        if m > 0, abs(delta) < m * m / 100 {
            // beta = (1 / m) sum z^k / (2k + 1), z = delta / m^2 (atanh and atan series in one)
            let z = delta / (m * m)
            var sum: Scalar = 0, power: Scalar = 1
            for k in 0..<10 { sum += power / Scalar(2 * k + 1); power *= z }
            beta = sum / m
        } else if delta > 0 {
            let s = delta.squareRoot()
            beta = Scalar.atanh(s / m) / s
        } else {
            let w = (-delta).squareRoot()
            beta = Scalar.atan2(w, m) / w
        }
        return Matrix2(a: alpha + beta * p, b: beta * b, c: beta * c, d: alpha - beta * p)
    }

    /// The square root of a symmetric positive semi-definite matrix:
    /// (M + sqrt(det) I) / sqrt(trace + 2 sqrt(det)).
    ///
    /// ```swift
    /// let r = try Matrix2<Double>.symmetric(5, 4, 5).symmetricSquareRoot()   // [[2, 1], [1, 2]]
    /// ```
    public func symmetricSquareRoot() throws -> Matrix2 {
        try checkSymmetric()
        let s = symmetricPart
        let det = s.determinant
        guard det >= 0, s.trace >= 0 else {
            let e = try s.symmetricEigendecomposition().values
            throw LinearAlgebraError.nonPositiveRealEigenvalue(Double(e.x))
        }
        let root = det.squareRoot()
        let t = (s.trace + 2 * root).squareRoot()
        guard t > 0 else { return Matrix2(a: 0, b: 0, c: 0, d: 0) }
        return (1 / t) * (s + Matrix2.diagonal(root, root))
    }
}
