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
/// r has a perfect matching; candidates between a lower bound (each point's
/// nearest partner) and an upper bound (everything to the diagonal) are
/// bisected by median selection (no full sort), and each test runs
/// Hopcroft–Karp warm-started from the largest failing test's matching.
///
/// - Complexity: O(n m) to find candidates and medians, plus per
///   Hopcroft–Karp phase O(edges within r + entries still undecided): each
///   row keeps its sure edges first and its undecided entries next, and the
///   undecided part halves with every test; O(log(n m)) tests, about 1.5
///   phases per test thanks to warm starts.
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
    let large = pa.count < pb.count ? pb : pa, small = pa.count < pb.count ? pa : pb
    let finite = BottleneckEngine.prefersDense(large.count / 2, small.count / 2)
        ? BottleneckMatcher(a: large, b: small).distance()
        : GeometricBottleneckMatcher(a: large, b: small).distance()
    return Swift.max(finite, alive)
}

/// Which bottleneck engine a pair of diagrams gets: the dense one
/// (``BottleneckMatcher``, 12 (n + m) m + 8 (n + m) m bytes of rows, fastest
/// on small diagrams) or the geometric one (``GeometricBottleneckMatcher``,
/// linear memory). Both give the same number.
enum BottleneckEngine {
    /// Largest (n + m) m row entries the dense engine takes (about 3 MB):
    /// measured in instructions (callgrind, `tda distance` on random
    /// diagrams), dense is ahead at 200 bars a side (4.0M against 5.3M), the
    /// geometric engine from about 300 (600 bars: 31M against 18M).
    static let denseEntries = 150_000

    static func prefersDense(_ n: Int, _ m: Int) -> Bool {
        let (total, o1) = n.addingReportingOverflow(m)
        let (entries, o2) = total.multipliedReportingOverflow(by: Swift.max(m, 1))
        return !o1 && !o2 && entries <= denseEntries
    }
}

