import Dispatch
import PointClouds

extension VietorisRips {
    /// The barcode of the Rips filtration in dimensions 0...maxDimension.
    ///
    /// ```swift
    /// let rips = VietorisRips(distances: try DistanceMatrix(lowerTriangularText: "1\n1,1\n"))
    /// let barcode = try rips.barcode(maxDimension: 1)
    /// barcode[0]  // [0, 1) twice and [0, inf) once
    /// ```
    ///
    /// - Parameters:
    ///   - maxDimension: the highest homology dimension computed.
    ///   - threshold: the largest edge length in the complex. `nil` means the
    ///     enclosing radius (Ripser's default): above it the complex is a
    ///     cone, so the barcode is the same as for the full complex.
    ///   - modulus: a prime p < 2^16; coefficients are in Z/p.
    ///   - cocycles: keep a representative cocycle for every bar of dimension
    ///     >= 1 (`Barcode.cocycles`), as Ripser's `--cocycles`; edge collapse
    ///     is then off (it would change the complex the cocycles live on).
    ///     Off, the engine does no extra work.
    ///   - options: threads and edge collapse.
    /// - Throws: `PersistenceError` for a non-prime modulus, a negative or
    ///   NaN threshold, a negative dimension, fewer than two points, or a
    ///   problem too large to index.
    /// - Complexity: memory grows with the number of (k+1)-simplices of
    ///   diameter at most `threshold` that are not apparent pairs, k the top
    ///   dimension; time with the coboundaries that the reduction visits.
    public func barcode(maxDimension: Int = 1, threshold: Double? = nil, modulus: Int = 2,
                        cocycles: Bool = false, options: RipsOptions = RipsOptions()) throws -> Barcode {
        guard maxDimension >= 0 else {
            throw PersistenceError.invalidDimension(maxDimension, reason: "must be at least 0")
        }
        guard maxDimension <= 30 else {
            throw PersistenceError.invalidDimension(maxDimension, reason: "at most 30 is supported")
        }
        guard modulus < 65536, isPrime(modulus) else { throw PersistenceError.notPrime(modulus) }
        if let t = threshold, t.isNaN || t < 0 { throw PersistenceError.invalidThreshold(t) }
        guard options.threads >= 1 else {
            throw PersistenceError.invalidParameter(name: "threads", reason: "must be at least 1")
        }
        let n = count
        guard n >= 1 else {
            throw PersistenceError.emptyInput("no points; a Rips barcode needs at least 1")
        }
        if n == 1 {
            // One vertex: one essential H0 bar from its birth, as Ripser and GUDHI give.
            var bars = [[Bar]](repeating: [], count: maxDimension + 1)
            bars[0] = [Bar(birth: vertexBirths?.first ?? 0, death: .infinity)]
            return Barcode(bars: bars, cocycles: cocycles ? [[Cocycle]](repeating: [], count: maxDimension + 1) : nil)
        }
        let dimMax = Swift.max(0, Swift.min(maxDimension, n - 2))
        let threads = options.threads
        // Cocycles live on the complex itself: an edge collapse would change it.
        let collapseMode: RipsOptions.Collapse = cocycles ? .never : options.collapse
        let engine = EngineRequest(vertexBirths: vertexBirths, cocycles: cocycles, entryBudget: options.entryBudget)
        var result: Barcode
        if case let .sparse(_, edges) = source {
            // A graph: straight to the sparse engine, the whole graph unless a threshold is given.
            // Per-vertex storage (union-find, neighbour offsets, the binomial table) must fit.
            let perVertex = Double(8 * (dimMax + 3) + 48)
            if Double(n) * perVertex > Double(options.entryBudget) * 32 {
                throw PersistenceError.tooLarge(
                    "a graph on \(n) vertices needs \(Int(Double(n) * perVertex / 1e6)) MB before any edge; "
                    + "number the vertices from 0 without gaps or raise the memory limit")
            }
            let t = threshold ?? .infinity
            var timer = PhaseTimer()
            var pairs = Self.raised(edges, vertexBirths)
            pairs.removeAll { !($0.distance <= t) }
            timer.mark("graph edges (\(pairs.count))")
            let fraction = Double(pairs.count) / (Double(n) * Double(n - 1) / 2)
            result = try Self.sparseBarcode(n: n, pairs: pairs, collapse: Self.shouldCollapse(
                collapseMode, maxDimension: dimMax, edgeFraction: fraction),
                dimMax: dimMax, threshold: t, modulus: modulus, threads: threads, engine: engine)
        } else if case let .points(cloud, metric) = source, let t = threshold {
            // Points under a threshold: only the pairs within it are ever measured.
            var timer = PhaseTimer()
            var pairs = Self.raised(try cloud.pairs(within: t, metric: metric, threads: threads, maxPairs: options.entryBudget),
                                    vertexBirths)
            if vertexBirths != nil { pairs.removeAll { !($0.distance <= t) } }
            timer.mark("pairs within threshold (\(pairs.count))")
            let fraction = Double(pairs.count) / (Double(n) * Double(n - 1) / 2)
            result = try Self.sparseBarcode(n: n, pairs: pairs, collapse: Self.shouldCollapse(
                collapseMode, maxDimension: dimMax, edgeFraction: fraction),
                dimMax: dimMax, threshold: t, modulus: modulus, threads: threads, engine: engine)
        } else {
            var timer = PhaseTimer()
            if case .points = source {
                let bytes = Double(n) * Double(n - 1) / 2 * 8
                if bytes > Double(options.entryBudget) * 32 {
                    throw PersistenceError.tooLarge(
                        "the \(n) x \(n) distance matrix needs \(Int(bytes / 1e6)) MB; give a --threshold (only the "
                        + "pairs within it are stored) or raise the memory limit")
                }
            }
            guard var matrix = distances else { return Barcode(maxDimension: maxDimension) }
            if let vertexBirths { matrix = try Self.raised(matrix, vertexBirths) }
            timer.mark("distance matrix")
            // With vertex births the radius is taken on the raised values: every
            // vertex is born by then, so the complex is still a cone above it.
            let t = threshold ?? matrix.enclosingRadius
            timer.mark("enclosing radius")
            let maxDistance = matrix.entries.max() ?? 0
            let fraction = collapseMode == .automatic ? Self.edgeFraction(matrix, threshold: t) : 1
            let collapse = Self.shouldCollapse(collapseMode, maxDimension: dimMax, edgeFraction: fraction)
            if collapse || (threshold != nil && t < maxDistance) {
                // Sparse neighbour lists: under a threshold, or after collapse.
                var pairs: [NeighborPair] = []
                matrix.entries.withUnsafeBufferPointer { e in
                    for i in 1..<n {
                        let row = triangularIndex(i, 0)
                        for j in 0..<i where e[row + j] <= t {
                            pairs.append(NeighborPair(i: Int32(i), j: Int32(j), distance: e[row + j]))
                        }
                    }
                }
                result = try Self.sparseBarcode(n: n, pairs: pairs, collapse: collapse, dimMax: dimMax,
                                                threshold: t, modulus: modulus, threads: threads, engine: engine)
            } else {
                result = try matrix.entries.withUnsafeBufferPointer { buffer in
                    guard let base = buffer.baseAddress else { return Barcode(maxDimension: 0) }
                    // The row-major copy for the edge enumerators: at most 64 MB, and an
                    // eighth of the memory limit.
                    let geometry = DenseGeometry(n: n, borrowing: base, squareLimit: Swift.min(
                        DenseGeometry.squareLimit, options.entryBudget / 8 * 32))
                    let reducer = try RipsReducer<DenseCofacets>(geometry: geometry, dimMax: dimMax, threshold: t,
                                                                 modulus: modulus, threads: threads)
                    let edges = Self.denseEdges(matrix, threshold: t, reducer: reducer, threads: threads)
                    timer.mark("sorted edges")
                    engine.configure(reducer)
                    return try reducer.run(edges: edges)
                }
            }
        }
        while result.bars.count < maxDimension + 1 { result.bars.append([]) }
        if var found = result.cocycles {
            while found.count < maxDimension + 1 { found.append([]) }
            result.cocycles = found
        }
        return result.sorted()
    }

