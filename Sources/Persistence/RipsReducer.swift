import PointClouds
import Synchronization

/// The Ripser algorithm over a cofacet enumerator: persistent cohomology of
/// the Vietoris–Rips filtration with clearing, implicit coboundaries,
/// apparent and emergent pairs, and union-find in dimension 0.
///
/// Reference: U. Bauer, "Ripser: efficient computation of Vietoris–Rips
/// persistence barcodes", J. Appl. Comput. Topol. 5 (2021). The order of
/// simplices and the tie-breaking follow ripser.cpp (v1.2), so the pairs are
/// Ripser's.
///
/// Cost model: simplices are never stored except as (diameter, index) for
/// the columns of one dimension; coboundaries are recomputed on demand from
/// the index (O(n) per coboundary, dense) and only the non-trivial part of
/// the reduction matrix V is kept. Memory grows with the number of
/// (d+1)-simplices below the threshold that are not in apparent pairs.

final class RipsReducer<Cofacets: CofacetEnumerator> {
    let geometry: Cofacets.Geometry
    let n: Int
    let dimMax: Int
    let threshold: Double
    let modulus: Int64
    let coefficientBits: Int64
    let coefficientMask: Int64
    let binomial: BinomialTable
    let inverse: [Int64]
    var bars: [[Bar]]
    /// Enumerators for the nested uses (coboundary of a column, zero-pivot
    /// tests inside it, apparent-pair tests while assembling).
    var cofacetsMain: Cofacets
    var cofacetsAdd: Cofacets
    var cofacetsZero: Cofacets
    /// A simplex's vertices decoded from its index (`zeroPivotFacet`, `cocycle`).
    let decodedVertices = ScratchBuffer<Int>(capacity: 64)
    /// Pairwise distances of the simplex in `zeroPivotFacet` (64 x 64).
    let pairDistances = ScratchBuffer<Double>(capacity: 64 * 64)
    /// The vertices of the cofacet `zeroPivotCofacet` found.
    let zeroCofacetVertices = ScratchBuffer<Int>(capacity: 64)
    /// The vertices of the facet `zeroApparentFacet` tests.
    let facetVertices = ScratchBuffer<Int>(capacity: 64)
    /// Vertices of a cofacet just enumerated by `cofacetsMain` (see `cofacetVertices`).
    let enumeratedVertices = ScratchBuffer<Int>(capacity: 64)
    /// The cofacets of one simplex, for `addSimplexCoboundary`'s batched
    /// path (dense edges: at most n).
    let batch: ScratchBuffer<DiameterEntry>
    /// Worker threads for distances, apparent-pair tests, column assembly
    /// and the blocked reduction.
    let threads: Int
    /// The most simplices (16 bytes each) one dimension may store: half the
    /// memory limit, the other half left to the reduction.
    var entryBudget = Int.max
    /// The number of edges within the threshold, for the size estimate in
    /// over-budget messages (0 when unknown).
    var edgeCount = 0
    /// The birth of each vertex (nil: all 0). Edge diameters must already be
    /// raised to their endpoints' births; only dimension 0 reads these.
    var vertexBirths: [Double]?
    /// Whether `finish` keeps each bar's representative cocycle (the
    /// reduced column of V). Off, the reduction does no extra work.
    var recordsCocycles = false
    /// For dimension d >= 1, `cocycles[d][k]` represents `bars[d][k]`.
    var cocycles: [[Cocycle]] = []

    /// A reducer sharing this one's geometry and tables, with its own
    /// enumerators and scratch space: one per worker thread.
    init(workerOf parent: RipsReducer) {
        threads = 1
        geometry = parent.geometry
        n = parent.n
        batch = ScratchBuffer<DiameterEntry>(capacity: Swift.max(1, parent.n))
        dimMax = parent.dimMax
        threshold = parent.threshold
        modulus = parent.modulus
        coefficientBits = parent.coefficientBits
        coefficientMask = parent.coefficientMask
        binomial = parent.binomial
        entryBudget = parent.entryBudget
        inverse = parent.inverse
        bars = []
        cofacetsMain = Cofacets(geometry: geometry, binomial: binomial, modulus: modulus, coefficientBits: coefficientBits)
        cofacetsAdd = Cofacets(geometry: geometry, binomial: binomial, modulus: modulus, coefficientBits: coefficientBits)
        cofacetsZero = Cofacets(geometry: geometry, binomial: binomial, modulus: modulus, coefficientBits: coefficientBits)
    }

