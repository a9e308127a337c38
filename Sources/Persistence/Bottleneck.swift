/// The exact bottleneck distance between two persistence diagrams, with the
/// same number GUDHI's `bottleneck_distance(a, b, e=0)` returns.
///
/// Conventions (GUDHI's `Persistence_graph`):
/// - finite points are compared in the L-infinity norm; a point (b, d) is
///   matched to the diagonal at its projection m = (b + d) / 2, at distance
///   `max(|b - m|, |d - m|)` (that is (d - b) / 2, rounded as GUDHI rounds it);
/// - points with `death - birth <= 0` are dropped (they sit on the diagonal);
/// - essential points (`death == .infinity`) are matched by sorted births;
///   different counts give `.infinity`.
///
/// ```swift
/// let a = [Bar(birth: 0, death: 2), Bar(birth: 1, death: .infinity)]
/// let b = [Bar(birth: 0.5, death: 2.25), Bar(birth: 1.5, death: .infinity)]
/// bottleneckDistance(a, b)  // 0.5
/// ```
///
/// The distance is the smallest candidate value r (a point-to-point or
/// point-to-diagonal distance) at which the bipartite graph of pairs within
/// r has a perfect matching; candidates are searched by bisection between a
/// lower bound (each point's nearest partner) and an upper bound (everything
/// to the diagonal), and each test runs Hopcroft–Karp warm-started from the
/// largest failing test's matching.
///
/// - Complexity: O(n m log(n m)) for the candidates, plus O(n m) per
///   Hopcroft–Karp phase; a handful of phases per test thanks to warm starts.
///   Reference: A. Efrat, A. Itai, M. J. Katz, "Geometry helps in bottleneck
///   matching and related problems", Algorithmica 31 (2001); M. Kerber,
///   D. Morozov, A. Nigmetov, "Geometry helps to compare persistence
///   diagrams", ALENEX 2016.
public func bottleneckDistance(_ a: [Bar], _ b: [Bar]) -> Double {
    var aliveA: [Double] = [], aliveB: [Double] = []
    var pa: [Double] = [], pb: [Double] = []
    pa.reserveCapacity(2 * a.count); pb.reserveCapacity(2 * b.count)
    for bar in a {
        if bar.death == .infinity { aliveA.append(bar.birth) }
        else if bar.death - bar.birth > 0 { pa.append(bar.birth); pa.append(bar.death) }
    }
    for bar in b {
        if bar.death == .infinity { aliveB.append(bar.birth) }
        else if bar.death - bar.birth > 0 { pb.append(bar.birth); pb.append(bar.death) }
    }
    var alive = 0.0
    if aliveA.count != aliveB.count { return .infinity }
    aliveA.sort(); aliveB.sort()
    for i in 0..<aliveA.count { alive = Swift.max(alive, abs(aliveA[i] - aliveB[i])) }
    // GUDHI's Persistence_graph puts the larger diagram on the U side.
    var matcher = pa.count < pb.count ? BottleneckMatcher(a: pb, b: pa) : BottleneckMatcher(a: pa, b: pb)
    return Swift.max(matcher.distance(), alive)
}

extension Barcode {
    /// The exact bottleneck distance to `other` in dimension `dimension`
    /// (see ``bottleneckDistance(_:_:)``).
    ///
    /// ```swift
    /// let d = x.bottleneckDistance(to: y, dimension: 1)
    /// ```
    public func bottleneckDistance(to other: Barcode, dimension: Int) -> Double {
        Persistence.bottleneckDistance(self[dimension], other[dimension])
    }
}

