/// A static 2-d tree over planar points for the diagram distances'
/// geometric queries, in an implicit layout: the points of a range
/// [lo, hi) are stored with the splitting point at mid = (lo + hi) / 2, the
/// left subtree in [lo, mid) and the right one in [mid + 1, hi); the split
/// coordinate alternates with the depth. Each node keeps its children and
/// parent, the bounding box of its subtree, how many of its points are still
/// alive and the smallest weight below it, so "any alive point within r of
/// q" and "the two points of smallest cost plus weight" prune whole
/// subtrees, and deleting a point or changing a weight walks one path.
///
/// Several independent trees can live side by side in one instance, each on
/// its own contiguous segment (the layers of a Hopcroft–Karp phase).
///
/// Pruning is exact in floating point: for a point p inside a box,
/// fl(q - p) >= fl(q - box.max) whenever q > box.max (rounding is
/// monotone), so a subtree is skipped only when none of its points can pass
/// the test `max(|qx - px|, |qy - py|) <= r` as computed.
///
/// - Complexity: build O(n log^2 n); a range query O(sqrt n + k) for a well
///   spread segment; a deletion or weight change O(log n).
///   Reference: J. L. Bentley, "Multidimensional binary search trees used for
///   associative searching", CACM 18 (1975).
struct PlanarKDTree {
    /// Coordinates in tree order.
    private var x: [Double] = [], y: [Double] = []
    /// The caller's identifier of the point at each position.
    private var id: [Int32] = []
    /// Children and parent positions (-1: none).
    private var left: [Int32] = [], right: [Int32] = [], parent: [Int32] = []
    /// Subtree bounding box of the node at each position: minX, maxX, minY, maxY.
    private var box: [Double] = []
    /// Alive points in the subtree of the node at each position.
    private var aliveCount: [Int32] = []
    private var alive: [Bool] = []
    /// A weight per point (the auction's prices; 0 unless set) and the
    /// smallest weight in each node's subtree.
    private var weight: [Double] = [], minWeight: [Double] = []
    /// Position of each identifier (identifiers are 0..<capacity).
    private var position: [Int32]
    /// The root position of each tree (-1: an empty tree).
    private var roots: [Int32] = []
    /// Positions in build (pre-)order: parents before children.
    private var preorder: [Int32] = []

    /// Room for `capacity` points with identifiers 0..<capacity.
    init(capacity: Int) {
        position = [Int32](repeating: -1, count: capacity)
    }

    /// Drops every tree (keeps the storage).
    mutating func removeAll() {
        for k in id { position[Int(k)] = -1 }
        x.removeAll(keepingCapacity: true); y.removeAll(keepingCapacity: true); id.removeAll(keepingCapacity: true)
        left.removeAll(keepingCapacity: true); right.removeAll(keepingCapacity: true); parent.removeAll(keepingCapacity: true)
        box.removeAll(keepingCapacity: true); aliveCount.removeAll(keepingCapacity: true); alive.removeAll(keepingCapacity: true)
        weight.removeAll(keepingCapacity: true); minWeight.removeAll(keepingCapacity: true)
        roots.removeAll(keepingCapacity: true); preorder.removeAll(keepingCapacity: true)
    }

