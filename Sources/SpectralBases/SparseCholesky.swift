/// The sparse Cholesky factorisation P A P^T = L L^T of a symmetric
/// positive definite matrix, with a nested-dissection ordering P, for the
/// solves of the shift-invert Lanczos eigensolver.
///
/// The ordering bisects the matrix graph recursively by breadth-first level
/// structures (George's automatic nested dissection): from a
/// pseudo-peripheral vertex the levels are counted, the middle level is the
/// separator, numbered after the two halves. The factorisation is the
/// up-looking one of Davis ("Direct methods for sparse linear systems",
/// SIAM 2006, ch. 4): row k of L from a sparse triangular solve along the
/// elimination tree.
///
/// ```swift
/// let a = try SparseSymmetricMatrix(order: 2, triplets: [(0, 0, 4), (0, 1, 2), (1, 0, 2), (1, 1, 3)])
/// let chol = try SparseCholesky(a)
/// chol.solve([6, 5])        // [1, 1]
/// ```
///
/// - Complexity: O(nnz(L)) memory; for the k-NN graphs of surface samples
///   the separators have about sqrt(n) vertices, so nnz(L) grows like
///   n log n and the work like n^1.5.
public struct SparseCholesky: Sendable {
    /// The order n.
    public let order: Int
    /// perm[k]: the original index of the k-th eliminated unknown.
    public let permutation: [Int32]
    /// The factor by columns: column j at `columnStart[j] ..< columnStart[j + 1]`, its diagonal first.
    let columnStart: [Int]
    let rows: [Int32]
    let values: [Double]

    /// The number of nonzeros of L.
    public var factorNonzeros: Int { values.count }

    /// Factors `a`.
    ///
    /// - Throws: `SpectralBasesError.solver` when `a` is not positive definite.
    public init(_ a: SparseSymmetricMatrix) throws {
        let n = a.order
        let perm = Self.nestedDissection(a)
        var inverse = [Int](repeating: 0, count: n)
        for k in 0..<n { inverse[Int(perm[k])] = k }
        // C = P A P^T: the lower part of each row (columns <= k), i.e. the upper part of column k.
        var cStart = [0], cIndex: [Int32] = [], cValue: [Double] = []
        cIndex.reserveCapacity(a.values.count / 2 + n); cValue.reserveCapacity(a.values.count / 2 + n)
        for k in 0..<n {
            let old = Int(perm[k])
            var entries: [(Int32, Double)] = []
            for t in a.rowStart[old]..<a.rowStart[old + 1] {
                let j = inverse[Int(a.columns[t])]
                if j <= k { entries.append((Int32(j), a.values[t])) }
            }
            entries.sort { $0.0 < $1.0 }
            for (j, v) in entries { cIndex.append(j); cValue.append(v) }
            cStart.append(cIndex.count)
        }
        // The elimination tree (Liu's algorithm with path compression).
        var parent = [Int](repeating: -1, count: n)
        var ancestor = [Int](repeating: -1, count: n)
        for k in 0..<n {
            for t in cStart[k]..<cStart[k + 1] {
                var i = Int(cIndex[t])
                while i != -1 && i < k {
                    let next = ancestor[i]
                    ancestor[i] = k
                    if next == -1 { parent[i] = k }
                    i = next
                }
            }
        }
        // Column counts from the row patterns (each row's pattern: the tree paths from its entries up to k).
        var mark = [Int](repeating: -1, count: n)
        var count = [Int](repeating: 1, count: n)
        for k in 0..<n {
            mark[k] = k
            for t in cStart[k]..<cStart[k + 1] {
                var i = Int(cIndex[t])
                while i < k && mark[i] != k { count[i] += 1; mark[i] = k; i = parent[i] }
            }
        }
        var start = [Int](repeating: 0, count: n + 1)
        for j in 0..<n { start[j + 1] = start[j] + count[j] }
        let total = start[n]
        var li = [Int32](repeating: 0, count: total)
        var lx = [Double](repeating: 0, count: total)
        var fill = start
        var x = [Double](repeating: 0, count: n)
        var stack = [Int](repeating: 0, count: n)
        var pattern = [Int](repeating: 0, count: n)
        for i in 0..<n { mark[i] = -1 }
        // Cost: sum over columns of (column count)^2, the flops of the factorisation; one pass, no allocation.
        let failed: Int? = li.withUnsafeMutableBufferPointer { li in lx.withUnsafeMutableBufferPointer { lx in
            x.withUnsafeMutableBufferPointer { x in
                for k in 0..<n {
                    // The pattern of row k of L in topological order (ereach).
                    var top = n
                    mark[k] = k
                    for t in cStart[k]..<cStart[k + 1] {
                        var i = Int(cIndex[t])
                        x[i] = cValue[t]
                        var len = 0
                        while i < k && mark[i] != k { stack[len] = i; len += 1; mark[i] = k; i = parent[i] }
                        while len > 0 { len -= 1; top -= 1; pattern[top] = stack[len] }
                    }
                    var d = x[k]; x[k] = 0
                    for p in top..<n {
                        let i = pattern[p]
                        let lki = x[i] / lx[start[i]]
                        x[i] = 0
                        for q in (start[i] + 1)..<fill[i] { x[Int(li[q])] -= lx[q] * lki }
                        d -= lki * lki
                        li[fill[i]] = Int32(k); lx[fill[i]] = lki; fill[i] += 1
                    }
                    guard d > 0, d.isFinite else { return k }
                    li[fill[k]] = Int32(k); lx[fill[k]] = d.squareRoot(); fill[k] += 1
                }
                return nil
            }
        }}
        if let k = failed {
            throw SpectralBasesError.solver("the shifted matrix is not positive definite (pivot \(k) of \(n))")
        }
        order = n
        permutation = perm
        columnStart = start
        rows = li
        values = lx
    }

