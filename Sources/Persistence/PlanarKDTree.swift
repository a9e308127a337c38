/// A static 2-d tree over planar points for L-infinity queries, in an
/// implicit layout: the points of a range [lo, hi) are stored with the
/// splitting point at mid = (lo + hi) / 2, the left subtree in [lo, mid) and
/// the right one in [mid + 1, hi); the split coordinate alternates with the
/// depth. Each node keeps the bounding box of its subtree and how many of its
/// points are still alive, so "any alive point within r of q" prunes empty
/// and far subtrees, and deleting a point costs one root-to-node walk.
///
/// Several independent trees can live side by side in one instance, each on
/// its own contiguous segment (the layers of a Hopcroft–Karp phase).
///
/// Pruning is exact in floating point: for a point p inside a box,
/// fl(q - p) >= fl(q - box.max) whenever q > box.max (rounding is
/// monotone), so a subtree is skipped only when none of its points can pass
/// the test `max(|qx - px|, |qy - py|) <= r` as computed.
///
/// - Complexity: build O(n log^2 n); a query O(sqrt n + k) for a well spread
///   segment; a deletion O(log n).
///   Reference: J. L. Bentley, "Multidimensional binary search trees used for
///   associative searching", CACM 18 (1975).
struct PlanarKDTree {
    /// Coordinates in tree order.
    private(set) var x: [Double]
    private(set) var y: [Double]
    /// The caller's identifier of the point at each position.
    private(set) var id: [Int32]
    /// Subtree bounding box of the node at each position: minX, maxX, minY, maxY.
    private var box: [Double]
    /// Alive points in the subtree of the node at each position.
    private var aliveCount: [Int32]
    private var alive: [Bool]
    /// Position of each identifier (identifiers are 0..<capacity).
    private var position: [Int32]
    /// Segment boundaries: tree k occupies [segments[k], segments[k + 1]).
    private(set) var segments: [Int] = [0]

    /// Room for `capacity` points with identifiers 0..<capacity.
    init(capacity: Int) {
        x = []; y = []; id = []; box = []; aliveCount = []; alive = []
        x.reserveCapacity(capacity); y.reserveCapacity(capacity); id.reserveCapacity(capacity)
        position = [Int32](repeating: -1, count: capacity)
    }

    /// Drops every tree (keeps the storage).
    mutating func removeAll() {
        for k in id { position[Int(k)] = -1 }
        x.removeAll(keepingCapacity: true); y.removeAll(keepingCapacity: true); id.removeAll(keepingCapacity: true)
        box.removeAll(keepingCapacity: true); aliveCount.removeAll(keepingCapacity: true); alive.removeAll(keepingCapacity: true)
        segments = [0]
    }

    /// Appends one tree over the given points (identifiers with coordinates).
    mutating func appendTree(ids: [Int32], xs: [Double], ys: [Double]) {
        let base = x.count, count = ids.count
        var order = [Int32](0..<Int32(count))
        // Arrange `order` so every range holds its median (by the range's
        // split coordinate) at its middle.
        var stack: [(lo: Int, hi: Int, depth: Int)] = [(0, count, 0)]
        while let (lo, hi, depth) = stack.popLast() {
            if hi - lo <= 1 { continue }
            let mid = (lo + hi) >> 1
            let key = depth & 1 == 0 ? xs : ys
            order[lo..<hi].sort { key[Int($0)] < key[Int($1)] || (key[Int($0)] == key[Int($1)] && $0 < $1) }
            stack.append((lo, mid, depth + 1))
            stack.append((mid + 1, hi, depth + 1))
        }
        for t in 0..<count {
            let k = Int(order[t])
            x.append(xs[k]); y.append(ys[k]); id.append(ids[k])
            position[Int(ids[k])] = Int32(base + t)
        }
        box.append(contentsOf: repeatElement(0, count: 4 * count))
        aliveCount.append(contentsOf: repeatElement(0, count: count))
        alive.append(contentsOf: repeatElement(true, count: count))
        segments.append(base + count)
        fillBoxes(base, base + count)
    }

