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
            var s = 0.0
            for (x, y) in zip(a, b) { let d = x - y; s += d * d }
            return s.squareRoot()
        case .manhattan:
            var s = 0.0
            for (x, y) in zip(a, b) { s += abs(x - y) }
            return s
        case .chebyshev:
            var s = 0.0
            for (x, y) in zip(a, b) { s = Swift.max(s, abs(x - y)) }
            return s
        case .cosine:
            var dot = 0.0, na = 0.0, nb = 0.0
            for (x, y) in zip(a, b) { dot += x * y; na += x * x; nb += y * y }
            guard na > 0, nb > 0 else { return na == nb ? 0 : 1 }
            return Swift.max(0, 1 - dot / (na.squareRoot() * nb.squareRoot()))
        }
    }
}