    /// x with A x = b.
    public func solve(_ b: [Double]) -> [Double] {
        var x = b
        solve(&x)
        return x
    }

    /// Solves A x = b in place.
    public func solve(_ b: inout [Double]) {
        let n = order
        var y = [Double](repeating: 0, count: n)
        // Cost: two passes over L's nonzeros.
        permutation.withUnsafeBufferPointer { perm in columnStart.withUnsafeBufferPointer { cs in
            rows.withUnsafeBufferPointer { li in values.withUnsafeBufferPointer { lx in
                b.withUnsafeMutableBufferPointer { b in y.withUnsafeMutableBufferPointer { y in
                    for k in 0..<n { y[k] = b[Int(perm[k])] }
                    for j in 0..<n {
                        let yj = y[j] / lx[cs[j]]
                        y[j] = yj
                        for p in (cs[j] + 1)..<cs[j + 1] { y[Int(li[p])] -= lx[p] * yj }
                    }
                    for j in stride(from: n - 1, through: 0, by: -1) {
                        var s = y[j]
                        for p in (cs[j] + 1)..<cs[j + 1] { s -= lx[p] * y[Int(li[p])] }
                        y[j] = s / lx[cs[j]]
                    }
                    for k in 0..<n { b[Int(perm[k])] = y[k] }
                }}
            }}
        }}
    }

    /// The nested-dissection order of the graph of `a` (perm[k] = the k-th vertex).
    static func nestedDissection(_ a: SparseSymmetricMatrix) -> [Int32] {
        let n = a.order
        var label = [Int](repeating: 0, count: n)      // the part a vertex belongs to
        var level = [Int](repeating: -1, count: n)
        var nextLabel = 1
        var order: [Int32] = []
        order.reserveCapacity(n)
        var queue = [Int](repeating: 0, count: n)

        /// Breadth-first levels from `root` inside part `part`: the vertices in visiting order and the level sizes.
        func levels(from root: Int, part: Int, visited: inout [Int], sizes: inout [Int]) {
            visited.removeAll(keepingCapacity: true); sizes.removeAll(keepingCapacity: true)
            var head = 0, tail = 0
            queue[tail] = root; tail += 1; level[root] = 0
            while head < tail {
                let v = queue[head]; head += 1
                visited.append(v)
                if level[v] == sizes.count { sizes.append(0) }
                sizes[level[v]] += 1
                for t in a.rowStart[v]..<a.rowStart[v + 1] {
                    let w = Int(a.columns[t])
                    if label[w] == part && level[w] < 0 { level[w] = level[v] + 1; queue[tail] = w; tail += 1 }
                }
            }
        }

        // Parts to order: (label, members); an explicit stack keeps the recursion shallow.
        enum Task { case split(Int, [Int]); case emit([Int]) }
        var tasks: [Task] = [.split(0, Array(0..<n))]
        var visited: [Int] = [], sizes: [Int] = []
        while let task = tasks.popLast() {
            switch task {
            case .emit(let vs):
                for v in vs { order.append(Int32(v)) }
            case .split(let part, let members):
                if members.count <= 64 { for v in members { order.append(Int32(v)) }; continue }
                // A pseudo-peripheral root: the last vertex reached from the first, twice.
                var root = members[0]
                for _ in 0..<2 {
                    levels(from: root, part: part, visited: &visited, sizes: &sizes)
                    root = visited[visited.count - 1]
                    for v in visited { level[v] = -1 }
                }
                levels(from: root, part: part, visited: &visited, sizes: &sizes)
                let reached = visited
                if reached.count < members.count {
                    // Several components: each on its own.
                    let rest = members.filter { level[$0] < 0 }
                    for v in reached { level[v] = -1 }
                    let a = nextLabel, b = nextLabel + 1; nextLabel += 2
                    for v in reached { label[v] = a }
                    for v in rest { label[v] = b }
                    tasks.append(.split(b, rest)); tasks.append(.split(a, reached))
                    continue
                }
                // The middle level is the separator.
                var cut = 0, seen = 0
                while cut < sizes.count - 1 && seen + sizes[cut] < members.count / 2 { seen += sizes[cut]; cut += 1 }
                if sizes.count < 3 { for v in members { order.append(Int32(v)); level[v] = -1 }; continue }
                if cut == 0 { cut = 1 }
                if cut == sizes.count - 1 { cut = sizes.count - 2 }
                var low: [Int] = [], high: [Int] = [], separator: [Int] = []
                for v in reached {
                    if level[v] < cut { low.append(v) } else if level[v] > cut { high.append(v) } else { separator.append(v) }
                    level[v] = -1
                }
                let a = nextLabel, b = nextLabel + 1; nextLabel += 2
                for v in low { label[v] = a }
                for v in high { label[v] = b }
                for v in separator { label[v] = -1 }
                // Popped in reverse: low, then high, then the separator.
                tasks.append(.emit(separator)); tasks.append(.split(b, high)); tasks.append(.split(a, low))
            }
        }
        return order
    }
}
