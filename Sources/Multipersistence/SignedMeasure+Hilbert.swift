import Complexes

extension SignedMeasure {
    /// The signed measure of the Hilbert function x -> dim H_d(K_x) on a
    /// grid, for each degree asked: the Möbius inversion
    /// mu(x) = sum over e in {0,1}^n of (-1)^|e| H(x - e), so that
    /// H(x) = mu({u <= x}). Equal to multipers' `signed_measure(...,
    /// invariant="hilbert")` (same atoms, same weights) on the same grid.
    ///
    /// ```swift
    /// let complex = try Bifiltration.functionRips(points: cloud, function: codensity)
    /// let h1 = try SignedMeasure.hilbert(complex, degrees: [1], grid: .regular(100))[0]
    /// h1.totalMass  // the first Betti number of the whole complex
    /// ```
    /// Computed slice by slice: the largest grid axis is swept by a
    /// one-parameter reduction on each line of the other axes (one per grid
    /// point of the other parameters, on `options.threads` threads), each bar
    /// [b, d) putting +1 at b and -1 at d, then finite differences along
    /// the other axes.
    /// - Complexity: prod_{j != sweep} |G_j| reductions of the cells of
    ///   dimension <= d + 1; memory O(cells + bars over all slices).
    /// - Throws: `MultipersistenceError` for a bad degree, grid or option.
    public static func hilbert(_ complex: FilteredComplex, degrees: [Int], grid strategy: Grid.Strategy = .exact,
                               options: SignedMeasureOptions = SignedMeasureOptions()) throws -> [SignedMeasure] {
        let grid = try Grid(for: complex, strategy: strategy)
        return try hilbert(SqueezedComplex(complex, grid: grid), degrees: degrees, options: options)
    }

    /// The Hilbert signed measures of a complex already squeezed onto its grid.
    public static func hilbert(_ squeezed: SqueezedComplex, degrees: [Int],
                               options: SignedMeasureOptions = SignedMeasureOptions()) throws -> [SignedMeasure] {
        let options = try options.checked()
        guard !degrees.isEmpty, let top = degrees.max(), degrees.allSatisfy({ $0 >= 0 }), top <= 64 else {
            throw MultipersistenceError.invalidParameter(name: "degrees", reason: "\(degrees) must be between 0 and 64, at least one")
        }
        let grid = squeezed.grid, n = grid.parameterCount, shape = grid.shape
        let sweep = shape.indices.max { shape[$0] < shape[$1] || (shape[$0] == shape[$1] && $0 > $1) } ?? 0
        let others = (0..<n).filter { $0 != sweep }
        var sliceCount = 1
        for j in others {
            let (t, o) = sliceCount.multipliedReportingOverflow(by: shape[j])
            guard !o else { throw MultipersistenceError.overBudget("the grid has too many points; use a coarser grid") }
            sliceCount = t
        }
        let degreeIndex = Dictionary(degrees.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let gi = squeezed.gradeIndices
        let complex = squeezed.complex
        let never = Int32.max
        // One-critical: one order for every slice (a slice filters it).
        let order = complex.isMultiCritical ? nil : SweepOrder(squeezed, sweep: sweep, top: top + 1)
        // One reduction per slice: the sparse +-1 along the sweep axis.
        let perSlice: [[(key: Int64, weight: Int32)]] = try parallelMap(
            sliceCount, threads: options.threads, progress: options.progress,
            state: { SliceReducer(squeezed, maxDegree: top, modulus: options.modulus, cells: order == nil) }
        ) { slice, reducer in
            var fixed = [Int32](repeating: 0, count: n)
            var rest = slice
            for j in others.reversed() { fixed[j] = Int32(rest % shape[j]); rest /= shape[j] }
            let bars = try order.map { order in
                reducer.bars(order, keep: { c in
                    let base = c * n
                    for j in others where gi[base + j] > fixed[j] { return false }
                    return true
                })
            } ?? reducer.bars { c in
                var best = never
                for g in complex.gradeRange(of: c) {
                    let base = g * n
                    var inside = true
                    for j in others where gi[base + j] > fixed[j] { inside = false; break }
                    if inside && gi[base + sweep] < best { best = gi[base + sweep] }
                }
                return best
            }
            var entries: [(key: Int64, weight: Int32)] = []
            for bar in bars {
                guard let d = degreeIndex[bar.degree] else { continue }
                entries.append((Int64(d) << 32 | Int64(bar.birth), 1))
                if bar.death != never { entries.append((Int64(d) << 32 | Int64(bar.death), -1)) }
            }
            entries.sort { $0.key < $1.key }
            var merged: [(key: Int64, weight: Int32)] = []
            for e in entries {
                if let last = merged.last, last.key == e.key { merged[merged.count - 1].weight += e.weight } else { merged.append(e) }
            }
            return merged.filter { $0.weight != 0 }
        }
        // Finite differences along the other axes.
        var measures = [IndexMeasure](repeating: IndexMeasure(width: n), count: degrees.count)
        var acc: [Int64: Int] = [:]
        var c = [Int32](repeating: 0, count: n)
        for slice in 0..<sliceCount {
            var fixed = [Int](repeating: 0, count: n)
            var rest = slice
            for j in others.reversed() { fixed[j] = rest % shape[j]; rest /= shape[j] }
            acc.removeAll(keepingCapacity: true)
            for mask in 0..<(1 << others.count) {
                var neighbour = 0, sign = 1, ok = true
                for (k, j) in others.enumerated() {
                    var v = fixed[j]
                    if mask & (1 << k) != 0 { v -= 1; sign = -sign }
                    if v < 0 { ok = false; break }
                    neighbour = neighbour * shape[j] + v
                }
                if !ok { continue }
                for e in perSlice[neighbour] { acc[e.key, default: 0] += sign * Int(e.weight) }
            }
            for (key, w) in acc where w != 0 {
                for j in others { c[j] = Int32(fixed[j]) }
                c[sweep] = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
                measures[Int(key >> 32)].append(c, w)
            }
        }
        let mass = try options.massDefault.point(for: grid)
        // multipers 2.3.2 puts the cancelling atoms of its first axis (the one
        // it sweeps) on that axis' last grid value, not on m: the function is
        // restricted to x_0 < last index there. Matched here so the atoms are equal.
        var pad = shape
        pad[0] = shape[0] - 1
        return try measures.map { m in
            try (mass == nil ? m : m.restricted(toBelow: pad)).values(grid: grid, mass: mass)
        }
    }
}
