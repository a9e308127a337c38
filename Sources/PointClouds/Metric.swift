/// A distance between points of a `PointCloud`.
///
/// ```swift
/// Metric.euclidean.distance([0, 0], [3, 4])  // 5
/// Metric.chebyshev.distance([0, 0], [3, 4])  // 4
/// ```
public enum Metric: String, Sendable, CaseIterable, Codable {
    /// The L2 distance.
    case euclidean
    /// The L1 distance.
    case manhattan
    /// The L-infinity distance.
    case chebyshev
    /// One minus the cosine of the angle between the vectors (0 for a zero vector
    /// against anything, as a convention, so the value is always finite).
    case cosine

    /// The distance between two coordinate vectors of equal length.
    @inlinable
    public func distance<A: Collection, B: Collection>(_ a: A, _ b: B) -> Double
    where A.Element == Double, B.Element == Double {
        switch self {
        case .euclidean:
            // Scaled when the squares over- or underflow (see `euclideanLength`).
            var s = 0.0
            for (x, y) in zip(a, b) { let d = x - y; s += d * d }
            if s.isFinite && s >= 0x1p-960 { return s.squareRoot() }
            if s == 0 && zip(a, b).allSatisfy({ $0 == $1 }) { return 0 }  // equal points: no copy
            let x = Array(a), y = Array(b)
            return Metric.euclideanLength(Swift.min(x.count, y.count)) { x[$0] - y[$0] }
        case .manhattan:
            var s = 0.0
            for (x, y) in zip(a, b) { s += abs(x - y) }
            return s
        case .chebyshev:
            var s = 0.0
            for (x, y) in zip(a, b) { s = Swift.max(s, abs(x - y)) }
            return s
        case .cosine:
            // Each vector scaled by its largest coordinate first, so that
            // products neither overflow nor underflow (the cosine is scale-free).
            var ma = 0.0, mb = 0.0
            for x in a { ma = Swift.max(ma, Swift.abs(x)) }
            for y in b { mb = Swift.max(mb, Swift.abs(y)) }
            guard ma > 0, mb > 0 else { return ma == mb ? 0 : 1 }
            var dot = 0.0, na = 0.0, nb = 0.0
            for (x0, y0) in zip(a, b) { let x = x0 / ma, y = y0 / mb; dot += x * y; na += x * x; nb += y * y }
            return Swift.max(0, 1 - dot / (na.squareRoot() * nb.squareRoot()))
        }
    }
}
