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
    /// Reduced columns R_j as (row, coefficient) entries, ascending; empty
    /// for zero columns (and for cleared ones).
    public private(set) var reducedColumns: [[Entry]]
    /// The columns V_j of the reduction matrix when requested: R_j = D V_j.
    public private(set) var reductionColumns: [[Entry]]?
    /// The coefficient field's prime.
    public let modulus: Int

    /// One matrix entry.
    public struct Entry: Hashable, Sendable {
        public var row: Int32
        public var coefficient: UInt16
    }

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
        reducedColumns = [[Entry]](repeating: [], count: count)
        reductionColumns = keepV ? (0..<count).map { [Entry(row: Int32($0), coefficient: 1)] } : nil
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
        var inverse = [UInt64](repeating: 0, count: modulus)
        for a in 1..<modulus { inverse[a] = Self.power(UInt64(a), p - 2, p) }
        var byDimension = [[Int32]](repeating: [], count: topDimension + 1)
        for j in 0..<n {
            let d = Int(complex.dimensions[j])
            if d >= 1 && d <= topDimension { byDimension[d].append(Int32(j)) }
        }
        var cleared = [Bool](repeating: false, count: n)
        var packed: [[UInt64]] = [[UInt64]](repeating: [], count: n)
        var work: [UInt64] = [], scratch: [UInt64] = []
        var vWork: [UInt64] = [], vScratch: [UInt64] = []
        var packedV: [[UInt64]]? = reductionColumns == nil ? nil : [[UInt64]](repeating: [], count: n)
        let keepV = packedV != nil
        complex.boundaryIndices.withUnsafeBufferPointer { bIdx in
        complex.boundaryCoefficients.withUnsafeBufferPointer { bCoef in
        complex.boundaryOffsets.withUnsafeBufferPointer { bOff in
            for d in stride(from: topDimension, through: 1, by: -1) {
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
                        let lowK = packed[k].last ?? 0
                        // work += factor * R_k with factor = -c_j / c_k.
                        let factor = (p - (last & 0xFFFF)) * inverse[Int(lowK & 0xFFFF)] % p
                        Self.addMultiple(&work, packed[k], factor, p, &scratch)
                        if keepV, let vk = packedV?[k] { Self.addMultiple(&vWork, vk, factor, p, &vScratch) }
                    }
                    if let last = work.last {
                        let row = Int(last >> 16)
                        pivotColumn[row] = j32
                        pivotRow[j] = Int32(row)
                        cleared[row] = true
                        packed[j] = work
                        if keepV {
                            packedV?[j] = vWork
                            // The cleared column's V is the cycle R_j.
                            packedV?[row] = work
                        }
                    } else if keepV {
                        packedV?[j] = vWork
                    }
                }
            }
        }}}
        reducedColumns = packed.map { $0.map { Entry(row: Int32($0 >> 16), coefficient: UInt16($0 & 0xFFFF)) } }
        if let pv = packedV {
            reductionColumns = pv.enumerated().map { j, col in
                col.isEmpty ? [Entry(row: Int32(j), coefficient: 1)]
                    : col.map { Entry(row: Int32($0 >> 16), coefficient: UInt16($0 & 0xFFFF)) }
            }
        }
    }

    /// `a += factor * b` over Z/p for packed sorted columns (merge).
    @inline(__always)
    static func addMultiple(_ a: inout [UInt64], _ b: [UInt64], _ factor: UInt64, _ p: UInt64,
                            _ out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        out.reserveCapacity(a.count + b.count)
        a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
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
        }}
        swap(&a, &out)
    }

    static func power(_ base: UInt64, _ exponent: UInt64, _ p: UInt64) -> UInt64 {
        var result: UInt64 = 1, b = base % p, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % p }
            b = b * b % p
            e >>= 1
        }
        return result
    }
}
