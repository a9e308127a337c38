import Foundation

/// The q-Wasserstein transport between two finite diagrams by Bertsekas'
/// auction with epsilon scaling, stopped when the result is provably within
/// a relative error of the optimum: hera's method (Kerber, Morozov,
/// Nigmetov), in linear memory.
///
/// Bidders are A's n points and the m diagonal copies B_j'; items are B's m
/// points and the n diagonal copies A_i'. As in hera's restricted oracle, a
/// point bids for the other diagram's points and for its own diagonal copy
/// (cost: its distance to the diagonal to the q), a diagonal copy for its
/// own point and for any diagonal item (cost 0); an optimal matching of this
/// graph is an optimal one of the full problem, since diagonal copies are
/// interchangeable. B's points sit in a 2-d tree whose nodes keep their
/// smallest price, so a bidder's best and second-best items are found
/// without scanning (a weighted nearest-neighbour search); the diagonal
/// items' prices sit in a heap.
///
/// Stopping rule: after each scaling round (every bidder assigned, each
/// within epsilon of its best offer), the assignment's cost P is an upper
/// bound of the optimum and the dual value D = sum over bidders of their
/// best offer minus the sum of prices is a lower bound; the round is
/// accepted when P^(1/q) - D^(1/q) <= relativeError * D^(1/q), so the
/// returned distance P^(1/q) is at most (1 + relativeError) times the exact
/// one. Otherwise epsilon shrinks fivefold (hera's ratio) and the prices
/// are kept.
///
/// - Complexity: O(n + m) memory; a bid costs one tree search (O(sqrt(n +
///   m)) nodes for spread diagrams) and O(log(n + m)) price updates.
///   Reference: D. P. Bertsekas, "A distributed algorithm for the assignment
///   problem" (1979) and "Auction algorithms for network flow problems"
///   (1992); M. Kerber, D. Morozov, A. Nigmetov, "Geometry helps to compare
///   persistence diagrams", ACM JEA 22 (2017).
struct WassersteinAuction {
    let n: Int, m: Int
    private let ax: [Double], ay: [Double], bx: [Double], by: [Double]
    /// Point-to-diagonal costs (distance to the q).
    private let diagA: [Double], diagB: [Double]
    private let cost: GroundCost
    private var tree: PlanarKDTree
    private var priceB: [Double]
    private var diagonalPrices: IndexedMinHeap
    /// Item of each bidder (v < m: B_v; v >= m: A'_(v - m)), -1 when free.
    private var item: [Int32]
    /// Owner of B_k, then of A'_i.
    private var owner: [Int32]

    /// The result: the cost sum (distance to the q), the dual lower bound,
    /// and the pairs (indices into a and b, -1 the diagonal).
    struct Result {
        var cost: Double
        var lowerBound: Double
        var pairs: [(a: Int, b: Int)]
    }

    init(_ a: [Bar], _ b: [Bar], order q: Double, internalP p: Double) {
        n = a.count; m = b.count
        var ax = [Double](), ay = [Double](), bx = [Double](), by = [Double]()
        ax.reserveCapacity(n); ay.reserveCapacity(n); bx.reserveCapacity(m); by.reserveCapacity(m)
        for bar in a { ax.append(bar.birth); ay.append(bar.death) }
        for bar in b { bx.append(bar.birth); by.append(bar.death) }
        self.ax = ax; self.ay = ay; self.bx = bx; self.by = by
        let ground = GroundCost(internalP: p, order: q)
        let factor = p == .infinity ? 0.5 : (p == 1 ? 1 : Foundation.pow(2, 1 / p - 1))
        diagA = a.map { ground.power(abs($0.death - $0.birth) * factor) }
        diagB = b.map { ground.power(abs($0.death - $0.birth) * factor) }
        cost = ground
        tree = PlanarKDTree(capacity: m)
        tree.appendTree(ids: Array(0..<Int32(m)), xs: bx, ys: by)
        priceB = [Double](repeating: 0, count: m)
        diagonalPrices = IndexedMinHeap(count: n)
        item = [Int32](repeating: -1, count: n + m)
        owner = [Int32](repeating: -1, count: n + m)
    }

    @inline(__always) private func price(_ v: Int) -> Double {
        v < m ? priceB[v] : diagonalPrices.key[v - m]
    }

