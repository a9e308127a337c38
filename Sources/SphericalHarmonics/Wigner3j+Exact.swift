/// Wigner 3j symbols in exact arithmetic: the square of a symbol is a
/// rational number, computed here without rounding (Racah's formula with
/// factorials as prime-exponent vectors and the alternating sum in big
/// integers), then rounded once to a Double.
///
/// ```swift
/// let w = Wigner3j.exact(2, 2, 2, 0, 0, 0)!
/// print(w.squareNumerator, "/", w.squareDenominator, w.isNegative)   // 2 / 35 true
/// print(w.value)                                                     // -0.2390457218668787
/// ```
///
/// - Complexity: O(J^2) big-integer work for J = l1 + l2 + l3; meant for
///   small degrees (J <= 300), as the reference for ``Wigner3j/symbol(_:_:_:_:_:_:)``.
extension Wigner3j {
    /// An exactly computed symbol: sign and square as a reduced fraction.
    public struct Exact: Sendable, Equatable {
        /// Whether the symbol is negative.
        public let isNegative: Bool
        /// Numerator and denominator of the symbol's square, in lowest terms, in decimal.
        public let squareNumerator: String
        public let squareDenominator: String
        /// The symbol rounded to a Double (from the exact square; within 1 ulp).
        public let value: Double
    }

    /// The largest l1 + l2 + l3 `exact` accepts.
    public static let exactMaximumSum = 300

    /// The symbol (l1 l2 l3; m1 m2 m3) computed exactly; nil when l1 + l2 + l3
    /// exceeds `exactMaximumSum`. Symbols that vanish by the selection rules
    /// give 0 / 1.
    public static func exact(_ l1: Int, _ l2: Int, _ l3: Int, _ m1: Int, _ m2: Int, _ m3: Int) -> Exact? {
        exact(l1, l2, l3, m1, m2, m3, factor: 1, flip: false)
    }

    /// The Clebsch–Gordan coefficient <j1 m1 j2 m2 | j m> computed exactly
    /// (its square is (2j + 1) times a 3j symbol's); nil when j1 + j2 + j
    /// exceeds `exactMaximumSum`.
    ///
    /// ```swift
    /// let c = Wigner3j.exactClebschGordan(1, 1, 1, -1, 0, 0)!   // square 1/3, positive
    /// ```
    public static func exactClebschGordan(_ j1: Int, _ m1: Int, _ j2: Int, _ m2: Int, _ j: Int, _ m: Int) -> Exact? {
        exact(j1, j2, j, m1, m2, -m, factor: 2 * j + 1, flip: (j1 - j2 + m) % 2 != 0)
    }

    /// `factor` multiplies the square (a positive integer <= l1 + l2 + l3 + 1);
    /// `flip` negates the result.
    static func exact(_ l1: Int, _ l2: Int, _ l3: Int, _ m1: Int, _ m2: Int, _ m3: Int, factor: Int, flip: Bool) -> Exact? {
        guard l1 >= 0, l2 >= 0, l3 >= 0, l1 + l2 + l3 <= exactMaximumSum else { return nil }
        let zero = Exact(isNegative: false, squareNumerator: "0", squareDenominator: "1", value: 0)
        guard m1 + m2 + m3 == 0, abs(m1) <= l1, abs(m2) <= l2, abs(m3) <= l3,
              l3 >= abs(l1 - l2), l3 <= l1 + l2 else { return zero }
        let primes = smallPrimes(upTo: l1 + l2 + l3 + 1)
        func factorial(_ n: Int) -> [Int] {
            primes.map { p in var e = 0, q = n; while q > 0 { q /= p; e += q }; return e }
        }
        func add(_ a: inout [Int], _ b: [Int], _ s: Int) { for i in a.indices { a[i] += s * b[i] } }
        // Prefactor: Delta(l1 l2 l3) and the (l +- m)! products, as exponents.
        var pre = [Int](repeating: 0, count: primes.count)
        for n in [l1 + l2 - l3, l1 - l2 + l3, -l1 + l2 + l3, l1 + m1, l1 - m1, l2 + m2, l2 - m2, l3 + m3, l3 - m3] { add(&pre, factorial(n), 1) }
        add(&pre, factorial(l1 + l2 + l3 + 1), -1)
        var f = factor
        for (i, p) in primes.enumerated() { while f > 1 && f % p == 0 { pre[i] += 1; f /= p } }
        // The alternating sum over k of 1 / D_k, on the common denominator q = lcm.
        let kmin = max(0, l2 - l3 - m1, l1 - l3 + m2), kmax = min(l1 + l2 - l3, l1 - m1, l2 + m2)
        guard kmin <= kmax else { return zero }
        var denominators: [[Int]] = []
        for k in kmin...kmax {
            var d = [Int](repeating: 0, count: primes.count)
            for n in [k, l3 - l2 + k + m1, l3 - l1 + k - m2, l1 + l2 - l3 - k, l1 - k - m1, l2 - k + m2] { add(&d, factorial(n), 1) }
            denominators.append(d)
        }
        var q = [Int](repeating: 0, count: primes.count)
        for d in denominators { for i in q.indices { q[i] = max(q[i], d[i]) } }
        var positive = BigUInt(0), negative = BigUInt(0)
        for (j, d) in denominators.enumerated() {
            var term = BigUInt(1)
            for i in primes.indices { for _ in 0..<(q[i] - d[i]) { term.multiply(by: UInt32(primes[i])) } }
            if (kmin + j) % 2 == 0 { positive.add(term) } else { negative.add(term) }
        }
        let sumNegative = positive < negative
        var sum = sumNegative ? negative : positive
        sum.subtract(sumNegative ? positive : negative)
        if sum.isZero { return zero }
        // square = pre * sum^2 / q^2: move the prime powers to their side, then cancel
        // the primes that divide sum^2 against the denominator.
        var e = pre
        for i in e.indices { e[i] -= 2 * q[i] }
        var numerator = sum
        numerator.multiply(by: sum)
        for i in primes.indices where e[i] < 0 {
            while e[i] < 0, numerator.remainder(dividingBy: UInt32(primes[i])) == 0 {
                numerator.divide(by: UInt32(primes[i])); e[i] += 1
            }
        }
        var denominator = BigUInt(1)
        for i in primes.indices {
            if e[i] > 0 { for _ in 0..<e[i] { numerator.multiply(by: UInt32(primes[i])) } }
            if e[i] < 0 { for _ in 0..<(-e[i]) { denominator.multiply(by: UInt32(primes[i])) } }
        }
        let phaseNegative = (l1 - l2 - m3) % 2 != 0
        let negativeResult = (phaseNegative != sumNegative) != flip
        let (nm, ne) = numerator.scaled(), (dm, de) = denominator.scaled()
        var ratioExponent = ne - de, ratio = nm / dm
        if ratioExponent % 2 != 0 { ratio *= 2; ratioExponent -= 1 }
        let magnitude = ratio.squareRoot() * pow2(ratioExponent / 2)
        return Exact(isNegative: negativeResult, squareNumerator: numerator.description,
                     squareDenominator: denominator.description, value: negativeResult ? -magnitude : magnitude)
    }

    static func smallPrimes(upTo n: Int) -> [Int] {
        guard n >= 2 else { return [] }
        var sieve = [Bool](repeating: true, count: n + 1)
        var out: [Int] = []
        for i in 2...n where sieve[i] {
            out.append(i)
            var j = i * i
            while j <= n { sieve[j] = false; j += i }
        }
        return out
    }

    static func pow2(_ e: Int) -> Double { Double(sign: .plus, exponent: e, significand: 1) }
}
