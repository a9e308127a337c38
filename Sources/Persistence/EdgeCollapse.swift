/// An edge of a filtered graph: vertices `u`, `v` and the filtration value at
/// which the edge appears.
///
/// ```swift
/// let edge = FilteredEdge(u: 0, v: 1, filtration: 0.5)
/// ```
public struct FilteredEdge: Hashable, Sendable {
    public var u: Int
    public var v: Int
    public var filtration: Double

    public init(u: Int, v: Int, filtration: Double) {
        self.u = u
        self.v = v
        self.filtration = filtration
    }
}

/// Edge collapse of flag complexes: removes or delays edges of a filtered
/// graph without changing the persistent homology of its flag (clique)
/// complex, in any dimension.
///
/// An edge uv is dominated at time t by a vertex c when every common
/// neighbour of u and v present at t (and u, v themselves) is a neighbour
/// of c at t; a dominated edge can be collapsed, so its appearance can be
/// delayed until it stops being dominated, or dropped if it never does.
/// Edges are processed from the last to the first, as in GUDHI's
/// `flag_complex_collapse_edges` (J.-D. Boissonnat, S. Pritam, "Edge
/// collapse and persistence of flag complexes", SoCG 2020; M. Glisse's
/// backward variant).
///
/// ```swift
/// // A square with both diagonals: the diagonals are dominated.
/// let edges = [FilteredEdge(u: 0, v: 1, filtration: 1), FilteredEdge(u: 1, v: 2, filtration: 1),
///              FilteredEdge(u: 2, v: 3, filtration: 1), FilteredEdge(u: 3, v: 0, filtration: 1),
///              FilteredEdge(u: 0, v: 2, filtration: 1.4), FilteredEdge(u: 1, v: 3, filtration: 1.4)]
/// let kept = EdgeCollapse.collapse(edges, vertexCount: 4)
/// // kept has 5 edges: one diagonal is dropped, the flag complex stays a disk after 1.4
/// ```
///
/// - Complexity: for each edge, a merge of two neighbourhoods and, per
///   candidate dominator, a merge of the common neighbourhood with the
///   dominator's: O(m * deg^2) in the worst case, far less in practice.
///   Memory: the neighbour lists, 16 bytes per edge end.
public enum EdgeCollapse {
    /// The collapsed edges, with their (possibly delayed) filtration values,
    /// in decreasing order of original filtration value. Self-loops and
    /// duplicate edges must not be present.
    public static func collapse(_ edges: [FilteredEdge], vertexCount n: Int) -> [FilteredEdge] {
        guard !edges.isEmpty else { return [] }
        // Edges by decreasing filtration value.
        let order = edges.indices.sorted { edges[$0].filtration > edges[$1].filtration }
        let graph = CollapseGraph(edges, vertexCount: n)

        // The backward sweep.
        var result: [FilteredEdge] = []
        result.reserveCapacity(edges.count)
        var common: [Int32] = []            // common neighbours present at `time`, sorted
        var later: [(Double, Int32)] = []   // common neighbours that appear after `time`
        for edgeIndex in order {
            let e = edges[edgeIndex]
            let u = e.u, v = e.v
            let inputTime = e.filtration
            var time = inputTime
            graph.commonNeighbors(u, v, time, &common, &later)
            var next = 0
            var dead = false
            var sorted = false
            search: while true {
                let dominator = graph.dominator(of: common, at: time)
                if dominator == -1 { break }
                if !sorted {
                    // Only a dominated edge needs its later neighbours in order.
                    later.sort { $0.0 < $1.0 }
                    sorted = true
                }
                // Advance time while the dominator still dominates.
                var stillDominated = true
                while stillDominated {
                    if next == later.count { dead = true; break search }
                    time = later[next].0
                    while next < later.count && later[next].0 <= time {
                        let w = later[next].1
                        if !graph.isNeighbor(w, of: dominator, by: later[next].0) { stillDominated = false }
                        // Insert w into the sorted common neighbourhood.
                        var p = common.count
                        common.append(w)
                        while p > 0 && common[p - 1] > w { common[p] = common[p - 1]; p -= 1 }
                        common[p] = w
                        next += 1
                    }
                }
            }
            if dead {
                graph.setValue(u, v, .infinity)
            } else {
                if time != inputTime {
                    graph.setValue(u, v, time)
                }
                result.append(FilteredEdge(u: u, v: v, filtration: time))
            }
        }
        return result
    }
}

/// Neighbour lists of a filtered graph in CSR form, each sorted by vertex,
/// with the value at which each neighbour appears: the one graph builder of
/// the edge collapse and the sparse Rips engine. `closed` puts each vertex
/// in its own list (value -infinity). Raw storage, so the hot loops do no
/// reference counting (which two threads would contend on).
final class NeighborLists: @unchecked Sendable {
    let offsets: UnsafeMutablePointer<Int>
    let neighbor: UnsafeMutablePointer<Int32>
    let value: UnsafeMutablePointer<Double>