    @inline(__always) private mutating func setPrice(_ v: Int, _ value: Double) {
        if v < m { priceB[v] = value; tree.setWeight(v, value) } else { diagonalPrices.update(v - m, value) }
    }

    /// The cost of bidder u taking item v (v on u's restricted list).
    @inline(__always) private func edgeCost(_ u: Int, _ v: Int) -> Double {
        if u < n { return v < m ? cost(abs(ax[u] - bx[v]), abs(ay[u] - by[v])) : diagA[u] }
        return v < m ? diagB[v] : 0
    }

    /// Bidder u's best item, its offer (cost plus price) and the second-best offer.
    private func bestTwo(_ u: Int) -> (item: Int, best: Double, second: Double) {
        var bestItem: Int, best: Double, second: Double
        let other: Int, otherValue: Double
        if u < n {
            let found = tree.twoSmallest(tree: 0, ax[u], ay[u], cost: cost)
            bestItem = found.best; best = found.bestValue; second = found.second
            other = m + u; otherValue = diagA[u] + diagonalPrices.key[u]
        } else {
            let j = u - n
            let i = diagonalPrices.min
            bestItem = m + i; best = diagonalPrices.key[i]; second = diagonalPrices.secondMinKey
            other = j; otherValue = diagB[j] + priceB[j]
        }
        if otherValue < best {
            second = best; best = otherValue; bestItem = other
        } else if otherValue < second {
            second = otherValue
        }
        return (bestItem, best, second)
    }

    /// One auction round at `epsilon` from an empty assignment.
    /// Cost model: every bid is one `bestTwo` (a tree search or a heap
    /// look-up) and one price update; the bidder it outbids goes back on
    /// the stack.
    private mutating func round(_ epsilon: Double) {
        for u in item.indices { item[u] = -1; owner[u] = -1 }
        var free = Array((0..<Int32(n + m)).reversed())
        while let w = free.popLast() {
            let u = Int(w)
            let (v, best, second) = bestTwo(u)
            let old = price(v)
            var raised = old + ((second.isFinite ? second - best : 0) + epsilon)
            if !(raised > old) { raised = old.nextUp }
            setPrice(v, raised)
            let previous = owner[v]
            if previous >= 0 { item[Int(previous)] = -1; free.append(previous) }
            owner[v] = Int32(u); item[u] = Int32(v)
        }
    }

    /// Runs epsilon-scaling rounds until the relative error bound holds (or
    /// epsilon reaches rounding level, where the bound is reported as reached).
    mutating func solve(relativeError delta: Double, order q: Double) -> Result {
        if n == 0 || m == 0 {
            let total = n == 0 ? diagB.reduce(0, +) : diagA.reduce(0, +)
            let pairs = n == 0 ? (0..<m).map { (a: -1, b: $0) } : (0..<n).map { (a: $0, b: -1) }
            return Result(cost: total, lowerBound: total, pairs: pairs)
        }
        let largest = Swift.max(diagA.max() ?? 0, diagB.max() ?? 0)
        var epsilon = largest > 0 ? largest / 4 : 1
        var upper = Double.infinity, lower = 0.0
        while true {
            round(epsilon)
            upper = 0
            for u in 0..<(n + m) { upper += edgeCost(u, Int(item[u])) }
            var dual = 0.0
            for u in 0..<(n + m) { dual += bestTwo(u).best }
            for v in 0..<m { dual -= priceB[v] }
            for i in 0..<n { dual -= diagonalPrices.key[i] }
            lower = Swift.min(Swift.max(dual, 0), upper)
            if upper <= 0 { break }
            let w = Foundation.pow(upper, 1 / q), l = Foundation.pow(lower, 1 / q)
            if w - l <= delta * l { break }
            if epsilon < largest * 1e-15 || epsilon < Double.leastNormalMagnitude { break }
            epsilon /= 5
        }
        var pairs: [(a: Int, b: Int)] = []
        pairs.reserveCapacity(n + m)
        for u in 0..<n { let v = Int(item[u]); pairs.append((u, v < m ? v : -1)) }
        for u in n..<(n + m) where Int(item[u]) < m { pairs.append((-1, Int(item[u]))) }
        return Result(cost: upper, lowerBound: lower, pairs: pairs)
    }
}
