/// An optimal matching between two persistence diagrams, with the distance
/// it realises: pairs (i, j) of indices into the two input arrays, -1 for
/// the diagonal, as GUDHI's `wasserstein_distance(..., matching=True)`
/// encodes them.
///
/// Every point of either diagram appears in exactly one pair; a pair
/// (-1, -1) never appears.
///
/// ```swift
/// let m = try wassersteinMatching([Bar(birth: 0, death: 2)], [], order: 1)
/// m.distance  // 1
/// m.pairs     // [DiagramMatching.Pair(a: 0, b: -1)]
/// ```
public struct DiagramMatching: Sendable, Hashable {
    /// One matched pair: index into the first diagram (or -1, the
    /// diagonal) and index into the second (or -1).
    public struct Pair: Sendable, Hashable {
        public var a: Int
        public var b: Int
        public init(a: Int, b: Int) {
            self.a = a
            self.b = b
        }
    }

    /// The distance the matching realises (`.infinity` when the essential
    /// parts cannot be matched; then `pairs` is empty).
    public var distance: Double
    /// The pairs, finite points first (in the first diagram's order, then
    /// the second's points left to the diagonal), then essential ones.
    public var pairs: [Pair]

    public init(distance: Double, pairs: [Pair]) {
        self.distance = distance
        self.pairs = pairs
    }

    /// The matching as CSV: header `a,b`, one pair a row.
    ///
    /// ```swift
    /// m.csv  // "a,b\n0,-1\n"
    /// ```
    public var csv: String {
        var out = "a,b\n"
        for p in pairs { out += "\(p.a),\(p.b)\n" }
        return out
    }
}
