import PointClouds

/// Builders of multi-parameter filtrations of point clouds, as
/// `FilteredComplex` values with n = 1 + (number of functions) parameters.
///
/// Function-Rips (multipers' `RipsLowerstar`): vertex v at (0, f(v)), edge
/// {i, j} at (d(i, j), max(f(i), f(j))) — the full distance, not half — and
/// every higher simplex of the flag complex at the coordinatewise maximum of
/// its faces. Rips-codensity takes f = -log of a Gaussian KDE (or the DTM,
/// or the k-NN distance). Unlike multipers, whose default threshold is the
/// enclosing radius (which changes two-parameter answers), the default here
/// is the full Rips complex.
///
/// ```swift
/// let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0, 1]])
/// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.5)
/// let complex = try Bifiltration.functionRips(points: cloud, functions: [f], maxDimension: 2)
/// complex.count  // 7: 3 vertices, 3 edges, 1 triangle
/// ```
/// Memory: 1 + 8n + 5(k+1) bytes or so per k-simplex; the number of
/// simplices of the full Rips complex grows as C(N, k+1), so a threshold or
/// a smaller `maxDimension` is what keeps large clouds feasible. The builder
/// stops with `ComplexError.tooLarge` as soon as it would exceed `maxCells`.
public enum Bifiltration {
    /// The function-Rips multi-filtration of a distance matrix and per-point functions.
    ///
    /// - Parameters:
    ///   - functions: one array of N values per extra parameter.
    ///   - threshold: the largest edge length kept (nil: all edges).
    ///   - maxDimension: the flag complex's top dimension (the expansion, 2 by default).
    ///   - collapse: remove filtration-dominated edges before the expansion
    ///     (Alonso, Kerber and Pritam): strongly dominated ones, then, for two
    ///     parameters, the others, as multipers' `collapse_edges(-2)` does.
    ///     The homology at every grade,
    ///     with its maps, is unchanged, so Hilbert and rank signed measures are
    ///     the same (on a grid that contains the values they jump at) while the
    ///     complex is often 100 times smaller; the Euler characteristic is NOT
    ///     kept. Grids that must not depend on it come from `functionRipsValues`.
    ///   - maxCells: the largest number of cells built before giving up.
    /// - Throws: `ComplexError.invalidParameter` for a function of the wrong
    ///   length or a bad dimension, `.nonFinite` for a NaN or infinite value,
    ///   `.tooLarge` past `maxCells`.
    /// - Complexity: proportional to the cliques found times their dimension.
    public static func functionRips(distances: DistanceMatrix, functions: [[Double]], threshold: Double? = nil,
                                    maxDimension: Int = 2, collapse: Bool = false,
                                    maxCells: Int = 50_000_000) throws -> FilteredComplex {
        let n = distances.count
        let p = 1 + functions.count
        for (k, f) in functions.enumerated() {
            guard f.count == n else {
                throw ComplexError.invalidParameter(name: "function \(k + 1)", reason: "\(f.count) values for \(n) points")
            }
            if let bad = f.firstIndex(where: { !$0.isFinite }) { throw ComplexError.nonFinite(index: bad) }
        }
        guard maxDimension >= 0, maxDimension <= 30 else {
            throw ComplexError.invalidParameter(name: "expansion", reason: "\(maxDimension) must be between 0 and 30")
        }
        if let t = threshold, t.isNaN || t < 0 {
            throw ComplexError.invalidParameter(name: "threshold", reason: "\(t) must be a non-negative number")
        }
        let t = threshold ?? .infinity
        var dims: [Int8] = [], grades: [Double] = []
        var offsets = [0], indices: [Int32] = [], coefficients: [Int8] = []
        func budget(_ extra: Int) throws {
            if dims.count + extra > maxCells {
                throw ComplexError.tooLarge("more than \(maxCells) simplices; give a threshold or a lower expansion")
            }
        }
        try budget(n)
        for v in 0..<n {
            dims.append(0); grades.append(0)
            for f in functions { grades.append(f[v]) }
            offsets.append(0)
        }
        guard maxDimension >= 1, n >= 2 else {
            return FilteredComplex(unchecked: dims, grades: grades, parameterCount: p, boundaryOffsets: offsets,
                                   boundaryIndices: indices, boundaryCoefficients: coefficients)
        }
        // The graph, then (optionally) its collapse.
        var ends: [Int32] = []
        for i in 0..<n {
            for j in (i + 1)..<n where distances[i, j] <= t {
                if !collapse { try budget(ends.count / 2 + 1) }
                ends.append(Int32(i)); ends.append(Int32(j))
            }
        }
        if collapse && ends.count > 2 {
            var vertexRanks: [Int32]? = nil
            if let f = functions.first, p == 2 {
                let byValue = (0..<n).sorted { f[$0] < f[$1] }
                var ranks = [Int32](repeating: 0, count: n), r: Int32 = 0
                for (k, v) in byValue.enumerated() {
                    if k > 0 && f[v] != f[byValue[k - 1]] { r += 1 }
                    ranks[v] = r
                }
                vertexRanks = ranks
            }
            let kept = FiltrationDomination.collapse(vertexCount: n, ends: ends, grades: edgeRanks(distances, functions, ends),
                                                     parameterCount: p, vertexRanks: vertexRanks)
            var w = 0
            for k in kept.indices where kept[k] { ends[2 * w] = ends[2 * k]; ends[2 * w + 1] = ends[2 * k + 1]; w += 1 }
            ends.removeLast(ends.count - 2 * w)
        }
        // Upper neighbours of each vertex, ascending, and the edge index of each.
        var upper = [[Int32]](repeating: [], count: n)
        var upperEdge = [[Int32]](repeating: [], count: n)
        for k in 0..<(ends.count / 2) {
            let i = Int(ends[2 * k]), j = Int(ends[2 * k + 1])
            try budget(1)
            let e = Int32(dims.count)
            upper[i].append(Int32(j)); upperEdge[i].append(e)
            dims.append(1)
            grades.append(distances[i, j])
            for f in functions { grades.append(Swift.max(f[i], f[j])) }
            indices.append(Int32(i)); coefficients.append(-1)
            indices.append(Int32(j)); coefficients.append(1)
            offsets.append(indices.count)
        }
        func adjacent(_ a: Int32, _ b: Int32) -> Bool { edgeIndex(a, b) != nil }
        func edgeIndex(_ a: Int32, _ b: Int32) -> Int32? {
            let list = upper[Int(a)]
            var lo = 0, hi = list.count
            while lo < hi { let mid = (lo + hi) >> 1; if list[mid] < b { lo = mid + 1 } else { hi = mid } }
            return lo < list.count && list[lo] == b ? upperEdge[Int(a)][lo] : nil
        }
        // Level k: simplices as flat vertex lists in lexicographic order, with cell indices.
        var level: [Int32] = []
        var levelCell: [Int32] = []
        for i in 0..<n { for (k, j) in upper[i].enumerated() { level += [Int32(i), j]; levelCell.append(upperEdge[i][k]) } }
        var k = 1
        var face = [Int32](repeating: 0, count: 32)
        while k < maxDimension, !levelCell.isEmpty {
            let w = k + 1
            var next: [Int32] = [], nextCell: [Int32] = []
            // Face lookup in the current level by binary search (lexicographic).
            func find(_ s: ArraySlice<Int32>) -> Int32? {
                var lo = 0, hi = levelCell.count
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if level[mid * w..<(mid + 1) * w].lexicographicallyPrecedes(s) { lo = mid + 1 } else { hi = mid }
                }
                return lo < levelCell.count && level[lo * w..<(lo + 1) * w].elementsEqual(s) ? levelCell[lo] : nil
            }
            for s in 0..<levelCell.count {
                let simplex = level[s * w..<(s + 1) * w]
                guard let last = simplex.last else { continue }
                for cand in upper[Int(last)] where simplex.dropLast().allSatisfy({ adjacent($0, cand) }) {
                    try budget(1)
                    let cell = Int32(dims.count)
                    var all = Array(simplex); all.append(cand)
                    var entries: [(Int32, Int8)] = []
                    var grade = [Double](repeating: -.infinity, count: p)
                    for drop in 0...w {
                        var m = 0
                        for (q, v) in all.enumerated() where q != drop { face[m] = v; m += 1 }
                        guard let fc = find(face[0..<m]) else { continue }
                        entries.append((fc, drop & 1 == 0 ? 1 : -1))
                        for q in 0..<p { grade[q] = Swift.max(grade[q], grades[Int(fc) * p + q]) }
                    }
                    entries.sort { $0.0 < $1.0 }
                    for (f, c) in entries { indices.append(f); coefficients.append(c) }
                    offsets.append(indices.count)
                    dims.append(Int8(w)); grades.append(contentsOf: grade)
                    next.append(contentsOf: all); nextCell.append(cell)
                }
            }
            level = next; levelCell = nextCell
            k += 1
        }
        return FilteredComplex(unchecked: dims, grades: grades, parameterCount: p, boundaryOffsets: offsets,
                               boundaryIndices: indices, boundaryCoefficients: coefficients)
    }

    /// The function-Rips multi-filtration of a point cloud (Euclidean by default).
    public static func functionRips(points: PointCloud, functions: [[Double]], metric: Metric = .euclidean,
                                    threshold: Double? = nil, maxDimension: Int = 2, collapse: Bool = false,
                                    maxCells: Int = 50_000_000) throws -> FilteredComplex {
        try functionRips(distances: DistanceMatrix(points, metric: metric), functions: functions,
                         threshold: threshold, maxDimension: maxDimension, collapse: collapse, maxCells: maxCells)
    }

    /// The sorted distinct values each parameter takes on the function-Rips
    /// complex without collapse (any expansion >= 1: a clique's grade is the
    /// maximum of its edges'), so that a regular or quantile grid of a
    /// collapsed complex is the grid of the full one:
    /// `Grid(distinctValues: Bifiltration.functionRipsValues(...), strategy: .regular(100))`.
    public static func functionRipsValues(distances: DistanceMatrix, functions: [[Double]],
                                          threshold: Double? = nil) -> [[Double]] {
        let n = distances.count, t = threshold ?? .infinity
        var columns = [[Double]](repeating: [], count: 1 + functions.count)
        columns[0].append(0)
        for (q, f) in functions.enumerated() { columns[q + 1] = f }
        for i in 0..<n {
            for j in (i + 1)..<n where distances[i, j] <= t {
                columns[0].append(distances[i, j])
                for (q, f) in functions.enumerated() { columns[q + 1].append(Swift.max(f[i], f[j])) }
            }
        }
        return columns.map { column in
            var unique: [Double] = []
            for x in column.sorted() where unique.last != x { unique.append(x) }
            return unique
        }
    }

    /// Order-preserving integer ranks of the edges' grades (p per edge).
    static func edgeRanks(_ distances: DistanceMatrix, _ functions: [[Double]], _ ends: [Int32]) -> [Int32] {
        let m = ends.count / 2, p = 1 + functions.count
        var ranks = [Int32](repeating: 0, count: m * p)
        for q in 0..<p {
            let value: (Int) -> Double = q == 0
                ? { distances[Int(ends[2 * $0]), Int(ends[2 * $0 + 1])] }
                : { Swift.max(functions[q - 1][Int(ends[2 * $0])], functions[q - 1][Int(ends[2 * $0 + 1])]) }
            let values = (0..<m).map(value)
            let order = (0..<m).sorted { values[$0] < values[$1] }
            var r: Int32 = 0
            for (k, e) in order.enumerated() {
                if k > 0 && values[e] != values[order[k - 1]] { r += 1 }
                ranks[e * p + q] = r
            }
        }
        return ranks
    }
}
