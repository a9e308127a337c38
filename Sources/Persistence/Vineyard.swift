import Complexes

/// A reduced boundary matrix R = D V over Z/2 that follows transpositions
/// of adjacent cells in the filtration order — the vineyard update of
/// Cohen-Steiner, Edelsbrunner and Morozov ("Vines and vineyards by
/// updating persistence in linear time", SoCG 2006), the primitive that
/// multiparameter persistence (MMA, fibered barcodes) walks line to line.
///
/// Rows and columns are indexed by cell (the cell's index in the complex it
/// was built from), so a transposition only swaps two positions; a column's
/// lowest entry is its entry of largest current position.
///
/// ```swift
/// var vine = try Vineyard(tree.filteredComplex())
/// let changed = try vine.transpose(3)   // swap the cells at positions 3 and 4
/// vine.pairs                            // (birth cell, death cell), by cell index
/// ```
public struct Vineyard: Sendable {
    /// The boundary of each cell (cell indices).
    let boundary: [[Int32]]
    /// R and V columns by cell, entries sorted by cell index.
    var r: [[Int32]]
    var v: [[Int32]]
    /// The cell at each position, and each cell's position.
    public private(set) var order: [Int32]
    var position: [Int32]
    /// low[c]: the cell of R_c's lowest entry, or -1; pivot[row cell]: the column cell with that low, or -1.
    var low: [Int32]
    var pivot: [Int32]

    /// Reduces the boundary matrix of `complex` (in its order) keeping V.
    ///
    /// ```swift
    /// let vine = try Vineyard(complex)
    /// ```
    /// - Complexity: the standard reduction without clearing, O(n^3) worst case.
    public init(_ complex: FilteredComplex) throws {
        let n = complex.count
        guard n < Int(Int32.max) else { throw PersistenceError.tooLarge("\(n) cells") }
        boundary = (0..<n).map { j in Array(complex.boundaryIndices[complex.boundaryOffsets[j]..<complex.boundaryOffsets[j + 1]]) }
        order = (0..<Int32(n)).map { $0 }
        position = order
        r = boundary.map { $0.sorted() }
        v = (0..<Int32(n)).map { [$0] }
        low = [Int32](repeating: -1, count: n)
        pivot = [Int32](repeating: -1, count: n)
        for j in 0..<n { settle(Int32(j)) }
    }

    /// The number of cells.
    public var count: Int { order.count }

    /// The cell at `position`.
    ///
    /// ```swift
    /// vine.cell(at: 0)  // the first cell of the current order
    /// ```
    public func cell(at position: Int) -> Int { Int(order[position]) }

    /// The finite pairs (positive cell, negative cell) by cell index, sorted by death position.
    ///
    /// ```swift
    /// for (birth, death) in vine.pairs { print(birth, death) }
    /// ```
    public var pairs: [(birth: Int, death: Int)] {
        order.compactMap { c in low[Int(c)] >= 0 ? (Int(low[Int(c)]), Int(c)) : nil }
    }

    /// Cells that stay unpaired (essential classes), in order.
    public var essentialCells: [Int] {
        order.compactMap { c in low[Int(c)] < 0 && pivot[Int(c)] < 0 ? Int(c) : nil }
    }

    /// Z/2 sum of sorted columns.
    static func xor(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, k = 0
        while i < a.count || k < b.count {
            if k == b.count || (i < a.count && a[i] < b[k]) { out.append(a[i]); i += 1 }
            else if i == a.count || b[k] < a[i] { out.append(b[k]); k += 1 }
            else { i += 1; k += 1 }
        }
        return out
    }

    func lowest(_ column: [Int32]) -> Int32 {
        var best: Int32 = -1, bestPosition: Int32 = -1
        for c in column where position[Int(c)] > bestPosition { best = c; bestPosition = position[Int(c)] }
        return best
    }

    /// Reduces column `c` against the other pivots: whenever two columns
    /// share a low, the earlier one is added to the later one (R = D V and
    /// V upper triangular are kept), until every low is unique.
    mutating func settle(_ start: Int32) {
        var work: [Int32] = [start]
        while let c = work.popLast() {
            let l = lowest(r[Int(c)])
            low[Int(c)] = l
            guard l >= 0 else { continue }
            let owner = pivot[Int(l)]
            if owner < 0 || owner == c { pivot[Int(l)] = c; continue }
            let (a, b) = position[Int(owner)] < position[Int(c)] ? (owner, c) : (c, owner)
            r[Int(b)] = Self.xor(r[Int(b)], r[Int(a)])
            v[Int(b)] = Self.xor(v[Int(b)], v[Int(a)])
            pivot[Int(l)] = a
            low[Int(a)] = l
            work.append(b)
        }
    }

    /// Swaps the cells at positions `i` and `i + 1` and updates the
    /// reduction. Returns whether the two cells exchanged their partners
    /// (a "switch" in the vineyard's words).
    ///
    /// ```swift
    /// try vine.transpose(0)
    /// ```
    /// - Throws: `PersistenceError.invalidParameter` if `i + 1` is out of
    ///   range or the first cell is a face of the second (the swap would not
    ///   be a filtration).
    @discardableResult
    public mutating func transpose(_ i: Int) throws -> Bool {
        guard i >= 0, i + 1 < order.count else {
            throw PersistenceError.invalidParameter(name: "position", reason: "\(i) and \(i + 1) must be cells")
        }
        let s = order[i], t = order[i + 1]
        if boundary[Int(t)].contains(s) {
            throw PersistenceError.invalidParameter(name: "position", reason: "cell \(s) is a face of cell \(t)")
        }
        let partnerBefore = (low[Int(s)] >= 0 ? low[Int(s)] : pivot[Int(s)], low[Int(t)] >= 0 ? low[Int(t)] : pivot[Int(t)])
        // V_t holding s would stop V being upper triangular after the swap: clear it.
        if v[Int(t)].contains(s) {
            r[Int(t)] = Self.xor(r[Int(t)], r[Int(s)])
            v[Int(t)] = Self.xor(v[Int(t)], v[Int(s)])
        }
        order.swapAt(i, i + 1)
        position[Int(s)] = Int32(i + 1)
        position[Int(t)] = Int32(i)
        // Lows can change only in columns holding s or t as their low, and in s and t.
        var affected: [Int32] = [s, t]
        for row in [s, t] where pivot[Int(row)] >= 0 { affected.append(pivot[Int(row)]) }
        for c in affected {
            let l = low[Int(c)]
            if l >= 0, pivot[Int(l)] == c { pivot[Int(l)] = -1 }
            low[Int(c)] = -1
        }
        for c in affected { settle(c) }
        let partnerAfter = (low[Int(s)] >= 0 ? low[Int(s)] : pivot[Int(s)], low[Int(t)] >= 0 ? low[Int(t)] : pivot[Int(t)])
        return partnerBefore != partnerAfter
    }
}