    init(geometry: Cofacets.Geometry, dimMax: Int, threshold: Double, modulus: Int, threads: Int = 1) throws {
        self.threads = threads
        self.geometry = geometry
        n = Cofacets.pointCount(geometry)
        batch = ScratchBuffer<DiameterEntry>(capacity: Swift.max(1, n))
        self.dimMax = Swift.max(0, Swift.min(dimMax, n - 2))
        self.threshold = threshold
        self.modulus = Int64(modulus)
        var bits: Int64 = 1
        while (Int64(1) << bits) <= Int64(modulus - 1) { bits += 1 }
        coefficientBits = bits
        coefficientMask = (Int64(1) << bits) - 1
        binomial = try BinomialTable(nMax: n, kMax: self.dimMax + 2, limit: (Int64(1) << (62 - bits)) - 1)
        inverse = multiplicativeInverses(modulus)
        bars = Array(repeating: [], count: dimMax + 1)
        cocycles = Array(repeating: [], count: dimMax + 1)
        cofacetsMain = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
        cofacetsAdd = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
        cofacetsZero = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
    }

    // MARK: Entries

    @inline(__always) func index(_ e: DiameterEntry) -> Int64 { e.entry >> coefficientBits }
    @inline(__always) func coefficient(_ e: DiameterEntry) -> Int64 { e.entry & coefficientMask }
    @inline(__always) func entry(_ diameter: Double, _ index: Int64, _ coefficient: Int64) -> DiameterEntry {
        DiameterEntry(diameter: diameter, entry: index << coefficientBits | coefficient)
    }

    // MARK: Facets

    /// The first facet (largest vertex removed first, Ripser's boundary
    /// order) with the simplex's diameter: the pivot of its boundary if the
    /// pair is apparent; with the position of the removed vertex. The
    /// vertices are decoded unless `known` (ascending) is given; the
    /// distances among all but the top vertex are looked up first (the first
    /// facet often matches), the rest only when needed, and each later
    /// facet's diameter is a maximum over the cached pairs it keeps.
    func zeroPivotFacet(_ simplex: DiameterEntry, _ dim: Int,
                        known: UnsafePointer<Int>? = nil) -> (facet: DiameterEntry, removed: Int)? {
        let v: UnsafePointer<Int>
        if let known { v = known } else {
            simplexVertices(index(simplex), dim, n, binomial, decodedVertices.pointer)
            v = UnsafePointer(decodedVertices.pointer)
        }
        let pair = pairDistances.pointer
        let size = dim + 1
        // Pairs among v[0..<dim], and the first facet (v[dim] removed).
        var first = dim == 1 ? 0.0 : -Double.infinity
        for a in 0..<dim {
            for b in 0..<a {
                let d = Cofacets.distance(geometry, v[a], v[b])
                pair[a &* size &+ b] = d
                if d > first { first = d }
            }
        }
        var idxBelow = index(simplex), idxAbove: Int64 = 0
        let top = v[dim]
        if first == simplex.diameter {
            let c = alternating(coefficient(simplex), dim, modulus: modulus)
            return (entry(first, idxAbove - binomial(top, dim + 1) + idxBelow, c), dim)
        }
        idxBelow -= binomial(top, dim + 1)
        idxAbove += binomial(top, dim)
        for b in 0..<dim { pair[dim &* size &+ b] = Cofacets.distance(geometry, top, v[b]) }
        var k = dim - 1
        while k >= 0 {
            let j = v[k]
            let faceIndex = idxAbove - binomial(j, k + 1) + idxBelow
            var faceDiameter = dim == 1 ? 0 : -Double.infinity
            for a in 1..<size where a != k {
                for b in 0..<a where b != k {
                    let d = pair[a &* size &+ b]
                    if d > faceDiameter { faceDiameter = d }
                }
            }
            if faceDiameter == simplex.diameter {
                let c = alternating(coefficient(simplex), k, modulus: modulus)
                return (entry(faceDiameter, faceIndex, c), k)
            }
            idxBelow -= binomial(j, k + 1)
            idxAbove += binomial(j, k)
            k -= 1
        }
        return nil
    }

