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
    let scratch: VertexStorage

    init(geometry: Cofacets.Geometry, dimMax: Int, threshold: Double, modulus: Int) throws {
        self.geometry = geometry
        n = Cofacets.pointCount(geometry)
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
        cofacetsMain = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
        cofacetsAdd = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
        cofacetsZero = Cofacets(geometry: geometry, binomial: binomial, modulus: Int64(modulus), coefficientBits: bits)
        scratch = VertexStorage(capacity: 64)
    }

    // MARK: Entries

    @inline(__always) func index(_ e: DiameterEntry) -> Int64 { e.entry >> coefficientBits }
    @inline(__always) func coefficient(_ e: DiameterEntry) -> Int64 { e.entry & coefficientMask }
    @inline(__always) func entry(_ diameter: Double, _ index: Int64, _ coefficient: Int64) -> DiameterEntry {
        DiameterEntry(diameter: diameter, entry: index << coefficientBits | coefficient)
    }

    // MARK: Facets

    /// The diameter of simplex `index` of dimension `dim`.
    func computeDiameter(_ index: Int64, _ dim: Int) -> Double {
        let v = scratch.pointer
        simplexVertices(index, dim, n, binomial, v)
        var diameter = -Double.infinity
        if dim == 0 { return 0 }
        for i in 0...dim {
            for j in 0..<i {
                diameter = Swift.max(diameter, Cofacets.distance(geometry, v[i], v[j]))
            }
        }
        return diameter
    }

    /// The first facet (largest vertex removed first) with the simplex's
    /// diameter: the pivot of its boundary if the pair is apparent.
    func zeroPivotFacet(_ simplex: DiameterEntry, _ dim: Int) -> DiameterEntry? {
        var idxBelow = index(simplex), idxAbove: Int64 = 0
        var j = n - 1
        var k = dim
        while k >= 0 {
            j = maxVertex(idxBelow, k + 1, j, binomial)
            let faceIndex = idxAbove - binomial(j, k + 1) + idxBelow
            let faceDiameter = computeDiameter(faceIndex, dim - 1)
            let c = (k & 1 == 1 ? modulus - 1 : 1) * coefficient(simplex) % modulus
            idxBelow -= binomial(j, k + 1)
            idxAbove += binomial(j, k)
            k -= 1
            if faceDiameter == simplex.diameter { return entry(faceDiameter, faceIndex, c) }
        }
        return nil
    }

    /// The first cofacet (in enumeration order) with the simplex's diameter.
    func zeroPivotCofacet(_ simplex: DiameterEntry, _ dim: Int) -> DiameterEntry? {
        cofacetsZero.set(simplex, dimension: dim)
        while cofacetsZero.hasNext(all: true) {
            let c = cofacetsZero.next()
            if c.diameter == simplex.diameter { return c }
        }
        return nil
    }

    func zeroApparentFacet(_ simplex: DiameterEntry, _ dim: Int) -> DiameterEntry? {
        guard let facet = zeroPivotFacet(simplex, dim) else { return nil }
        guard let back = zeroPivotCofacet(facet, dim - 1), index(back) == index(simplex) else { return nil }
        return facet
    }

    func zeroApparentCofacet(_ simplex: DiameterEntry, _ dim: Int) -> DiameterEntry? {
        guard let cofacet = zeroPivotCofacet(simplex, dim) else { return nil }
        guard let back = zeroPivotFacet(cofacet, dim + 1), index(back) == index(simplex) else { return nil }
        return cofacet
    }

    func isInZeroApparentPair(_ simplex: DiameterEntry, _ dim: Int) -> Bool {
        zeroApparentCofacet(simplex, dim) != nil || zeroApparentFacet(simplex, dim) != nil
    }

    // MARK: Dimension 0

    /// Union-find over the edges in filtration order: the H0 bars, and the
    /// edges that are columns to reduce in dimension 1.
    func computeDimension0(edges: [DiameterEntry]) -> [DiameterEntry] {
        var parent = Array(0..<n)
        var rank = [UInt8](repeating: 0, count: n)
        func find(_ x: Int) -> Int {
            var y = x
            while parent[y] != y { y = parent[y] }
            var x = x
            while parent[x] != y { let z = parent[x]; parent[x] = y; x = z }
            return y
        }
        var columns: [DiameterEntry] = []
        let v = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        defer { v.deallocate() }
        // Edges sorted by (diameter ascending, index descending).
        for e in edges {
            simplexVertices(index(e), 1, n, binomial, v)
            let a = find(v[0]), b = find(v[1])
            if a != b {
                if e.diameter != 0 { bars[0].append(Bar(birth: 0, death: e.diameter)) }
                if rank[a] > rank[b] { parent[b] = a } else {
                    parent[a] = b
                    if rank[a] == rank[b] { rank[b] += 1 }
                }
            } else if dimMax >= 1 && zeroApparentCofacet(e, 1) == nil {
                columns.append(e)
            }
        }
        columns.reverse()
        for i in 0..<n where find(i) == i { bars[0].append(Bar(birth: 0, death: .infinity)) }
        return columns
    }

    // MARK: Higher dimensions

    /// Reduces the coboundary columns of dimension `dim` in order, filling
    /// `pivots` (pivot index -> column << 16 | pivot coefficient).
    func computePairs(_ columns: [DiameterEntry], _ pivots: inout PivotTable, _ dim: Int) {
        // V without its diagonal: for column i, entries boundsStart[i]..<boundsEnd[i].
        var reductionEntries: [DiameterEntry] = []
        var reductionBounds: [Int] = []
        reductionBounds.reserveCapacity(columns.count + 1)
        reductionBounds.append(0)
        var workingReduction = EntryHeap()
        var workingCoboundary = EntryHeap()
        var cofacetEntries: [DiameterEntry] = []

        for (columnIndex, simplex) in columns.enumerated() {
            let columnToReduce = entry(simplex.diameter, index(simplex), 1)
            let diameter = columnToReduce.diameter
            workingReduction.removeAll()
            workingCoboundary.removeAll()

            // init_coboundary_and_get_pivot, with the emergent-pair shortcut.
            var pivot: DiameterEntry? = nil
            var emergent = false
            cofacetEntries.removeAll(keepingCapacity: true)
            var checkEmergent = true
            cofacetsMain.set(columnToReduce, dimension: dim)
            while cofacetsMain.hasNext(all: true) {
                let cofacet = cofacetsMain.next()
                if cofacet.diameter <= threshold {
                    cofacetEntries.append(cofacet)
                    if checkEmergent && cofacet.diameter == diameter {
                        if pivots.find(index(cofacet)) == -1 && zeroApparentFacet(cofacet, dim + 1) == nil {
                            pivot = cofacet
                            emergent = true
                            break
                        }
                        checkEmergent = false
                    }
                }
            }
            if !emergent {
                for c in cofacetEntries { workingCoboundary.push(c) }
                pivot = getPivot(&workingCoboundary)
            }

            while true {
                guard let p = pivot else {
                    bars[dim].append(Bar(birth: diameter, death: .infinity))
                    break
                }
                let found = pivots.find(index(p))
                if found != -1 {
                    let columnToAdd = Int(found >> 16)
                    let otherCoefficient = found & 0xFFFF
                    let factor = modulus - coefficient(p) * inverse[Int(otherCoefficient)] % modulus
                    // add_coboundary: the column's simplex and its stored V entries, times factor.
                    let added = entry(columns[columnToAdd].diameter, index(columns[columnToAdd]), factor)
                    addSimplexCoboundary(added, dim, &workingReduction, &workingCoboundary)
                    var t = reductionBounds[columnToAdd]
                    let stop = reductionBounds[columnToAdd + 1]
                    while t < stop {
                        var s = reductionEntries[t]
                        s.entry = (s.entry & ~coefficientMask) | (coefficient(s) * factor % modulus)
                        addSimplexCoboundary(s, dim, &workingReduction, &workingCoboundary)
                        t += 1
                    }
                    pivot = getPivot(&workingCoboundary)
                } else if var e = zeroApparentFacet(p, dim + 1) {
                    e.entry = (e.entry & ~coefficientMask) | (modulus - coefficient(e))
                    addSimplexCoboundary(e, dim, &workingReduction, &workingCoboundary)
                    pivot = getPivot(&workingCoboundary)
                } else {
                    let death = p.diameter
                    if death > diameter { bars[dim].append(Bar(birth: diameter, death: death)) }
                    pivots.insert(index(p), Int64(columnIndex) << 16 | coefficient(p))
                    while let e = popPivot(&workingReduction) { reductionEntries.append(e) }
                    break
                }
            }
            reductionBounds.append(reductionEntries.count)
        }
    }

    @inline(__always)
    func addSimplexCoboundary(_ simplex: DiameterEntry, _ dim: Int,
                              _ workingReduction: inout EntryHeap, _ workingCoboundary: inout EntryHeap) {
        workingReduction.push(simplex)
        cofacetsAdd.set(simplex, dimension: dim)
        while cofacetsAdd.hasNext(all: true) {
            let c = cofacetsAdd.next()
            if c.diameter <= threshold { workingCoboundary.push(c) }
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

    @inline(__always)
    func getPivot(_ column: inout EntryHeap) -> DiameterEntry? {
        let p = popPivot(&column)
        if let p { column.push(p) }
        return p
    }

    /// The columns of dimension `dim` (the cofacets of `simplices`, which
    /// are of dimension dim - 1), without apparent pairs and cleared pivots,
    /// sorted by (diameter descending, index ascending). Replaces
    /// `simplices` with all simplices of dimension `dim`.
    func assembleColumns(_ simplices: inout [DiameterEntry], _ pivots: PivotTable, _ dim: Int) -> [DiameterEntry] {
        var columns: [DiameterEntry] = []
        var next: [DiameterEntry] = []
        for s in simplices {
            cofacetsMain.set(entry(s.diameter, index(s), 1), dimension: dim - 1)
            while cofacetsMain.hasNext(all: false) {
                let c = cofacetsMain.next()
                if c.diameter <= threshold {
                    let plain = entry(c.diameter, index(c), 1)
                    if dim < dimMax { next.append(plain) }
                    if !isInZeroApparentPair(plain, dim) && pivots.find(index(c)) == -1 {
                        columns.append(plain)
                    }
                }
            }
        }
        simplices = next
        columns.sort { a, b in a.diameter > b.diameter || (a.diameter == b.diameter && a.entry < b.entry) }
        return columns
    }

    /// Runs all dimensions. `edges` are the edges within the threshold, sorted
    /// by (diameter ascending, index descending).
    func run(edges: [DiameterEntry]) -> Barcode {
        var columns = computeDimension0(edges: edges)
        var simplices = dimMax >= 2 ? edges : []
        if dimMax >= 1 {
            for dim in 1...dimMax {
                var pivots = PivotTable(capacity: columns.count / 8)
                computePairs(columns, &pivots, dim)
                if dim < dimMax {
                    columns = assembleColumns(&simplices, pivots, dim + 1)
                }
            }
        }
        return Barcode(bars: bars)
    }
}