/// The matching engine behind ``bottleneckDistance(_:_:)``: finite points
/// only, as flat (birth, death) pairs.
///
/// Graph (GUDHI's `Persistence_graph` and `Neighbors_finder`, A the larger
/// diagram): left vertices are the n points of A then the m projections B_j'
/// of B's points on the diagonal; right vertices are the m points of B then
/// the n projections A_i'. Edges at radius r: A_i–B_k if
/// ||A_i - B_k||_inf <= r; A_i–A_i' if ||A_i - A_i'||_inf <= r; B_j'–B_k if
/// ||B_j' - B_k||_inf <= r (any k: GUDHI's k-d tree query from a projection
/// sees every point of B, which can be one ulp closer than B_k's own
/// projection); every B_j'–A_i' (cost 0).
struct BottleneckMatcher {
    let n: Int, m: Int
    /// L-infinity distances, row-major n x m.
    var dist: [Double]
    var diagA: [Double], diagB: [Double]
    /// ||B_j' - B_k||_inf, row-major m x m (diagB on the diagonal).
    var projToB: [Double]
    // Matching state: matchL[u] is a right vertex or -1; matchR[v] a left vertex or -1.
    var matchL: [Int32], matchR: [Int32]
    var layer: [Int32]
    var queue: [Int32]
    var layerNil: Int32 = 0

    init(a: [Double], b: [Double]) {
        n = a.count / 2; m = b.count / 2
        dist = [Double](repeating: 0, count: n * m)
        diagA = (0..<n).map { BottleneckMatcher.diagonalDistance(a[2 * $0], a[2 * $0 + 1]) }
        diagB = (0..<m).map { BottleneckMatcher.diagonalDistance(b[2 * $0], b[2 * $0 + 1]) }
        let n = self.n, m = self.m
        var e = [Double](repeating: 0, count: m * m)
        for j in 0..<m {
            let mid = (b[2 * j] + b[2 * j + 1]) / 2
            for k in 0..<m { e[j * m + k] = Swift.max(abs(mid - b[2 * k]), abs(mid - b[2 * k + 1])) }
        }
        projToB = e
        dist.withUnsafeMutableBufferPointer { d in
            for i in 0..<n {
                let x = a[2 * i], y = a[2 * i + 1]
                for j in 0..<m {
                    d[i * m + j] = Swift.max(abs(x - b[2 * j]), abs(y - b[2 * j + 1]))
                }
            }
        }
        matchL = [Int32](repeating: -1, count: n + m)
        matchR = [Int32](repeating: -1, count: n + m)
        layer = [Int32](repeating: 0, count: n + m)
        queue = [Int32](repeating: 0, count: n + m)
    }

    /// GUDHI's distance from (x, y) to its diagonal projection.
    @inline(__always) static func diagonalDistance(_ x: Double, _ y: Double) -> Double {
        let mid = (x + y) / 2
        return Swift.max(abs(x - mid), abs(y - mid))
    }

    mutating func distance() -> Double {
        if n + m == 0 { return 0 }
        // Lower bound: every point must be matched to something.
        var lower = 0.0, upper = 0.0
        for i in 0..<n {
            var best = diagA[i]
            for j in 0..<m { best = Swift.min(best, dist[i * m + j]) }
            lower = Swift.max(lower, best)
            upper = Swift.max(upper, diagA[i])
        }
        for k in 0..<m {
            var best = Double.infinity
            for j in 0..<m { best = Swift.min(best, projToB[j * m + k]) }
            for i in 0..<n { best = Swift.min(best, dist[i * m + k]) }
            lower = Swift.max(lower, best)
            upper = Swift.max(upper, diagB[k])
        }
        var candidates: [Double] = []
        for v in dist where v >= lower && v <= upper { candidates.append(v) }
        for v in diagA where v >= lower && v <= upper { candidates.append(v) }
        for v in projToB where v >= lower && v <= upper { candidates.append(v) }
        candidates.sort()
        var unique: [Double] = []
        unique.reserveCapacity(candidates.count)
        for v in candidates where unique.last != v { unique.append(v) }
        // Bisection: unique[hi] is feasible (the upper bound is); find the first feasible.
        var lo = 0, hi = unique.count - 1
        var savedL = matchL, savedR = matchR
        while lo < hi {
            let mid = (lo + hi) / 2
            if perfectMatching(radius: unique[mid]) {
                hi = mid
                matchL = savedL; matchR = savedR
            } else {
                lo = mid + 1
                savedL = matchL; savedR = matchR
            }
        }
        return unique[lo]
    }