    /// The vertices (ascending) of the cofacet that `enumerator.next()` just
    /// returned, for a simplex of dimension `dim`, written to `out`.
    @inline(__always)
    func cofacetVertices(_ enumerator: Cofacets, _ dim: Int, _ out: UnsafeMutablePointer<Int>) {
        let w = enumerator.addedVertex
        let src = enumerator.vertices
        var a = 0, b = 0
        while a <= dim {
            if b == a && src[a] > w { out[b] = w; b += 1 }
            out[b] = src[a]; a += 1; b += 1
        }
        if b == dim + 1 { out[b] = w }
    }

    /// The first cofacet (in enumeration order) with the simplex's diameter;
    /// its vertices, ascending, are left in `zeroCofacetVertices`.
    @inline(__always)
    func zeroPivotCofacet(_ simplex: DiameterEntry, _ dim: Int, known: UnsafePointer<Int>? = nil) -> DiameterEntry? {
        if let known { cofacetsZero.set(simplex, dimension: dim, vertices: known) } else {
            cofacetsZero.set(simplex, dimension: dim)
        }
        guard let c = cofacetsZero.nextWithSameDiameter() else { return nil }
        cofacetVertices(cofacetsZero, dim, zeroCofacetVertices.pointer)
        return c
    }

    func zeroApparentFacet(_ simplex: DiameterEntry, _ dim: Int, known: UnsafePointer<Int>? = nil) -> DiameterEntry? {
        guard let (facet, removed) = zeroPivotFacet(simplex, dim, known: known) else { return nil }
        // The facet's vertices: the simplex's without the removed one.
        let src: UnsafePointer<Int> = known ?? UnsafePointer(decodedVertices.pointer)
        let dst = facetVertices.pointer
        var b = 0
        for a in 0...dim where a != removed { dst[b] = src[a]; b += 1 }
        guard let back = zeroPivotCofacet(facet, dim - 1, known: dst), index(back) == index(simplex) else { return nil }
        return facet
    }

    @inline(__always)
    func zeroApparentCofacet(_ simplex: DiameterEntry, _ dim: Int, known: UnsafePointer<Int>? = nil) -> DiameterEntry? {
        guard let cofacet = zeroPivotCofacet(simplex, dim, known: known) else { return nil }
        guard let back = zeroPivotFacet(cofacet, dim + 1, known: zeroCofacetVertices.pointer),
              index(back.facet) == index(simplex) else { return nil }
        return cofacet
    }

    /// `zeroApparentCofacet(edge, 1) != nil`, through the enumerator's
    /// fast path when it has one.
    @inline(__always)
    func isEdgeInZeroApparentCofacetPair(_ edge: DiameterEntry) -> Bool {
        cofacetsZero.set(edge, dimension: 1)
        if let apparent = cofacetsZero.edgeInApparentPair() { return apparent }
        return zeroApparentCofacet(edge, 1) != nil
    }

    @inline(__always)
    func isInZeroApparentPair(_ simplex: DiameterEntry, _ dim: Int, known: UnsafePointer<Int>? = nil) -> Bool {
        zeroApparentCofacet(simplex, dim, known: known) != nil || zeroApparentFacet(simplex, dim, known: known) != nil
    }

    // MARK: Dimension 0

