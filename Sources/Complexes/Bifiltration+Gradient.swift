import PointClouds

extension Bifiltration {
    /// The vector-Jacobian product of the function-Rips builder: given
    /// d(loss)/d(grade entries) of a complex from `functionRips(points:functions:...)`
    /// (laid out as `complex.grades`, e.g. from `SignedMeasureGradient.pullback`),
    /// returns d(loss)/d(point coordinates) through the edge lengths and
    /// d(loss)/d(function values).
    ///
    /// A cell's first value is the length of its longest edge (0 for a
    /// vertex, a constant), with d|x_i - x_j| / d x_i = (x_i - x_j) / |x_i - x_j|
    /// (0 for coincident points); its value in parameter q >= 1 is
    /// f_q at its vertex of largest f_q. Ties (two edges of the same length
    /// in one simplex, two vertices of the same value) go to the first edge
    /// in lexicographic order, the lowest vertex, where the derivative is
    /// one-sided anyway. The complex may be collapsed (`collapse: true`):
    /// its cells keep their values, so the same formulas hold.
    ///
    /// ```swift
    /// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.1)
    /// let complex = try Bifiltration.functionRips(points: cloud, functions: [f])
    /// let (dx, df) = try Bifiltration.functionRipsPullback(complex, points: cloud, functions: [f],
    ///                                                      gradeCotangent: dGrades)
    /// let dxTotal = zip(dx, try Density.gaussianCodensityPullback(cloud, bandwidth: 0.1, cotangent: df[0])).map { $0 + $1 }
    /// ```
    /// - Throws: `ComplexError.invalidParameter` when the complex, the points,
    ///   the functions and the cotangent do not fit together (a complex built
    ///   from other points: a cell's value differs from the recomputed one),
    ///   or the cotangent is not finite; `.invalidComplex` for a k-critical
    ///   complex or one whose cells do not reach vertices.
    /// - Complexity: O(cells with a non-zero cotangent x their vertices^2 x dimension).
    public static func functionRipsPullback(_ complex: FilteredComplex, points: PointCloud, functions: [[Double]],
                                            gradeCotangent: [Double]) throws -> (points: [Double], functions: [[Double]]) {
        let n = points.count, d = points.dimension, p = 1 + functions.count
        guard complex.parameterCount == p else {
            throw ComplexError.invalidParameter(name: "complex", reason: "\(complex.parameterCount) parameters, expected \(p) (1 + functions)")
        }
        guard !complex.isMultiCritical else {
            throw ComplexError.invalidComplex(cell: nil, reason: "a function-Rips complex is 1-critical")
        }
        for (k, f) in functions.enumerated() where f.count != n {
            throw ComplexError.invalidParameter(name: "function \(k + 1)", reason: "\(f.count) values for \(n) points")
        }
        guard gradeCotangent.count == complex.grades.count else {
            throw ComplexError.invalidParameter(name: "cotangent", reason: "\(gradeCotangent.count) values for \(complex.grades.count) grade entries")
        }
        guard gradeCotangent.allSatisfy(\.isFinite) else {
            throw ComplexError.invalidParameter(name: "cotangent", reason: "a value is NaN or infinite")
        }
        let vertexCount = complex.dimensions.prefix { $0 == 0 }.count
        guard vertexCount == n else {
            throw ComplexError.invalidParameter(name: "complex", reason: "\(vertexCount) leading vertices for \(n) points")
        }
        let x = points.coordinates
        func distance(_ i: Int, _ j: Int) -> Double {
            var s = 0.0
            for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }
            return s.squareRoot()
        }
        func check(_ value: Double, _ expected: Double, cell: Int) throws {
            guard (value - expected).magnitude <= 1e-9 * Swift.max(1, expected.magnitude) else {
                throw ComplexError.invalidParameter(name: "complex", reason: "cell \(cell) has value \(value), the points give \(expected)")
            }
        }
        var dx = [Double](repeating: 0, count: n * d)
        var df = functions.map { [Double](repeating: 0, count: $0.count) }
        var vertices: [Int] = []
        for cell in 0..<complex.count {
            let base = cell * p
            guard (0..<p).contains(where: { gradeCotangent[base + $0] != 0 }) else { continue }
            try collectVertices(complex, cell, into: &vertices)
            guard vertices.allSatisfy({ $0 < n }) else {
                throw ComplexError.invalidComplex(cell: cell, reason: "a vertex beyond the \(n) points")
            }
            // Parameter 0: the longest edge (lexicographically first on ties).
            let c0 = gradeCotangent[base]
            if c0 != 0 && vertices.count >= 2 {
                var best = (i: vertices[0], j: vertices[1], r: -1.0)
                for a in 0..<vertices.count {
                    for b in (a + 1)..<vertices.count {
                        let r = distance(vertices[a], vertices[b])
                        if r > best.r { best = (vertices[a], vertices[b], r) }
                    }
                }
                try check(complex.grades[base], best.r, cell: cell)
                if best.r > 0 {
                    for k in 0..<d {
                        let u = c0 * (x[best.i * d + k] - x[best.j * d + k]) / best.r
                        dx[best.i * d + k] += u
                        dx[best.j * d + k] -= u
                    }
                }
            }
            // Parameters q >= 1: the vertex of largest f_q (the lowest on ties).
            for q in 1..<p {
                let c = gradeCotangent[base + q]
                guard c != 0 else { continue }
                let f = functions[q - 1]
                var best = vertices[0]
                for v in vertices.dropFirst() where f[v] > f[best] { best = v }
                try check(complex.grades[base + q], f[best], cell: cell)
                df[q - 1][best] += c
            }
        }
        return (dx, df)
    }

    /// The vector-Jacobian product of the function-Rips builder for
    /// coordinates given by VALUE, as multipers resolves them: each finite
    /// coordinate of a signed measure computed on a function-Rips complex of
    /// these points (exact grid, or a grid that picks existing values; the
    /// complex collapsed or not) is a value of the full complex, and goes to
    /// the first simplex of the full complex with that value: in parameter 0
    /// the lexicographically first edge {i < j} of that length within the
    /// threshold (0 is a vertex's constant value), in parameter q >= 1 the
    /// lowest vertex v with f_q(v) equal to it. This is the simplex the full
    /// complex's order picks (`SignedMeasureGradient` on the uncollapsed
    /// complex), and the one multipers' differentiable grids pick from the
    /// raveled distance matrix and the codensity vector when values are not
    /// tied (on exact ties multipers' unstable `torch.sort` decides); it does not depend
    /// on the edge collapse, which only removes cells. Coordinates that are
    /// no value of the complex (infinite, a regular grid's interior values)
    /// get no gradient.
    ///
    /// ```swift
    /// let (dx, df) = try Bifiltration.functionRipsPullback(points: cloud, functions: [f],
    ///                                                      atomCoordinates: h1.points, width: 2,
    ///                                                      cotangent: dAtoms)
    /// ```
    /// - Parameters:
    ///   - atomCoordinates: the measure's coordinates, `width` per atom
    ///     (`width` = 1 + functions, or twice that for rank rectangles);
    ///     coordinate k is in parameter (k mod width) mod (1 + functions).
    ///   - cotangent: d(loss)/d(each coordinate).
    /// - Throws: `ComplexError.invalidParameter` for sizes that do not fit or
    ///   a cotangent that is not finite.
    /// - Complexity: O(N^2 d) for the distances, O(coordinates) lookups.
    public static func functionRipsPullback(points: PointCloud, functions: [[Double]], threshold: Double? = nil,
                                            atomCoordinates: [Double], width: Int,
                                            cotangent: [Double]) throws -> (points: [Double], functions: [[Double]]) {
        try functionRipsPullback(points: points, distances: DistanceMatrix(points), functions: functions, threshold: threshold,
                                 atomCoordinates: atomCoordinates, width: width, cotangent: cotangent)
    }

    /// As `functionRipsPullback(points:functions:threshold:atomCoordinates:width:cotangent:)`
    /// with the Euclidean distance matrix of the points already computed.
    public static func functionRipsPullback(points: PointCloud, distances: DistanceMatrix, functions: [[Double]],
                                            threshold: Double? = nil, atomCoordinates: [Double], width: Int,
                                            cotangent: [Double]) throws -> (points: [Double], functions: [[Double]]) {
        let n = points.count, d = points.dimension, p = 1 + functions.count
        guard distances.count == n else {
            throw ComplexError.invalidParameter(name: "distances", reason: "\(distances.count) points, expected \(n)")
        }
        for (k, f) in functions.enumerated() where f.count != n {
            throw ComplexError.invalidParameter(name: "function \(k + 1)", reason: "\(f.count) values for \(n) points")
        }
        guard width == p || width == 2 * p, atomCoordinates.count % width == 0 else {
            throw ComplexError.invalidParameter(name: "atom width", reason: "\(atomCoordinates.count) coordinates in atoms of \(width), \(p) parameters")
        }
        guard cotangent.count == atomCoordinates.count else {
            throw ComplexError.invalidParameter(name: "cotangent", reason: "\(cotangent.count) values for \(atomCoordinates.count) coordinates")
        }
        guard cotangent.allSatisfy(\.isFinite) else {
            throw ComplexError.invalidParameter(name: "cotangent", reason: "a value is NaN or infinite")
        }
        let t = threshold ?? .infinity
        // Cotangent per distinct value, per parameter.
        var byValue = [[Double: Double]](repeating: [:], count: p)
        for (k, x) in atomCoordinates.enumerated() where x.isFinite && cotangent[k] != 0 {
            byValue[(k % width) % p][x, default: 0] += cotangent[k]
        }
        var dx = [Double](repeating: 0, count: n * d)
        var df = functions.map { [Double](repeating: 0, count: $0.count) }
        // Parameter 0: the first edge (lexicographically) of each length.
        var pending = byValue[0]
        pending[0] = nil
        if !pending.isEmpty {
            outer: for i in 0..<n {
                for j in (i + 1)..<n {
                    let r = distances[i, j]
                    guard r <= t, let c = pending.removeValue(forKey: r) else { continue }
                    for k in 0..<d {
                        let u = c * (points.coordinates[i * d + k] - points.coordinates[j * d + k]) / r
                        dx[i * d + k] += u
                        dx[j * d + k] -= u
                    }
                    if pending.isEmpty { break outer }
                }
            }
        }
        // Parameters q >= 1: the lowest vertex of each value.
        for q in 1..<p {
            var pendingQ = byValue[q]
            for v in 0..<n where !pendingQ.isEmpty {
                if let c = pendingQ.removeValue(forKey: functions[q - 1][v]) { df[q - 1][v] += c }
            }
        }
        return (dx, df)
    }

    /// The vector-Jacobian product of the Rips-codensity bifiltration
    /// (function-Rips with f = `Density.gaussianCodensity(points, bandwidth: h)`):
    /// d(loss)/d(point coordinates), flat like `points.coordinates`, through
    /// the edge lengths and through the codensity of every point (each
    /// vertex's codensity depends on all points).
    ///
    /// ```swift
    /// let f = try Density.gaussianCodensity(cloud, bandwidth: 0.1)
    /// let complex = try Bifiltration.functionRips(points: cloud, functions: [f], collapse: true)
    /// let dx = try Bifiltration.ripsCodensityPullback(complex, points: cloud, bandwidth: 0.1,
    ///                                                 gradeCotangent: dGrades)
    /// ```
    /// - Throws: as `functionRipsPullback` and `Density.gaussianCodensityPullback`.
    public static func ripsCodensityPullback(_ complex: FilteredComplex, points: PointCloud, bandwidth h: Double,
                                             codensity: [Double]? = nil, gradeCotangent: [Double]) throws -> [Double] {
        let f = try codensity ?? Density.gaussianCodensity(points, bandwidth: h)
        let (dx, df) = try functionRipsPullback(complex, points: points, functions: [f], gradeCotangent: gradeCotangent)
        let dk = try Density.gaussianCodensityPullback(points, bandwidth: h, cotangent: df[0])
        return zip(dx, dk).map { $0 + $1 }
    }

    /// The vertices (dimension-0 cells, numbered as cells) of a cell, sorted.
    static func collectVertices(_ complex: FilteredComplex, _ cell: Int, into out: inout [Int]) throws {
        out.removeAll(keepingCapacity: true)
        if complex.dimensions[cell] == 0 { out.append(cell); return }
        var stack = [cell], seen = Set<Int>()
        while let c = stack.popLast() {
            let faces = complex.boundary(of: c)
            if complex.dimensions[c] > 0 && faces.isEmpty {
                throw ComplexError.invalidComplex(cell: c, reason: "a cell of dimension \(complex.dimensions[c]) without faces")
            }
            for (f, _) in faces {
                if complex.dimensions[f] == 0 {
                    if seen.insert(f).inserted { out.append(f) }
                } else if seen.insert(f).inserted {
                    stack.append(f)
                }
            }
        }
        out.sort()
    }
}
