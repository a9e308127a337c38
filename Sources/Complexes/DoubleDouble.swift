/// Unevaluated sums hi + lo of two doubles (about 106 significant bits),
/// with the error-free transformations of Dekker and Knuth (TwoSum, and
/// TwoProduct by fused multiply-add). Used to round exact squared radii
/// without GMP when the rounding is provably unambiguous.
///
/// Reference: Y. Hida, X. Li, D. Bailey, "Algorithms for quad-double
/// precision floating point arithmetic" (2001); the bounds used with it are
/// generous multiples of 2^-106 times the magnitude of the operands.
struct DoubleDouble {
    var hi: Double
    var lo: Double

    @inline(__always) init(_ hi: Double, _ lo: Double = 0) { self.hi = hi; self.lo = lo }

    /// a + b exactly.
    @inline(__always) static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(s, (a - (s - bb)) + (b - bb))
    }

    /// a * b exactly.
    @inline(__always) static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        return DoubleDouble(p, (-p).addingProduct(a, b))
    }

    @inline(__always) static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        s.lo += t.hi
        s = twoSum(s.hi, s.lo)
        s.lo += t.lo
        return twoSum(s.hi, s.lo)
    }

    @inline(__always) static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(-a.hi, -a.lo) }

    @inline(__always) static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    @inline(__always) static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        var p = twoProduct(a.hi, b.hi)
        p.lo += a.hi * b.lo + a.lo * b.hi
        return twoSum(p.hi, p.lo)
    }

    /// a / b (b.hi != 0), to about 2^-104 relative.
    @inline(__always) static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q0 = a.hi / b.hi
        let r = a - DoubleDouble(q0) * b
        let q1 = r.hi / b.hi
        let r2 = r - DoubleDouble(q1) * b
        let q2 = r2.hi / b.hi
        return twoSum(q0, q1) + DoubleDouble(q2)
    }
}