    /// Edges without loops or duplicates, vertices in `0 ..< n`.
    init(_ edges: [FilteredEdge], vertexCount n: Int, closed: Bool) {
        offsets = .allocate(capacity: n + 1)
        offsets[0] = 0
        var degree = [Int](repeating: closed ? 1 : 0, count: n)
        for e in edges { degree[e.u] += 1; degree[e.v] += 1 }
        for v in 0..<n { offsets[v + 1] = offsets[v] + degree[v] }
        let m = offsets[n]
        neighbor = .allocate(capacity: Swift.max(1, m))
        value = .allocate(capacity: Swift.max(1, m))
        var fill = (0..<n).map { offsets[$0] }
        if closed {
            for v in 0..<n { neighbor[fill[v]] = Int32(v); value[fill[v]] = -.infinity; fill[v] += 1 }
        }
        for e in edges {
            neighbor[fill[e.u]] = Int32(e.v); value[fill[e.u]] = e.filtration; fill[e.u] += 1
            neighbor[fill[e.v]] = Int32(e.u); value[fill[e.v]] = e.filtration; fill[e.v] += 1
        }
        for v in 0..<n {
            let a = offsets[v], b = offsets[v + 1]
            if b - a < 2 { continue }
            var list = (a..<b).map { (neighbor[$0], value[$0]) }
            list.sort { $0.0 < $1.0 }
            for (t, p) in list.enumerated() { neighbor[a + t] = p.0; value[a + t] = p.1 }
        }
    }

    deinit {
        offsets.deallocate()
        neighbor.deallocate()
        value.deallocate()
    }
}

/// Closed neighbourhoods of a filtered graph (`NeighborLists` with each
/// vertex in its own list); a removed edge keeps its slot with value
/// +infinity (never present).
final class CollapseGraph: @unchecked Sendable {
    let n: Int
    let lists: NeighborLists
    let offsets: UnsafeMutablePointer<Int>
    let neighbor: UnsafeMutablePointer<Int32>
    let value: UnsafeMutablePointer<Double>

    init(_ edges: [FilteredEdge], vertexCount n: Int) {
        self.n = n
        lists = NeighborLists(edges, vertexCount: n, closed: true)
        offsets = lists.offsets
        neighbor = lists.neighbor
        value = lists.value
    }

    /// Position of w in the list of v, or the end of v's list.
    @inline(__always)
    func slot(_ v: Int, _ w: Int32) -> Int {
        var lo = offsets[v], hi = offsets[v + 1]
        while lo < hi {
            let mid = (lo + hi) >> 1
            if neighbor[mid] < w { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[v + 1] && neighbor[lo] == w ? lo : offsets[v + 1]
    }

    func isNeighbor(_ w: Int32, of c: Int, by time: Double) -> Bool {
        let s = slot(c, w)
        return s != offsets[c + 1] && value[s] <= time
    }

    func setValue(_ u: Int, _ v: Int, _ x: Double) {
        value[slot(u, Int32(v))] = x
        value[slot(v, Int32(u))] = x
    }

    /// The common neighbours of u and v (other than u, v) present at `time`
    /// (sorted), and, when `later` is given, those that appear afterwards
    /// with their appearance time.
    func commonNeighbors(_ u: Int, _ v: Int, _ time: Double,
                         _ common: inout [Int32], _ later: inout [(Double, Int32)], collectLater: Bool = true) {
        common.removeAll(keepingCapacity: true)
        later.removeAll(keepingCapacity: true)
        let nb = neighbor, vl = value
        var ui = offsets[u], vi = offsets[v]
        let ue = offsets[u + 1], ve = offsets[v + 1]
        while ui < ue && vi < ve {
            let a = nb[ui], b = nb[vi]
            if a < b { ui &+= 1; continue }
            if a > b { vi &+= 1; continue }
            if Int(a) != u && Int(a) != v {
                let f = Swift.max(vl[ui], vl[vi])
                if f <= time {
                    common.append(a)
                } else if collectLater && f != .infinity {
                    // (+infinity: a removed edge, never a neighbour)
                    later.append((f, a))
                }
            }
            ui &+= 1; vi &+= 1
        }
    }

    /// The first vertex of `common` whose neighbourhood at `time` contains
    /// all of `common`, or -1.
    func dominator(of common: [Int32], at time: Double) -> Int {
        let nb = neighbor, vl = value
        return common.withUnsafeBufferPointer { cm in
            for c in cm {
                var ci = offsets[Int(c)]
                let ce = offsets[Int(c) + 1]
                var dominates = true
                for w in cm {
                    while ci < ce && nb[ci] < w { ci &+= 1 }
                    if ci == ce || nb[ci] != w || vl[ci] > time { dominates = false; break }
                    ci &+= 1
                }
                if dominates { return Int(c) }
            }
            return -1
        }
    }
}
