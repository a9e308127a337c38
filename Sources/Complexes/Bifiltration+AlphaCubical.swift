import PointClouds

extension Bifiltration {
    /// The alpha complex with a function as second parameter ("alpha-codensity"
    /// when the function is a codensity): simplex sigma at
    /// (alpha^2(sigma), max over its vertices of f), alpha values in squared
    /// radii as GUDHI reports them. This is multipers'
    /// `SimplexTreeMulti(alpha_tree, 2)` with `fill_lowerstar(f, 1)`, not the
    /// function-Delaunay bifiltration.
    ///
    /// ```swift
    /// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.3)
    /// let complex = try Bifiltration.alphaFunction(points: cloud, function: f)
    /// ```
    /// - Throws: the alpha complex's errors, `ComplexError.invalidParameter`
    ///   for a function of the wrong length, `.nonFinite` for NaN.
    public static func alphaFunction(points: PointCloud, function f: [Double],
                                     precision: AlphaComplex.Precision = .exact) throws -> FilteredComplex {
        guard f.count == points.count else {
            throw ComplexError.invalidParameter(name: "function", reason: "\(f.count) values for \(points.count) points")
        }
        if let bad = f.firstIndex(where: { $0.isNaN }) { throw ComplexError.nonFinite(index: bad) }
        let alpha = try AlphaComplex(points: points, precision: precision)
        let cells = alpha.filtration()
        let order = cells.indices.sorted { (cells[$0].simplex.count, $0) < (cells[$1].simplex.count, $1) }
        var position: [[Int]: Int32] = [:]
        position.reserveCapacity(cells.count)
        var dims: [Int8] = [], grades: [Double] = [], offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        var entries: [(Int32, Int8)] = []
        for i in order {
            let s = cells[i].simplex
            position[s] = Int32(dims.count)
            dims.append(Int8(s.count - 1))
            grades.append(cells[i].filtration)
            grades.append(s.map { f[$0] }.max() ?? 0)
            entries.removeAll(keepingCapacity: true)
            if s.count > 1 {
                for drop in 0..<s.count {
                    var face = s; face.remove(at: drop)
                    if let p = position[face] { entries.append((p, drop & 1 == 0 ? 1 : -1)) }
                }
                entries.sort { $0.0 < $1.0 }
            }
            for (p, c) in entries { idx.append(p); coef.append(c) }
            offsets.append(idx.count)
        }
        return FilteredComplex(unchecked: dims, grades: grades, parameterCount: 2, boundaryOffsets: offsets,
                               boundaryIndices: idx, boundaryCoefficients: coef)
    }

    /// The cubical multi-filtration of a multi-channel image: channel c is
    /// parameter c, each cell at the values its channels give it (the
    /// lower-star of the vertex values with `.vertices`, as multipers'
    /// `Cubical` does; or values on top cells, each lower cell at the minimum
    /// of its cofaces, with `.topDimensionalCells`, as GUDHI's default).
    /// Cells are listed by dimension, then in C order of the cubical grid.
    ///
    /// ```swift
    /// // A 2 x 2 image with two channels.
    /// let c = try Bifiltration.cubical(shape: [2, 2], channels: [[0, 1, 1, 0], [1, 0, 0, 1]], variant: .vertices)
    /// ```
    /// - Throws: `ComplexError.invalidParameter` without a channel or with
    ///   channels of different lengths, and the cubical complex's errors.
    public static func cubical(shape: [Int], channels: [[Double]],
                               variant: CubicalComplex.Variant = .vertices) throws -> FilteredComplex {
        guard !channels.isEmpty, channels.count <= 64 else {
            throw ComplexError.invalidParameter(name: "channels", reason: "\(channels.count) channels: between 1 and 64 are supported")
        }
        let images = try channels.map { try CubicalComplex(shape: shape, values: $0, variant: variant) }
        let values = images.map { $0.cellValues() }
        let (oddAxes, dim, strides) = images[0].cellAxes()
        let total = images[0].cellCount, d = shape.count, p = channels.count
        var byDimension = [[Int32]](repeating: [], count: d + 1)
        for cell in 0..<total { byDimension[Int(dim[cell])].append(Int32(cell)) }
        let order = byDimension.flatMap { $0 }
        var rank = [Int32](repeating: -1, count: total)
        for (r, c) in order.enumerated() { rank[Int(c)] = Int32(r) }
        var dims: [Int8] = [], grades: [Double] = [], offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        dims.reserveCapacity(total); grades.reserveCapacity(total * p)
        for cell32 in order {
            let cell = Int(cell32)
            dims.append(dim[cell])
            for c in 0..<p { grades.append(values[c][cell]) }
            for (face, sign) in CubicalComplex.boundary(of: cell, oddAxes: oddAxes[cell], strides: strides) {
                idx.append(rank[face]); coef.append(sign)
            }
            offsets.append(idx.count)
        }
        return FilteredComplex(unchecked: dims, grades: grades, parameterCount: p, boundaryOffsets: offsets,
                               boundaryIndices: idx, boundaryCoefficients: coef)
    }

    /// A graph with values on vertices and edges (n parameters each): vertex
    /// v at `vertexGrades[v]`, edge {a, b} at its grade raised to be above
    /// both vertices (coordinatewise maximum), optionally expanded to its
    /// flag complex up to `maxDimension` (each clique at the maximum of its edges).
    ///
    /// ```swift
    /// let g = try Bifiltration.graph(vertexGrades: [[0, 1], [1, 0]], edges: [(0, 1, [1, 1])])
    /// ```
    /// - Throws: `ComplexError.invalidParameter` for an edge naming a missing
    ///   vertex, a loop, a grade of the wrong length; `.nonFinite` for NaN.
    public static func graph(vertexGrades: [[Double]], edges: [(Int, Int, [Double])],
                             maxDimension: Int = 1) throws -> FilteredComplex {
        guard let p = vertexGrades.first?.count, p >= 1 else {
            throw ComplexError.invalidParameter(name: "graph", reason: "no vertices")
        }
        var tree = MultiFiltration(parameterCount: p)
        for (v, g) in vertexGrades.enumerated() { try tree.insert([v], grade: g) }
        for (k, (a, b, g)) in edges.enumerated() {
            guard a >= 0, b >= 0, a < vertexGrades.count, b < vertexGrades.count, a != b else {
                throw ComplexError.invalidParameter(name: "edge \(k + 1)", reason: "(\(a), \(b)) must join two distinct vertices of 0..<\(vertexGrades.count)")
            }
            let raised = (0..<p).map { Swift.max(g.count == p ? g[$0] : .nan, vertexGrades[a][$0], vertexGrades[b][$0]) }
            guard g.count == p else {
                throw ComplexError.invalidParameter(name: "edge \(k + 1)", reason: "\(g.count) values, expected \(p)")
            }
            try tree.insert([a, b], grade: raised)
        }
        tree.expand(to: maxDimension)
        return tree.filteredComplex()
    }
}
