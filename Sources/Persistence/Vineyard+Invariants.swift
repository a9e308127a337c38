extension Vineyard {
    /// Checks R = D V over Z/2, V upper triangular with unit diagonal, R
    /// reduced, the low / pivot tables and the bars (tests and debug
    /// builds). Returns the first violation. O(n^2) and more: for small
    /// complexes.
    ///
    /// ```swift
    /// assert(vine.invariantViolation() == nil)
    /// ```
    public func invariantViolation() -> String? {
        var lows = Set<Int32>()
        var out: [Int32] = []
        for id in order {
            let ci = Int(id)
            var vColumn: [Int32] = []
            v.append(ci, to: &vColumn)
            var dv: [Int32] = []
            for e in vColumn {
                if position[Int(e)] > position[ci] { return "V column \(id) is not upper triangular" }
                boundary.xor(Int(e), into: &dv, scratch: &out)
            }
            if !vColumn.contains(id) { return "V column \(id) lacks its diagonal" }
            var rColumn: [Int32] = []
            r.append(ci, to: &rColumn)
            if dv != rColumn { return "R column \(id) is not D V" }
            let l = rColumn.max { position[Int($0)] < position[Int($1)] } ?? -1
            if l != low[ci] { return "low of column \(id) is stale" }
            if l >= 0 {
                if !lows.insert(l).inserted { return "R is not reduced: low \(l) twice" }
                if pivot[Int(l)] != id { return "pivot table wrong at row \(l)" }
            }
        }
        for j in 0..<barBirth.count {
            let b = barBirth[j], d = barDeath[j]
            if low[Int(b)] >= 0 { return "bar \(j) is born by a negative cell" }
            if d >= 0 ? low[Int(d)] != b : pivot[Int(b)] >= 0 { return "bar \(j) does not match the pairing" }
            if barOfID[Int(b)] != Int32(j) || (d >= 0 && barOfID[Int(d)] != Int32(j)) { return "bar table wrong for bar \(j)" }
        }
        return nil
    }
}
