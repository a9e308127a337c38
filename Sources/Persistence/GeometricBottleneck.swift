/// The bottleneck matching engine for large diagrams, in linear memory: the
/// same graph as ``BottleneckMatcher`` (GUDHI's `Persistence_graph`, A the
/// larger diagram), so the same distance bit for bit, but no distance matrix.
///
/// Left vertices are A's n points, then the m projections B_j' = (mid_j,
/// mid_j) of B's points (mid_j = (b_j + d_j) / 2); right vertices are B's m
/// points, then the n projections A_i'. Edges at radius r:
/// A_i–B_k and B_j'–B_k when `max(|x - b_k|, |y - d_k|) <= r` for the left
/// vertex's coordinates (x, y); A_i–A_i' when (d_i - b_i) / 2 <= r (GUDHI's
/// rounding); every B_j'–A_i'. B's points sit in a 2-d tree
/// (``PlanarKDTree``), so a vertex's neighbours within r are found without
/// listing its row.
///
/// The distance is the smallest double r with a perfect matching (the
/// matchable set only grows with r and changes only at candidate values,
/// so this is the smallest feasible candidate, the dense engine's answer).
/// It is found by bisection on the bit patterns of the doubles between a
/// lower bound (every vertex's nearest partner) and the all-to-diagonal
/// upper bound; after a success the bound drops to the found matching's
/// largest edge, and every test starts from the largest failing test's
/// matching.
///
/// Each test is Hopcroft–Karp with Efrat–Itai–Katz's geometric phases: the
/// breadth-first search deletes each right vertex from the tree when it is
/// reached, and the depth-first search queries a 2-d tree per layer, again
/// deleting what it visits, so a phase costs O((n + m) log(n + m)) queries.
///
/// - Complexity: O(n + m) memory; time O(sqrt(n + m) (n + m) log(n + m))
///   per test, at most 64 tests (about 1.5 phases per test with warm starts).
///   Reference: A. Efrat, A. Itai, M. J. Katz, "Geometry helps in bottleneck
///   matching and related problems", Algorithmica 31 (2001); M. Kerber,
///   D. Morozov, A. Nigmetov, "Geometry helps to compare persistence
///   diagrams", ACM JEA 22 (2017).
final class GeometricBottleneckMatcher {
    let n: Int, m: Int
    private let ax: [Double], ay: [Double]
    private let bx: [Double], by: [Double]
    /// (b_j + d_j) / 2: both coordinates of B_j'.
    private let mid: [Double]
    /// ||A_i - A_i'||_inf as GUDHI rounds it.
    private let diagA: [Double]
    /// matchL[u]: right vertex or -1; matchR[v]: left vertex or -1.
    private(set) var matchL: [Int32], matchR: [Int32]
    private var savedL: [Int32], savedR: [Int32]
    private var layer: [Int32], rightLayer: [Int32]
    private var queue: [Int32]
    /// All of B, for the breadth-first searches.
    private var all: PlanarKDTree
    /// B's points by the layer that reached them, for the depth-first searches.
    private var layered: PlanarKDTree
    /// A' vertices reached per layer, with a cursor; alive in the current phase.
    private var primeLists: [[Int32]] = [], primeCursor: [Int] = []
    private var primeAlive: [Bool]
    private var layerNil: Int32 = .max

    /// Flat (birth, death) pairs of finite points; `a` should be the larger.
    init(a: [Double], b: [Double]) {
        n = a.count / 2; m = b.count / 2
        let n = self.n, m = self.m, total = n + m
        var ax = [Double](), ay = [Double](), diagA = [Double]()
        ax.reserveCapacity(n); ay.reserveCapacity(n); diagA.reserveCapacity(n)
        for i in 0..<n {
            ax.append(a[2 * i]); ay.append(a[2 * i + 1])
            diagA.append(BottleneckMatcher.diagonalDistance(a[2 * i], a[2 * i + 1]))
        }
        var bx = [Double](), by = [Double](), mid = [Double]()
        bx.reserveCapacity(m); by.reserveCapacity(m); mid.reserveCapacity(m)
        for j in 0..<m {
            let x: Double = b[2 * j], y: Double = b[2 * j + 1]
            bx.append(x); by.append(y); mid.append((x + y) / 2)
        }
        self.ax = ax; self.ay = ay; self.diagA = diagA
        self.bx = bx; self.by = by; self.mid = mid
        matchL = [Int32](repeating: -1, count: total); matchR = matchL
        savedL = matchL; savedR = matchR
        layer = [Int32](repeating: 0, count: total); rightLayer = layer
        queue = [Int32](repeating: 0, count: total)
        primeAlive = [Bool](repeating: false, count: n)
        all = PlanarKDTree(capacity: m)
        all.appendTree(ids: Array(0..<Int32(m)), xs: bx, ys: by)
        layered = PlanarKDTree(capacity: m)
    }

