import CGMP

/// A bank of GMP integers (`mpz_t`) addressed by index: the only Swift code
/// that touches the GMP C API. Exact predicates and squared radii run as
/// short register programs on it, with no allocation per operation once the
/// registers have grown.
///
/// Doubles enter as integers scaled by a power of two chosen by the caller
/// (every finite double is an integer times 2^e), so all arithmetic is exact
/// integer arithmetic; one final division is rounded to the nearest double.
///
/// ```swift
/// let r = IntegerRegisters(count: 3)
/// r.set(0, 0.75, exponent: -2)   // 0.75 * 2^2 = 3
/// r.set(1, 0.5, exponent: -2)    // 2
/// r.mul(2, 0, 1)                 // 6
/// r.sign(2)                      // 1
/// ```
final class IntegerRegisters {
    let count: Int
    let base: UnsafeMutablePointer<__mpz_struct>

    init(count: Int) {
        self.count = count
        base = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: Swift.max(1, count))
        for i in 0..<count { __gmpz_init(base + i) }
    }

    deinit {
        for i in 0..<count { __gmpz_clear(base + i) }
        base.deallocate()
    }

    /// Register `i` := x * 2^(-exponent); x * 2^(-exponent) must be an integer.
    func set(_ i: Int, _ x: Double, exponent: Int) {
        let r = base + i
        if x == 0 { __gmpz_set_ui(r, 0); return }
        let m = x.significandBitPattern | (x.isNormal ? (1 << 52) : 0)
        let e = (x.isNormal ? Int(x.exponent) : -1022) - 52 - exponent
        __gmpz_set_ui(r, UInt(m))
        if e > 0 { __gmpz_mul_2exp(r, r, mp_bitcnt_t(e)) }
        else if e < 0 { __gmpz_tdiv_q_2exp(r, r, mp_bitcnt_t(-e)) }
        if x < 0 { __gmpz_neg(r, r) }
    }

    /// The exponent of the last significand bit of x (x = m * 2^e, m an integer).
    static func ulpExponent(_ x: Double) -> Int {
        if x == 0 { return Int.max }
        let m = x.significandBitPattern | (x.isNormal ? (1 << 52) : 0)
        return (x.isNormal ? Int(x.exponent) : -1022) - 52 + m.trailingZeroBitCount
    }

    func setZero(_ i: Int) { __gmpz_set_ui(base + i, 0) }
    func copy(_ i: Int, _ a: Int) { __gmpz_set(base + i, base + a) }
    func add(_ i: Int, _ a: Int, _ b: Int) { __gmpz_add(base + i, base + a, base + b) }
    func sub(_ i: Int, _ a: Int, _ b: Int) { __gmpz_sub(base + i, base + a, base + b) }
    func mul(_ i: Int, _ a: Int, _ b: Int) { __gmpz_mul(base + i, base + a, base + b) }
    /// i += a * b
    func addMul(_ i: Int, _ a: Int, _ b: Int) { __gmpz_addmul(base + i, base + a, base + b) }
    /// i -= a * b
    func subMul(_ i: Int, _ a: Int, _ b: Int) { __gmpz_submul(base + i, base + a, base + b) }
    func negate(_ i: Int) { __gmpz_neg(base + i, base + i) }
    func sign(_ i: Int) -> Int { let s = base[i]._mp_size; return s < 0 ? -1 : (s > 0 ? 1 : 0) }

    /// i := other[a] - other[b]
    func sub(_ i: Int, _ other: IntegerRegisters, _ a: Int, _ b: Int) {
        __gmpz_sub(base + i, other.base + a, other.base + b)
    }

    /// Copies register `a` of another bank into register `i` of this one.
    func copy(_ i: Int, from other: IntegerRegisters, _ a: Int) { __gmpz_set(base + i, other.base + a) }

    /// num / den * 2^scale rounded to the nearest double (ties to even),
    /// for den != 0. Uses registers `t0...t0 + 3` as scratch.
    func quotient(_ num: Int, _ den: Int, scale: Int, scratch t0: Int) -> Double {
        let t1 = t0 + 1, tq = t0 + 2, tr = t0 + 3
        let sn = sign(num), sd = sign(den)
        if sn == 0 || sd == 0 { return 0 }
        let bitsN = Int(__gmpz_sizeinbase(base + num, 2)), bitsD = Int(__gmpz_sizeinbase(base + den, 2))
        // Q = floor(|num| 2^s / |den|) gets 62 or 63 bits.
        let s = 62 - (bitsN - bitsD)
        __gmpz_abs(base + t0, base + num)
        __gmpz_abs(base + t1, base + den)
        if s > 0 { __gmpz_mul_2exp(base + t0, base + t0, mp_bitcnt_t(s)) }
        else if s < 0 { __gmpz_mul_2exp(base + t1, base + t1, mp_bitcnt_t(-s)) }
        __gmpz_tdiv_qr(base + tq, base + tr, base + t0, base + t1)
        var q = UInt64(__gmpz_get_ui(base + tq))
        if sign(tr) != 0 { q |= 1 }  // sticky bit below the rounding position
        let magnitude = Double(q)   // correctly rounded: q has more than 53 bits
        let value = Double(sign: .plus, exponent: scale - s, significand: magnitude)
        return sn * sd < 0 ? -value : value
    }
}