    /// What the engine is asked for beyond the barcode, handed to each reducer.
    struct EngineRequest {
        var vertexBirths: [Double]?
        var cocycles: Bool
        var entryBudget: Int

        func configure<C>(_ reducer: RipsReducer<C>) {
            reducer.entryBudget = entryBudget
            reducer.vertexBirths = vertexBirths
            reducer.recordsCocycles = cocycles
        }
    }

    /// Edge weights raised to their endpoints' births.
    static func raised(_ pairs: [NeighborPair], _ births: [Double]?) -> [NeighborPair] {
        guard let births else { return pairs }
        return pairs.map { p in
            NeighborPair(i: p.i, j: p.j, distance: Swift.max(p.distance, births[Int(p.i)], births[Int(p.j)]))
        }
    }

    /// The matrix with each entry (i, j) raised to max(d, births[i], births[j]).
    static func raised(_ matrix: DistanceMatrix, _ births: [Double]) throws -> DistanceMatrix {
        var entries = matrix.entries
        let n = matrix.count
        entries.withUnsafeMutableBufferPointer { e in
            for i in 1..<Swift.max(n, 1) {
                let row = triangularIndex(i, 0)
                for j in 0..<i { e[row + j] = Swift.max(e[row + j], births[i], births[j]) }
            }
        }
        return try DistanceMatrix(lowerTriangle: entries)
    }