    /// ||left u - B_k||_inf, as the dense engine computes it.
    @inline(__always) private func cost(_ u: Int, _ k: Int) -> Double {
        if u < n { return Swift.max(abs(ax[u] - bx[k]), abs(ay[u] - by[k])) }
        let t = mid[u - n]
        return Swift.max(abs(t - bx[k]), abs(t - by[k]))
    }

    /// The largest edge of the current (perfect) matching.
    private func largestEdge() -> Double {
        var worst = 0.0
        for u in 0..<(n + m) {
            let v = Int(matchL[u])
            if v < 0 { continue }
            if v < m { worst = Swift.max(worst, cost(u, v)) } else if u < n { worst = Swift.max(worst, diagA[u]) }
        }
        return worst
    }

    /// The smallest `max(|t - b|, |t - d|)` over the projections t = mid_j,
    /// as computed (unimodal in t: the first term grows, the second falls).
    private func nearestProjection(_ b: Double, _ d: Double, sortedMid: [Double]) -> Double {
        var lo = 0, hi = sortedMid.count
        while lo < hi {
            let h = (lo + hi) >> 1
            let t = sortedMid[h]
            if abs(t - b) >= abs(t - d) { hi = h } else { lo = h + 1 }
        }
        var best = Double.infinity
        for k in [lo - 1, lo] where k >= 0 && k < sortedMid.count {
            let t = sortedMid[k]
            best = Swift.min(best, Swift.max(abs(t - b), abs(t - d)))
        }
        return best
    }

    /// The exact bottleneck distance of the finite parts.
    func distance() -> Double {
        let n = self.n, m = self.m
        if n + m == 0 { return 0 }
        var lower = 0.0, upper = 0.0
        for i in 0..<n {
            let nearest = m > 0 ? all.nearestDistance(tree: 0, ax[i], ay[i]) : .infinity
            lower = Swift.max(lower, Swift.min(diagA[i], nearest))
            upper = Swift.max(upper, diagA[i])
        }
        if m > 0 {
            var aTree = PlanarKDTree(capacity: n)
            aTree.appendTree(ids: Array(0..<Int32(n)), xs: ax, ys: ay)
            let sortedMid = mid.sorted()
            for k in 0..<m {
                let nearest = n > 0 ? aTree.nearestDistance(tree: 0, bx[k], by[k]) : .infinity
                lower = Swift.max(lower, Swift.min(nearest, nearestProjection(bx[k], by[k], sortedMid: sortedMid)))
                upper = Swift.max(upper, BottleneckMatcher.diagonalDistance(bx[k], by[k]))
            }
        }
        if lower >= upper { return upper }
        if perfectMatching(radius: lower) { return lower }
        savedL = matchL; savedR = matchR
        // Invariant: radius `Double(bitPattern: low)` fails, `high` succeeds.
        var low = lower.bitPattern, high = upper.bitPattern
        while high - low > 1 {
            let probe = low + (high - low) / 2
            if perfectMatching(radius: Double(bitPattern: probe)) {
                high = Swift.min(probe, largestEdge().bitPattern)
                matchL = savedL; matchR = savedR
            } else {
                low = probe
                savedL = matchL; savedR = matchR
            }
        }
        return Double(bitPattern: high)
    }

    /// Clears the matching (for a fresh run at a known radius).
    func resetMatching() {
        for u in matchL.indices { matchL[u] = -1; matchR[u] = -1 }
    }

    /// Runs Hopcroft–Karp from the current matching; true if it is perfect.
    func perfectMatching(radius r: Double) -> Bool {
        let total = n + m
        var size = 0
        for u in 0..<total where matchL[u] >= 0 { size += 1 }
        while size < total {
            guard buildLayers(r) else { return false }
            for u in 0..<total where matchL[u] < 0 && layer[u] == 0 {
                if augment(from: u, r) { size += 1 }
            }
        }
        return true
    }