/// The exact bottleneck distance with a matching that realises it: every
/// pair's cost is at most ``bottleneckDistance(_:_:)`` and one pair reaches
/// it. Indices are into `a` and `b` as given, -1 for the diagonal.
///
/// Pair costs follow the distance's conventions: L-infinity between points,
/// (d - b) / 2 to the diagonal, |birth difference| between essential
/// points (matched in sorted order); points with `death - birth <= 0` are
/// sent to the diagonal at no cost, since GUDHI drops them. When the
/// essential counts differ the distance is `.infinity` and there are no
/// pairs.
///
/// ```swift
/// let m = bottleneckMatching([Bar(birth: 0, death: 2)], [Bar(birth: 0, death: 2.5)])
/// m.distance  // 0.5
/// m.pairs     // [Pair(a: 0, b: 0)]
/// ```
///
/// - Complexity: the distance's, plus one more Hopcroft–Karp run at the
///   optimal radius.
public func bottleneckMatching(_ a: [Bar], _ b: [Bar]) -> DiagramMatching {
    var aliveA: [(Double, Int)] = [], aliveB: [(Double, Int)] = []
    var pa: [Double] = [], pb: [Double] = [], ia: [Int] = [], ib: [Int] = []
    var pairs: [DiagramMatching.Pair] = []
    for (i, bar) in a.enumerated() {
        if bar.death == .infinity { aliveA.append((bar.birth, i)) }
        else if bar.death - bar.birth > 0 { pa.append(bar.birth); pa.append(bar.death); ia.append(i) }
        else { pairs.append(.init(a: i, b: -1)) }
    }
    for (j, bar) in b.enumerated() {
        if bar.death == .infinity { aliveB.append((bar.birth, j)) }
        else if bar.death - bar.birth > 0 { pb.append(bar.birth); pb.append(bar.death); ib.append(j) }
        else { pairs.append(.init(a: -1, b: j)) }
    }
    if aliveA.count != aliveB.count { return DiagramMatching(distance: .infinity, pairs: []) }
    aliveA.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    aliveB.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var alive = 0.0
    for k in aliveA.indices { alive = Swift.max(alive, abs(aliveA[k].0 - aliveB[k].0)) }
    let swapped = pa.count < pb.count
    let large = swapped ? pb : pa, small = swapped ? pa : pb
    let un = large.count / 2, vm = small.count / 2
    let r: Double
    var mates: [Int32]
    if BottleneckEngine.prefersDense(un, vm) {
        let matcher = BottleneckMatcher(a: large, b: small)
        r = matcher.distance()
        // Rebuild the graph at radius r with every edge within r sure, and match from scratch.
        let total = matcher.n + matcher.m
        matcher.partitionRows(lower: r, upper: r)
        matcher.matchL.update(repeating: -1, count: total); matcher.matchR.update(repeating: -1, count: total)
        _ = matcher.perfectMatching(radius: r)
        mates = Array(UnsafeBufferPointer(start: matcher.matchL, count: total))
    } else {
        let matcher = GeometricBottleneckMatcher(a: large, b: small)
        r = matcher.distance()
        matcher.resetMatching()
        _ = matcher.perfectMatching(radius: r)
        mates = matcher.matchL
    }
    var finitePairs: [DiagramMatching.Pair] = []
    // Left u < n: a point of the larger diagram U; left u >= n: a projection
    // of V's points; right v < m: a point of V; right v >= m: a projection of U's.
    let uIndex = swapped ? ib : ia, vIndex = swapped ? ia : ib
    for u in 0..<(un + vm) {
        let v = Int(mates[u])
        if u < un {
            let other = v >= 0 && v < vm ? vIndex[v] : -1
            finitePairs.append(swapped ? .init(a: other, b: uIndex[u]) : .init(a: uIndex[u], b: other))
        } else if v >= 0 && v < vm {
            finitePairs.append(swapped ? .init(a: vIndex[v], b: -1) : .init(a: -1, b: vIndex[v]))
        }
    }
    finitePairs.sort { ($0.a < 0 ? Int.max : $0.a, $0.b) < ($1.a < 0 ? Int.max : $1.a, $1.b) }
    let essential = zip(aliveA, aliveB).map { DiagramMatching.Pair(a: $0.1, b: $1.1) }
    return DiagramMatching(distance: Swift.max(r, alive), pairs: finitePairs + pairs + essential)
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
///
/// Storage is raw, allocated once per pair and freed in `deinit`: the
/// matching loops below touch only these buffers.
final class BottleneckMatcher {
    let n: Int, m: Int
    /// ||A_i - B_k||_inf, row-major n x m.
    let dist: UnsafeMutablePointer<Double>
    /// ||B_j' - B_k||_inf, row-major m x m (B_k's own projection on the diagonal).
    let proj: UnsafeMutablePointer<Double>
    /// ||A_i - A_i'||_inf.
    let diagA: UnsafeMutablePointer<Double>
    let diagB: UnsafeMutablePointer<Double>
    // matchL[u]: right vertex or -1; matchR[v]: left vertex or -1.
    let matchL: UnsafeMutablePointer<Int32>, matchR: UnsafeMutablePointer<Int32>
    let savedL: UnsafeMutablePointer<Int32>, savedR: UnsafeMutablePointer<Int32>
    let layer: UnsafeMutablePointer<Int32>, queue: UnsafeMutablePointer<Int32>
    /// Per left vertex u, its B-neighbours in row u * m: first `sure[u]`
    /// entries with distance <= every radius still to test (edges for
    /// sure), then `maybe[u]` entries whose distance lies inside the open
    /// bisection interval; the rest are beyond every radius still to test.
    let rowIndex: UnsafeMutablePointer<Int32>, rowValue: UnsafeMutablePointer<Double>
    let sure: UnsafeMutablePointer<Int32>, maybe: UnsafeMutablePointer<Int32>
    /// The layer of the free right vertices reached first (Int32.max: none).
    var layerNil: Int32 = .max

    init(a: [Double], b: [Double]) {
        n = a.count / 2; m = b.count / 2
        let n = self.n, m = self.m, total = n + m
        dist = .allocate(capacity: Swift.max(1, n * m))
        proj = .allocate(capacity: Swift.max(1, m * m))
        diagA = .allocate(capacity: Swift.max(1, n))
        diagB = .allocate(capacity: Swift.max(1, m))
        matchL = .allocate(capacity: Swift.max(1, total)); matchR = .allocate(capacity: Swift.max(1, total))
        savedL = .allocate(capacity: Swift.max(1, total)); savedR = .allocate(capacity: Swift.max(1, total))
        layer = .allocate(capacity: Swift.max(1, total)); queue = .allocate(capacity: Swift.max(1, total))
        rowIndex = .allocate(capacity: Swift.max(1, total * m)); rowValue = .allocate(capacity: Swift.max(1, total * m))
        sure = .allocate(capacity: Swift.max(1, total)); maybe = .allocate(capacity: Swift.max(1, total))
        sure.initialize(repeating: 0, count: total); maybe.initialize(repeating: 0, count: total)
        matchL.initialize(repeating: -1, count: total); matchR.initialize(repeating: -1, count: total)
        savedL.initialize(repeating: -1, count: total); savedR.initialize(repeating: -1, count: total)
        layer.initialize(repeating: 0, count: total); queue.initialize(repeating: 0, count: total)
        for i in 0..<n { diagA[i] = BottleneckMatcher.diagonalDistance(a[2 * i], a[2 * i + 1]) }
        for j in 0..<m { diagB[j] = BottleneckMatcher.diagonalDistance(b[2 * j], b[2 * j + 1]) }
        b.withUnsafeBufferPointer { bp in
            for j in 0..<m {
                let mid = (bp[2 * j] + bp[2 * j + 1]) / 2
                let row = proj + j * m
                for k in 0..<m { row[k] = Swift.max(abs(mid - bp[2 * k]), abs(mid - bp[2 * k + 1])) }
            }
            for i in 0..<n {
                let x = a[2 * i], y = a[2 * i + 1]
                let row = dist + i * m
                for k in 0..<m { row[k] = Swift.max(abs(x - bp[2 * k]), abs(y - bp[2 * k + 1])) }
            }
        }
    }

    deinit {
        dist.deallocate(); proj.deallocate(); diagA.deallocate(); diagB.deallocate()
        matchL.deallocate(); matchR.deallocate(); savedL.deallocate(); savedR.deallocate()
        layer.deallocate(); queue.deallocate()
        rowIndex.deallocate(); rowValue.deallocate(); sure.deallocate(); maybe.deallocate()
    }

    /// The distance row of left vertex u over B.
    @inline(__always) func row(_ u: Int) -> UnsafeMutablePointer<Double> {
        u < n ? dist + u * m : proj + (u - n) * m
    }

    /// Builds the row segments: sure entries <= lower, undecided ones in
    /// (lower, upper); the rest are never edges below the upper bound.
    func partitionRows(lower: Double, upper: Double) {
        for u in 0..<(n + m) {
            let values = row(u), base = u * m
            var s = 0
            for k in 0..<m where values[k] <= lower {
                rowIndex[base + s] = Int32(k); rowValue[base + s] = values[k]; s += 1
            }
            var t = s
            for k in 0..<m where values[k] > lower && values[k] < upper {
                rowIndex[base + t] = Int32(k); rowValue[base + t] = values[k]; t += 1
            }
            sure[u] = Int32(s); maybe[u] = Int32(t - s)
        }
    }

    @inline(__always) func swapEntries(_ a: Int, _ b: Int) {
        let i = rowIndex[a]; rowIndex[a] = rowIndex[b]; rowIndex[b] = i
        let v = rowValue[a]; rowValue[a] = rowValue[b]; rowValue[b] = v
    }

    /// After a failed test at v every radius left is > v: entries <= v become sure.
    func raiseFloor(to v: Double) {
        for u in 0..<(n + m) {
            let base = u * m
            var s = Int(sure[u])
            let end = s + Int(maybe[u])
            for t in s..<end where rowValue[base + t] <= v {
                swapEntries(base + s, base + t); s += 1
            }
            sure[u] = Int32(s); maybe[u] = Int32(end - s)
        }
    }

    /// After a successful test at v every radius left is < v: entries >= v go.
    func lowerCeiling(to v: Double) {
        for u in 0..<(n + m) {
            let base = u * m
            let s = Int(sure[u])
            var end = s
            for t in s..<(s + Int(maybe[u])) where rowValue[base + t] < v {
                swapEntries(base + end, base + t); end += 1
            }
            maybe[u] = Int32(end - s)
        }
    }

    /// GUDHI's distance from (x, y) to its diagonal projection.
    @inline(__always) static func diagonalDistance(_ x: Double, _ y: Double) -> Double {
        let mid = (x + y) / 2
        return Swift.max(abs(x - mid), abs(y - mid))
    }

    func distance() -> Double {
        let n = self.n, m = self.m, total = n + m
        if total == 0 { return 0 }
        // Lower bound: every point must be matched to something; upper bound:
        // everything to the diagonal is a perfect matching.
        var lower = 0.0, upper = 0.0
        for i in 0..<n {
            var best = diagA[i]
            let row = dist + i * m
            for k in 0..<m { best = Swift.min(best, row[k]) }
            lower = Swift.max(lower, best)
            upper = Swift.max(upper, diagA[i])
        }
        var columnMin = [Double](repeating: .infinity, count: m)
        columnMin.withUnsafeMutableBufferPointer { c in
            for j in 0..<m { let row = proj + j * m; for k in 0..<m { c[k] = Swift.min(c[k], row[k]) } }
            for i in 0..<n { let row = dist + i * m; for k in 0..<m { c[k] = Swift.min(c[k], row[k]) } }
        }
        for k in 0..<m {
            lower = Swift.max(lower, columnMin[k])
            upper = Swift.max(upper, diagB[k])
        }
        if lower >= upper { return upper }
        partitionRows(lower: lower, upper: upper)
        // The candidates are the undecided row entries (values in (floor,
        // ceiling)) and the A-to-diagonal distances in that interval. The
        // ceiling is the smallest value known feasible (the upper bound is);
        // the lower bound is tested first, so the floor starts there.
        if perfectMatching(radius: lower) { return lower }
        savedL.update(from: matchL, count: total); savedR.update(from: matchR, count: total)
        var floor = lower, ceiling = upper
        while true {
            guard let v = pivot(floor: floor, ceiling: ceiling) else { return ceiling }
            if perfectMatching(radius: v) {
                ceiling = v
                matchL.update(from: savedL, count: total); matchR.update(from: savedR, count: total)
                lowerCeiling(to: v)
            } else {
                floor = v
                savedL.update(from: matchL, count: total); savedR.update(from: matchR, count: total)
                raiseFloor(to: v)
            }
        }
    }

    /// A candidate near the median: the median of up to 31 candidates
    /// taken at evenly spaced ranks; nil when no candidate is left. Any
    /// candidate shrinks the set: a feasible one drops itself and everything
    /// above, an infeasible one itself and everything below.
    func pivot(floor: Double, ceiling: Double) -> Double? {
        let total = n + m
        var count = 0
        for u in 0..<total { count += Int(maybe[u]) }
        var diagonal: [Double] = []
        for i in 0..<n where diagA[i] > floor && diagA[i] < ceiling { diagonal.append(diagA[i]) }
        let all = count + diagonal.count
        guard all > 0 else { return nil }
        let samples = Swift.min(all, 31)
        var sample: [Double] = []
        sample.reserveCapacity(samples)
        var next = 0, seen = 0
        var target = 0
        for u in 0..<total where next < samples {
            let c = Int(maybe[u])
            while next < samples && target < seen + c {
                sample.append(rowValue[u * m + Int(sure[u]) + (target - seen)])
                next += 1
                target = next * all / samples
            }
            seen += c
        }
        while next < samples {
            sample.append(diagonal[target - count])
            next += 1
            target = next * all / samples
        }
        sample.sort()
        return sample[(samples - 1) / 2]
    }

    /// Runs Hopcroft–Karp from the current matching; true if it is perfect.
    func perfectMatching(radius r: Double) -> Bool {
        let n = self.n, m = self.m, total = n + m
        var size = 0
        for u in 0..<total where matchL[u] >= 0 { size += 1 }
        // Greedy pass: match free left vertices to free right neighbours.
        for u in 0..<total where matchL[u] < 0 {
            var v = -1
            let base = u * m, s = Int(sure[u]), end = s + Int(maybe[u])
            for t in 0..<s where matchR[Int(rowIndex[base + t])] < 0 { v = Int(rowIndex[base + t]); break }
            if v < 0 {
                for t in s..<end where rowValue[base + t] <= r && matchR[Int(rowIndex[base + t])] < 0 {
                    v = Int(rowIndex[base + t]); break
                }
            }
            if v < 0 {
                if u < n {
                    if diagA[u] <= r && matchR[m + u] < 0 { v = m + u }
                } else {
                    for i in 0..<n where matchR[m + i] < 0 { v = m + i; break }
                }
            }
            if v >= 0 { matchL[u] = Int32(v); matchR[v] = Int32(u); size += 1 }
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
    // row (O(n m + m^2) in all); the complete diagonal-to-diagonal block is
    // scanned by the first projection vertex only, since it layers every A'
    // at once.
    func buildLayers(_ r: Double) -> Bool {
        let n = self.n, m = self.m, total = n + m
        let inf = Int32.max
        var head = 0, tail = 0
        for u in 0..<total {
            if matchL[u] < 0 { layer[u] = 0; queue[tail] = Int32(u); tail += 1 } else { layer[u] = inf }
        }
        var found = inf
        var diagonalBlockDone = false
        @inline(__always) func reach(_ v: Int, _ next: Int32) {
            let w = matchR[v]
            if w < 0 {
                if found == inf { found = next }
            } else if layer[Int(w)] == inf {
                layer[Int(w)] = next
                queue[tail] = w
                tail += 1
            }
        }
        while head < tail {
            let u = Int(queue[head]); head += 1
            let next = layer[u] + 1
            if next > found { continue }
            let base = u * m, s = Int(sure[u]), end = s + Int(maybe[u])
            for t in 0..<s { reach(Int(rowIndex[base + t]), next) }
            for t in s..<end where rowValue[base + t] <= r { reach(Int(rowIndex[base + t]), next) }
            if u < n {
                if diagA[u] <= r { reach(m + u, next) }
            } else {
                if !diagonalBlockDone {
                    diagonalBlockDone = true
                    for i in 0..<n { reach(m + i, next) }
                }
            }
        }
        layerNil = found
        return found != inf
    }

    /// Whether right vertex v continues a layered augmenting path from a left
    /// vertex on layer `next - 1` (recursing into its mate).
    @inline(__always) func extends(_ v: Int, _ next: Int32, _ r: Double) -> Bool {
        let w = matchR[v]
        if w < 0 { return layerNil == next }
        return layer[Int(w)] == next && augment(Int(w), r)
    }

    /// A depth-first search for an augmenting path along the layers.
    func augment(_ u: Int, _ r: Double) -> Bool {
        let n = self.n, m = self.m
        let next = layer[u] + 1
        var found = -1
        let base = u * m, s = Int(sure[u]), end = s + Int(maybe[u])
        for t in 0..<s {
            let k = Int(rowIndex[base + t])
            if extends(k, next, r) { found = k; break }
        }
        if found < 0 {
            for t in s..<end where rowValue[base + t] <= r {
                let k = Int(rowIndex[base + t])
                if extends(k, next, r) { found = k; break }
            }
        }
        if u < n {
            if found < 0 && diagA[u] <= r && extends(m + u, next, r) { found = m + u }
        } else {
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