    /// Appends one tree over the given points (identifiers with coordinates).
    mutating func appendTree(ids: [Int32], xs: [Double], ys: [Double]) {
        let base = x.count, count = ids.count
        var order = Array(0..<Int32(count))
        x.append(contentsOf: repeatElement(0, count: count)); y.append(contentsOf: repeatElement(0, count: count))
        id.append(contentsOf: repeatElement(0, count: count))
        left.append(contentsOf: repeatElement(-1, count: count)); right.append(contentsOf: repeatElement(-1, count: count))
        parent.append(contentsOf: repeatElement(-1, count: count))
        box.append(contentsOf: repeatElement(0, count: 4 * count))
        aliveCount.append(contentsOf: repeatElement(0, count: count))
        alive.append(contentsOf: repeatElement(true, count: count))
        weight.append(contentsOf: repeatElement(0, count: count))
        minWeight.append(contentsOf: repeatElement(0, count: count))
        let firstOfTree = preorder.count
        // Arrange `order` so every range holds its median (by the range's
        // split coordinate) at its middle, recording the tree's links.
        var stack: [(lo: Int, hi: Int, depth: Int, up: Int32)] = count > 0 ? [(0, count, 0, -1)] : []
        while let (lo, hi, depth, up) = stack.popLast() {
            let mid = (lo + hi) >> 1
            if hi - lo > 1 {
                let key = depth & 1 == 0 ? xs : ys
                order[lo..<hi].sort { key[Int($0)] < key[Int($1)] || (key[Int($0)] == key[Int($1)] && $0 < $1) }
            }
            let node = base + mid
            parent[node] = up
            if up >= 0 { if node < Int(up) { left[Int(up)] = Int32(node) } else { right[Int(up)] = Int32(node) } }
            preorder.append(Int32(node))
            if mid > lo { stack.append((lo, mid, depth + 1, Int32(node))) }
            if hi > mid + 1 { stack.append((mid + 1, hi, depth + 1, Int32(node))) }
        }
        for t in 0..<count {
            let k = Int(order[t])
            x[base + t] = xs[k]; y[base + t] = ys[k]; id[base + t] = ids[k]
            position[Int(ids[k])] = Int32(base + t)
        }
        roots.append(count > 0 ? Int32(base + (count >> 1)) : -1)
        summarise(preorder[firstOfTree...])
    }

    /// Boxes, counts and smallest weights, children before parents.
    private mutating func summarise(_ nodes: ArraySlice<Int32>) {
        for n32 in nodes.reversed() {
            let k = Int(n32)
            var minX = x[k], maxX = x[k], minY = y[k], maxY = y[k]
            var c: Int32 = alive[k] ? 1 : 0
            var w = weight[k]
            for child in [left[k], right[k]] where child >= 0 {
                let j = Int(child)
                minX = Swift.min(minX, box[4 * j]); maxX = Swift.max(maxX, box[4 * j + 1])
                minY = Swift.min(minY, box[4 * j + 2]); maxY = Swift.max(maxY, box[4 * j + 3])
                c += aliveCount[j]
                w = Swift.min(w, minWeight[j])
            }
            box[4 * k] = minX; box[4 * k + 1] = maxX; box[4 * k + 2] = minY; box[4 * k + 3] = maxY
            aliveCount[k] = c; minWeight[k] = w
        }
    }

    /// Makes every point of every tree alive again.
    mutating func reviveAll() {
        for p in alive.indices { alive[p] = true }
        for p in preorder.reversed() {
            let k = Int(p)
            var c: Int32 = 1
            if left[k] >= 0 { c += aliveCount[Int(left[k])] }
            if right[k] >= 0 { c += aliveCount[Int(right[k])] }
            aliveCount[k] = c
        }
    }

    /// Whether the point with this identifier is in a tree and alive.
    func isAlive(_ ident: Int) -> Bool {
        let p = Int(position[ident])
        return p >= 0 && alive[p]
    }

    /// Marks the point with this identifier deleted.
    mutating func remove(_ ident: Int) {
        var p = Int(position[ident])
        guard p >= 0, alive[p] else { return }
        alive[p] = false
        while p >= 0 { aliveCount[p] -= 1; p = Int(parent[p]) }
    }

    /// Sets the weight of the point with this identifier (any change, up or down).
    mutating func setWeight(_ ident: Int, _ w: Double) {
        var p = Int(position[ident])
        guard p >= 0 else { return }
        weight[p] = w
        while p >= 0 {
            var best = weight[p]
            if left[p] >= 0 { best = Swift.min(best, minWeight[Int(left[p])]) }
            if right[p] >= 0 { best = Swift.min(best, minWeight[Int(right[p])]) }
            if best == minWeight[p] && p != Int(position[ident]) { break }
            minWeight[p] = best
            p = Int(parent[p])
        }
    }

