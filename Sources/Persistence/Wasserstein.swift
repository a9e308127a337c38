import Foundation

/// The exact q-Wasserstein distance between two persistence diagrams with
/// ground metric L^p (`internalP`, 1 <= p <= infinity): the number GUDHI's
/// `gudhi.wasserstein.wasserstein_distance(a, b, order=q, internal_p=p)`
/// (POT's exact `emd2`) returns, to floating-point rounding.
///
/// Conventions (GUDHI's POT path):
/// - point-to-point cost `||x - y||_p^q`; point-to-diagonal cost
///   `(|d - b| 2^(1/p - 1))^q`, the L^p distance to the diagonal ((d - b)/2
///   for p = inf, (d - b)/sqrt 2 for p = 2, d - b for p = 1);
/// - essential parts as GUDHI's `_handle_essential_parts`: points
///   (finite, +inf) are matched by sorted births and points (-inf, finite)
///   by sorted deaths, each adding `sum |difference|^q`; points
///   (-inf, +inf) are matched with each other at no cost; points
///   (-inf, -inf) and (+inf, +inf) lie on the diagonal. Different counts of
///   any of the first three kinds give `.infinity`;
/// - the result is the total cost to the power 1/q.
///
/// Points below the diagonal (birth > death) are accepted; their distance
/// to the diagonal is taken in absolute value. GUDHI's POT path does the
/// same against an empty diagram and for even q; for odd q it gives such
/// points a negative cost (and can return a negative "distance"): there we
/// differ on purpose.
///
/// ```swift
/// let a = [Bar(birth: 0, death: 2)]
/// let b = [Bar(birth: 0, death: 2.5)]
/// try wassersteinDistance(a, b, order: 1)                  // 0.5
/// try wassersteinDistance(a, [], order: 2)                 // 1.0
/// try wassersteinDistance(a, [], order: 1, internalP: 1)   // 2.0
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
/// - Throws: `PersistenceError.invalidParameter` for an order below 1 or
///   infinite, an internal p below 1 or NaN, or a NaN coordinate;
///   `PersistenceError.tooLarge` beyond ``maximumWassersteinPoints``.
public func wassersteinDistance(_ a: [Bar], _ b: [Bar], order q: Double = 1, internalP p: Double = .infinity) throws -> Double {
    try wassersteinMatching(a, b, order: q, internalP: p).distance
}

/// The exact q-Wasserstein distance (ground metric L^p) with an optimal
/// matching that realises it; see ``wassersteinDistance(_:_:order:internalP:)``
/// for the conventions. Indices are into `a` and `b` as given (GUDHI's
/// `matching=True` output, except that GUDHI numbers finite points within
/// the finite part only).
///
/// ```swift
/// let m = try wassersteinMatching(a, b, order: 2, internalP: 2)
/// for pair in m.pairs { print(pair.a, pair.b) }   // -1: the diagonal
/// ```
public func wassersteinMatching(_ a: [Bar], _ b: [Bar], order q: Double = 1, internalP p: Double = .infinity) throws -> DiagramMatching {
    try wassersteinMatching(a, b, order: q, internalP: p, relativeError: nil)
}

/// The q-Wasserstein distance (ground metric L^p) within a relative error:
/// the result W satisfies W* <= W <= (1 + relativeError) W* for the exact
/// distance W*, as `gudhi.hera.wasserstein_distance(a, b, order=q,
/// internal_p=p, delta=relativeError)` promises. Computed by Bertsekas'
/// auction with epsilon scaling and a 2-d tree (hera's method) in linear
/// memory, so it takes diagrams far beyond the exact solver's
/// ``maximumWassersteinPoints``. Same conventions as
/// ``wassersteinDistance(_:_:order:internalP:)`` (essential parts exact).
///
/// ```swift
/// let a = (0..<5000).map { Bar(birth: Double($0), death: Double($0) + 1.5) }
/// let b = (0..<5000).map { Bar(birth: Double($0) + 0.1, death: Double($0) + 1.4) }
/// try wassersteinDistance(a, b, order: 1, relativeError: 0.01)  // within 1% of 500
/// ```
///
/// - Complexity: O(n + m) memory; time grows with 1 / relativeError (the
///   epsilon-scaling rounds); about 0.1 s for W1 on two 5,000-bar diagrams.
///   Reference: M. Kerber, D. Morozov, A. Nigmetov, "Geometry helps to
///   compare persistence diagrams", ACM JEA 22 (2017).
/// - Throws: `PersistenceError.invalidParameter` for a relative error that
///   is not a positive finite number, and as the exact version.
public func wassersteinDistance(_ a: [Bar], _ b: [Bar], order q: Double = 1, internalP p: Double = .infinity,
                                relativeError: Double) throws -> Double {
    try wassersteinMatching(a, b, order: q, internalP: p, relativeError: relativeError).distance
}

