import Complexes

/// The reduced boundary matrix of a filtered complex over Z/p: R = D V with
/// R reduced (distinct lowest nonzeros), computed by the standard column
/// algorithm with the twist / clearing optimisation (Chen and Kerber,
/// "Persistent homology computation with a twist", 2011).
///
/// Columns and rows are the complex's cells in its filtration order. The
/// reduction matrix V is kept on request, for representatives and the
/// vineyard updates of multiparameter persistence.
///
/// ```swift
/// let reduced = try BoundaryMatrix.reduce(tree.filteredComplex(), modulus: 2)
/// reduced.pairs  // (birth cell, death cell) for each finite pair
/// ```
public struct BoundaryMatrix: Sendable {
    /// `pivotRow[j]`: the lowest nonzero row of reduced column j, or -1.
    public private(set) var pivotRow: [Int32]
    /// `pivotColumn[i]`: the column whose lowest nonzero is row i, or -1.
    public private(set) var pivotColumn: [Int32]
    /// Reduced columns, packed `row << 16 | coefficient`, one after the
    /// other: column j is `arena[start[j] ..< start[j] + length[j]]` (a
    /// column is final once reduced, so it is written once).
    var arena: [UInt64] = []
    var start: [Int]
    var length: [Int32]
    /// The reduction matrix's columns the same way, when kept.
    var vArena: [UInt64]? = nil
    var vStart: [Int] = []
    var vLength: [Int32] = []
    /// The coefficient field's prime.
    public let modulus: Int

    /// One matrix entry.
    public struct Entry: Hashable, Sendable {
        public var row: Int32
        public var coefficient: UInt16
    }

    /// The reduced column R_j as (row, coefficient) entries, ascending
    /// (empty for zero and cleared columns). Edge columns reduced by
    /// union-find (V not kept) hold the boundary of the edge plus its
    /// spanning-forest paths: the two component roots, older and younger.
    ///
    /// ```swift
    /// let column = reduced.reducedColumn(5)  // [Entry(row: 2, coefficient: 1), ...]
    /// ```
    public func reducedColumn(_ j: Int) -> [Entry] {
        arena[start[j]..<start[j] + Int(length[j])].map { Entry(row: Int32($0 >> 16), coefficient: UInt16($0 & 0xFFFF)) }
    }

    /// The column V_j of the reduction matrix (R_j = D V_j), or nil if it was not kept.
    ///
    /// ```swift
    /// let v = try BoundaryMatrix.reduce(complex, keepReductionMatrix: true).reductionColumn(5)
    /// ```
    public func reductionColumn(_ j: Int) -> [Entry]? {
        guard let vArena else { return nil }
        if vLength[j] == 0 { return [Entry(row: Int32(j), coefficient: 1)] }
        return vArena[vStart[j]..<vStart[j] + Int(vLength[j])].map {
            Entry(row: Int32($0 >> 16), coefficient: UInt16($0 & 0xFFFF))
        }
    }

    /// Whether the reduction matrix V was kept.
    public var keepsReductionMatrix: Bool { vArena != nil }

    /// The finite persistence pairs (positive cell, negative cell).
    ///
    /// ```swift
    /// for (birth, death) in reduced.pairs { print(birth, death) }
    /// ```
    public var pairs: [(birth: Int, death: Int)] {
        pivotRow.enumerated().compactMap { j, i in i >= 0 ? (Int(i), j) : nil }.sorted { $0.death < $1.death }
    }

