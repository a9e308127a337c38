import PointClouds
import Foundation
import Persistence

/// The complex-polynomial vectorization, as gudhi.representations'
/// `ComplexPolynomial`: the coefficients (after the leading 1) of
/// prod (X - z_i), for roots z_i built from the points by `type`:
/// `.r` z = b + i d; `.s` z = (b + i d)(d - b) / (sqrt(2) |(b, d)|);
/// `.t` z = (d - b)/2 (cos a - sin a + i (cos a + sin a)), a = |(b, d)|.
///
/// GUDHI returns complex numbers; the vector here interleaves them:
/// [re c_1, im c_1, re c_2, im c_2, ...], 2 * threshold values, zero padded.
///
/// ```swift
/// let p = ComplexPolynomial(type: .r, threshold: 2)
/// try p.transform([Bar(birth: 1, death: 2)])  // [-1, -2, 0, 0]
/// ```
///
/// Reference: B. Di Fabio, M. Ferri, "Comparing persistence diagrams through
/// complex vectors", ICIAP 2015.
public struct ComplexPolynomial: Vectorizer {
    /// GUDHI's polynomial types R, S and T.
    public enum PolynomialType: String, Sendable, CaseIterable { case r = "R", s = "S", t = "T" }

    /// How points become roots.
    public var type: PolynomialType
    /// The number of values kept (GUDHI's `threshold`; -1: the largest diagram seen by `fit`).
    public var threshold: Int
    private var learnedThreshold: Int?

    /// Creates the vectorizer with GUDHI's defaults (type R, 10 coefficients).
    ///
    /// ```swift
    /// let v = ComplexPolynomial(type: .s, threshold: 5)
    /// ```
    public init(type: PolynomialType = .r, threshold: Int = 10) {
        self.type = type
        self.threshold = threshold
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        if threshold == -1 { learnedThreshold = diagrams.map(\.count).max() ?? 0 }
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        let t: Int
        if threshold == -1 {
            guard let l = learnedThreshold else { throw VectorizationError.notFitted("ComplexPolynomial") }
            t = l
        } else {
            guard threshold >= 0 else {
                throw VectorizationError.invalidParameter(name: "threshold", reason: "\(threshold) must be -1 or at least 0")
            }
            t = threshold
        }
        try MemoryBudget.elements([t, 2], bytesEach: 8, what: "a complex polynomial of \(t) coefficients", advice: "lower the threshold (--top)")
        let n = diagram.count
        var rootRe = [Double](repeating: 0, count: n), rootIm = rootRe
        for (k, bar) in diagram.enumerated() {
            let x = bar.birth, y = bar.death
            switch type {
            case .r:
                rootRe[k] = x; rootIm[k] = y
            case .s:
                var alpha = (x * x + y * y).squareRoot()
                if alpha == 0 { alpha = 1 }
                let f = 1.0 / (2.0.squareRoot() * alpha)
                // numpy: ((x + iy) * (y - x)) * f
                rootRe[k] = (x * (y - x)) * f; rootIm[k] = (y * (y - x)) * f
            case .t:
                let alpha = (x * x + y * y).squareRoot()
                let h = (y - x) / 2
                rootRe[k] = h * (cos(alpha) - sin(alpha)); rootIm[k] = h * (cos(alpha) + sin(alpha))
            }
        }
        // GUDHI's recurrence: coeff[N] = 1; for each root, coeff[j] -= z * coeff[j + 1] for j ascending.
        var cRe = [Double](repeating: 0, count: n + 1), cIm = cRe
        if n >= 0 { cRe[n] = 1 }
        if n > 0 {
            for i in 1...n {
                let zr = -rootRe[i - 1], zi = -rootIm[i - 1]
                for j in Swift.max(0, n - i - 1)..<n {
                    let ar = cRe[j + 1], ai = cIm[j + 1]
                    cRe[j] += zr * ar - zi * ai
                    cIm[j] += zr * ai + zi * ar
                }
            }
        }
        // Reversed without the leading coefficient: c_{N-1}, c_{N-2}, ...
        var out = [Double](repeating: 0, count: 2 * t)
        for k in 0..<Swift.min(t, n) {
            out[2 * k] = cRe[n - 1 - k]
            out[2 * k + 1] = cIm[n - 1 - k]
        }
        return out
    }
}
