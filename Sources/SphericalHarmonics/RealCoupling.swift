import Foundation

/// Coupling coefficients of real spherical harmonics: real Gaunt
/// coefficients (integrals of three real harmonics) and real-basis
/// Clebsch–Gordan coefficients, from Wigner 3j symbols through the unitary
/// change of basis between complex (Condon–Shortley) and real harmonics.
///
/// ```swift
/// // integral of Y(1,0) Y(1,0) Y(2,0) over the sphere = sqrt(5 / pi) / 5 = 0.2523...
/// let g = RealCoupling.gaunt(1, 0, 1, 0, 2, 0)
/// ```
///
/// With R(l, m) our real harmonics and Y(l, mu) the complex ones,
/// R(l, m) = sum_mu U(m, mu) Y(l, mu) with, for m > 0,
/// U(m, m) = (-1)^m / sqrt 2, U(m, -m) = 1 / sqrt 2; for m = -mu < 0,
/// U(m, mu) = -i (-1)^mu / sqrt 2, U(m, -mu) = i / sqrt 2; U(0, 0) = 1.
/// The complex Gaunt coefficient is
/// sqrt((2l1+1)(2l2+1)(2l3+1) / (4 pi)) (l1 l2 l3; 0 0 0) (l1 l2 l3; mu1 mu2 mu3).
public enum RealCoupling {
    /// One real Gaunt coefficient: the integral over the unit sphere of
    /// R(l1, m1) R(l2, m2) R(l3, m3). Zero unless l1 + l2 + l3 is even, the
    /// triangle inequality holds, an even number of the m's is negative and
    /// |m3| is |m1| + |m2| or ||m1| - |m2||. NaN for degrees beyond
    /// ``Wigner3j/maximumDegree``.
    ///
    /// - Complexity: O(l) (a few 3j rows).
    public static func gaunt(_ l1: Int, _ m1: Int, _ l2: Int, _ m2: Int, _ l3: Int, _ m3: Int) -> Double {
        single(l1, m1, l2, m2, l3, m3, kind: .gaunt)
    }

    /// One real-basis Clebsch–Gordan coefficient C(l1 m1, l2 m2 -> l3 m3)
    /// = sum U(m1, mu1) U(m2, mu2) conj(U(m3, M)) <l1 mu1 l2 mu2 | l3 M>;
    /// for odd l1 + l2 + l3 that sum is imaginary and its imaginary part is
    /// taken (a constant phase per path, which keeps equivariance). NaN for
    /// degrees beyond ``Wigner3j/maximumDegree``.
    public static func clebschGordan(_ l1: Int, _ m1: Int, _ l2: Int, _ m2: Int, _ l3: Int, _ m3: Int) -> Double {
        single(l1, m1, l2, m2, l3, m3, kind: .clebschGordan)
    }

    /// One coefficient from the at most four complex terms that reach it.
    static func single(_ l1: Int, _ m1: Int, _ l2: Int, _ m2: Int, _ l3: Int, _ m3: Int, kind: Kind) -> Double {
        guard l1 >= 0, l2 >= 0, l3 >= 0, abs(m1) <= l1, abs(m2) <= l2, abs(m3) <= l3 else { return 0 }
        guard max(l1, l2, l3) <= Wigner3j.maximumDegree else { return .nan }
        guard l3 >= abs(l1 - l2), l3 <= l1 + l2 else { return 0 }
        if kind == .gaunt && (l1 + l2 + l3) % 2 != 0 { return 0 }
        var re = 0.0, im = 0.0
        let k = (Double((2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1)) / (4 * Double.pi)).squareRoot() * Wigner3j.symbol(l1, l2, l3, 0, 0, 0)
        for mu1 in (m1 == 0 ? [0] : [abs(m1), -abs(m1)]) {
            for mu2 in (m2 == 0 ? [0] : [abs(m2), -abs(m2)]) where abs(mu1 + mu2) == abs(m3) {
                let (u1r, u1i) = u(m1, mu1), (u2r, u2i) = u(m2, mu2)
                let pr = u1r * u2r - u1i * u2i, pi = u1r * u2i + u1i * u2r
                let big = mu1 + mu2
                var c: Double, u3r: Double, u3i: Double
                if kind == .gaunt {
                    (u3r, u3i) = u(m3, -big)
                    c = k * Wigner3j.symbol(l1, l2, l3, mu1, mu2, -big)
                } else {
                    let (ur, ui) = u(m3, big)
                    (u3r, u3i) = (ur, -ui)
                    c = Wigner3j.clebschGordan(l1, mu1, l2, mu2, l3, big)
                }
                re += c * (pr * u3r - pi * u3i)
                im += c * (pr * u3i + pi * u3r)
            }
        }
        let v = (kind == .clebschGordan && (l1 + l2 + l3) % 2 != 0) ? im : re
        return abs(v) < (kind == .gaunt ? 1e-15 : 1e-13) ? 0 : v
    }

    /// Which coupling a block holds.
    enum Kind { case gaunt, clebschGordan }

    /// The complex-to-real matrix entry U(m, mu) as (re, im).
    @inline(__always)
    static func u(_ m: Int, _ mu: Int) -> (Double, Double) {
        let h = 1 / 2.0.squareRoot()
        if m == 0 { return mu == 0 ? (1, 0) : (0, 0) }
        if m > 0 {
            if mu == m { return (m % 2 == 0 ? h : -h, 0) }
            if mu == -m { return (h, 0) }
            return (0, 0)
        }
        let a = -m
        if mu == a { return (0, a % 2 == 0 ? -h : h) }
        if mu == -a { return (0, h) }
        return (0, 0)
    }

