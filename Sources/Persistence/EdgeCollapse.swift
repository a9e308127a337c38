import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

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
    /// in decreasing order of original filtration value (ties by input
    /// position). Self-loops and duplicate edges must not be present.
    ///
    /// With `threads` >= 2 a second thread runs ahead of the sweep and does
    /// the first domination test of each edge (its common neighbours and a
    /// dominator at its own value): that test only reads edges of smaller
    /// value, which the sweep has not touched yet, so it gives what the sweep
    /// would. Edges whose value another edge shares are left to the sweep.
    /// The result is the same for every thread count.
    public static func collapse(_ edges: [FilteredEdge], vertexCount n: Int, threads: Int = 1) -> [FilteredEdge] {
        collapse(edges, vertexCount: n, threads: threads, chunkSize: 256, window: 8)
    }

    /// `collapse(_:vertexCount:threads:)` with the look-ahead's chunk size
    /// (edges) and window (chunks in flight) given, for tests.
    static func collapse(_ edges: [FilteredEdge], vertexCount n: Int, threads: Int, chunkSize: Int,
                         window: Int) -> [FilteredEdge] {
        guard !edges.isEmpty else { return [] }
        // Edges by decreasing filtration value, ties by input position.
        var keyed = [DiameterEntry]()
        keyed.reserveCapacity(edges.count)
        for (k, e) in edges.enumerated() { keyed.append(DiameterEntry(diameter: e.filtration, entry: Int64(k))) }
        sortEntries(&keyed, threads: threads) { a, b in
            a.diameter > b.diameter || (a.diameter == b.diameter && a.entry < b.entry)
        }
        let order = keyed.map { Int($0.entry) }
        keyed = []
        let graph = CollapseGraph(edges, vertexCount: n)
        var sweep = CollapseSweep(graph: graph, capacity: edges.count)
        if threads < 2 || edges.count < 2 * chunkSize {
            for k in order { sweep.process(edges[k], first: nil) }
            return sweep.result
        }
        let lookAhead = CollapseLookAhead(edges: edges, order: order, graph: graph,
                                          chunkSize: chunkSize, window: window)
        lookAhead.run(marks: sweep.marks) { chunk, base in
            for i in 0..<chunk.count {
                let e = edges[order[base + i]]
                switch chunk.status[i] {
                case CollapseChunk.undominated:
                    sweep.result.append(e)
                case CollapseChunk.unknown:
                    sweep.process(e, first: nil)
                default:
                    sweep.process(e, first: (chunk, i))
                }
            }
        }
        return sweep.result
    }
}

/// 1 for true, 0 for false, without a branch (a Bool is stored as 0 or 1).
@inline(__always)
func bit(_ b: Bool) -> Int { Int(unsafeBitCast(b, to: UInt8.self)) }

/// A growable array of trivial values in raw storage, for the collapse's
/// inner loops: `reserve(extra:)` first, then `append` checks nothing.
final class GrowingBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private var capacity: Int

    init(capacity: Int = 64) {
        self.capacity = Swift.max(1, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Room for `extra` more elements.
    @inline(__always)
    func reserve(extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var c = capacity
        while c < needed { c *= 2 }
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: c)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = c
    }

    @inline(__always)
    func append(_ x: Element) {
        base[count] = x
        count &+= 1
    }

    var buffer: UnsafeMutableBufferPointer<Element> { UnsafeMutableBufferPointer(start: base, count: count) }
}

/// Per-thread marks for intersecting two neighbour lists without a merge
/// (whose data-dependent branches mispredict): the longer list is marked
/// (`stamp`, and the slot of each vertex in it), the shorter scanned, and
/// each of its entries kept or not by arithmetic, no branch.
final class NeighborMarks {
    let n: Int
    let stamp: UnsafeMutablePointer<UInt32>
    let slot: UnsafeMutablePointer<Int>
    var current: UInt32 = 0

    init(vertexCount n: Int) {
        self.n = Swift.max(1, n)
        stamp = .allocate(capacity: self.n)
        stamp.initialize(repeating: 0, count: self.n)
        slot = .allocate(capacity: self.n)
        slot.initialize(repeating: 0, count: self.n)  // any slot is a valid index: stale ones are read, never used
    }

    deinit {
        stamp.deallocate()
        slot.deallocate()
    }

    /// Marks the list of `o`: afterwards `stamp[x] == current` exactly for its vertices.
    @inline(__always)
    func mark(_ o: Int, _ graph: CollapseGraph) {
        if current == .max {
            stamp.update(repeating: 0, count: n)
            current = 0
        }
        current &+= 1
        let nb = graph.neighbor, c = current
        for p in graph.offsets[o]..<graph.offsets[o + 1] {
            let x = Int(nb[p])
            stamp[x] = c
            slot[x] = p
        }
    }
}

