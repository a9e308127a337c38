/// The Delaunay triangulation of distinct points in 2D or 3D (or of their
/// affine hull when it is lower-dimensional), built incrementally by
/// Bowyer–Watson with exact predicates (Bowyer 1981, Watson 1981; the
/// infinite-vertex formulation of CGAL's `Delaunay_triangulation_3`).
///
/// A point's conflict region is the set of cells whose circumsphere holds
/// it strictly inside (plus the infinite cells whose hull facet it sees, or
/// whose facet's circumball holds it when coplanar); the region is
/// star-shaped from the point, so replacing it by the cone from the point
/// keeps a Delaunay triangulation — with cospherical points, one of the
/// several Delaunay triangulations. Points are inserted in Morton (Z) order
/// so each walk to the conflict region starts near it.
struct Delaunay {
    static let infinite: Int32 = -1
    let geometry: ExactGeometry
    /// Intrinsic dimension k: cells have k + 1 vertices.
    private(set) var k = 0
    /// Coordinate axes on which orientations of k + 1 points are measured.
    private(set) var axes: (Int, Int, Int) = (0, 1, 2)
    var cells: [Int32] = []
    var neighbors: [Int32] = []
    var alive: [Bool] = []
    var freeCells: [Int32] = []
    var lastFinite: Int32 = 0
    var mark: [UInt32] = []
    var stamp: UInt32 = 0
    // Reused buffers of one insertion.
    var conflict: [Int32] = []
    var stack: [Int32] = []
    var boundary: [(Int32, Int)] = []
    var ridgeKeys: [UInt64] = []
    var ridgeCells: [(Int32, Int)] = []
    var created: [Int32] = []

    init(geometry: ExactGeometry) { self.geometry = geometry }

    var width: Int { k + 1 }

    @inline(__always) func neighbor(_ c: Int32, _ i: Int) -> Int32 { neighbors[Int(c) &* width &+ i] }
    @inline(__always) func infiniteSlot(_ c: Int32) -> Int? {
        let b = Int(c) &* width
        for i in 0..<width where cells[b &+ i] == Self.infinite { return i }
        return nil
    }
    @inline(__always) func isInfinite(_ c: Int32) -> Bool { infiniteSlot(c) != nil }

    /// The cell's vertices, slot i replaced by q when i >= 0.
    @inline(__always) func verts(_ c: Int32, replacing i: Int = -1, by q: Int32 = 0) -> Verts {
        var v = Verts()
        let b = Int(c) &* width
        for s in 0..<width { v.append(s == i ? q : cells[b &+ s]) }
        return v
    }

    @inline(__always) func orient(_ v: Verts) -> Int { geometry.orient(v, axes.0, axes.1, axes.2) }

    /// Axes on which the vectors p_i - p_0 are independent, or nil.
    func independentAxes(_ p: [Int32]) -> (Int, Int, Int)? {
        let j = p.count - 1
        let d = geometry.dimension
        var combos: [[Int]] = []
        func rec(_ start: Int, _ cur: [Int]) {
            if cur.count == j { combos.append(cur); return }
            if start >= d { return }
            for a in start..<d { rec(a + 1, cur + [a]) }
        }
        rec(0, [])
        for a in combos {
            let t = (a[0], a.count > 1 ? a[1] : 0, a.count > 2 ? a[2] : 0)
            if geometry.orient(Verts(p), t.0, t.1, t.2) != 0 { return t }
        }
        return nil
    }

    /// Builds the triangulation of the points `order` (distinct), inserted in that order.
    mutating func build(_ order: [Int32]) {
        guard let first = order.first else { return }
        var simplex: [Int32] = [first]
        var chosen = Set<Int32>([first])
        let d = geometry.dimension
        // Grow an affinely independent simplex greedily along the order.
        var scan = 1
        while simplex.count <= d, scan < order.count {
            let q = order[scan]
            scan += 1
            if let a = independentAxes(simplex + [q]) {
                simplex.append(q); chosen.insert(q); axes = a
            }
        }
        k = simplex.count - 1
        guard k >= 1 else { return }
        if orient(Verts(simplex)) < 0 { simplex.swapAt(0, 1) }
        // The first cell and its k + 1 infinite neighbours.
        cells = simplex
        neighbors = [Int32](repeating: -1, count: width)
        alive = [true]
        for i in 0...k {
            var c = simplex
            c[i] = Self.infinite
            let j = i == 0 ? 1 : 0
            c.swapAt(i, j)
            let id = Int32(alive.count)
            cells += c
            var nb = [Int32](repeating: -1, count: width)
            nb[j] = 0
            neighbors += nb
            alive.append(true)
            neighbors[i] = id
        }
        // Infinite cells share a facet with each other: match by vertex sets.
        for a in 1...(k + 1) {
            for b in (a + 1)..<(k + 2) {
                let va = Array(cells[a * width..<(a + 1) * width]), vb = Array(cells[b * width..<(b + 1) * width])
                if let sa = va.firstIndex(where: { !vb.contains($0) }), let sb = vb.firstIndex(where: { !va.contains($0) }) {
                    neighbors[a * width + sa] = Int32(b)
                    neighbors[b * width + sb] = Int32(a)
                }
            }
        }
        lastFinite = 0
        mark = [UInt32](repeating: 0, count: alive.count)
        for q in order where !chosen.contains(q) { insert(q) }
    }

