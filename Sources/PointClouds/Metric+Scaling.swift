extension Metric {
    /// The Euclidean length of the vector whose `c`-th coordinate is
    /// `difference(c)`, without overflow or underflow in the squares: the
    /// plain sum of squares when it is safely inside Double's range, else
    /// the sum of squares scaled by the largest coordinate, as `hypot` does.
    /// So points at 1e200 and points 1e-200 apart get their right distance.
    ///
    /// ```swift
    /// Metric.euclideanLength(2) { [3e200, 4e200][$0] }   // 5e200, not inf
    /// Metric.euclideanLength(2) { [3e-200, 4e-200][$0] } // 5e-200, not 0
    /// ```
    /// - Complexity: one pass over the coordinates, two more only when the
    ///   squares over- or underflow.
    @inlinable @inline(__always)
    public static func euclideanLength(_ count: Int, _ difference: (Int) -> Double) -> Double {
        var s = 0.0
        for c in 0..<count { let t = difference(c); s += t * t }
        // 2^-960: below it a square may have been lost to underflow (or be subnormal).
        if s.isFinite && s >= 0x1p-960 { return s.squareRoot() }
        if s == 0 {
            // Every square underflowed to 0 only if every difference is tiny; 0 means equal.
            var any = false
            for c in 0..<count where difference(c) != 0 { any = true; break }
            if !any { return 0 }
        }
        var m = 0.0
        for c in 0..<count { m = Swift.max(m, Swift.abs(difference(c))) }
        guard m > 0, m.isFinite else { return m }
        // Scale by a power of two (exact) so the largest difference is in
        // [1, 2); in two steps, since 2^-exponent alone may not be a Double.
        let e = Int(m.exponent)
        let s1 = Double(sign: .plus, exponent: -e / 2, significand: 1)
        let s2 = Double(sign: .plus, exponent: -e - (-e / 2), significand: 1)
        var r = 0.0
        for c in 0..<count { let t = difference(c) * s1 * s2; r += t * t }
        return r.squareRoot() / s1 / s2
    }
}