/// The backward sweep's state: one edge at a time, from the last.
struct CollapseSweep {
    let graph: CollapseGraph
    var result: [FilteredEdge] = []
    let common = GrowingBuffer<Int32>()            // common neighbours present at `time`, sorted
    let later = GrowingBuffer<(Double, Int32)>()   // common neighbours that appear after `time`
    let marks: NeighborMarks

    init(graph: CollapseGraph, capacity: Int) {
        self.graph = graph
        marks = NeighborMarks(vertexCount: graph.n)
        result.reserveCapacity(capacity)
    }

    /// Collapses `e` against the edges after it: keeps it at its value,
    /// delays it, or removes it. `first`, when given, is the look-ahead's
    /// record for `e` (its common neighbours at its value, the slots of
    /// those that come later, and the first dominator).
    mutating func process(_ e: FilteredEdge, first: (CollapseChunk, Int)?) {
        let u = e.u, v = e.v
        let inputTime = e.filtration
        var time = inputTime
        var dominator: Int
        if let (chunk, i) = first {
            let value = graph.value
            let c0 = Int(chunk.commonStart[i]), c1 = Int(chunk.commonStart[i + 1])
            common.count = 0
            common.reserve(extra: c1 - c0)
            common.base.update(from: chunk.common.base + c0, count: c1 - c0)
            common.count = c1 - c0
            let l0 = Int(chunk.laterStart[i]), l1 = Int(chunk.laterStart[i + 1])
            later.count = 0
            later.reserve(extra: l1 - l0)
            let w = chunk.laterVertex.base, s = chunk.laterSlots.base
            for p in l0..<l1 {
                // The values now: edges after `e` may have been delayed or removed.
                let f = Swift.max(value[s[2 * p]], value[s[2 * p + 1]])
                if f != .infinity { later.append((f, w[p])) }
            }
            dominator = Int(chunk.status[i])
        } else {
            graph.commonNeighbors(u, v, time, common, later, marks)
            dominator = graph.dominator(of: UnsafeBufferPointer(common.buffer), at: time, values: graph.value)
        }
        var next = 0
        var dead = false
        if dominator != -1 {
            // Only a dominated edge needs its later neighbours in order.
            var pending = later.buffer
            pending.sort { $0.0 < $1.0 }
        }
        let lt = later.base
        search: while dominator != -1 {
            // Advance time while the dominator still dominates.
            var stillDominated = true
            while stillDominated {
                if next == later.count { dead = true; break search }
                time = lt[next].0
                common.reserve(extra: later.count - next)
                let cm = common.base
                while next < later.count && lt[next].0 <= time {
                    let w = lt[next].1
                    if !graph.isNeighbor(w, of: dominator, by: lt[next].0) { stillDominated = false }
                    // Insert w into the sorted common neighbourhood.
                    var p = common.count
                    while p > 0 && cm[p - 1] > w { cm[p] = cm[p - 1]; p -= 1 }
                    cm[p] = w
                    common.count += 1
                    next += 1
                }
            }
            dominator = graph.dominator(of: UnsafeBufferPointer(common.buffer), at: time, values: graph.value)
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
}

/// One chunk of the look-ahead's records, for consecutive edges of the
/// sweep. `ready` holds the index of the chunk whose records are complete.
final class CollapseChunk: @unchecked Sendable {
    /// `status` for an edge whose value another edge shares: the sweep does it all.
    static let unknown: Int32 = -2
    /// `status` for an edge that no vertex dominates at its value: kept as is.
    static let undominated: Int32 = -1

    let ready = Atomic<Int>(-1)
    var count = 0
    /// Per edge: `unknown`, `undominated`, or its first dominator.
    let status: UnsafeMutablePointer<Int32>
    /// Per edge, where its common neighbours (present at its value, sorted)
    /// start in `common`; one more entry at the end.
    let commonStart: UnsafeMutablePointer<Int>
    let common = GrowingBuffer<Int32>(capacity: 4096)
    /// Per edge, where its later common neighbours start in `laterVertex`;
    /// `laterSlots` has the two CSR slots (uw and vw) of each.
    let laterStart: UnsafeMutablePointer<Int>
    let laterVertex = GrowingBuffer<Int32>(capacity: 4096)
    let laterSlots = GrowingBuffer<Int>(capacity: 8192)

    init(chunkSize: Int) {
        status = .allocate(capacity: chunkSize)
        commonStart = .allocate(capacity: chunkSize + 1)
        laterStart = .allocate(capacity: chunkSize + 1)
    }

    deinit {
        status.deallocate()
        commonStart.deallocate()
        laterStart.deallocate()
    }

    /// The first domination test of each edge of `edges[order[base ..< base + size]]`,
    /// on the graph's input values (which the sweep never changes for
    /// edges of smaller value).
    func fill(edges: [FilteredEdge], order: [Int], base: Int, size: Int, graph: CollapseGraph,
              marks: NeighborMarks) {
        count = size
        common.count = 0
        laterVertex.count = 0
        laterSlots.count = 0
        let nb = graph.neighbor, vl = graph.inputValue, offsets = graph.offsets
        edges.withUnsafeBufferPointer { edges in
        order.withUnsafeBufferPointer { order in
            for i in 0..<size {
                commonStart[i] = common.count
                laterStart[i] = laterVertex.count
                let k = base + i
                let e = edges[order[k]]
                let t = e.filtration
                if (k > 0 && edges[order[k - 1]].filtration == t)
                    || (k + 1 < order.count && edges[order[k + 1]].filtration == t) {
                    status[i] = CollapseChunk.unknown
                    continue
                }
                let u = e.u, v = e.v
                // Mark the longer list, scan the shorter (sorted: the output is too).
                let (sh, lo) = offsets[u + 1] - offsets[u] <= offsets[v + 1] - offsets[v] ? (u, v) : (v, u)
                marks.mark(lo, graph)
                let most = offsets[sh + 1] - offsets[sh]
                common.reserve(extra: most)
                laterVertex.reserve(extra: most)
                laterSlots.reserve(extra: 2 * most)
                let commonMark = common.count
                let cm = common.base, lw = laterVertex.base, ls = laterSlots.base
                var nc = common.count, nl = laterVertex.count
                let stamp = marks.stamp, slot = marks.slot, current = marks.current
                let su = Int32(u), sv = Int32(v)
                for p in offsets[sh]..<offsets[sh + 1] {
                    let a = nb[p]
                    let q = slot[Int(a)]
                    let isCommon = bit(stamp[Int(a)] == current) & bit(a != su) & bit(a != sv)
                    let f = Swift.max(vl[p], vl[q])
                    let now = bit(f <= t)
                    cm[nc] = a
                    nc &+= isCommon & now
                    lw[nl] = a; ls[2 * nl] = p; ls[2 * nl + 1] = q
                    nl &+= isCommon & (now ^ 1) & bit(f != .infinity)
                }
                let dominator = graph.dominator(of: UnsafeBufferPointer(start: cm + commonMark, count: nc - commonMark),
                                                at: t, values: vl)
                if dominator == -1 {
                    status[i] = CollapseChunk.undominated  // nothing kept
                } else {
                    status[i] = Int32(dominator)
                    common.count = nc
                    laterVertex.count = nl
                    laterSlots.count = 2 * nl
                }
            }
        }
        }
        commonStart[size] = common.count
        laterStart[size] = laterVertex.count
    }
}

/// The look-ahead of the parallel edge collapse: a helper thread fills
/// chunks of records ahead of the sweep, at most `window` chunks ahead;
/// the sweep fills a chunk itself when the helper has not started it.
final class CollapseLookAhead: @unchecked Sendable {
    let edges: [FilteredEdge]
    let order: [Int]
    let graph: CollapseGraph
    let chunkSize: Int
    let chunkCount: Int
    let slots: [CollapseChunk]
    /// Chunks handed out (to the helper, or taken by the sweep).
    let claimed = Atomic<Int>(0)
    /// Chunks the sweep has finished with.
    let consumed = Atomic<Int>(0)

    init(edges: [FilteredEdge], order: [Int], graph: CollapseGraph, chunkSize: Int, window: Int) {
        self.edges = edges
        self.order = order
        self.graph = graph
        let size = Swift.max(1, chunkSize)
        self.chunkSize = size
        chunkCount = (order.count + size - 1) / size
        slots = (0..<Swift.max(1, window)).map { _ in CollapseChunk(chunkSize: size) }
    }

    private func fill(_ j: Int, _ marks: NeighborMarks) {
        let base = j * chunkSize
        slots[j % slots.count].fill(edges: edges, order: order, base: base,
                                    size: Swift.min(chunkSize, order.count - base), graph: graph, marks: marks)
    }

    /// The helper: claims chunks in turn, each once its slot is free.
    private func help() {
        let marks = NeighborMarks(vertexCount: graph.n)
        while true {
            let j = claimed.add(1, ordering: .relaxed).oldValue
            if j >= chunkCount { return }
            while j >= consumed.load(ordering: .acquiring) + slots.count { sched_yield() }
            fill(j, marks)
            slots[j % slots.count].ready.store(j, ordering: .releasing)
        }
    }

    /// Hands every chunk to `consume` in order, with the position of its first edge.
    func run(marks: NeighborMarks, _ consume: (CollapseChunk, Int) -> Void) {
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { self.help() }
        for j in 0..<chunkCount {
            let slot = slots[j % slots.count]
            if slot.ready.load(ordering: .acquiring) != j {
                if claimed.compareExchange(expected: j, desired: j + 1, ordering: .relaxed).exchanged {
                    fill(j, marks)  // the helper has not got here: the sweep fills it
                } else {
                    while slot.ready.load(ordering: .acquiring) != j { sched_yield() }
                }
            }
            consume(slot, j * chunkSize)
            consumed.store(j + 1, ordering: .releasing)
        }
        group.wait()
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
    ///
    /// No sort: the edges go into unsorted lists first, then each list is
    /// read in vertex order and every entry moved to its neighbour's final
    /// list, which so fills in increasing order (a transpose, O(n + m)).
    init(_ edges: [FilteredEdge], vertexCount n: Int, closed: Bool) {
        offsets = .allocate(capacity: n + 1)
        offsets[0] = 0
        var degree = [Int](repeating: closed ? 1 : 0, count: n)
        for e in edges { degree[e.u] += 1; degree[e.v] += 1 }
        for v in 0..<n { offsets[v + 1] = offsets[v] + degree[v] }
        let m = offsets[n]
        neighbor = .allocate(capacity: Swift.max(1, m))
        value = .allocate(capacity: Swift.max(1, m))
        // Unsorted lists (without the vertex itself) in scratch storage.
        let scratchNeighbor = UnsafeMutablePointer<Int32>.allocate(capacity: Swift.max(1, m))
        let scratchValue = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, m))
        defer {
            scratchNeighbor.deallocate()
            scratchValue.deallocate()
        }
        var fill = [Int](repeating: 0, count: n)
        for v in 0..<n { fill[v] = offsets[v] }
        for e in edges {
            scratchNeighbor[fill[e.u]] = Int32(e.v); scratchValue[fill[e.u]] = e.filtration; fill[e.u] += 1
            scratchNeighbor[fill[e.v]] = Int32(e.u); scratchValue[fill[e.v]] = e.filtration; fill[e.v] += 1
        }
        // The transpose: v goes into w's list for every neighbour w of v, v increasing.
        for v in 0..<n { fill[v] = offsets[v] }
        for v in 0..<n {
            if closed {
                neighbor[fill[v]] = Int32(v); value[fill[v]] = -.infinity; fill[v] += 1
            }
            let end = offsets[v] + degree[v] - (closed ? 1 : 0)
            for p in offsets[v]..<end {
                let w = Int(scratchNeighbor[p])
                neighbor[fill[w]] = Int32(v); value[fill[w]] = scratchValue[p]; fill[w] += 1
            }
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
    /// The input values, which the sweep never changes (read by the look-ahead).
    let inputValue: UnsafeMutablePointer<Double>

    init(_ edges: [FilteredEdge], vertexCount n: Int) {
        self.n = n
        lists = NeighborLists(edges, vertexCount: n, closed: true)
        offsets = lists.offsets
        neighbor = lists.neighbor
        value = lists.value
        let m = Swift.max(1, offsets[n])
        inputValue = .allocate(capacity: m)
        inputValue.initialize(from: value, count: m)
    }

    deinit { inputValue.deallocate() }

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
    /// (sorted), and those that appear afterwards with their appearance time.
    func commonNeighbors(_ u: Int, _ v: Int, _ time: Double,
                         _ common: GrowingBuffer<Int32>, _ later: GrowingBuffer<(Double, Int32)>,
                         _ marks: NeighborMarks) {
        let nb = neighbor, vl = value
        // Mark the longer list, scan the shorter (sorted: the output is too).
        let (sh, lo) = offsets[u + 1] - offsets[u] <= offsets[v + 1] - offsets[v] ? (u, v) : (v, u)
        marks.mark(lo, self)
        let most = offsets[sh + 1] - offsets[sh]
        common.count = 0
        later.count = 0
        common.reserve(extra: most)
        later.reserve(extra: most)
        let cm = common.base, lt = later.base
        var nc = 0, nl = 0
        let stamp = marks.stamp, slot = marks.slot, current = marks.current
        let su = Int32(u), sv = Int32(v)
        for p in offsets[sh]..<offsets[sh + 1] {
            let a = nb[p]
            let isCommon = bit(stamp[Int(a)] == current) & bit(a != su) & bit(a != sv)
            let f = Swift.max(vl[p], vl[slot[Int(a)]])
            let now = bit(f <= time)
            cm[nc] = a
            nc &+= isCommon & now
            // (+infinity: a removed edge, never a neighbour)
            lt[nl] = (f, a)
            nl &+= isCommon & (now ^ 1) & bit(f != .infinity)
        }
        common.count = nc
        later.count = nl
    }

    /// The first vertex of `cm` whose neighbourhood at `time` (on the
    /// values `vl`: the current or the input ones) contains all of `cm`, or -1.
    @inline(__always)
    func dominator(of cm: UnsafeBufferPointer<Int32>, at time: Double, values vl: UnsafeMutablePointer<Double>) -> Int {
        let nb = neighbor
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