    /// The barcode of the flag complex of a weighted graph, after edge
    /// collapse when asked.
    static func sparseBarcode(n: Int, pairs: [NeighborPair], collapse: Bool, dimMax: Int, threshold: Double,
                              modulus: Int, threads: Int, engine: EngineRequest) throws -> Barcode {
        var timer = PhaseTimer()
        let geometry: SparseGeometry
        let edges = pairs.map { FilteredEdge(u: Int($0.i), v: Int($0.j), filtration: $0.distance) }
        if collapse {
            // Rounds until one removes less than a fifth of its edges (at most 8): each
            // round runs on the last one's output, and a smaller graph is a cheaper
            // reduction (callgrind, o3_1024 dim 3 at 1.8, one thread: 612 M instructions
            // with one round, 414 M with two, 386 M with three, 390 M with four).
            var kept = edges
            for _ in 0..<8 {
                let before = kept.count
                kept = EdgeCollapse.collapse(kept, vertexCount: n, threads: threads)
                timer.mark("edge collapse (\(before) -> \(kept.count) edges)")
                if 5 * (before - kept.count) < before { break }
            }
            geometry = SparseGeometry(n: n, edges: kept)
        } else {
            geometry = SparseGeometry(n: n, edges: edges)
        }
        timer.mark("neighbour lists")
        return try runSparse(geometry, dimMax: dimMax, threshold: threshold, modulus: modulus, threads: threads,
                             engine: engine)
    }

    /// The measured rule for `.automatic`: collapse when dimensions >= 2
    /// are asked for (as GUDHI does) and at most half of all pairs are edges
    /// within the threshold. Measured (2 cores, release): o3_1024 dim 3 at
    /// 1.8 (6% of pairs) 2.27 s -> 0.24 s with collapse; sphere_3_192 dim 2
    /// at its enclosing radius (97% of pairs) 0.75 s -> 1.04 s; dragon 1000
    /// dim 1, 0.29 s -> 3.1 s. In dimension 1 the reduction is cheaper than
    /// the collapse; on near-complete graphs few edges are dominated early.
    static func shouldCollapse(_ mode: RipsOptions.Collapse, maxDimension: Int, edgeFraction: Double) -> Bool {
        switch mode {
        case .always: return true
        case .never: return false
        case .automatic: return maxDimension >= 2 && edgeFraction <= 0.5
        }
    }

    /// The fraction of pairs at distance at most `threshold`.
    static func edgeFraction(_ d: DistanceMatrix, threshold: Double) -> Double {
        guard !d.entries.isEmpty else { return 1 }
        var count = 0
        for x in d.entries where x <= threshold { count += 1 }
        return Double(count) / Double(d.entries.count)
    }

    static func runSparse(_ geometry: SparseGeometry, dimMax: Int, threshold: Double, modulus: Int,
                          threads: Int, engine: EngineRequest) throws -> Barcode {
        let reducer = try RipsReducer<SparseCofacets>(geometry: geometry, dimMax: dimMax, threshold: threshold,
                                                      modulus: modulus, threads: threads)
        var edges: [DiameterEntry] = []
        edges.reserveCapacity(geometry.edgeCount)
        for i in 0..<geometry.n {
            for p in geometry.offsets[i]..<geometry.offsets[i + 1] {
                let j = Int(geometry.neighbor[p])
                if i > j {
                    edges.append(reducer.entry(geometry.weight[p], Int64(triangularIndex(i, j)), 1))
                }
            }
        }
        sortEdges(&edges, threads: threads)
        engine.configure(reducer)
        return try reducer.run(edges: edges)
    }

    /// All edges within the threshold, sorted by (diameter ascending, index descending).
    static func denseEdges(_ d: DistanceMatrix, threshold: Double, reducer: RipsReducer<DenseCofacets>,
                           threads: Int) -> [DiameterEntry] {
        var edges: [DiameterEntry] = []
        edges.reserveCapacity(d.entries.count)
        let shift = reducer.coefficientBits
        // Index descending, so that the stable radix sort by diameter leaves
        // ties in the engine's order (callgrind, dragon 1000: 318,426 edges,
        // 71 M instructions by comparison sort, one thread).
        d.entries.withUnsafeBufferPointer { e in
            var k = e.count - 1
            while k >= 0 {
                if e[k] <= threshold { edges.append(DiameterEntry(diameter: e[k], entry: Int64(k) << shift | 1)) }
                k -= 1
            }
        }
        if !radixSortByDiameter(&edges) { sortEdges(&edges, threads: threads) }
        return edges
    }

    static func sortEdges(_ edges: inout [DiameterEntry], threads: Int = 1) {
        sortEntries(&edges, threads: threads) { a, b in a.diameter < b.diameter || (a.diameter == b.diameter && a.entry > b.entry) }
    }
}

