import PointClouds
import Foundation
import Persistence

/// Persistence entropy, as gudhi.representations' `Entropy`.
///
/// With p_i = l_i / sum l (l = d - b): `.scalar` gives -sum p_i ln p_i (0 for
/// an empty or one-bar diagram). `.vector` reproduces GUDHI's quirk: bar i
/// adds -p_i ln p_i to positions clip(ceil((b - s0)/step), 0, R) up to (not
/// including) clip(ceil((d - s0)/step), 0, R), where s0 is the range start
/// and step the grid step, then (if `normalized`) the vector is divided by
/// its L1 norm. Where GUDHI returns NaN (an all-zero vector) this returns
/// zeros.
///
/// ```swift
/// let e = PersistenceEntropy(mode: .scalar)
/// try e.transform([Bar(birth: 0, death: 1), Bar(birth: 0, death: 1)])  // [ln 2]
/// ```
///
/// Reference: N. Atienza, R. Gonzalez-Diaz, M. Soriano-Trigueros, "On the
/// stability of persistent entropy and new summary functions for TDA" (2020).
public struct PersistenceEntropy: Vectorizer {
    /// Scalar entropy or entropy summary function.
    public enum Mode: String, Sendable, CaseIterable { case scalar, vector }

    /// A single number or a vector over the grid.
    public var mode: Mode
    /// Vector mode: divide by the L1 norm.
    public var normalized: Bool
    /// The number of samples (grid points).
    public var resolution: Int
    /// Explicit ends of the sampled interval; nil ends are learned by `fit`.
    public var sampleRange: (Double?, Double?)
    /// Sample the learned ends too (GUDHI's `keep_endpoints`).
    public var keepEndpoints: Bool
    /// (range start, grid step), once known (vector mode).
    public private(set) var fitted: (start: Double, step: Double)?

    /// Creates the entropy with GUDHI's defaults (scalar; vector: normalized, 100 bins, learned range).
    ///
    /// ```swift
    /// let v = PersistenceEntropy(mode: .vector, resolution: 50)
    /// ```
    public init(mode: Mode = .scalar, normalized: Bool = true, resolution: Int = 100,
                sampleRange: (Double?, Double?) = (nil, nil), keepEndpoints: Bool = false) {
        self.mode = mode
        self.normalized = normalized
        self.resolution = resolution
        self.sampleRange = sampleRange
        self.keepEndpoints = keepEndpoints
        if mode == .vector, let a = sampleRange.0, let b = sampleRange.1,
           let g = try? SampleGrid.grid(range: (a, b), resolution: resolution, learned: nil, owner: "Entropy") {
            fitted = (g.lo, g.lo != g.hi && g.grid.count > 1 ? g.grid[1] - g.grid[0] : 0)
        }
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        guard mode == .vector else { return }
        let g = try SampleGrid.grid(range: sampleRange, resolution: resolution, learned: SampleGrid.learnedRange(diagrams),
                                    keepEndpoints: keepEndpoints, owner: "Entropy")
        fitted = (g.lo, g.lo != g.hi && g.grid.count > 1 ? g.grid[1] - g.grid[0] : 0)
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        var total = 0.0
        for bar in diagram { total += bar.death - bar.birth }
        let terms = diagram.map { bar -> Double in
            let p = (bar.death - bar.birth) / total
            return p > 0 ? -p * log(p) : 0
        }
        switch mode {
        case .scalar:
            return [terms.reduce(0, +)]
        case .vector:
            guard let (s0, step) = fitted else { throw VectorizationError.notFitted("Entropy") }
            try MemoryBudget.elements([resolution], bytesEach: 8, what: "an entropy vector of \(resolution) bins",
                                      advice: "lower the resolution")
            var out = [Double](repeating: 0, count: resolution)
            for (i, bar) in diagram.enumerated() {
                let lo = Self.index(bar.birth, s0, step, resolution), hi = Self.index(bar.death, s0, step, resolution)
                if lo < hi { for k in lo..<hi { out[k] += terms[i] } }
            }
            if normalized {
                var l1 = 0.0
                for v in out { l1 += abs(v) }
                if l1 > 0 { for k in 0..<out.count { out[k] /= l1 } }
            }
            return out
        }
    }

    /// clip(ceil((x - s0) / step), 0, R), with numpy's int cast of inf/NaN.
    static func index(_ x: Double, _ s0: Double, _ step: Double, _ r: Int) -> Int {
        let v = ((x - s0) / step).rounded(.up)
        if v.isNaN || v <= 0 { return 0 }
        if v >= Double(r) { return r }
        return Int(v)
    }
}
