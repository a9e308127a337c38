import Foundation
import Persistence

/// The persistence Fisher kernel, as gudhi.representations'
/// `PersistenceFisherKernel` (exact): k(X, Y) = exp(-d_F(X, Y) / bandwidth),
/// d_F the Fisher information distance between Gaussian smoothings (width
/// `bandwidthFisher`) of X ∪ proj(Y) and Y ∪ proj(X), proj the diagonal
/// projection, evaluated on the points of both.
///
/// ```swift
/// var k = PersistenceFisherKernel(bandwidthFisher: 1, bandwidth: 1)
/// try k.fit(training)
/// let row = try k.transform(diagram)
/// ```
///
/// Reference: T. Le, M. Yamada, "Persistence Fisher kernel: a Riemannian
/// manifold kernel for persistence diagrams", NeurIPS 2018.
public struct PersistenceFisherKernel: Vectorizer {
    /// The width of the Gaussian smoothing inside the Fisher distance.
    public var bandwidthFisher: Double
    /// The Gaussian (or kernel) bandwidth.
    public var bandwidth: Double
    /// The diagrams kept by `fit`; `transform` compares against them in order.
    public private(set) var training: [[Bar]]?

    /// Creates the kernel with GUDHI's defaults (both bandwidths 1).
    ///
    /// ```swift
    /// let v = PersistenceFisherKernel(bandwidthFisher: 0.1, bandwidth: 0.5)
    /// ```
    public init(bandwidthFisher: Double = 1, bandwidth: Double = 1) {
        self.bandwidthFisher = bandwidthFisher
        self.bandwidth = bandwidth
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws { training = diagrams }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let training else { throw VectorizationError.notFitted("PersistenceFisherKernel") }
        return training.map { exp(-Self.distance(diagram, $0, bandwidth: bandwidthFisher) / bandwidth) }
    }

    /// GUDHI's `_persistence_fisher_distance` without approximation: the
    /// Fisher information distance (an angle in [0, pi/2]) between the two
    /// smoothed, normalised diagrams, computed in the chord form
    /// 2 asin(|sqrt p - sqrt q| / 2), accurate to rounding even for nearly
    /// equal diagrams (GUDHI's arccos form is 1e-8 off there); two empty
    /// diagrams give pi/2, as GUDHI's formula does.
    ///
    /// ```swift
    /// PersistenceFisherKernel.distance(d, d, bandwidth: 1)  // 0
    /// ```
    public static func distance(_ d1: [Bar], _ d2: [Bar], bandwidth h: Double) -> Double {
        func proj(_ d: [Bar]) -> [(Double, Double)] {
            d.map { let m = $0.birth * 0.5 + $0.death * 0.5; return (m, m) }
        }
        let p1 = d1.map { ($0.birth, $0.death) }, p2 = d2.map { ($0.birth, $0.death) }
        let q1 = proj(d1), q2 = proj(d2)
        let z = p1 + q1 + p2 + q2
        let u = p1 + q2, v = p2 + q1
        let c = h * (2 * Double.pi).squareRoot()
        let twoH2 = 2 * (h * h)
        func smooth(_ centers: [(Double, Double)]) -> [Double] {
            z.map { point in
                var s = 0.0
                for q in centers {
                    let dx = point.0 - q.0, dy = point.1 - q.1
                    s += exp(-(dx * dx + dy * dy) / twoH2) / c
                }
                return s
            }
        }
        var vi = smooth(u), vj = smooth(v)
        let si = vi.reduce(0, +), sj = vj.reduce(0, +)
        if si != 0 { for k in vi.indices { vi[k] /= si } }
        if sj != 0 { for k in vj.indices { vj[k] /= sj } }
        // Both diagrams empty: GUDHI's arccos(dot of empty vectors) = arccos(0).
        if si == 0 || sj == 0 {
            var dot = 0.0
            for k in vi.indices { dot += vi[k].squareRoot() * vj[k].squareRoot() }
            return acos(Swift.min(dot, 1))
        }
        // The angle between the unit vectors sqrt(vi) and sqrt(vj). GUDHI's
        // arccos(min(dot, 1)) loses half the digits near dot = 1 (an error
        // of 1e-16 in the dot is 1.5e-8 in the angle); the chord form
        // 2 asin(|sqrt vi - sqrt vj| / 2) is the same angle and stays
        // accurate there: a diagram against itself gives exactly 0.
        var chord2 = 0.0
        for k in vi.indices { let d = vi[k].squareRoot() - vj[k].squareRoot(); chord2 += d * d }
        return 2 * asin(Swift.min(chord2.squareRoot() / 2, 1))
    }
}