    /// Union-find over the edges in filtration order: the H0 bars, and the
    /// edges that are columns to reduce in dimension 1. With vertex births,
    /// ripser.py's elder rule: a merge kills the younger component (the
    /// later of the two roots' births), the survivor keeps the earlier; all
    /// births 0 without them.
    func computeDimension0(edges: [DiameterEntry]) -> [DiameterEntry] {
        var sets = UnionFind(count: n)
        var birth = vertexBirths ?? [Double](repeating: 0, count: n)
        var columns: [DiameterEntry] = []
        // Whether each edge is in an apparent pair with a triangle: independent
        // tests, split over the worker threads.
        let apparent = dimMax >= 1 ? parallelFlags(edges) { worker, e in worker.isEdgeInZeroApparentCofacetPair(e) } : []
        let v = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { v.deallocate() }
        // Edges sorted by (diameter ascending, index descending).
        for (position, e) in edges.enumerated() {
            simplexVertices(index(e), 1, n, binomial, v)
            let a = sets.find(v[0]), b = sets.find(v[1])
            if a != b {
                let younger = Swift.max(birth[a], birth[b]), elder = Swift.min(birth[a], birth[b])
                if e.diameter > younger { bars[0].append(Bar(birth: younger, death: e.diameter)) }
                let (root, child) = a < b ? (a, b) : (b, a)
                sets.attach(child, under: root)
                birth[root] = elder
            } else if dimMax >= 1 && !apparent[position] {
                columns.append(e)
            }
        }
        columns.reverse()
        for i in 0..<n where sets.find(i) == i { bars[0].append(Bar(birth: birth[i], death: .infinity)) }
        return columns
    }

    // MARK: Higher dimensions

    /// The state of one column's reduction: the working coboundary (a heap
    /// of cofacets with repetitions) and the working column of V (the
    /// simplices added, without the column's own).
    struct ColumnWork {
        var coboundary = EntryHeap()
        var reduction = EntryHeap()
        var cofacetEntries: [DiameterEntry] = []

        mutating func reset() {
            coboundary.removeAll()
            reduction.removeAll()
        }
    }

    /// How a column's reduction ended.
    enum Outcome {
        /// The column reduced to zero: an essential class is born.
        case essential
        /// A pivot that no column in the table has: with `final`, the
        /// column's pair; without (parallel phase 1, the table holding the
        /// earlier blocks only), where the column stalled, to be continued
        /// against the full table.
        case pivot(DiameterEntry)
        /// An emergent-pair candidate found before any reduction; final if
        /// no earlier column of the block took this pivot.
        case emergent(DiameterEntry)
    }

    /// Reduces column `columnIndex` by adding earlier columns (those in
    /// `pivots`), Ripser's inner loop. With `final == false` it stops at the
    /// first pivot missing from `pivots` (which then holds the pivots of
    /// earlier blocks only) instead of declaring a pair; with `start ==
    /// false` it resumes from the state in `work`.
    func reduceColumn(_ columnIndex: Int, _ columns: [DiameterEntry], _ dim: Int, _ pivots: PivotTable,
                      _ reductionEntries: [DiameterEntry], _ reductionBounds: [Int],
                      _ work: inout ColumnWork, start: Bool, final: Bool) -> Outcome {
        var pivot: DiameterEntry?
        if start {
            let simplex = columns[columnIndex]
            let columnToReduce = entry(simplex.diameter, index(simplex), 1)
            let diameter = columnToReduce.diameter
            work.reset()
            work.coboundary.coefficientMask = coefficientMask
            // init_coboundary_and_get_pivot, with the emergent-pair shortcut.
            work.cofacetEntries.removeAll(keepingCapacity: true)
            var checkEmergent = true
            cofacetsMain.set(columnToReduce, dimension: dim)
            while cofacetsMain.hasNext(all: true) {
                let cofacet = cofacetsMain.next()
                if cofacet.diameter <= threshold {
                    work.cofacetEntries.append(cofacet)
                    if checkEmergent && cofacet.diameter == diameter {
                        cofacetVertices(cofacetsMain, dim, enumeratedVertices.pointer)
                        if pivots.find(index(cofacet)) == -1
                            && zeroApparentFacet(cofacet, dim + 1, known: enumeratedVertices.pointer) == nil {
                            return final ? .pivot(cofacet) : .emergent(cofacet)
                        }
                        checkEmergent = false
                    }
                }
            }
            for c in work.cofacetEntries { work.coboundary.push(c) }
        }
        pivot = getPivot(&work.coboundary)
        while true {
            guard let p = pivot else { return .essential }
            let found = pivots.find(index(p))
            if found != -1 {
                let columnToAdd = Int(found >> 16)
                let otherCoefficient = found & 0xFFFF
                let factor = modulus - coefficient(p) * inverse[Int(otherCoefficient)] % modulus
                // add_coboundary: the column's simplex and its stored V entries, times factor.
                let added = entry(columns[columnToAdd].diameter, index(columns[columnToAdd]), factor)
                addSimplexCoboundary(added, dim, after: p, &work.reduction, &work.coboundary)
                var t = reductionBounds[columnToAdd]
                let stop = reductionBounds[columnToAdd + 1]
                while t < stop {
                    var s = reductionEntries[t]
                    s.entry = (s.entry & ~coefficientMask) | (coefficient(s) * factor % modulus)
                    addSimplexCoboundary(s, dim, after: p, &work.reduction, &work.coboundary)
                    t += 1
                }
                pivot = getPivot(&work.coboundary)
            } else if var e = zeroApparentFacet(p, dim + 1) {
                e.entry = (e.entry & ~coefficientMask) | (modulus - coefficient(e))
                addSimplexCoboundary(e, dim, after: p, &work.reduction, &work.coboundary)
                pivot = getPivot(&work.coboundary)
            } else {
                return .pivot(p)
            }
        }
    }

