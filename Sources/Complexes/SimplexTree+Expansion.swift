extension SimplexTree {
    /// Adds every clique of the 1-skeleton up to dimension `maxDimension`
    /// (the flag complex), each at the largest filtration value of its edges
    /// and vertices — GUDHI's `expansion`.
    ///
    /// ```swift
    /// var tree = SimplexTree()
    /// try tree.insert([0, 1], filtration: 1); try tree.insert([1, 2], filtration: 1)
    /// try tree.insert([0, 2], filtration: 2)
    /// tree.expand(to: 2)
    /// tree.filtration(of: [0, 1, 2])  // 2
    /// ```
    /// - Complexity: proportional to the number of cliques found.
    public mutating func expand(to maxDimension: Int) {
        guard maxDimension >= 2 else { return }
        // Upper neighbours of each vertex with the edge value.
        var upper: [Int32: [(Int32, Double)]] = [:]
        for (i, s) in simplices.enumerated() where s.count == 2 {
            upper[s[0], default: []].append((s[1], grades[i]))
        }
        var edgeValue: [UInt64: Double] = [:]
        for (v, list) in upper {
            upper[v] = list.sorted { $0.0 < $1.0 }
            for (w, f) in list { edgeValue[UInt64(UInt32(v)) << 32 | UInt64(UInt32(w))] = f }
        }
        // Grow cliques from the current simplices of dimension d to d + 1.
        var frontier: [([Int32], Double)] = simplices.enumerated().compactMap { i, s in
            s.count == 2 ? (s, grades[i]) : nil
        }
        var dim = 1
        while dim < maxDimension, !frontier.isEmpty {
            var next: [([Int32], Double)] = []
            for (clique, value) in frontier {
                guard let last = clique.last, let candidates = upper[last] else { continue }
                for (w, f) in candidates {
                    var v = Swift.max(value, f)
                    var ok = true
                    for u in clique.dropLast() {
                        guard let e = edgeValue[UInt64(UInt32(u)) << 32 | UInt64(UInt32(w))] else { ok = false; break }
                        v = Swift.max(v, e)
                    }
                    if !ok { continue }
                    let c = clique + [w]
                    if let p = position[c] {
                        v = Swift.min(v, grades[p])
                        grades[p] = v
                    } else {
                        position[c] = simplices.count
                        simplices.append(c)
                        grades.append(v)
                    }
                    next.append((c, v))
                }
            }
            frontier = next
            dim += 1
        }
    }

    /// A flag complex from a distance matrix given as a function: vertices at
    /// 0, edges at their length up to `threshold`, expanded to
    /// `maxDimension` (GUDHI's `RipsComplex(...).create_simplex_tree`).
    ///
    /// ```swift
    /// let tree = SimplexTree.rips(count: 3, threshold: 2, maxDimension: 2) { i, j in Double(abs(i - j)) }
    /// ```
    public static func rips(count: Int, threshold: Double = .infinity, maxDimension: Int,
                            distance: (Int, Int) -> Double) -> SimplexTree {
        var tree = SimplexTree()
        for i in 0..<Swift.max(0, count) { tree.insertSorted([Int32(i)], 0) }
        if maxDimension >= 1 {
            for j in 0..<Swift.max(0, count) {
                for i in 0..<j {
                    let d = distance(i, j)
                    if d <= threshold { tree.insertSorted([Int32(i), Int32(j)], d) }
                }
            }
        }
        tree.expand(to: maxDimension)
        return tree
    }
}
