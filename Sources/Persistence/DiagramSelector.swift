/// Picks the finite or the essential points of a diagram, as GUDHI's
/// `DiagramSelector(use=True, limit=..., point_type=...)` does, with an
/// option to give essential bars a finite death first.
///
/// ```swift
/// let bars = [Bar(birth: 0, death: 1), Bar(birth: 0.5, death: .infinity)]
/// DiagramSelector().transform(bars)                        // [(0, 1)]
/// DiagramSelector(essentialDeath: 3).transform(bars)       // [(0, 1), (0.5, 3)]
/// DiagramSelector(pointType: .essential).transform(bars)   // [(0.5, inf)]
/// ```
public struct DiagramSelector: Sendable, Hashable {
    /// Which points to keep.
    public enum PointType: String, Sendable, Hashable, CaseIterable {
        /// Points with `death < limit` (GUDHI's default).
        case finite
        /// Points with `death >= limit`.
        case essential
    }

    /// The death value separating finite from essential points.
    public var limit: Double
    /// Which side of `limit` to keep.
    public var pointType: PointType
    /// If set, essential bars (`death == .infinity`) get this death before
    /// the selection, so they survive a `.finite` selection.
    public var essentialDeath: Double?

    /// Creates a selector; the default keeps the finite points, as GUDHI's.
    ///
    /// ```swift
    /// let v = DiagramSelector(essentialDeath: 2)
    /// ```
    public init(limit: Double = .infinity, pointType: PointType = .finite, essentialDeath: Double? = nil) {
        self.limit = limit
        self.pointType = pointType
        self.essentialDeath = essentialDeath
    }

    /// The selected bars, in input order.
    public func transform(_ diagram: [Bar]) -> [Bar] {
        var out: [Bar] = []
        out.reserveCapacity(diagram.count)
        for var bar in diagram {
            if let v = essentialDeath, bar.isEssential { bar.death = Swift.max(v, bar.birth) }
            switch pointType {
            case .finite: if bar.death < limit { out.append(bar) }
            case .essential: if bar.death >= limit { out.append(bar) }
            }
        }
        return out
    }

    /// Selects in each diagram.
    public func transform(_ diagrams: [[Bar]]) -> [[Bar]] { diagrams.map { transform($0) } }
}
