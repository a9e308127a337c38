extension SimplexTree {
    /// Sets every simplex to the largest value of its vertices — the
    /// lower-star filtration of a function on the vertices (vertex `v` gets
    /// `vertexValues[v]`).
    ///
    /// ```swift
    /// try tree.applyLowerStar([0.0, 2.0, 1.0])  // edge [0, 2] at 1, triangle at 2
    /// ```
    /// - Throws: `ComplexError.invalidParameter` if a vertex has no value,
    ///   `.nonFinite` for a NaN value.
    public mutating func applyLowerStar(_ vertexValues: [Double]) throws {
        if let bad = vertexValues.firstIndex(where: { $0.isNaN }) { throw ComplexError.nonFinite(index: bad) }
        for (i, s) in simplices.enumerated() {
            var v = -Double.infinity
            for x in s {
                guard Int(x) < vertexValues.count else {
                    throw ComplexError.invalidParameter(name: "vertex values", reason: "vertex \(x) has no value (\(vertexValues.count) given)")
                }
                v = Swift.max(v, vertexValues[Int(x)])
            }
            grades[i] = v
        }
    }

    /// Raises simplices below one of their faces to that face's value, so
    /// every face comes no later than its cofaces (GUDHI's
    /// `make_filtration_non_decreasing`). Returns whether anything changed.
    ///
    /// ```swift
    /// tree.assignFiltration([0], 5)
    /// tree.makeFiltrationNonDecreasing()  // true: edges at [0] now >= 5
    /// ```
    @discardableResult
    public mutating func makeFiltrationNonDecreasing() -> Bool {
        var changed = false
        let order = simplices.indices.sorted { simplices[$0].count < simplices[$1].count }
        for i in order where simplices[i].count > 1 {
            let s = simplices[i]
            var v = grades[i]
            for drop in 0..<s.count {
                var face = s
                face.remove(at: drop)
                if let j = position[face], grades[j] > v { v = grades[j] }
            }
            if v != grades[i] { grades[i] = v; changed = true }
        }
        return changed
    }

    /// Storage indices in filtration order: by value, then dimension, then
    /// vertices lexicographically — faces always before cofaces.
    func filtrationOrder() -> [Int] {
        simplices.indices.sorted { a, b in
            let fa = grades[a], fb = grades[b]
            if fa != fb { return fa < fb }
            let sa = simplices[a], sb = simplices[b]
            if sa.count != sb.count { return sa.count < sb.count }
            return sa.lexicographicallyPrecedes(sb)
        }
    }

    /// The simplices with their filtration values, in filtration order (by
    /// value, then dimension, then vertices).
    ///
    /// ```swift
    /// for (simplex, value) in tree.filtration() { print(simplex, value) }
    /// ```
    public func filtration() -> [(simplex: [Int], filtration: Double)] {
        filtrationOrder().map { (simplices[$0].map(Int.init), grades[$0]) }
    }

    /// The complex as plain arrays in filtration order, with boundaries, for
    /// the boundary-matrix persistence engine.
    ///
    /// ```swift
    /// let complex = tree.filteredComplex()
    /// complex.count == tree.count  // true
    /// ```
    public func filteredComplex() -> FilteredComplex {
        let order = filtrationOrder()
        var rank = [Int](repeating: 0, count: order.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        var dims = [Int8](); dims.reserveCapacity(order.count)
        var values = [Double](); values.reserveCapacity(order.count)
        var offsets = [0]; offsets.reserveCapacity(order.count + 1)
        var indices = [Int32](), coefficients = [Int8]()
        var entries: [(Int32, Int8)] = []
        for i in order {
            let s = simplices[i]
            dims.append(Int8(s.count - 1))
            values.append(grades[i])
            entries.removeAll(keepingCapacity: true)
            if s.count > 1 {
                for drop in 0..<s.count {
                    var face = s
                    face.remove(at: drop)
                    if let j = position[face] { entries.append((Int32(rank[j]), drop & 1 == 0 ? 1 : -1)) }
                }
                entries.sort { $0.0 < $1.0 }
            }
            for (r, c) in entries { indices.append(r); coefficients.append(c) }
            offsets.append(indices.count)
        }
        return FilteredComplex(unchecked: dims, grades: values, boundaryOffsets: offsets,
                               boundaryIndices: indices, boundaryCoefficients: coefficients)
    }
}