    /// Records a column's final outcome: its bar, its pivot, its V column.
    func finish(_ columnIndex: Int, _ columns: [DiameterEntry], _ dim: Int, _ outcome: Outcome,
                _ pivots: inout PivotTable, _ reductionEntries: inout [DiameterEntry],
                _ reductionBounds: inout [Int], _ work: inout ColumnWork) {
        let birth = columns[columnIndex].diameter
        switch outcome {
        case .essential:
            bars[dim].append(Bar(birth: birth, death: .infinity))
            if recordsCocycles { cocycles[dim].append(cocycle(columns[columnIndex], dim, &work.reduction)) }
        case .pivot(let p), .emergent(let p):
            if p.diameter > birth {
                bars[dim].append(Bar(birth: birth, death: p.diameter))
                if recordsCocycles {
                    // Read the heap without emptying it: the V column is still stored below.
                    var copy = work.reduction
                    cocycles[dim].append(cocycle(columns[columnIndex], dim, &copy))
                }
            }
            pivots.insert(index(p), Int64(columnIndex) << 16 | coefficient(p))
            while let e = popPivot(&work.reduction) { reductionEntries.append(e) }
        }
        reductionBounds.append(reductionEntries.count)
    }

    /// Reduces the coboundary columns of dimension `dim` in order, filling
    /// `pivots` (pivot index -> column << 16 | pivot coefficient).
    ///
    /// With several threads the columns go in blocks: in phase 1 the
    /// workers reduce the block's columns in parallel against the pivots of
    /// earlier blocks (a read-only table), each stopping at the first pivot
    /// that table lacks; in phase 2 one thread finishes the block's columns
    /// in order against the full table, which usually takes few more
    /// additions. Both phases only add earlier columns to later ones, so the
    /// pivots, and the barcode, are exactly the sequential ones.
    func computePairs(_ columns: [DiameterEntry], _ pivots: inout PivotTable, _ dim: Int) {
        var reductionEntries: [DiameterEntry] = []
        var reductionBounds: [Int] = []
        reductionBounds.reserveCapacity(columns.count + 1)
        reductionBounds.append(0)
        var work = ColumnWork()
        // Blocks of at most 512 columns, at least 8 blocks when there are few.
        let blockSize = Swift.max(16, Swift.min(512, columns.count / 8))
        guard threads > 1 && columns.count >= 64 else {
            for c in columns.indices {
                let outcome = reduceColumn(c, columns, dim, pivots, reductionEntries, reductionBounds,
                                           &work, start: true, final: true)
                finish(c, columns, dim, outcome, &pivots, &reductionEntries, &reductionBounds, &work)
            }
            return
        }
        let workers = (0..<threads).map { _ in RipsReducer(workerOf: self) }
        var lo = 0
        while lo < columns.count {
            let hi = Swift.min(columns.count, lo + blockSize)
            // Phase 1: outcomes and saved states, one slot per column of the block.
            var outcomes = [Outcome](repeating: .essential, count: hi - lo)
            var saved = [ColumnWork](repeating: ColumnWork(), count: hi - lo)
            let table = pivots, entries = reductionEntries, bounds = reductionBounds
            var locals = [ColumnWork](repeating: ColumnWork(), count: workers.count)
            outcomes.withUnsafeMutableBufferPointer { outcomeSlots in
                saved.withUnsafeMutableBufferPointer { savedSlots in
                    locals.withUnsafeMutableBufferPointer { localSlots in
                        ParallelTasks.run(count: hi - lo, workers: workers.count) { w, k in
                            let outcome = workers[w].reduceColumn(lo + k, columns, dim, table, entries, bounds,
                                                                  &localSlots[w], start: true, final: false)
                            outcomeSlots[k] = outcome
                            var keep = false
                            if case .pivot = outcome { keep = true }
                            if case .essential = outcome, self.recordsCocycles { keep = true }
                            if keep {
                                // Hand the heaps over as they are (no copy).
                                savedSlots[k] = localSlots[w]
                                localSlots[w] = ColumnWork()
                            }
                            return true
                        }
                    }
                }
            }
            // Phase 2: finish in order against the full table.
            for k in 0..<(hi - lo) {
                let c = lo + k
                var outcome = outcomes[k]
                switch outcome {
                case .essential:
                    if recordsCocycles {
                        work = saved[k]
                        saved[k] = ColumnWork()
                    }
                case .emergent(let p):
                    if pivots.find(index(p)) != -1 {
                        outcome = reduceColumn(c, columns, dim, pivots, reductionEntries, reductionBounds,
                                               &work, start: true, final: true)
                    } else {
                        work.reset()
                    }
                case .pivot:
                    // Stalled in phase 1: continue from its saved state.
                    work = saved[k]
                    saved[k] = ColumnWork()
                    outcome = reduceColumn(c, columns, dim, pivots, reductionEntries, reductionBounds,
                                           &work, start: false, final: true)
                }
                finish(c, columns, dim, outcome, &pivots, &reductionEntries, &reductionBounds, &work)
                work.reset()
            }
            lo = hi
        }
    }

