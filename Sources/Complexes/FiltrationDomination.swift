/// Removal of strongly filtration-dominated edges from a multi-graded graph
/// (Alonso, Kerber and Pritam, "Filtration-domination in bifiltered graphs",
/// ALENEX 2023): the flag multi-filtration of the graph that is left has the
/// same homology, with the same maps, at every grade — so every Hilbert
/// function and rank invariant is unchanged — but not the same Euler
/// characteristic.
///
/// Edge e = {a, b} at grade g is strongly filtration-dominated by a vertex v
/// when, at every grade x >= g, v is a common neighbour of a and b and is
/// adjacent to every other common neighbour: g(av), g(bv) <= g and, for each
/// common neighbour w, g(vw) <= g v g(aw) v g(bw) (coordinatewise maximum).
/// Removing such an edge is a strong collapse of the flag complex at every
/// grade. Edges are visited from the largest grade down (reverse
/// lexicographic order), in rounds until none is removed.
///
/// Grades are given as integer ranks (any order-preserving integers), `p`
/// per edge. Cost per visited edge: O(deg(a) + deg(b)) to list the common
/// neighbours, then O(deg(v) + |N(e)|) per candidate v, stopping at the first
/// failure.
enum FiltrationDomination {
    /// Which edges are kept.
    ///
    /// - Parameters:
    ///   - vertexCount: the number of vertices; ends are in 0..<vertexCount.
    ///   - ends: 2 m vertex numbers, edge k = (ends[2k], ends[2k+1]), no loops or repeats.
    ///   - grades: m p order-preserving integers, edge k's at k p ..< (k + 1) p.
    ///   - maxRounds: the number of passes at most (each pass visits every edge left).
    static func strongCollapse(vertexCount n: Int, ends: [Int32], grades: [Int32], parameterCount p: Int,
                               maxRounds: Int = 100) -> [Bool] {
        let m = ends.count / 2
        var alive = [Bool](repeating: true, count: m)
        guard m > 0, n > 2 else { return alive }
        var (start, end, neighbour, edgeOf) = sortedAdjacency(vertexCount: n, ends: ends)
        let order = reverseLexicographicOrder(grades, parameterCount: p)
        // Up to 4,096 vertices, a dense table of edge numbers (64 MB at most)
        // makes every adjacency test one load.
        let dense = n <= 4096
        var slot = [Int32](repeating: -1, count: dense ? n * n : 0)
        if dense {
            for k in 0..<m {
                let a = Int(ends[2 * k]), b = Int(ends[2 * k + 1])
                slot[a * n + b] = Int32(k); slot[b * n + a] = Int32(k)
            }
        }
        var denseCommon = [Int32](repeating: 0, count: dense ? n : 0)
        var denseJoins = [Int32](repeating: 0, count: dense ? n * p : 0)
        var denseCandidate = [Bool](repeating: false, count: dense ? n : 0)
        // Scratch: common neighbours w, the join g v g(aw) v g(bw), and whether w may dominate.
        var common: [Int32] = [], joins: [Int32] = [], candidate: [Bool] = []
        // Stamps, as in `nonStrongCollapse`: an edge whose ends and common neighbours have lost
        // no edge since its last (failed) test is not tested again.
        var checked = [Int](repeating: -1, count: m)
        var touched = [Int](repeating: 0, count: n)
        var clock = 0
        for _ in 0..<maxRounds {
            var removed = 0
            for e in order where alive[e] {
                let a = Int(ends[2 * e]), b = Int(ends[2 * e + 1])
                let since = checked[e]
                checked[e] = clock
                common.removeAll(keepingCapacity: true); joins.removeAll(keepingCapacity: true)
                candidate.removeAll(keepingCapacity: true)
                var dominated = false
                if dense {
                    // Scan the endpoint with fewer neighbours left (its list is compacted on the way).
                    let (x, y) = end[a] - start[a] <= end[b] - start[b] ? (a, b) : (b, a)
                    dominated = slot.withUnsafeBufferPointer { table in
                        touched.withUnsafeBufferPointer { tv in
                            Self.denseCheck(e, x, y, n, p, table, &neighbour, start[x], &end[x], grades,
                                            &denseCommon, &denseJoins, &denseCandidate, since, tv)
                        }
                    }
                    if dominated {
                        alive[e] = false; slot[a * n + b] = -1; slot[b * n + a] = -1; removed += 1
                        clock += 1; touched[a] = clock; touched[b] = clock
                    }
                    continue
                }
                neighbour.withUnsafeBufferPointer { nb in
                edgeOf.withUnsafeBufferPointer { eo in
                grades.withUnsafeBufferPointer { g in
                alive.withUnsafeBufferPointer { live in
                    var i = start[a], j = start[b]
                    let ie = end[a], je = end[b]
                    while i < ie && j < je {
                        let x = nb[i], y = nb[j]
                        if x < y { i += 1; continue }
                        if y < x { j += 1; continue }
                        let ea = Int(eo[i]), eb = Int(eo[j])
                        i += 1; j += 1
                        guard live[ea], live[eb] else { continue }
                        common.append(x)
                        var below = true
                        for q in 0..<p {
                            let ge = g[e * p + q], ga = g[ea * p + q], gb = g[eb * p + q]
                            joins.append(Swift.max(ge, ga, gb))
                            if ga > ge || gb > ge { below = false }
                        }
                        candidate.append(below)
                    }
                    let c = common.count
                    guard c > 0 else { return }
                    if since >= 0 && touched[a] <= since && touched[b] <= since
                        && !common.contains(where: { touched[Int($0)] > since }) { return }
                    for s in 0..<c where candidate[s] {
                        let v = Int(common[s])
                        // Walk v's neighbours and the common neighbours together (both sorted).
                        var k = start[v]
                        let ke = end[v]
                        var ok = true
                        for t in 0..<c where t != s {
                            let w = common[t]
                            while k < ke && (nb[k] < w || !live[Int(eo[k])]) { k += 1 }
                            guard k < ke, nb[k] == w else { ok = false; break }
                            let ev = Int(eo[k])
                            for q in 0..<p where g[ev * p + q] > joins[t * p + q] { ok = false; break }
                            if !ok { break }
                        }
                        if ok { dominated = true; return }
                    }
                }}}}
                if dominated { alive[e] = false; removed += 1; clock += 1; touched[a] = clock; touched[b] = clock }
            }
            if removed == 0 { break }
            // Compact the adjacency lists (the dense path compacts the lists it scans, by the table).
            guard !dense else { continue }
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

    /// Each vertex's neighbours, ascending, with their edge numbers: vertex
    /// v's at `start[v]..<end[v]` of `neighbour` and `edgeOf`.
    static func sortedAdjacency(vertexCount n: Int, ends: [Int32])
        -> (start: [Int], end: [Int], neighbour: [Int32], edgeOf: [Int32]) {
        let m = ends.count / 2
        var start = [Int](repeating: 0, count: n + 1)
        for k in 0..<(2 * m) { start[Int(ends[k]) + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var neighbour = [Int32](repeating: 0, count: 2 * m)
        var edgeOf = [Int32](repeating: 0, count: 2 * m)
        var end = start
        for k in 0..<m {
            let a = Int(ends[2 * k]), b = Int(ends[2 * k + 1])
            neighbour[end[a]] = Int32(b); edgeOf[end[a]] = Int32(k); end[a] += 1
            neighbour[end[b]] = Int32(a); edgeOf[end[b]] = Int32(k); end[b] += 1
        }
        for v in 0..<n {
            let range = start[v]..<end[v]
            let sorted = range.sorted { neighbour[$0] < neighbour[$1] }
            let ns = sorted.map { neighbour[$0] }, es = sorted.map { edgeOf[$0] }
            for (q, i) in range.enumerated() { neighbour[i] = ns[q]; edgeOf[i] = es[q] }
        }
        return (start, end, neighbour, edgeOf)
    }

    /// The edges from the largest grade down: reverse lexicographic order of
    /// their `p` grades, ties the larger edge first (filtration-domination's order).
    static func reverseLexicographicOrder(_ grades: [Int32], parameterCount p: Int) -> [Int] {
        (0..<(grades.count / p)).sorted { x, y in
            for q in 0..<p where grades[x * p + q] != grades[y * p + q] { return grades[x * p + q] > grades[y * p + q] }
            return x > y
        }
    }

    /// The domination test of edge e = {a, b} with the dense table (slot of
    /// a removed edge is -1): common neighbours from a's list (compacted on
    /// the way) and the table, each candidate checked against them by table
    /// lookups, stopping at the first failure. `common`, `joins` and
    /// `candidate` are scratch buffers of n, n p and n entries.
    @inline(__always)
    static func denseCheck(_ e: Int, _ a: Int, _ b: Int, _ n: Int, _ p: Int, _ table: UnsafeBufferPointer<Int32>,
                           _ neighbour: inout [Int32], _ start: Int, _ end: inout Int, _ grades: [Int32],
                           _ common: inout [Int32], _ joins: inout [Int32], _ candidate: inout [Bool],
                           _ since: Int, _ touched: UnsafeBufferPointer<Int>) -> Bool {
        neighbour.withUnsafeMutableBufferPointer { nb in
        grades.withUnsafeBufferPointer { g in
        common.withUnsafeMutableBufferPointer { cm in
        joins.withUnsafeMutableBufferPointer { jn in
        candidate.withUnsafeMutableBufferPointer { cand in
            let rowA = a * n, rowB = b * n
            var kept = start, c = 0
            for i in start..<end {
                let w = Int(nb[i])
                let ea32 = table[rowA + w]
                guard ea32 >= 0 else { continue }          // removed
                nb[kept] = nb[i]; kept += 1
                let eb32 = table[rowB + w]
                guard eb32 >= 0 else { continue }          // not a common neighbour
                let ea = Int(ea32), eb = Int(eb32)
                cm[c] = Int32(w)
                var below = true
                for q in 0..<p {
                    let ge = g[e * p + q], ga = g[ea * p + q], gb = g[eb * p + q]
                    jn[c * p + q] = Swift.max(ge, ga, gb)
                    if ga > ge || gb > ge { below = false }
                }
                cand[c] = below
                c += 1
            }
            end = kept
            if since >= 0 && touched[a] <= since && touched[b] <= since {
                var changed = false
                for t in 0..<c where touched[Int(cm[t])] > since { changed = true; break }
                if !changed { return false }
            }
            for s in 0..<c where cand[s] {
                let row = Int(cm[s]) * n
                var ok = true
                for t in 0..<c where t != s {
                    let ev32 = table[row + Int(cm[t])]
                    guard ev32 >= 0 else { ok = false; break }
                    let ev = Int(ev32)
                    for q in 0..<p where g[ev * p + q] > jn[t * p + q] { ok = false; break }
                    if !ok { break }
                }
                if ok { return true }
            }
            return false
        }}}}}
    }
}
