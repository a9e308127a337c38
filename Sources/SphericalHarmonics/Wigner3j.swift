import Foundation

/// Wigner 3j symbols and Clebsch–Gordan coefficients.
///
/// ```swift
/// let w = Wigner3j.symbol(1, 1, 2, 0, 0, 0)             // sqrt(2/15) = 0.3651...
/// let row = Wigner3j.symbols(l2: 2, l3: 3, m2: 1, m3: -1)  // (l1 2 3; 0 1 -1) for every l1
/// let cg = Wigner3j.clebschGordan(1, 0, 1, 0, 2, 0)     // <1 0 1 0 | 2 0> = sqrt(2/3)
/// ```
///
/// `symbols` runs the three-term recurrence in l1 of Schulten and Gordon
/// (J. Math. Phys. 16, 1961 (1975)), in the form of Luscombe and Luban
/// (Phys. Rev. E 57, 7274 (1998)): forward from the lower end and backward
/// from the upper end, each only while the values grow (the stable
/// direction), matched where they meet, normalised by
/// sum (2 l1 + 1) (3j)^2 = 1 and signed by the stretched case. Accurate to a
/// few ulps for any l that fits in memory. `exact` computes a symbol
/// exactly by Racah's formula (its square as a reduced fraction, rounded
/// once) for l1 + l2 + l3 <= 300: the reference for small l.
public enum Wigner3j {
    /// The largest degree handled (the recurrence keeps one row of
    /// l2 + l3 values).
    public static let maximumDegree = 1 << 20

    /// All (l1 l2 l3; m1 m2 m3) with m1 = -m2 - m3, for l1 in `range`
    /// (max(|l2 - l3|, |m1|) ... l2 + l3); nil when no l1 is allowed or a
    /// degree is beyond `maximumDegree`.
    public static func symbols(l2: Int, l3: Int, m2: Int, m3: Int) -> (range: ClosedRange<Int>, values: [Double])? {
        let m1 = -m2 - m3
        guard l2 >= 0, l3 >= 0, l2 <= maximumDegree, l3 <= maximumDegree, abs(m2) <= l2, abs(m3) <= l3 else { return nil }
        let lo = max(abs(l2 - l3), abs(m1)), hi = l2 + l3
        guard lo <= hi else { return nil }
        let n = hi - lo + 1
        if n == 1 {
            let sign: Double = (l2 - l3 - m1) % 2 == 0 ? 1 : -1
            return (lo...hi, [sign / Double(2 * lo + 1).squareRoot()])
        }
        let j2 = Double(l2), j3 = Double(l3), mm1 = Double(m1), mm2 = Double(m2), mm3 = Double(m3)
        // A(j) and B(j) of the recurrence j A(j+1) f(j+1) + B(j) f(j) + (j+1) A(j) f(j-1) = 0.
        func a(_ j: Double) -> Double {
            ((j * j - (j2 - j3) * (j2 - j3)) * ((j2 + j3 + 1) * (j2 + j3 + 1) - j * j) * (j * j - mm1 * mm1)).squareRoot()
        }
        func b(_ j: Double) -> Double {
            -(2 * j + 1) * (j2 * (j2 + 1) * mm1 - j3 * (j3 + 1) * mm1 - j * (j + 1) * (mm3 - mm2))
        }
        var f = [Double](repeating: 0, count: n)
        let huge = 1e150

        // Backward from hi while |f| grows: each new value must exceed the
        // two before it (the two-step comparison copes with rows whose
        // every other value is zero, as when all m are 0).
        f[n - 1] = 1
        f[n - 2] = -b(Double(hi)) / ((Double(hi) + 1) * a(Double(hi)))
        var k = n - 2   // lowest index set by the backward pass
        while k > 0 {
            let jj = Double(lo + k)
            let c = -(b(jj) * f[k] + jj * a(jj + 1) * f[k + 1]) / ((jj + 1) * a(jj))
            if abs(c) <= max(abs(f[k]), abs(f[k + 1])) { break }
            f[k - 1] = c
            k -= 1
            if abs(c) > huge { for t in k..<n { f[t] /= huge } }
        }
        // Forward from lo to index k + 1, then scale to agree with the
        // backward values on the overlap {k, k + 1} (least squares).
        if k > 0 {
            let top = min(k + 1, n - 1)
            var g = [Double](repeating: 0, count: top + 1)
            g[0] = 1
            let j = Double(lo)
            if lo == 0 {
                // l2 = l3 and m1 = 0: the recurrence is silent at j = 0; use
                // (1 l l; 0 m -m) / (0 l l; 0 m -m) = m / sqrt(l (l + 1)).
                g[1] = j2 > 0 ? mm2 / (j2 * (j2 + 1)).squareRoot() : 0
            } else {
                g[1] = -b(j) * g[0] / (j * a(j + 1))
            }
            if top >= 2 {
                for t in 1..<top {
                    let jj = Double(lo + t)
                    g[t + 1] = -(b(jj) * g[t] + (jj + 1) * a(jj) * g[t - 1]) / (jj * a(jj + 1))
                    if abs(g[t + 1]) > huge { for s in 0...(t + 1) { g[s] /= huge } }
                }
            }
            var num = 0.0, den = 0.0
            for t in k...top { num += g[t] * f[t]; den += g[t] * g[t] }
            let scale = den > 0 ? num / den : 0
            for t in 0..<k { f[t] = g[t] * scale }
        }
        // Normalise: sum (2 j + 1) f(j)^2 = 1; sign: sign f(hi) = (-1)^(l2 - l3 - m1).
        var sum = 0.0
        let big = f.reduce(0) { max($0, abs($1)) }
        for t in 0..<n { let v = f[t] / big; sum += Double(2 * (lo + t) + 1) * v * v }
        var c = 1 / (big * sum.squareRoot())
        let wantPositive = (l2 - l3 - m1) % 2 == 0
        if (f[n - 1] > 0) != wantPositive { c = -c }
        for t in 0..<n { f[t] *= c }
        return (lo...hi, f)
    }

    /// One symbol (l1 l2 l3; m1 m2 m3); zero outside the selection rules,
    /// NaN for a degree beyond `maximumDegree`.
    public static func symbol(_ l1: Int, _ l2: Int, _ l3: Int, _ m1: Int, _ m2: Int, _ m3: Int) -> Double {
        guard max(l1, l2, l3) <= maximumDegree else { return .nan }
        guard m1 + m2 + m3 == 0, abs(m1) <= l1 else { return 0 }
        guard let (range, values) = symbols(l2: l2, l3: l3, m2: m2, m3: m3), range.contains(l1) else { return 0 }
        return values[l1 - range.lowerBound]
    }

    /// The Clebsch–Gordan coefficient <j1 m1 j2 m2 | j m> =
    /// (-1)^(j1 - j2 + m) sqrt(2j + 1) (j1 j2 j; m1 m2 -m).
    public static func clebschGordan(_ j1: Int, _ m1: Int, _ j2: Int, _ m2: Int, _ j: Int, _ m: Int) -> Double {
        let sign: Double = (j1 - j2 + m) % 2 == 0 ? 1 : -1
        return sign * Double(2 * j + 1).squareRoot() * symbol(j1, j2, j, m1, m2, -m)
    }
}
