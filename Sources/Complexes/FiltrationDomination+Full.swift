extension FiltrationDomination {
    /// Strong collapses until none is left, then — for two parameters —
    /// removal of (not necessarily strongly) filtration-dominated edges until
    /// none is left: multipers' `collapse_edges(-2)` ("full"), which calls
    /// filtration-domination's two removals in that order.
    ///
    /// Edge e is filtration-dominated when at every grade x >= g(e) some
    /// vertex v (which may depend on x) dominates it in the graph G_x: v is a
    /// common neighbour of its ends and adjacent to every other common
    /// neighbour. Removing it is then a collapse of the flag complex at every
    /// grade, so homology with its maps is kept (Alonso, Kerber and Pritam,
    /// "Filtration-domination in bifiltered graphs", ALENEX 2023).
    ///
    /// - Returns: which edges are kept.
    ///
    /// - Parameter vertexRanks: for a function-Rips graph of two parameters
    ///   (edge {u, v}'s second grade max(vertexRanks[u], vertexRanks[v])),
    ///   the vertex values' ranks, which let `packedStrongCollapse` do the
    ///   strong part; nil: the general `strongCollapse`.
    static func collapse(vertexCount n: Int, ends: [Int32], grades: [Int32], parameterCount p: Int,
                         vertexRanks: [Int32]? = nil, maxRounds: Int = 100) -> [Bool] {
        var alive: [Bool]
        if p == 2, let ranks = vertexRanks, ranks.count == n, n <= packedVertexLimit {
            alive = packedStrongCollapse(vertexCount: n, ends: ends, grades: grades, vertexRanks: ranks, maxRounds: maxRounds)
        } else {
            alive = strongCollapse(vertexCount: n, ends: ends, grades: grades, parameterCount: p, maxRounds: maxRounds)
        }
        guard p == 2 else { return alive }
        let kept = alive.indices.filter { alive[$0] }
        guard kept.count > 1 else { return alive }
        var subEnds = [Int32](), subGrades = [Int32]()
        subEnds.reserveCapacity(2 * kept.count); subGrades.reserveCapacity(2 * kept.count)
        for e in kept {
            subEnds.append(ends[2 * e]); subEnds.append(ends[2 * e + 1])
            subGrades.append(grades[2 * e]); subGrades.append(grades[2 * e + 1])
        }
        let subAlive = nonStrongCollapse(vertexCount: n, ends: subEnds, grades: subGrades, maxRounds: maxRounds)
        for (k, e) in kept.enumerated() where !subAlive[k] { alive[e] = false }
        return alive
    }

    /// Removal of filtration-dominated edges of a two-parameter graph, from
    /// the largest grade down (reverse lexicographic order, ties: the larger
    /// edge first), in rounds until none is removed.
    ///
    /// The test of edge e = {a, b} at grade g: with W the common neighbours
    /// w of a and b (h(w) = g v g(aw) v g(bw) the grade from which w is one),
    /// the neighbourhood N_x = {w : h(w) <= x} at x >= g takes each of its
    /// values first at a join of g with some h(w)'s, and in two parameters
    /// such a join is (X, Y) with X, Y coordinates of g or of an h(w). If v
    /// dominates e at that least grade it does at every grade with the same
    /// neighbourhood (edges only appear), so e is filtration-dominated iff at
    /// every such least grade some v in N_x has g(vw) <= x for all w in N_x.
    ///
    /// Cost model per visited edge, c = |W|: O(deg a + deg b) to list W,
    /// O(sum over W of deg v) for the c x c table of g(vw) (nothing with the
    /// dense n x n table of up to 2,896 vertices), then at most
    /// (c + 1)^2 least grades, each tried first with the vertex that worked
    /// last (O(c)), the others only when it fails. An edge that is not
    /// dominated usually fails at its own grade or soon after.
    ///
    /// - Parameters:
    ///   - ends: 2 m vertex numbers, edge k = (ends[2k], ends[2k+1]), no loops or repeats.
    ///   - grades: 2 m order-preserving integers, edge k's at 2k, 2k + 1.
    ///   - denseVertexLimit: up to this many vertices, g(vw) comes from an
    ///     n x n table (8 bytes a pair) rather than from merging lists.
    static func nonStrongCollapse(vertexCount n: Int, ends: [Int32], grades: [Int32], maxRounds: Int = 100,
                                  denseVertexLimit: Int = 2896) -> [Bool] {
        let m = ends.count / 2
        var alive = [Bool](repeating: true, count: m)
        guard m > 0, n > 2 else { return alive }
        var (start, end, neighbour, edgeOf) = sortedAdjacency(vertexCount: n, ends: ends)
        let order = reverseLexicographicOrder(grades, parameterCount: 2)
        // Up to 2,896 vertices (64 MB), a dense table of packed grades (g0 << 32 | g1, `UInt64.max`
        // for no edge) fills each edge's table of g(vw) by c^2 loads instead of merging lists.
        let useDense = n <= denseVertexLimit
        var dense = [UInt64](repeating: .max, count: useDense ? n * n : 0)
        if useDense {
            for k in 0..<m {
                let a = Int(ends[2 * k]), b = Int(ends[2 * k + 1])
                let packed = UInt64(UInt32(truncatingIfNeeded: grades[2 * k])) << 32 | UInt64(UInt32(truncatingIfNeeded: grades[2 * k + 1]))
                dense[a * n + b] = packed; dense[b * n + a] = packed
            }
        }
        var scratch = DominationScratch()
        // An edge's test reads only edges among its ends and common neighbours: when no edge at
        // any of those vertices has gone since its last test (stamps count removals), it is skipped.
        var checked = [Int](repeating: -1, count: m)
        var touched = [Int](repeating: 0, count: n)
        var clock = 0
        for _ in 0..<maxRounds {
            var removed = 0
            for e in order where alive[e] {
                let a = Int(ends[2 * e]), b = Int(ends[2 * e + 1])
                let since = checked[e]
                checked[e] = clock
                let dominated = neighbour.withUnsafeBufferPointer { nb in
                    edgeOf.withUnsafeBufferPointer { eo in
                        grades.withUnsafeBufferPointer { g in
                            alive.withUnsafeBufferPointer { live in
                                touched.withUnsafeBufferPointer { tv in
                                    dense.withUnsafeBufferPointer { dt in
                                        Self.isFiltrationDominated(e, a, b, nb, eo, g, live, start, end, &scratch,
                                                                   unchangedSince: since, touched: tv,
                                                                   dense: useDense ? dt : nil, n: n)
                                    }
                                }
                            }
                        }
                    }
                }
                if dominated {
                    alive[e] = false; removed += 1
                    clock += 1; touched[a] = clock; touched[b] = clock
                    if useDense { dense[a * n + b] = .max; dense[b * n + a] = .max }
                }
            }
            if removed == 0 { break }
            for v in 0..<n {
                var w = start[v]
                for i in start[v]..<end[v] where alive[Int(edgeOf[i])] {
                    neighbour[w] = neighbour[i]; edgeOf[w] = edgeOf[i]; w += 1
                }
                end[v] = w
            }
        }
        return alive
    }

    /// Buffers reused from edge to edge.
    struct DominationScratch {
        var common: [Int32] = []           // W, ascending
        var h: [Int32] = []                // h(w), two per w
        var table: [Int32] = []            // g(vw), c x c x 2, Int32.max when vw is absent
        var byFirst: [Int32] = []          // W's positions by h0
        var active: [Int32] = []           // positions with h0 <= X, by h1
    }

    /// The filtration-domination test of edge e = {a, b} (see `nonStrongCollapse`).
    @inline(__always)
    static func isFiltrationDominated(_ e: Int, _ a: Int, _ b: Int,
                                      _ nb: UnsafeBufferPointer<Int32>, _ eo: UnsafeBufferPointer<Int32>,
                                      _ g: UnsafeBufferPointer<Int32>, _ live: UnsafeBufferPointer<Bool>,
                                      _ start: [Int], _ end: [Int], _ s: inout DominationScratch,
                                      unchangedSince since: Int, touched: UnsafeBufferPointer<Int>,
                                      dense: UnsafeBufferPointer<UInt64>?, n: Int) -> Bool {
        let g0 = g[2 * e], g1 = g[2 * e + 1]
        s.common.removeAll(keepingCapacity: true); s.h.removeAll(keepingCapacity: true)
        var i = start[a], j = start[b]
        let ie = end[a], je = end[b]
        while i < ie && j < je {
            let x = nb[i], y = nb[j]
            if x < y { i += 1; continue }
            if y < x { j += 1; continue }
            let ea = Int(eo[i]), eb = Int(eo[j])
            i += 1; j += 1
            guard live[ea], live[eb] else { continue }
            s.common.append(x)
            s.h.append(Swift.max(g0, g[2 * ea], g[2 * eb]))
            s.h.append(Swift.max(g1, g[2 * ea + 1], g[2 * eb + 1]))
        }
        let c = s.common.count
        guard c > 0 else { return false }
        // Not dominated at the last test, and nothing it reads has changed since.
        if since >= 0 && touched[a] <= since && touched[b] <= since
            && !s.common.contains(where: { touched[Int($0)] > since }) { return false }
        // g(vw) among common neighbours: from the dense table when there is one (read only where
        // a test needs it), else a c x c table made by merging v's list with W.
        s.table.removeAll(keepingCapacity: true)
        if dense == nil {
            s.table.append(contentsOf: repeatElement(Int32.max, count: 2 * c * c))
            for p in 0..<c {
                let v = Int(s.common[p])
                var k = start[v], q = 0
                let ke = end[v]
                while k < ke && q < c {
                    let x = nb[k], y = s.common[q]
                    if x < y { k += 1; continue }
                    if y < x { q += 1; continue }
                    let ev = Int(eo[k])
                    if live[ev] { s.table[2 * (p * c + q)] = g[2 * ev]; s.table[2 * (p * c + q) + 1] = g[2 * ev + 1] }
                    k += 1; q += 1
                }
            }
        }
        return s.table.withUnsafeBufferPointer { t in
        s.h.withUnsafeBufferPointer { h in
        s.common.withUnsafeBufferPointer { cmn in
            // Whether g(vw) <= (X, Y), v and w positions in W.
            @inline(__always) func below(_ v: Int, _ w: Int, _ X: Int32, _ Y: Int32) -> Bool {
                if let dense {
                    let x = dense[Int(cmn[v]) * n + Int(cmn[w])]
                    return x != .max && Int32(truncatingIfNeeded: x >> 32) <= X && Int32(truncatingIfNeeded: x & 0xFFFF_FFFF) <= Y
                }
                return t[2 * (v * c + w)] <= X && t[2 * (v * c + w) + 1] <= Y
            }
            // v dominates at (X, Y) with neighbourhood `members` when every other member w has g(vw) <= (X, Y).
            func dominates(_ v: Int, _ members: UnsafeBufferPointer<Int32>, _ X: Int32, _ Y: Int32) -> Bool {
                for w32 in members {
                    let w = Int(w32)
                    if w != v && !below(v, w, X, Y) { return false }
                }
                return true
            }
            // A strong dominator: at e's grade a common neighbour, adjacent to each w from h(w) on.
            for v in 0..<c where h[2 * v] == g0 && h[2 * v + 1] == g1 {
                var ok = true
                for w in 0..<c where w != v && !below(v, w, h[2 * w], h[2 * w + 1]) { ok = false; break }
                if ok { return true }
            }
            // Sweep X over g0 and the h0's; the active positions (h0 <= X) are kept sorted by h1.
            s.byFirst.removeAll(keepingCapacity: true)
            s.byFirst.append(contentsOf: (0..<Int32(c)))
            s.byFirst.sort { h[2 * Int($0)] < h[2 * Int($1)] || (h[2 * Int($0)] == h[2 * Int($1)] && $0 < $1) }
            s.active.removeAll(keepingCapacity: true)
            var next = 0, lastGood = -1
            var X = g0
            while true {
                while next < c && h[2 * Int(s.byFirst[next])] <= X {
                    let w = s.byFirst[next]
                    let key = h[2 * Int(w) + 1]
                    var at = s.active.count
                    s.active.append(w)
                    while at > 0 && h[2 * Int(s.active[at - 1]) + 1] > key { s.active[at] = s.active[at - 1]; at -= 1 }
                    s.active[at] = w
                    next += 1
                }
                // Y over g1 and the active h1's; the neighbourhood is the prefix with h1 <= Y.
                // Along a column (X fixed, Y growing) edges only appear, so the dominator found
                // last keeps dominating the members it was checked against: only the members
                // added since (`verified` onwards) are checked, until it fails.
                let ok = s.active.withUnsafeBufferPointer { act -> Bool in
                    var prefix = 0, maxFirst = g0, verified = 0
                    var Y = g1
                    while true {
                        while prefix < act.count && h[2 * Int(act[prefix]) + 1] <= Y {
                            maxFirst = Swift.max(maxFirst, h[2 * Int(act[prefix])]); prefix += 1
                        }
                        // Only the least grade of each neighbourhood needs a test.
                        if maxFirst == X {
                            guard prefix > 0 else { return false }
                            let members = UnsafeBufferPointer(rebasing: act[0..<prefix])
                            let added = UnsafeBufferPointer(rebasing: act[verified..<prefix])
                            var found = lastGood >= 0 && h[2 * lastGood] <= X && h[2 * lastGood + 1] <= Y
                                && dominates(lastGood, verified == 0 ? members : added, X, Y)
                            if !found {
                                for v32 in members where Int(v32) != lastGood && dominates(Int(v32), members, X, Y) {
                                    lastGood = Int(v32); found = true; break
                                }
                            }
                            if !found { return false }
                            verified = prefix
                        }
                        guard prefix < act.count else { return true }
                        Y = h[2 * Int(act[prefix]) + 1]
                    }
                }
                if !ok { return false }
                guard next < c else { return true }
                X = h[2 * Int(s.byFirst[next])]
            }
        }}}
    }
}