    /// Boxes and counts bottom-up by an explicit post-order walk.
    private mutating func fillBoxes(_ lo0: Int, _ hi0: Int) {
        if hi0 <= lo0 { return }
        var stack: [(lo: Int, hi: Int, done: Bool)] = [(lo0, hi0, false)]
        while let (lo, hi, done) = stack.popLast() {
            let mid = (lo + hi) >> 1
            if !done {
                stack.append((lo, hi, true))
                if mid > lo { stack.append((lo, mid, false)) }
                if hi > mid + 1 { stack.append((mid + 1, hi, false)) }
                continue
            }
            var minX = x[mid], maxX = x[mid], minY = y[mid], maxY = y[mid]
            var c: Int32 = 1
            for child in [(lo, mid), (mid + 1, hi)] where child.1 > child.0 {
                let k = (child.0 + child.1) >> 1
                minX = Swift.min(minX, box[4 * k]); maxX = Swift.max(maxX, box[4 * k + 1])
                minY = Swift.min(minY, box[4 * k + 2]); maxY = Swift.max(maxY, box[4 * k + 3])
                c += aliveCount[k]
            }
            box[4 * mid] = minX; box[4 * mid + 1] = maxX; box[4 * mid + 2] = minY; box[4 * mid + 3] = maxY
            aliveCount[mid] = c
        }
    }

    /// Makes every point of every tree alive again.
    mutating func reviveAll() {
        for p in alive.indices { alive[p] = true }
        for s in 0..<(segments.count - 1) { fillBoxes(segments[s], segments[s + 1]) }
    }

    /// Whether the point with this identifier is in a tree and alive.
    func isAlive(_ ident: Int) -> Bool {
        let p = Int(position[ident])
        return p >= 0 && alive[p]
    }

    /// Marks the point with this identifier deleted.
    mutating func remove(_ ident: Int) {
        let p = Int(position[ident])
        guard p >= 0, alive[p] else { return }
        alive[p] = false
        // The segment holding p.
        var s = 0, t = segments.count - 1
        while t - s > 1 { let h = (s + t) >> 1; if segments[h] <= p { s = h } else { t = h } }
        var lo = segments[s], hi = segments[s + 1]
        while true {
            let mid = (lo + hi) >> 1
            aliveCount[mid] -= 1
            if p == mid { break }
            if p < mid { hi = mid } else { lo = mid + 1 }
        }
    }

    /// The identifier of some alive point of tree `segment` within L-infinity
    /// distance r of (qx, qy) (as `max(abs(qx - px), abs(qy - py)) <= r`), or -1.
    func anyWithin(segment: Int, _ qx: Double, _ qy: Double, _ r: Double) -> Int {
        let lo0 = segments[segment], hi0 = segments[segment + 1]
        if hi0 <= lo0 { return -1 }
        // Cost model: a depth-first walk; a node is entered only when its
        // subtree has an alive point and its box is within r.
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                box.withUnsafeBufferPointer { bp in
                    aliveCount.withUnsafeBufferPointer { cp in
                        alive.withUnsafeBufferPointer { ap in
                            var stack: [(Int, Int)] = [(lo0, hi0)]
                            stack.reserveCapacity(64)
                            while let (lo, hi) = stack.popLast() {
                                let mid = (lo + hi) >> 1
                                if cp[mid] == 0 { continue }
                                let b = 4 * mid
                                if bp[b] - qx > r || qx - bp[b + 1] > r || bp[b + 2] - qy > r || qy - bp[b + 3] > r { continue }
                                if ap[mid] && Swift.max(abs(qx - xp[mid]), abs(qy - yp[mid])) <= r { return Int(id[mid]) }
                                if mid > lo { stack.append((lo, mid)) }
                                if hi > mid + 1 { stack.append((mid + 1, hi)) }
                            }
                            return -1
                        }
                    }
                }
            }
        }
    }

    /// The smallest `max(abs(qx - px), abs(qy - py))` over the alive points
    /// of tree `segment` (infinity when it has none).
    func nearestDistance(segment: Int, _ qx: Double, _ qy: Double) -> Double {
        let lo0 = segments[segment], hi0 = segments[segment + 1]
        var best = Double.infinity
        var stack: [(Int, Int)] = hi0 > lo0 ? [(lo0, hi0)] : []
        while let (lo, hi) = stack.popLast() {
            let mid = (lo + hi) >> 1
            if aliveCount[mid] == 0 { continue }
            let b = 4 * mid
            let gap = Swift.max(Swift.max(box[b] - qx, qx - box[b + 1]), Swift.max(box[b + 2] - qy, qy - box[b + 3]))
            if gap > best { continue }
            if alive[mid] { best = Swift.min(best, Swift.max(abs(qx - x[mid]), abs(qy - y[mid]))) }
            if hi > mid + 1 { stack.append((mid + 1, hi)) }
            if mid > lo { stack.append((lo, mid)) }
        }
        return best
    }
}