    /// The representative cocycle of a column: its own simplex (coefficient
    /// 1) plus the simplices added to it, with summed coefficients, in the
    /// order the heap gives them (diameter ascending, index descending).
    /// Empties `reduction`.
    func cocycle(_ column: DiameterEntry, _ dim: Int, _ reduction: inout EntryHeap) -> Cocycle {
        reduction.push(entry(column.diameter, index(column), 1))
        var vertices: [Int] = []
        var coefficients: [Int] = []
        while let e = popPivot(&reduction) {
            simplexVertices(index(e), dim, n, binomial, decodedVertices.pointer)
            for t in 0...dim { vertices.append(decodedVertices.pointer[t]) }
            coefficients.append(Int(coefficient(e)))
        }
        return Cocycle(checkedDimension: dim, vertices: vertices, coefficients: coefficients)
    }

    /// Adds `simplex` to the working V column and its coboundary to the
    /// working coboundary, leaving out the cofacets that come before `pivot`
    /// in the filtration order (diameter, then index descending). This is
    /// exact: the column added (a reduced column, or a simplex whose
    /// coboundary starts at `pivot`) has `pivot` as its pivot, so its entries
    /// before it sum to zero over the simplices added with it, and the
    /// working column has none there either. Ripser pushes them all and
    /// pops them again; on sphere_3_192's H2 column that is most of the heap.
    @inline(__always)
    func addSimplexCoboundary(_ simplex: DiameterEntry, _ dim: Int, after pivot: DiameterEntry,
                              _ workingReduction: inout EntryHeap, _ workingCoboundary: inout EntryHeap) {
        workingReduction.push(simplex)
        cofacetsAdd.set(simplex, dimension: dim)
        if let count = cofacetsAdd.cofacets(notBefore: pivot, threshold: threshold, into: batch.pointer) {
            workingCoboundary.push(contentsOf: batch.pointer, count: count)
            return
        }
        let pivotIndex = index(pivot)
        while cofacetsAdd.hasNext(all: true) {
            let c = cofacetsAdd.next()
            if c.diameter <= threshold
                && (c.diameter > pivot.diameter || (c.diameter == pivot.diameter && index(c) <= pivotIndex)) {
                workingCoboundary.push(c)
            }
        }
    }