/// ``wassersteinDistance(_:_:order:internalP:relativeError:)`` with the
/// auction's matching (its cost is the returned distance).
///
/// ```swift
/// let m = try wassersteinMatching(a, b, order: 1, relativeError: 0.01)
/// ```
public func wassersteinMatching(_ a: [Bar], _ b: [Bar], order q: Double = 1, internalP p: Double = .infinity,
                                relativeError: Double) throws -> DiagramMatching {
    guard relativeError > 0, relativeError.isFinite else {
        throw PersistenceError.invalidParameter(name: "relative error", reason: "\(relativeError) must be a positive finite number")
    }
    return try wassersteinMatching(a, b, order: q, internalP: p, relativeError: Optional(relativeError))
}

/// The common path: `relativeError` nil is the exact solver.
func wassersteinMatching(_ a: [Bar], _ b: [Bar], order q: Double, internalP p: Double, relativeError: Double?) throws -> DiagramMatching {
    guard q >= 1, q.isFinite else {
        throw PersistenceError.invalidParameter(name: "Wasserstein order", reason: "\(q) must be a finite number >= 1")
    }
    guard p >= 1 else {
        throw PersistenceError.invalidParameter(name: "internal p", reason: "\(p) must be a number >= 1 or inf")
    }
    guard !a.contains(where: { $0.birth.isNaN || $0.death.isNaN }), !b.contains(where: { $0.birth.isNaN || $0.death.isNaN }) else {
        throw PersistenceError.invalidParameter(name: "diagram", reason: "a coordinate is NaN")
    }
    let ea = EssentialParts(a), eb = EssentialParts(b)
    let size = ea.finite.count + eb.finite.count
    guard relativeError != nil || size <= maximumWassersteinPoints else {
        throw PersistenceError.tooLarge("exact Wasserstein on \(size) finite points needs a \(size) x \(size) cost matrix; at most \(maximumWassersteinPoints) points (\(maximumWassersteinPoints * maximumWassersteinPoints / 131_072) MB)")
    }
    guard ea.aliveBirths.count == eb.aliveBirths.count, ea.deadFromMinusInfinity.count == eb.deadFromMinusInfinity.count,
          ea.everywhere.count == eb.everywhere.count else {
        return DiagramMatching(distance: .infinity, pairs: [])
    }
    var essential = 0.0
    var essentialPairs: [DiagramMatching.Pair] = []
    for (x, y) in [(ea.aliveBirths, eb.aliveBirths), (ea.deadFromMinusInfinity, eb.deadFromMinusInfinity)] {
        for k in x.indices {
            essential += Foundation.pow(abs(x[k].value - y[k].value), q)
            essentialPairs.append(.init(a: x[k].index, b: y[k].index))
        }
    }
    for k in ea.everywhere.indices { essentialPairs.append(.init(a: ea.everywhere[k], b: eb.everywhere[k])) }
    for i in ea.onDiagonal { essentialPairs.append(.init(a: i, b: -1)) }
    for j in eb.onDiagonal { essentialPairs.append(.init(a: -1, b: j)) }
    let fa = ea.finite.map { a[$0] }, fb = eb.finite.map { b[$0] }
    let transport: (cost: Double, pairs: [(a: Int, b: Int)])
    if let delta = relativeError {
        var auction = WassersteinAuction(fa, fb, order: q, internalP: p)
        let result = auction.solve(relativeError: delta, order: q)
        guard result.cost.isFinite else {
            throw PersistenceError.invalidParameter(name: "diagram", reason: "a transport cost overflows (coordinates too large for order \(q))")
        }
        transport = (result.cost, result.pairs)
    } else {
        transport = try optimalTransport(fa, fb, order: q, internalP: p)
    }
    var pairs = transport.pairs.map { DiagramMatching.Pair(a: $0.a < 0 ? -1 : ea.finite[$0.a], b: $0.b < 0 ? -1 : eb.finite[$0.b]) }
    pairs += essentialPairs
    return DiagramMatching(distance: Foundation.pow(transport.cost + essential, 1 / q), pairs: pairs)
}

extension Barcode {
    /// The exact q-Wasserstein distance (ground metric L^p, default
    /// L-infinity) to `other` in dimension `dimension`; see
    /// ``wassersteinDistance(_:_:order:internalP:)``.
    ///
    /// ```swift
    /// let d = try x.wassersteinDistance(to: y, dimension: 1, order: 2)
    /// ```
    public func wassersteinDistance(to other: Barcode, dimension: Int, order: Double = 1,
                                    internalP: Double = .infinity) throws -> Double {
        try Persistence.wassersteinDistance(self[dimension], other[dimension], order: order, internalP: internalP)
    }
}

