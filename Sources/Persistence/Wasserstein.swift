import Foundation

/// The exact q-Wasserstein distance between two persistence diagrams with
/// ground metric L-infinity: the number GUDHI's
/// `gudhi.wasserstein.wasserstein_distance(a, b, order=q, internal_p=inf)`
/// (POT's exact `emd2`) returns, to floating-point rounding.
///
/// Conventions (GUDHI's POT path):
/// - point-to-point cost `||x - y||_inf^q`, point-to-diagonal cost
///   `((d - b) / 2)^q`;
/// - essential points (`death == .infinity`) are matched by sorted births,
///   adding `sum |birth_a - birth_b|^q`; different counts give `.infinity`;
/// - the result is the total cost to the power 1/q.
///
/// ```swift
/// let a = [Bar(birth: 0, death: 2)]
/// let b = [Bar(birth: 0, death: 2.5)]
/// wassersteinDistance(a, b, order: 1)  // 0.5
/// wassersteinDistance(a, [], order: 2) // 1.0
/// ```
///
/// The optimal transport problem on the (n + 1) x (m + 1) cost matrix (the
/// diagonal as one node of capacity n or m) is solved as the equivalent
/// (n + m) x (n + m) assignment problem by the Hungarian algorithm with
/// potentials (shortest augmenting paths), which is exact: no relative error
/// beyond the rounding of the sums.
///
/// - Complexity: O((n + m)^3) time, O((n + m)^2) memory.
///   Reference: H. W. Kuhn, "The Hungarian method for the assignment
///   problem" (1955); R. Jonker, A. Volgenant (1987).
/// - Precondition: `order >= 1` and finite; throws otherwise.
public func wassersteinDistance(_ a: [Bar], _ b: [Bar], order q: Double = 1) throws -> Double {
    guard q >= 1, q.isFinite else {
        throw PersistenceError.invalidParameter(name: "Wasserstein order", reason: "\(q) must be a finite number >= 1")
    }
    let finiteA = a.filter { !$0.isEssential }, finiteB = b.filter { !$0.isEssential }
    var aliveA = a.filter(\.isEssential).map(\.birth), aliveB = b.filter(\.isEssential).map(\.birth)
    guard aliveA.count == aliveB.count else { return .infinity }
    aliveA.sort(); aliveB.sort()
    var essential = 0.0
    for i in 0..<aliveA.count { essential += Foundation.pow(abs(aliveA[i] - aliveB[i]), q) }
    let cost = optimalTransportCost(finiteA, finiteB, order: q)
    return Foundation.pow(cost + essential, 1 / q)
}

extension Barcode {
    /// The exact q-Wasserstein distance (ground metric L-infinity) to
    /// `other` in dimension `dimension`; see ``wassersteinDistance(_:_:order:)``.
    ///
    /// ```swift
    /// let d = try x.wassersteinDistance(to: y, dimension: 1, order: 2)
    /// ```
    public func wassersteinDistance(to other: Barcode, dimension: Int, order: Double = 1) throws -> Double {
        try Persistence.wassersteinDistance(self[dimension], other[dimension], order: order)
    }
}

/// The optimal partial matching cost sum c^q between finite diagrams, the
/// diagonal absorbing any unmatched point.
func optimalTransportCost(_ a: [Bar], _ b: [Bar], order q: Double) -> Double {
    let n = a.count, m = b.count
    @inline(__always) func power(_ x: Double) -> Double { q == 1 ? x : (q == 2 ? x * x : Foundation.pow(x, q)) }
    if n == 0 { return b.reduce(0) { $0 + power(($1.death - $1.birth) * 0.5) } }
    if m == 0 { return a.reduce(0) { $0 + power(($1.death - $1.birth) * 0.5) } }
    let size = n + m
    // Square cost matrix, row-major: rows A then B', columns B then A'.
    var cost = [Double](repeating: 0, count: size * size)
    for i in 0..<n {
        let x = a[i]
        let toDiagonal = power((x.death - x.birth) * 0.5)
        for j in 0..<m {
            cost[i * size + j] = power(Swift.max(abs(x.birth - b[j].birth), abs(x.death - b[j].death)))
        }
        for j in m..<size { cost[i * size + j] = toDiagonal }
    }
    for j in 0..<m {
        let toDiagonal = power((b[j].death - b[j].birth) * 0.5)
        for i in n..<size { cost[i * size + j] = toDiagonal }
    }
    // The matrix is size x size by construction, so this cannot throw.
    let assignment = (try? hungarianAssignment(cost: cost, size: size)) ?? Array(0..<size)
    var total = 0.0
    for i in 0..<size { total += cost[i * size + assignment[i]] }
    return total
}

/// The minimum-cost perfect assignment of a square cost matrix: row i goes
/// to column `result[i]`.
///
/// ```swift
/// try hungarianAssignment(cost: [4, 1, 2, 3], size: 2)  // [1, 0]
/// ```
///
/// - Complexity: O(size^3) worst case. Cost model: a column reduction
///   (O(size^2)) matches most rows at once; each row left free costs one
///   Dijkstra-like sweep over the columns (O(size^2)), with potentials u, v
///   kept so reduced costs stay non-negative.
public func hungarianAssignment(cost: [Double], size: Int) throws -> [Int] {
    guard size >= 0, cost.count == size * size else {
        throw PersistenceError.invalidParameter(name: "cost matrix", reason: "\(cost.count) entries is not \(size) x \(size)")
    }
    if size == 0 { return [] }
    let n = size
    var u = [Double](repeating: 0, count: n + 1)
    var v = [Double](repeating: 0, count: n + 1)
    var p = [Int](repeating: 0, count: n + 1)    // p[j]: row matched to column j (1-based), 0 = none
    var way = [Int](repeating: 0, count: n + 1)
    var minv = [Double](repeating: 0, count: n + 1)
    var used = [Bool](repeating: false, count: n + 1)
    var rowMatched = [Bool](repeating: false, count: n + 1)
    cost.withUnsafeBufferPointer { c in
        // Column reduction (Jonker–Volgenant): v_j = min_i c_ij, and column j
        // takes a free row attaining it. Reduced costs c - u - v stay >= 0
        // and matched pairs are tight, so only the rows left free need an
        // augmenting search below.
        for j in 1...n {
            var best = Double.infinity, bestRow = 0
            for i in 1...n {
                let x = c[(i - 1) * n + j - 1]
                if x < best || (x == best && bestRow > 0 && rowMatched[bestRow] && !rowMatched[i]) {
                    best = x; bestRow = i
                }
            }
            v[j] = best
            if bestRow > 0 && !rowMatched[bestRow] { p[j] = bestRow; rowMatched[bestRow] = true }
        }
        for i in 1...n where !rowMatched[i] {
            p[0] = i
            var j0 = 0
            for j in 0...n { minv[j] = .infinity; used[j] = false }
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity
                var j1 = 0
                let row = (i0 - 1) * n - 1
                let ui0 = u[i0]
                for j in 1...n where !used[j] {
                    let cur = c[row + j] - ui0 - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...n {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
    }
    var result = [Int](repeating: 0, count: n)
    for j in 1...n where p[j] > 0 { result[p[j] - 1] = j - 1 }
    return result
}