    /// The identifier of some alive point of tree `tree` within L-infinity
    /// distance r of (qx, qy) (as `max(abs(qx - px), abs(qy - py)) <= r`), or -1.
    func anyWithin(tree: Int, _ qx: Double, _ qy: Double, _ r: Double) -> Int {
        let root = roots[tree]
        if root < 0 { return -1 }
        // Cost model: a depth-first walk; a node is entered only when its
        // subtree has an alive point and its box is within r. The stack
        // holds at most one pending sibling per level (depth < 64).
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 128) { stack in
            var top = 0
            stack[0] = root; top = 1
            while top > 0 {
                top -= 1
                let k = Int(stack[top])
                if aliveCount[k] == 0 { continue }
                let b = 4 * k
                if box[b] - qx > r || qx - box[b + 1] > r || box[b + 2] - qy > r || qy - box[b + 3] > r { continue }
                if alive[k] && Swift.max(abs(qx - x[k]), abs(qy - y[k])) <= r { return Int(id[k]) }
                if left[k] >= 0 { stack[top] = left[k]; top += 1 }
                if right[k] >= 0 { stack[top] = right[k]; top += 1 }
            }
            return -1
        }
    }

    /// The smallest `max(abs(qx - px), abs(qy - py))` over the alive points
    /// of tree `tree` (infinity when it has none).
    func nearestDistance(tree: Int, _ qx: Double, _ qy: Double) -> Double {
        let root = roots[tree]
        var best = Double.infinity
        var stack: [Int32] = root >= 0 ? [root] : []
        while let n32 = stack.popLast() {
            let k = Int(n32)
            if aliveCount[k] == 0 { continue }
            let b = 4 * k
            let gap = Swift.max(Swift.max(box[b] - qx, qx - box[b + 1]), Swift.max(box[b + 2] - qy, qy - box[b + 3]))
            if gap > best { continue }
            if alive[k] { best = Swift.min(best, Swift.max(abs(qx - x[k]), abs(qy - y[k]))) }
            if left[k] >= 0 { stack.append(left[k]) }
            if right[k] >= 0 { stack.append(right[k]) }
        }
        return best
    }

    /// The point minimising `cost(|qx - px|, |qy - py|) + weight` over tree
    /// `tree`, its value, and the second smallest value (infinity when there
    /// is one point; best is -1 when there is none).
    ///
    /// Cost model: depth-first, nearer child first, a subtree skipped when
    /// its bound (the cost of its box's gaps plus its smallest weight) is no
    /// better than the second best so far; no allocation.
    func twoSmallest(tree: Int, _ qx: Double, _ qy: Double, cost: GroundCost) -> (best: Int, bestValue: Double, second: Double) {
        let root = roots[tree]
        var best = -1, bestValue = Double.infinity, second = Double.infinity
        if root < 0 { return (best, bestValue, second) }
        @inline(__always) func bound(_ k: Int) -> Double {
            let b = 4 * k
            let gx = Swift.max(0, Swift.max(box[b] - qx, qx - box[b + 1]))
            let gy = Swift.max(0, Swift.max(box[b + 2] - qy, qy - box[b + 3]))
            return cost(gx, gy) + minWeight[k]
        }
        withUnsafeTemporaryAllocation(of: (Int32, Double).self, capacity: 128) { stack in
            var top = 1
            stack[0] = (root, bound(Int(root)))
            while top > 0 {
                top -= 1
                let (n32, b) = stack[top]
                if b >= second { continue }
                let k = Int(n32)
                let value = cost(abs(qx - x[k]), abs(qy - y[k])) + weight[k]
                if value < bestValue { second = bestValue; bestValue = value; best = Int(id[k]) }
                else if value < second { second = value }
                let l = Int(left[k]), r = Int(right[k])
                let lb = l >= 0 ? bound(l) : Double.infinity
                let rb = r >= 0 ? bound(r) : Double.infinity
                // The smaller bound is pushed last, so it is searched first.
                if lb <= rb {
                    if rb < second { stack[top] = (Int32(r), rb); top += 1 }
                    if lb < second { stack[top] = (Int32(l), lb); top += 1 }
                } else {
                    if lb < second { stack[top] = (Int32(l), lb); top += 1 }
                    if rb < second { stack[top] = (Int32(r), rb); top += 1 }
                }
            }
        }
        return (best, bestValue, second)
    }
}