/// The largest n + m (finite points of both diagrams) the exact solver
/// takes: its (n + m)^2 cost matrix is then 1.6 GB.
public let maximumWassersteinPoints = 15_000

/// A diagram split as GUDHI's `_get_essential_parts` splits it, by index.
struct EssentialParts {
    /// Both coordinates finite.
    var finite: [Int] = []
    /// (finite, +inf), sorted by birth.
    var aliveBirths: [(value: Double, index: Int)] = []
    /// (-inf, finite), sorted by death.
    var deadFromMinusInfinity: [(value: Double, index: Int)] = []
    /// (-inf, +inf).
    var everywhere: [Int] = []
    /// (-inf, -inf), (+inf, +inf) and the other points GUDHI drops ((+inf, finite), (finite, -inf)).
    var onDiagonal: [Int] = []

    init(_ d: [Bar]) {
        for (i, bar) in d.enumerated() {
            let b = bar.birth, e = bar.death
            if b.isFinite && e.isFinite { finite.append(i) }
            else if b.isFinite && e == .infinity { aliveBirths.append((b, i)) }
            else if b == -.infinity && e.isFinite { deadFromMinusInfinity.append((e, i)) }
            else if b == -.infinity && e == .infinity { everywhere.append(i) }
            else { onDiagonal.append(i) }
        }
        aliveBirths.sort { $0.value != $1.value ? $0.value < $1.value : $0.index < $1.index }
        deadFromMinusInfinity.sort { $0.value != $1.value ? $0.value < $1.value : $0.index < $1.index }
    }
}