    /// Reduces the boundary matrix of `complex`, columns of dimension
    /// `maxDimension + 1` and below (all by default).
    ///
    /// ```swift
    /// let reduced = try BoundaryMatrix.reduce(complex, modulus: 3, keepReductionMatrix: true)
    /// ```
    /// - Throws: `PersistenceError.notPrime` for a modulus that is not a prime below 65536.
    /// - Complexity: O(n^3) in the worst case; close to linear on alpha and
    ///   cubical complexes, where clearing removes most work.
    public static func reduce(_ complex: FilteredComplex, modulus: Int = 2, maxDimension: Int? = nil,
                              keepReductionMatrix: Bool = false) throws -> BoundaryMatrix {
        guard modulus < 65536, isPrime(modulus) else { throw PersistenceError.notPrime(modulus) }
        var m = BoundaryMatrix(count: complex.count, modulus: modulus, keepV: keepReductionMatrix)
        m.run(complex, topDimension: Swift.min(complex.dimension, (maxDimension ?? Int(Int8.max - 1)) + 1))
        return m
    }

    init(count: Int, modulus: Int, keepV: Bool) {
        pivotRow = [Int32](repeating: -1, count: count)
        pivotColumn = [Int32](repeating: -1, count: count)
        start = [Int](repeating: 0, count: count)
        length = [Int32](repeating: 0, count: count)
        if keepV {
            vArena = []
            vStart = [Int](repeating: 0, count: count)
            vLength = [Int32](repeating: 0, count: count)
        }
        self.modulus = modulus
    }

    /// The reduction, dimension by dimension from the top (clearing).
    ///
    /// Cost model: each column is copied once into a work buffer; each
    /// elimination merges the pivot column into it (linear in both lengths).
    /// A column whose index is the pivot of a higher column is cleared
    /// (known zero) and never reduced. Entries are packed as
    /// `row << 16 | coefficient`, so sorting by row is sorting the integers.
    mutating func run(_ complex: FilteredComplex, topDimension: Int) {
        let n = complex.count
        guard n > 0, topDimension >= 1 else { return }
        let p = UInt64(modulus)
        let inverse = multiplicativeInverses(modulus).map { UInt64($0) }
        var byDimension = [[Int32]](repeating: [], count: topDimension + 1)
        for j in 0..<n {
            let d = Int(complex.dimensions[j])
            if d >= 1 && d <= topDimension { byDimension[d].append(Int32(j)) }
        }
        var cleared = [Bool](repeating: false, count: n)
        var work: [UInt64] = [], scratch: [UInt64] = []
        var vWork: [UInt64] = [], vScratch: [UInt64] = []
        let keepV = vArena != nil
        var vStore: [UInt64] = []
        // Dimension 1 without V: union-find with the elder rule gives the
        // same pairs as reducing the edge columns, in near-linear time.
        let unionFindEdges = !keepV
        complex.boundaryIndices.withUnsafeBufferPointer { bIdx in
        complex.boundaryCoefficients.withUnsafeBufferPointer { bCoef in
        complex.boundaryOffsets.withUnsafeBufferPointer { bOff in
            for d in stride(from: topDimension, through: 1, by: -1) {
                if d == 1 && unionFindEdges {
                    reduceEdges(byDimension[1], cleared, bIdx, bOff)
                    continue
                }
                for j32 in byDimension[d] {
                    let j = Int(j32)
                    if cleared[j] { continue }
                    work.removeAll(keepingCapacity: true)
                    for e in bOff[j]..<bOff[j + 1] {
                        let c: UInt64 = bCoef[e] > 0 ? 1 : p - 1
                        work.append(UInt64(bIdx[e]) << 16 | c)
                    }
                    if keepV { vWork.removeAll(keepingCapacity: true); vWork.append(UInt64(j) << 16 | 1) }
                    while let last = work.last {
                        let row = Int(last >> 16)
                        let k = Int(pivotColumn[row])
                        if k < 0 { break }
                        let sk = start[k], lk = Int(length[k])
                        let lowK = arena[sk + lk - 1]
                        // work += factor * R_k with factor = -c_j / c_k.
                        let factor = (p - (last & 0xFFFF)) * inverse[Int(lowK & 0xFFFF)] % p
                        arena.withUnsafeBufferPointer { a in
                            Self.addMultiple(&work, UnsafeBufferPointer(rebasing: a[sk..<sk + lk]), factor, p, &scratch)
                        }
                        if keepV {
                            let vs = vStart[k], vl = Int(vLength[k])
                            if vl == 0 {
                                let unit: [UInt64] = [UInt64(k) << 16 | 1]
                                unit.withUnsafeBufferPointer { Self.addMultiple(&vWork, $0, factor, p, &vScratch) }
                            } else {
                                vStore.withUnsafeBufferPointer { a in
                                    Self.addMultiple(&vWork, UnsafeBufferPointer(rebasing: a[vs..<vs + vl]), factor, p, &vScratch)
                                }
                            }
                        }
                    }
                    if let last = work.last {
                        let row = Int(last >> 16)
                        pivotColumn[row] = j32
                        pivotRow[j] = Int32(row)
                        cleared[row] = true
                        start[j] = arena.count
                        length[j] = Int32(work.count)
                        arena.append(contentsOf: work)
                        if keepV {
                            // The cleared column's V is the cycle R_j.
                            vStart[row] = vStore.count; vLength[row] = Int32(work.count)
                            vStore.append(contentsOf: work)
                        }
                    }
                    if keepV {
                        vStart[j] = vStore.count; vLength[j] = Int32(vWork.count)
                        vStore.append(contentsOf: vWork)
                    }
                }
            }
        }}}
        if keepV { vArena = vStore }
    }