    /// Runs Hopcroft–Karp from the current matching; true if it is perfect.
    mutating func perfectMatching(radius r: Double) -> Bool {
        let total = n + m
        var size = 0
        for u in 0..<total where matchL[u] >= 0 { size += 1 }
        // Greedy pass: match free left vertices to free right neighbours.
        for u in 0..<total where matchL[u] < 0 {
            if u < n {
                let row = u * m
                var v = -1
                for j in 0..<m where dist[row + j] <= r && matchR[j] < 0 { v = j; break }
                if v < 0 && diagA[u] <= r && matchR[m + u] < 0 { v = m + u }
                if v >= 0 { matchL[u] = Int32(v); matchR[v] = Int32(u); size += 1 }
            } else {
                let row = (u - n) * m
                var v = -1
                for k in 0..<m where projToB[row + k] <= r && matchR[k] < 0 { v = k; break }
                if v < 0 { for i in 0..<n where matchR[m + i] < 0 { v = m + i; break } }
                if v >= 0 { matchL[u] = Int32(v); matchR[v] = Int32(u); size += 1 }
            }
        }
        while size < total {
            guard buildLayers(r) else { return false }
            for u in 0..<total where matchL[u] < 0 {
                if augment(u, r) { size += 1 }
            }
        }
        return true
    }

    // Cost model: one BFS visits each left vertex at most once and scans its
    // row of the distance matrix (O(n m) in all); the complete
    // diagonal-to-diagonal block is scanned by the first diagonal vertex
    // only, since it layers every A' at once.
    mutating func buildLayers(_ r: Double) -> Bool {
        let total = n + m
        let inf = Int32.max
        var head = 0, tail = 0
        for u in 0..<total {
            if matchL[u] < 0 { layer[u] = 0; queue[tail] = Int32(u); tail += 1 } else { layer[u] = inf }
        }
        layerNil = inf
        var diagonalBlockDone = false
        while head < tail {
            let u = Int(queue[head]); head += 1
            let next = layer[u] + 1
            if next > layerNil { continue }
            if u < n {
                let row = u * m
                for j in 0..<m where dist[row + j] <= r { reach(j, next, &tail) }
                if diagA[u] <= r { reach(m + u, next, &tail) }
            } else {
                let row = (u - n) * m
                for k in 0..<m where projToB[row + k] <= r { reach(k, next, &tail) }
                if !diagonalBlockDone {
                    diagonalBlockDone = true
                    for i in 0..<n { reach(m + i, next, &tail) }
                }
            }
        }
        return layerNil != inf
    }

    @inline(__always) mutating func reach(_ v: Int, _ next: Int32, _ tail: inout Int) {
        let w = matchR[v]
        if w < 0 {
            if layerNil == Int32.max { layerNil = next }
        } else if layer[Int(w)] == Int32.max {
            layer[Int(w)] = next
            queue[tail] = w
            tail += 1
        }
    }

    /// Whether right vertex v continues a layered augmenting path from a left
    /// vertex on layer `next - 1` (recursing into its mate).
    @inline(__always) mutating func extends(_ v: Int, _ next: Int32, _ r: Double) -> Bool {
        let w = matchR[v]
        if w < 0 { return layerNil == next }
        return layer[Int(w)] == next && augment(Int(w), r)
    }

    /// A depth-first search for an augmenting path along the layers.
    mutating func augment(_ u: Int, _ r: Double) -> Bool {
        let next = layer[u] + 1
        var found = -1
        if u < n {
            let row = u * m
            for j in 0..<m where dist[row + j] <= r {
                if extends(j, next, r) { found = j; break }
            }
            if found < 0 && diagA[u] <= r && extends(m + u, next, r) { found = m + u }
        } else {
            let row = (u - n) * m
            for k in 0..<m where projToB[row + k] <= r {
                if extends(k, next, r) { found = k; break }
            }
            if found < 0 {
                for i in 0..<n where extends(m + i, next, r) { found = m + i; break }
            }
        }
        if found >= 0 {
            matchL[u] = Int32(found); matchR[found] = Int32(u)
            return true
        }
        layer[u] = Int32.max
        return false
    }
}