    /// Pops the pivot (the top entry with its coefficients summed), or nil
    /// if the column is zero.
    @inline(__always)
    func popPivot(_ column: inout EntryHeap) -> DiameterEntry? {
        var pivot = DiameterEntry(diameter: 0, entry: 0)
        var c: Int64 = 0
        while !column.isEmpty {
            let top = column.top
            if c == 0 {
                pivot = top
                c = coefficient(top)
            } else if index(top) != index(pivot) {
                pivot.entry = (pivot.entry & ~coefficientMask) | c
                return pivot
            } else {
                c = modulus == 2 ? (c ^ coefficient(top)) : (c + coefficient(top)) % modulus
            }
            column.pop()
        }
        if c == 0 { return nil }
        pivot.entry = (pivot.entry & ~coefficientMask) | c
        return pivot
    }

    /// The pivot (the top entry with its coefficients summed), left in the
    /// column, or nil if the column is zero.
    @inline(__always)
    func getPivot(_ column: inout EntryHeap) -> DiameterEntry? {
        column.pivot(coefficientBits: coefficientBits, modulus: modulus)
    }

    /// The columns of dimension `dim` (the cofacets of `simplices`, which
    /// are of dimension dim - 1), without apparent pairs and cleared pivots,
    /// sorted by (diameter descending, index ascending). Replaces
    /// `simplices` with all simplices of dimension `dim`.
    func assembleColumns(_ simplices: inout [DiameterEntry], _ pivots: PivotTable, _ dim: Int) throws -> [DiameterEntry] {
        let keepNext = dim < dimMax
        let chunks = Swift.max(1, Swift.min(threads * 8, simplices.count / 256))
        var columnParts = [[DiameterEntry]](repeating: [], count: chunks)
        var nextParts = [[DiameterEntry]](repeating: [], count: chunks)
        let source = simplices
        let workers = (0..<Swift.min(threads, chunks)).map { _ in RipsReducer(workerOf: self) }
        let stored = Atomic<Int>(0)          // entries kept so far, for the memory budget
        let overBudget = Atomic<Bool>(false)
        // Workers take chunks in turn; results land by chunk, so the output
        // is the sequential one whatever the scheduling.
        columnParts.withUnsafeMutableBufferPointer { columnSlots in
            nextParts.withUnsafeMutableBufferPointer { nextSlots in
                ParallelTasks.run(count: chunks, workers: workers.count) { w, c in
                    let worker = workers[w]
                    if overBudget.load(ordering: .relaxed) { return false }
                    let allowance = self.entryBudget - stored.load(ordering: .relaxed)  // checked per simplex, not per chunk
                    let lo = source.count * c / chunks, hi = source.count * (c + 1) / chunks
                    guard let (columns, next) = worker.assembleChunk(source, lo..<hi, pivots, dim, keepNext: keepNext,
                                                                     allowance: allowance) else {
                        overBudget.store(true, ordering: .relaxed)
                        return false
                    }
                    columnSlots[c] = columns
                    nextSlots[c] = next
                    let total = stored.add(columns.count + next.count, ordering: .relaxed).newValue
                    if total > self.entryBudget { overBudget.store(true, ordering: .relaxed) }
                    return true
                }
            }
        }
        if overBudget.load(ordering: .relaxed) {
            throw PersistenceError.tooLarge(
                "dimension \(dim) needs more than \(entryBudget) simplices (\(entryBudget * 32 / 1_000_000) MB with the "
                + "reduction)\(RipsSizeEstimate.note(vertices: n, edges: edgeCount, dimension: dim)); "
                + "lower --max-dim, give a --threshold, or raise --memory-limit")
        }
        simplices = keepNext ? RipsReducer.concatenate(&nextParts) : []
        var columns = RipsReducer.concatenate(&columnParts)
        sortEntries(&columns, threads: threads) { a, b in a.diameter > b.diameter || (a.diameter == b.diameter && a.entry < b.entry) }
        return columns
    }

