extension Vineyard {
    /// Checks R = D V over Z/2, V upper triangular with unit diagonal, R
    /// reduced and the low / pivot tables (tests and debug builds). Returns
    /// the first violation. O(n^2) and more: for small complexes.
    public func invariantViolation() -> String? {
        var lows = Set<Int32>()
        for c in order {
            let ci = Int(c)
            var dv: [Int32] = []
            for e in v[ci] {
                if position[Int(e)] > position[ci] { return "V column \(c) is not upper triangular" }
                dv = Self.xor(dv, boundary[Int(e)].sorted())
            }
            if !v[ci].contains(c) { return "V column \(c) lacks its diagonal" }
            if dv != r[ci] { return "R column \(c) is not D V" }
            let l = lowest(r[ci])
            if l != low[ci] { return "low of column \(c) is stale" }
            if l >= 0 {
                if !lows.insert(l).inserted { return "R is not reduced: low \(l) twice" }
                if pivot[Int(l)] != c { return "pivot table wrong at row \(l)" }
            }
        }
        return nil
    }
}