    /// Whether cell c is in conflict with q.
    func inConflict(_ c: Int32, _ q: Int32) -> Bool {
        if let s = infiniteSlot(c) {
            let o = orient(verts(c, replacing: s, by: q))
            if o != 0 { return o > 0 }
            return geometry.insideCircumball(verts(c).removing(s), q)
        }
        let v = verts(c)
        if k == geometry.dimension { return geometry.inSphere(v, q) > 0 }
        return geometry.insideCircumball(v, q)
    }

    /// A cell in conflict with q, by a visibility walk from the last cell.
    mutating func locate(_ q: Int32) -> Int32 {
        var c = lastFinite
        if !alive[Int(c)] || isInfinite(c) { c = Int32(alive.indices.first { alive[$0] && !isInfinite(Int32($0)) } ?? 0) }
        var steps = 0
        var rotation = 0
        let limit = 4 * alive.count + 100
        walk: while !isInfinite(c) {
            rotation &+= 1
            for t in 0..<width {
                let i = (t &+ rotation) % width
                if orient(verts(c, replacing: i, by: q)) < 0 {
                    c = neighbor(c, i)
                    steps += 1
                    if steps > limit { break walk }
                    continue walk
                }
            }
            return c
        }
        if steps <= limit, inConflict(c, q) { return c }
        // Fallback (never expected): any cell in conflict.
        for i in alive.indices where alive[i] && inConflict(Int32(i), q) { return Int32(i) }
        return c
    }

    mutating func newCell() -> Int32 {
        if let c = freeCells.popLast() { alive[Int(c)] = true; return c }
        let c = Int32(alive.count)
        alive.append(true)
        mark.append(0)
        for _ in 0..<width { cells.append(0); neighbors.append(-1) }
        return c
    }

    /// Inserts q: conflict region by search from a located cell, then the
    /// cone from q over its boundary. Cost: proportional to the region.
    mutating func insert(_ q: Int32) {
        let start = locate(q)
        stamp &+= 2
        if stamp < 2 { for i in mark.indices { mark[i] = 0 }; stamp = 2 }
        let inMark = stamp, outMark = stamp + 1
        conflict.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        boundary.removeAll(keepingCapacity: true)
        conflict.append(start); stack.append(start)
        mark[Int(start)] = inMark
        while let c = stack.popLast() {
            for i in 0..<width {
                let n = neighbor(c, i)
                let mk = mark[Int(n)]
                if mk == inMark { continue }
                if mk == outMark { boundary.append((c, i)); continue }
                if inConflict(n, q) {
                    mark[Int(n)] = inMark; conflict.append(n); stack.append(n)
                } else {
                    mark[Int(n)] = outMark; boundary.append((c, i))
                }
            }
        }
        // Cone from q over the boundary of the conflict region; the new
        // cells meet along ridges through q, matched by their other vertices.
        ridgeKeys.removeAll(keepingCapacity: true)
        ridgeCells.removeAll(keepingCapacity: true)
        // Small regions: linear scan of open ridges; large ones (many
        // cospherical points): a hash map.
        let large = boundary.count > 96
        var ridgeMap: [UInt64: (Int32, Int)] = [:]
        created.removeAll(keepingCapacity: true)
        for (c, i) in boundary {
            let v = verts(c, replacing: i, by: q)
            let outside = neighbor(c, i)
            let nc = newCell()
            let b = Int(nc) * width
            for s in 0..<width { cells[b + s] = v[s]; neighbors[b + s] = -1 }
            neighbors[b + i] = outside
            let ob = Int(outside) * width
            for s in 0..<width where neighbors[ob + s] == c { neighbors[ob + s] = nc }
            created.append(nc)
            for s in 0..<width where s != i {
                // The ridge opposite slots s and i: k - 1 <= 2 other vertices.
                var lo = UInt64.max, hi: UInt64 = 0
                for t in 0..<width where t != s && t != i {
                    let part = UInt64(UInt32(bitPattern: v[t] &+ 1))
                    lo = Swift.min(lo, part); hi = Swift.max(hi, part)
                }
                let key = lo == UInt64.max ? 0 : (hi << 32 | lo)
                if large {
                    if let (other, os) = ridgeMap.removeValue(forKey: key) {
                        neighbors[b + s] = other
                        neighbors[Int(other) * width + os] = nc
                    } else {
                        ridgeMap[key] = (nc, s)
                    }
                } else if let at = ridgeKeys.firstIndex(of: key) {
                    let (other, os) = ridgeCells[at]
                    neighbors[b + s] = other
                    neighbors[Int(other) * width + os] = nc
                    ridgeKeys.swapAt(at, ridgeKeys.count - 1); ridgeKeys.removeLast()
                    ridgeCells.swapAt(at, ridgeCells.count - 1); ridgeCells.removeLast()
                } else {
                    ridgeKeys.append(key); ridgeCells.append((nc, s))
                }
            }
        }
        for c in conflict { alive[Int(c)] = false; freeCells.append(c) }
        for c in created where !isInfinite(c) { lastFinite = c; break }
    }

    /// The finite cells' vertices, each sorted, one after the other.
    func finiteCells() -> [Int32] {
        var out: [Int32] = []
        var v = [Int32](repeating: 0, count: width)
        for c in alive.indices where alive[c] && !isInfinite(Int32(c)) {
            for s in 0..<width { v[s] = cells[c * width + s] }
            v.sort()
            out.append(contentsOf: v)
        }
        return out
    }
}