    /// All coefficients of one (l1, l2) pair for l3 <= lmaxOut, as sparse
    /// entries (m1, m2, l3, m3, value): at most four m3 per (m1, m2, l3).
    ///
    /// Cost: (2 l1 + 1)(2 l2 + 1) runs of the 3j recurrence, O(l) each.
    struct Block {
        let l1: Int, l2: Int
        var m1: [Int16] = [], m2: [Int16] = [], l3: [Int16] = [], m3: [Int16] = []
        var value: [Double] = []

        init(l1: Int, l2: Int, lmaxOut: Int, kind: Kind) {
            self.l1 = l1; self.l2 = l2
            let lo = abs(l1 - l2), hi = min(l1 + l2, lmaxOut)
            guard lo <= hi else { return }
            // 3j rows for every (mu1, mu2): (l1 l2 l3; mu1 mu2 -mu1-mu2), l3 in lo...l1+l2.
            let w1 = 2 * l1 + 1, w2 = 2 * l2 + 1
            var rows = [[Double]](repeating: [], count: w1 * w2)
            var rowStart = [Int](repeating: 0, count: w1 * w2)
            for mu1 in -l1...l1 {
                for mu2 in -l2...l2 where abs(mu1 + mu2) <= hi {
                    if let (range, v) = Wigner3j.symbols(l2: l1, l3: l2, m2: mu1, m3: mu2) {
                        rows[(mu1 + l1) * w2 + mu2 + l2] = v
                        rowStart[(mu1 + l1) * w2 + mu2 + l2] = range.lowerBound
                    }
                }
            }
            func threeJ(_ mu1: Int, _ mu2: Int, _ l3: Int) -> Double {
                let k = (mu1 + l1) * w2 + mu2 + l2
                let r = rows[k], s = rowStart[k]
                return l3 >= s && l3 - s < r.count ? r[l3 - s] : 0
            }
            // (l1 l2 l3; 0 0 0) and the prefactor of the Gaunt coefficients.
            var zeroRow = [Double](repeating: 0, count: hi + 1)
            if kind == .gaunt {
                for l3 in lo...hi { zeroRow[l3] = threeJ(0, 0, l3) * (Double(w1 * w2 * (2 * l3 + 1)) / (4 * Double.pi)).squareRoot() }
            }
            for m1 in -l1...l1 {
                for m2 in -l2...l2 {
                    let a = abs(m1) + abs(m2), b = abs(abs(m1) - abs(m2))
                    var targets: [Int] = []
                    if kind == .gaunt {
                        // An even number of negative m's: the sign of m3 is fixed.
                        let negative = (m1 < 0) != (m2 < 0)
                        for t in (a == b ? [a] : [a, b]) where t <= hi {
                            if negative { if t > 0 { targets.append(-t) } } else { targets.append(t) }
                        }
                    } else {
                        for t in (a == b ? [a] : [a, b]) where t <= hi { targets.append(t); if t > 0 { targets.append(-t) } }
                    }
                    for m3 in targets {
                        for l3 in max(lo, abs(m3))...hi {
                            if kind == .gaunt && (l1 + l2 + l3) % 2 != 0 { continue }
                            var re = 0.0, im = 0.0
                            for mu1 in (m1 == 0 ? [0] : [abs(m1), -abs(m1)]) {
                                let (u1r, u1i) = RealCoupling.u(m1, mu1)
                                if u1r == 0 && u1i == 0 { continue }
                                for mu2 in (m2 == 0 ? [0] : [abs(m2), -abs(m2)]) {
                                    let (u2r, u2i) = RealCoupling.u(m2, mu2)
                                    if u2r == 0 && u2i == 0 { continue }
                                    let big = mu1 + mu2
                                    guard abs(big) == abs(m3) else { continue }
                                    let p1r = u1r * u2r - u1i * u2i, p1i = u1r * u2i + u1i * u2r
                                    var c: Double, u3r: Double, u3i: Double
                                    if kind == .gaunt {
                                        // Third harmonic with mu3 = -(mu1 + mu2).
                                        (u3r, u3i) = RealCoupling.u(m3, -big)
                                        c = zeroRow[l3] * threeJ(mu1, mu2, l3)
                                    } else {
                                        // conj(U(m3, M)) <l1 mu1 l2 mu2 | l3 M>, M = mu1 + mu2.
                                        let (ur, ui) = RealCoupling.u(m3, big)
                                        (u3r, u3i) = (ur, -ui)
                                        let sign: Double = (l1 - l2 + big) % 2 == 0 ? 1 : -1
                                        c = sign * Double(2 * l3 + 1).squareRoot() * threeJ(mu1, mu2, l3)
                                    }
                                    re += c * (p1r * u3r - p1i * u3i)
                                    im += c * (p1r * u3i + p1i * u3r)
                                }
                            }
                            let v = (kind == .clebschGordan && (l1 + l2 + l3) % 2 != 0) ? im : re
                            // Accidental zeros (and, for the Clebsch–Gordan kind, the
                            // sign patterns that cancel) come out as rounding noise.
                            if abs(v) < (kind == .gaunt ? 1e-15 : 1e-13) { continue }
                            self.m1.append(Int16(m1)); self.m2.append(Int16(m2))
                            self.l3.append(Int16(l3)); self.m3.append(Int16(m3))
                            self.value.append(v)
                        }
                    }
                }
            }
        }
    }
}
