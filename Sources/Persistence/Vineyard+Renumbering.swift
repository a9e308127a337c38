extension Vineyard {
    /// Renumbers the bars as a fresh reduction of the current order numbers
    /// them: bar `j` becomes the bar of the `j`-th positive cell in order.
    ///
    /// A vineyard that walked from an old first order to a new one carries
    /// bar numbers from the old one; after this call its bars are those of
    /// `Vineyard(complex, firstOrder: newOrder)`, bar for bar (the pairing
    /// of an order is unique, and a bar's identity follows from the pairings
    /// along the walk). This is what lets an optimisation loop keep one
    /// vineyard between steps and still get the module a fresh computation
    /// gives.
    ///
    /// ```swift
    /// try vine.reorder(to: newFirstOrder)
    /// vine.renumberBars()
    /// ```
    /// - Complexity: O(cells).
    public mutating func renumberBars() {
        var births: [Int32] = [], deaths: [Int32] = []
        births.reserveCapacity(barBirth.count); deaths.reserveCapacity(barBirth.count)
        for id in order where low[Int(id)] < 0 {
            let j = Int(barOfID[Int(id)])
            births.append(id); deaths.append(barDeath[j])
        }
        for j in 0..<births.count {
            barOfID[Int(births[j])] = Int32(j)
            if deaths[j] >= 0 { barOfID[Int(deaths[j])] = Int32(j) }
        }
        barBirth = births
        barDeath = deaths
    }

    /// The number of adjacent transpositions `reorder(to:)` would make to
    /// reach `target` (cell indices), or nil when `target` is not a
    /// permutation of the cells: the inversions between the current order
    /// and the target, counted in O(n log n) without touching the matrices,
    /// so a caller can choose between walking and a fresh reduction.
    ///
    /// ```swift
    /// if let swaps = vine.transpositions(to: order), swaps < vine.count { try vine.reorder(to: order) }
    /// ```
    public func transpositions(to target: [Int]) -> Int? {
        let n = order.count
        guard target.count == n else { return nil }
        var rank = [Int32](repeating: -1, count: n)
        for (p, c) in target.enumerated() {
            guard c >= 0, c < n, rank[Int(idOfCell[c])] < 0 else { return nil }
            rank[Int(idOfCell[c])] = Int32(p)
        }
        // Inversions of the target ranks read in the current order (a Fenwick tree of seen ranks).
        var tree = [Int32](repeating: 0, count: n + 1)
        var inversions = 0
        for (seen, id) in order.enumerated() {
            let r = Int(rank[Int(id)]) + 1
            var below = 0, k = r
            while k > 0 { below += Int(tree[k]); k -= k & -k }
            inversions += seen - below
            k = r
            while k <= n { tree[k] += 1; k += k & -k }
        }
        return inversions
    }
}