    /// `a += factor * b` over Z/p for packed sorted columns (merge).
    @inline(__always)
    package static func addMultiple(_ a: inout [UInt64], _ pb: UnsafeBufferPointer<UInt64>, _ factor: UInt64, _ p: UInt64,
                            _ out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(a.count + pb.count)
        a.withUnsafeBufferPointer { pa in
            var i = 0, k = 0
            let na = pa.count, nb = pb.count
            while i < na || k < nb {
                let ra = i < na ? pa[i] >> 16 : UInt64.max
                let rb = k < nb ? pb[k] >> 16 : UInt64.max
                if ra < rb { out.append(pa[i]); i += 1 }
                else if rb < ra {
                    out.append(rb << 16 | ((pb[k] & 0xFFFF) * factor % p)); k += 1
                } else {
                    let c = ((pa[i] & 0xFFFF) + (pb[k] & 0xFFFF) * factor) % p
                    if c != 0 { out.append(ra << 16 | c) }
                    i += 1; k += 1
                }
            }
        }
        swap(&a, &out)
    }

    /// Pairs of the edge columns by union-find (elder rule): an edge joining
    /// two components kills the younger one's oldest vertex; an edge inside
    /// a component (or cleared: it is a pivot of a 2-cell) is positive.
    /// R_j is stored as the two-entry column (older root, younger root)
    /// reduced to its pivot only, which is all the barcode reads.
    mutating func reduceEdges(_ edges: [Int32], _ cleared: [Bool], _ bIdx: UnsafeBufferPointer<Int32>,
                              _ bOff: UnsafeBufferPointer<Int>) {
        var sets = UnionFind(count: pivotRow.count)
        for j32 in edges {
            let j = Int(j32)
            if cleared[j] || bOff[j + 1] - bOff[j] != 2 { continue }
            // Roots are the oldest vertices (smallest index) of their components.
            let a = Int32(sets.find(Int(bIdx[bOff[j]]))), b = Int32(sets.find(Int(bIdx[bOff[j] + 1])))
            if a == b { continue }
            let (older, younger) = a < b ? (a, b) : (b, a)
            sets.attach(Int(younger), under: Int(older))
            pivotRow[j] = younger
            pivotColumn[Int(younger)] = j32
            start[j] = arena.count
            length[j] = 2
            arena.append(UInt64(older) << 16 | 1)
            arena.append(UInt64(younger) << 16 | UInt64(modulus - 1))
        }
    }
}
