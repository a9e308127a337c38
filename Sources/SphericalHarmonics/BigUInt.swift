/// An unsigned integer of any size, with only what the exact 3j symbols
/// need: small-factor multiply and divide, add, subtract, compare, and a
/// scaled conversion to Double. Little-endian 32-bit limbs.
struct BigUInt: Comparable, CustomStringConvertible {
    var limbs: [UInt32]

    init(_ v: UInt64) {
        limbs = v == 0 ? [] : (v >> 32 == 0 ? [UInt32(v)] : [UInt32(truncatingIfNeeded: v), UInt32(v >> 32)])
    }

    var isZero: Bool { limbs.isEmpty }

    mutating func multiply(by f: UInt32) {
        var carry: UInt64 = 0
        for i in limbs.indices {
            let p = UInt64(limbs[i]) * UInt64(f) + carry
            limbs[i] = UInt32(truncatingIfNeeded: p); carry = p >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
        if f == 0 { limbs = [] }
    }

    mutating func multiply(by other: BigUInt) {
        var out = [UInt32](repeating: 0, count: limbs.count + other.limbs.count)
        for (i, a) in limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, b) in other.limbs.enumerated() {
                let t = UInt64(a) * UInt64(b) + UInt64(out[i + j]) + carry
                out[i + j] = UInt32(truncatingIfNeeded: t); carry = t >> 32
            }
            var k = i + other.limbs.count
            while carry > 0 { let t = UInt64(out[k]) + carry; out[k] = UInt32(truncatingIfNeeded: t); carry = t >> 32; k += 1 }
        }
        while out.last == 0 { out.removeLast() }
        limbs = out
    }

    mutating func add(_ other: BigUInt) {
        var carry: UInt64 = 0
        for i in 0..<max(limbs.count, other.limbs.count) {
            let t = UInt64(i < limbs.count ? limbs[i] : 0) + UInt64(i < other.limbs.count ? other.limbs[i] : 0) + carry
            if i < limbs.count { limbs[i] = UInt32(truncatingIfNeeded: t) } else { limbs.append(UInt32(truncatingIfNeeded: t)) }
            carry = t >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    /// self -= other, for other <= self.
    mutating func subtract(_ other: BigUInt) {
        var borrow: Int64 = 0
        for i in limbs.indices {
            var t = Int64(limbs[i]) - Int64(i < other.limbs.count ? other.limbs[i] : 0) - borrow
            borrow = t < 0 ? 1 : 0
            if t < 0 { t += 1 << 32 }
            limbs[i] = UInt32(t)
        }
        while limbs.last == 0 { limbs.removeLast() }
    }

    func remainder(dividingBy d: UInt32) -> UInt32 {
        var r: UInt64 = 0
        for limb in limbs.reversed() { r = ((r << 32) | UInt64(limb)) % UInt64(d) }
        return UInt32(r)
    }

    mutating func divide(by d: UInt32) {
        var r: UInt64 = 0
        for i in limbs.indices.reversed() {
            let t = (r << 32) | UInt64(limbs[i])
            limbs[i] = UInt32(t / UInt64(d)); r = t % UInt64(d)
        }
        while limbs.last == 0 { limbs.removeLast() }
    }

    /// (m, e) with self ~ m * 2^e and m in [1, 2) (0 gives (0, 0)): the top
    /// three limbs (at least 65 significant bits) summed in Double, so the
    /// result is within an ulp.
    func scaled() -> (Double, Int) {
        guard let top = limbs.last else { return (0, 0) }
        let n = limbs.count
        let second = n >= 2 ? Double(limbs[n - 2]) : 0, third = n >= 3 ? Double(limbs[n - 3]) : 0
        let v = (Double(top) * 4_294_967_296 + second) * 4_294_967_296 + third   // value / 2^(32 (n - 3))
        return (v.significand, v.exponent + 32 * (n - 3))
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in a.limbs.indices.reversed() where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }

    var description: String {
        if limbs.isEmpty { return "0" }
        var digits: [String] = []
        var x = self
        while !x.isZero {
            let r = x.remainder(dividingBy: 1_000_000_000)
            x.divide(by: 1_000_000_000)
            digits.append(String(r))
        }
        var s = digits.last ?? "0"
        for d in digits.dropLast().reversed() { s += String(repeating: "0", count: 9 - d.count) + d }
        return s
    }
}