    /// The columns and the next dimension's simplices from the cofacets of
    /// `source[range]` (simplices of dimension dim - 1), or nil past
    /// `allowance` entries: the body of `assembleColumns`, run by a worker.
    func assembleChunk(_ source: [DiameterEntry], _ range: Range<Int>, _ pivots: PivotTable, _ dim: Int,
                       keepNext: Bool, allowance: Int) -> (columns: [DiameterEntry], next: [DiameterEntry])? {
        var columns: [DiameterEntry] = []
        var next: [DiameterEntry] = []
        let vertices = enumeratedVertices.pointer
        for s in source[range] {
            if columns.count + next.count > allowance { return nil }
            cofacetsMain.set(entry(s.diameter, index(s), 1), dimension: dim - 1)
            while cofacetsMain.hasNext(all: false) {
                let c = cofacetsMain.next()
                if c.diameter <= threshold {
                    let plain = entry(c.diameter, index(c), 1)
                    if keepNext { next.append(plain) }
                    cofacetVertices(cofacetsMain, dim - 1, vertices)
                    if pivots.find(index(c)) == -1 && !isInZeroApparentPair(plain, dim, known: vertices) {
                        columns.append(plain)
                    }
                }
            }
        }
        return (columns, next)
    }

    /// The parts joined in order, each part released as soon as it is
    /// copied: peak memory is the result plus one part.
    static func concatenate(_ parts: inout [[DiameterEntry]]) -> [DiameterEntry] {
        if parts.count == 1 { let only = parts[0]; parts = []; return only }
        var result: [DiameterEntry] = []
        result.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for k in parts.indices {
            result.append(contentsOf: parts[k])
            parts[k] = []
        }
        return result
    }

    /// `test(worker, item)` for every item, split over the worker threads,
    /// each with its own enumerators.
    func parallelFlags(_ items: [DiameterEntry], _ test: (RipsReducer, DiameterEntry) -> Bool) -> [Bool] {
        var flags = [Bool](repeating: false, count: items.count)
        let workerCount = Swift.max(1, Swift.min(threads, items.count / 1024))
        let workers = workerCount == 1 ? [self] : (0..<workerCount).map { _ in RipsReducer(workerOf: self) }
        let chunk = 1024
        flags.withUnsafeMutableBufferPointer { out in
            ParallelTasks.run(count: (items.count + chunk - 1) / chunk, workers: workerCount) { w, c in
                for k in (c * chunk)..<Swift.min(items.count, (c + 1) * chunk) { out[k] = test(workers[w], items[k]) }
                return true
            }
        }
        return flags
    }

    /// Runs all dimensions. `edges` are the edges within the threshold, sorted
    /// by (diameter ascending, index descending).
    func run(edges: [DiameterEntry]) throws -> Barcode {
        var timer = PhaseTimer()
        edgeCount = edges.count
        try RipsSizeEstimate.check(vertices: n, edges: edges.count, maxDimension: dimMax, entryBudget: entryBudget)
        var columns = computeDimension0(edges: edges)
        timer.mark("dimension 0 (\(edges.count) edges)")
        var simplices = dimMax >= 2 ? edges : []
        if dimMax >= 1 {
            for dim in 1...dimMax {
                var pivots = PivotTable(capacity: columns.count / 8)
                computePairs(columns, &pivots, dim)
                timer.mark("reduce dimension \(dim) (\(columns.count) columns)")
                if dim < dimMax {
                    columns = try assembleColumns(&simplices, pivots, dim + 1)
                    timer.mark("assemble dimension \(dim + 1)")
                }
            }
        }
        return Barcode(bars: bars, cocycles: recordsCocycles ? cocycles : nil)
    }
}
