/// Keeps the points of a diagram far from (or close to) the diagonal, as
/// GUDHI's `ProminentPoints(use=True, num_pts=..., threshold=...,
/// location=...)`, with |d - b| as the distance measure GUDHI uses.
///
/// `.upper`: of the points with |d - b| >= `threshold`, the `count` with
/// the largest |d - b|, largest first. `.lower`: the complement of that
/// choice among the points at or above the threshold (in decreasing
/// |d - b|, as GUDHI's), then every point below the threshold in input
/// order.
///
/// ```swift
/// let bars = [Bar(birth: 0, death: 1), Bar(birth: 0, death: 3), Bar(birth: 1, death: 1.5)]
/// ProminentPoints(count: 2).transform(bars)                    // [(0, 3), (0, 1)]
/// ProminentPoints(count: 2, location: .lower).transform(bars)  // [(1, 1.5)]
/// ```
///
/// Ties in |d - b| are broken by input position, later points first (GUDHI
/// flips an ascending argsort, whose tie order numpy leaves open).
public struct ProminentPoints: Sendable, Hashable {
    /// Which side to keep.
    public enum Location: String, Sendable, Hashable, CaseIterable {
        /// The points farthest from the diagonal (GUDHI's default).
        case upper
        /// The rest: the points closest to the diagonal.
        case lower
    }

    /// GUDHI's `num_pts`.
    public var count: Int
    /// GUDHI's `threshold` on |d - b| (default -1: no threshold).
    public var threshold: Double
    /// GUDHI's `location`.
    public var location: Location

    /// Creates the selection (GUDHI's defaults: 10 points, no threshold, upper).
    ///
    /// ```swift
    /// let v = ProminentPoints(count: 5, threshold: 0.1)
    /// ```
    public init(count: Int = 10, threshold: Double = -1, location: Location = .upper) {
        self.count = count
        self.threshold = threshold
        self.location = location
    }

    /// The selected bars.
    public func transform(_ diagram: [Bar]) -> [Bar] {
        guard !diagram.isEmpty else { return diagram }
        let persistence = diagram.map { abs($0.death - $0.birth) }
        let kept = diagram.indices.filter { persistence[$0] >= threshold }
        // Descending persistence; ties: later input first.
        let order = kept.sorted { persistence[$0] != persistence[$1] ? persistence[$0] > persistence[$1] : $0 > $1 }
        let top = Swift.max(0, Swift.min(count, order.count))
        switch location {
        case .upper: return order[..<top].map { diagram[$0] }
        case .lower: return order[top...].map { diagram[$0] } + diagram.indices.filter { !(persistence[$0] >= threshold) }.map { diagram[$0] }
        }
    }

    /// Selects in each diagram.
    public func transform(_ diagrams: [[Bar]]) -> [[Bar]] { diagrams.map { transform($0) } }
}