/// The optimal partial matching between finite diagrams, the diagonal
/// absorbing any unmatched point: its cost sum c^q and its pairs (indices
/// into `a` and `b`, -1 the diagonal).
func optimalTransport(_ a: [Bar], _ b: [Bar], order q: Double, internalP p: Double) throws -> (cost: Double, pairs: [(a: Int, b: Int)]) {
    let n = a.count, m = b.count
    @inline(__always) func power(_ x: Double) -> Double { q == 1 ? x : (q == 2 ? x * x : Foundation.pow(x, q)) }
    // The L^p distance to the diagonal is |d - b| 2^(1/p - 1).
    let diagonalFactor = p == .infinity ? 0.5 : (p == 1 ? 1 : Foundation.pow(2, 1 / p - 1))
    @inline(__always) func toDiagonal(_ x: Bar) -> Double { power(abs(x.death - x.birth) * diagonalFactor) }
    @inline(__always) func ground(_ x: Bar, _ y: Bar) -> Double {
        let dx = abs(x.birth - y.birth), dy = abs(x.death - y.death)
        if p == .infinity { return Swift.max(dx, dy) }
        if p == 1 { return dx + dy }
        if p == 2 { return (dx * dx + dy * dy).squareRoot() }
        return Foundation.pow(Foundation.pow(dx, p) + Foundation.pow(dy, p), 1 / p)
    }
    if n == 0 || m == 0 {
        let pairs = n == 0 ? (0..<m).map { (a: -1, b: $0) } : (0..<n).map { (a: $0, b: -1) }
        return ((n == 0 ? b : a).reduce(0) { $0 + toDiagonal($1) }, pairs)
    }
    let size = n + m
    // Square cost matrix, row-major: rows A then B' (diagonal copies),
    // columns B then A' (diagonal copies).
    var cost = [Double](repeating: 0, count: size * size)
    for i in 0..<n {
        let x = a[i]
        let d = toDiagonal(x)
        for j in 0..<m { cost[i * size + j] = power(ground(x, b[j])) }
        for j in m..<size { cost[i * size + j] = d }
    }
    for j in 0..<m {
        let d = toDiagonal(b[j])
        for i in n..<size { cost[i * size + j] = d }
    }
    // Square by construction; entries are finite unless a cost overflowed.
    guard cost.allSatisfy(\.isFinite) else {
        throw PersistenceError.invalidParameter(name: "diagram", reason: "a transport cost overflows (coordinates too large for order \(q))")
    }
    let assignment = try hungarianAssignment(cost: cost, size: size)
    var total = 0.0
    var pairs: [(a: Int, b: Int)] = []
    pairs.reserveCapacity(size)
    for i in 0..<size {
        let j = assignment[i]
        total += cost[i * size + j]
        if i < n { pairs.append((i, j < m ? j : -1)) }
    }
    for i in n..<size where assignment[i] < m { pairs.append((-1, assignment[i])) }
    return (total, pairs)
}
/// The minimum-cost perfect assignment of a square cost matrix: row i goes
/// to column `result[i]`.
///
/// ```swift
/// try hungarianAssignment(cost: [4, 1, 2, 3], size: 2)  // [1, 0]
/// ```
///
/// - Complexity: O(size^3) worst case. Cost model: a column reduction
///   (O(size^2)) matches most rows at once with dual potentials u, v kept
///   so reduced costs c - u - v stay non-negative and matched pairs tight;
///   each row left free costs one Dijkstra-like shortest augmenting path
///   over the columns not yet reached (each step scans only those, and the
///   potentials are updated once per path, not per step: Crouse's variant
///   of Jonker–Volgenant, as scipy's `linear_sum_assignment`).
///   Reference: D. F. Crouse, "On implementing 2D rectangular assignment
///   algorithms", IEEE Trans. Aerospace and Electronic Systems 52 (2016).
public func hungarianAssignment(cost: [Double], size: Int) throws -> [Int] {
    let square = size.multipliedReportingOverflow(by: size)
    guard size >= 0, !square.overflow, cost.count == square.partialValue else {
        throw PersistenceError.invalidParameter(name: "cost matrix", reason: "\(cost.count) entries is not \(size) x \(size)")
    }
    guard cost.allSatisfy(\.isFinite) else {
        throw PersistenceError.invalidParameter(name: "cost matrix", reason: "entries must be finite numbers")
    }
    if size == 0 { return [] }
    let n = size
    var u = [Double](repeating: 0, count: n), v = [Double](repeating: 0, count: n)
    var col4row = [Int](repeating: -1, count: n), row4col = [Int](repeating: -1, count: n)
    var path = [Int](repeating: -1, count: n)
    var shortest = [Double](repeating: .infinity, count: n)
    var remaining = [Int](repeating: 0, count: n)
    var rowSeen = [Bool](repeating: false, count: n), colSeen = [Bool](repeating: false, count: n)
    var seenRows = [Int](), seenCols = [Int]()
    seenRows.reserveCapacity(n); seenCols.reserveCapacity(n)
    cost.withUnsafeBufferPointer { c in
        // Column reduction: v_j = min_i c_ij; column j takes a free row attaining it.
        for j in 0..<n {
            var best = Double.infinity, bestRow = -1
            for i in 0..<n {
                let x = c[i * n + j]
                if x < best || (x == best && bestRow >= 0 && col4row[bestRow] >= 0 && col4row[i] < 0) { best = x; bestRow = i }
            }
            v[j] = best
            if bestRow >= 0 && col4row[bestRow] < 0 { col4row[bestRow] = j; row4col[j] = bestRow }
        }
        for current in 0..<n where col4row[current] < 0 {
            // Shortest augmenting path from `current` in reduced costs.
            var count = 0
            for j in 0..<n { remaining[count] = j; count += 1 }
            for j in seenCols { colSeen[j] = false }
            for i in seenRows { rowSeen[i] = false }
            seenCols.removeAll(keepingCapacity: true); seenRows.removeAll(keepingCapacity: true)
            for j in 0..<n { shortest[j] = .infinity }
            var minVal = 0.0, i = current, sink = -1
            while sink < 0 {
                rowSeen[i] = true; seenRows.append(i)
                let row = i * n, ui = u[i]
                var lowest = Double.infinity, index = -1
                for t in 0..<count {
                    let j = remaining[t]
                    let r = minVal + c[row + j] - ui - v[j]
                    if r < shortest[j] { path[j] = i; shortest[j] = r }
                    let sj = shortest[j]
                    if sj < lowest || (sj == lowest && row4col[j] < 0) { lowest = sj; index = t }
                }
                // Every entry is finite, so some column is always reachable.
                if index < 0 { index = 0; lowest = shortest[remaining[0]] }
                minVal = lowest
                let j = remaining[index]
                if row4col[j] < 0 { sink = j } else { i = row4col[j] }
                colSeen[j] = true; seenCols.append(j)
                count -= 1
                remaining[index] = remaining[count]
            }
            // Dual update: once per path.
            u[current] += minVal
            for r in seenRows where r != current { u[r] += minVal - shortest[col4row[r]] }
            for j in seenCols { v[j] -= minVal - shortest[j] }
            // Augment along the path.
            var j = sink
            while true {
                let r = path[j]
                row4col[j] = r
                let previous = col4row[r]
                col4row[r] = j
                if r == current { break }
                j = previous
            }
        }
    }
    return col4row
}