    /// Breadth-first layering; true if a free right vertex is reachable.
    /// Cost model: every right vertex is reached (and deleted from `all`)
    /// at most once; every A' at once by the first projection vertex.
    private func buildLayers(_ r: Double) -> Bool {
        let n = self.n, m = self.m, total = n + m
        let inf = Int32.max
        var head = 0, tail = 0
        for u in 0..<total {
            if matchL[u] < 0 { layer[u] = 0; queue[tail] = Int32(u); tail += 1 } else { layer[u] = inf }
        }
        for v in 0..<total { rightLayer[v] = -1 }
        all.reviveAll()
        primeLists.removeAll(keepingCapacity: true); primeCursor.removeAll(keepingCapacity: true)
        var reachedB: [[Int32]] = []
        var primesLeft = true
        var found = inf
        func reach(_ v: Int, _ level: Int32) {
            rightLayer[v] = level
            let l = Int(level)
            while reachedB.count <= l { reachedB.append([]); primeLists.append([]); primeCursor.append(0) }
            if v < m { reachedB[l].append(Int32(v)) } else { primeLists[l].append(Int32(v - m)); primeAlive[v - m] = true }
            let w = matchR[v]
            if w < 0 {
                if found == inf { found = level + 1 }
            } else if layer[Int(w)] == inf {
                layer[Int(w)] = level + 1
                queue[tail] = w
                tail += 1
            }
        }
        while head < tail {
            let u = Int(queue[head]); head += 1
            let level = layer[u]
            if level + 1 > found { continue }
            let qx: Double, qy: Double
            if u < n {
                if rightLayer[m + u] < 0 && diagA[u] <= r { reach(m + u, level) }
                qx = ax[u]; qy = ay[u]
            } else {
                if primesLeft {
                    primesLeft = false
                    for i in 0..<n where rightLayer[m + i] < 0 { reach(m + i, level) }
                }
                qx = mid[u - n]; qy = qx
            }
            if m > 0 {
                while true {
                    let k = all.anyWithin(tree: 0, qx, qy, r)
                    if k < 0 { break }
                    all.remove(k)
                    reach(k, level)
                }
            }
        }
        layerNil = found
        if found == inf { return false }
        layered.removeAll()
        for l in 0..<Int(found) {
            let ids = l < reachedB.count ? reachedB[l] : []
            layered.appendTree(ids: ids, xs: ids.map { bx[Int($0)] }, ys: ids.map { by[Int($0)] })
        }
        return true
    }

    /// A right neighbour of u within r on u's layer, removed from the layer, or -1.
    private func pop(_ u: Int, _ r: Double) -> Int {
        let l = Int(layer[u])
        if l >= Int(layerNil) { return -1 }
        if u < n {
            if rightLayer[m + u] == Int32(l) && primeAlive[u] && diagA[u] <= r { primeAlive[u] = false; return m + u }
            if m > 0 {
                let k = layered.anyWithin(tree: l, ax[u], ay[u], r)
                if k >= 0 { layered.remove(k); return k }
            }
        } else {
            if l < primeLists.count {
                while primeCursor[l] < primeLists[l].count {
                    let i = Int(primeLists[l][primeCursor[l]])
                    primeCursor[l] += 1
                    if primeAlive[i] { primeAlive[i] = false; return m + i }
                }
            }
            let t = mid[u - n]
            let k = layered.anyWithin(tree: l, t, t, r)
            if k >= 0 { layered.remove(k); return k }
        }
        return -1
    }

    /// An iterative depth-first search for a layered augmenting path from
    /// the free left vertex `root`; flips it when found.
    private func augment(from root: Int, _ r: Double) -> Bool {
        var path: [Int] = [root], via: [Int] = []
        while let u = path.last {
            let v = pop(u, r)
            if v < 0 {
                layer[u] = Int32.max
                path.removeLast()
                if !via.isEmpty { via.removeLast() }
                continue
            }
            let w = Int(matchR[v])
            if w < 0 {
                if layer[u] + 1 != layerNil { continue }
                // Flip: path[k] takes via[k] (the right vertex leading to path[k + 1]), the last takes v.
                var right = v
                for k in stride(from: path.count - 1, through: 0, by: -1) {
                    let left = path[k]
                    let previous = k > 0 ? via[k - 1] : -1
                    matchL[left] = Int32(right); matchR[right] = Int32(left)
                    right = previous
                }
                return true
            }
            if layer[w] == layer[u] + 1 { via.append(v); path.append(w) }
        }
        return false
    }
}
