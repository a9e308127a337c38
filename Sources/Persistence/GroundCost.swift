import Foundation

/// The transport cost between two planar points from their coordinate gaps:
/// the L^p distance (`internal_p`) to the power q, with the common cases
/// written out so a hot loop calls no `pow`.
///
/// Non-decreasing in each gap, so the gaps of a bounding box give a lower
/// bound for every point inside it (what ``PlanarKDTree`` relies on).
///
/// ```swift
/// let c = GroundCost(internalP: .infinity, order: 1)
/// c(0.5, 0.25)  // 0.5
/// ```
struct GroundCost {
    enum Kind { case infinityOne, infinityTwo, infinityAny, one, twoTwo, two, any }
    let kind: Kind
    let p: Double, q: Double

    init(internalP p: Double, order q: Double) {
        self.p = p; self.q = q
        switch (p, q) {
        case (.infinity, 1): kind = .infinityOne
        case (.infinity, 2): kind = .infinityTwo
        case (.infinity, _): kind = .infinityAny
        case (1, _): kind = .one
        case (2, 2): kind = .twoTwo
        case (2, _): kind = .two
        default: kind = .any
        }
    }

    /// x to the power q.
    @inline(__always) func power(_ x: Double) -> Double {
        q == 1 ? x : (q == 2 ? x * x : Foundation.pow(x, q))
    }

    @inline(__always) func callAsFunction(_ dx: Double, _ dy: Double) -> Double {
        switch kind {
        case .infinityOne: return Swift.max(dx, dy)
        case .infinityTwo: let d = Swift.max(dx, dy); return d * d
        case .infinityAny: return Foundation.pow(Swift.max(dx, dy), q)
        case .one: return power(dx + dy)
        case .twoTwo: return dx * dx + dy * dy
        case .two: return power((dx * dx + dy * dy).squareRoot())
        case .any: return power(Foundation.pow(Foundation.pow(dx, p) + Foundation.pow(dy, p), 1 / p))
        }
    }
}
