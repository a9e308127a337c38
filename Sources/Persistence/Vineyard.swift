import Complexes

/// A reduced boundary matrix R = D V over Z/2 that follows transpositions
/// of adjacent cells in the filtration order: the vineyard update of
/// Cohen-Steiner, Edelsbrunner and Morozov ("Vines and vineyards by
/// updating persistence in linear time", SoCG 2006), the primitive that
/// multiparameter persistence (MMA, fibered barcodes) walks line to line.
///
/// Besides the pairs it keeps *bars* with an identity: bar `j` is the `j`-th
/// positive cell of the first order, and a transposition moves a bar's ends
/// with their cells unless the pairing switches, when the bars keep their
/// places in the order (the vines stay continuous). Two essential classes
/// swapped follow their cells. This is the identity GUDHI's RU vine swaps
/// give, so summand `j` of a module approximation is fed by the same bar as
/// in multipers.
///
/// ```swift
/// var vine = try Vineyard(tree.filteredComplex())
/// let switched = try vine.transpose(3)   // swap the cells at positions 3 and 4
/// vine.pairs                             // (birth cell, death cell), by cell index
/// vine.reorder(toValues: values)         // walk to the order of new values
/// ```
///
/// Storage: columns of R and V packed in two buffers (entries sorted by an
/// internal index, a column grows in place or moves to the end), lows and
/// pivots cached, so a transposition costs at most two column additions.
/// The first reduction clears (Chen–Kerber twist) and sets the V column of a
/// cleared cell to the R column that killed it. Memory: the entries of R and
/// V, at most a few times the boundary's for flag complexes.
public struct Vineyard: Sendable {
    /// Cells are renumbered by their position in the first order ("ids"),
    /// so the first reduction runs on sorted columns whose last entry is the low.
    let cellOfID: [Int32]
    let idOfCell: [Int32]
    let dimensionOfID: [Int8]
    /// The boundary columns, by id (for the face check of `transpose`).
    let boundary: PackedColumns
    var r: PackedColumns
    var v: PackedColumns
    /// The id at each position, and each id's position.
    var order: [Int32]
    var position: [Int32]
    /// low[id]: the id of R's lowest entry, or -1; pivot[row id]: the column with that low, or -1.
    var low: [Int32]
    var pivot: [Int32]
    /// Bars: their birth and death ids (death -1 when essential), and the bar of each id.
    var barBirth: [Int32]
    var barDeath: [Int32]
    var barOfID: [Int32]
    var scratch: [Int32] = []

    /// Reduces the boundary matrix of `complex` in the order `firstOrder`
    /// (cell indices; the complex's own order when `nil`), keeping V.
    ///
    /// ```swift
    /// let vine = try Vineyard(complex)
    /// ```
    /// - Throws: `PersistenceError.invalidParameter` if `firstOrder` is not a
    ///   permutation that puts every face before its cofaces;
    ///   `PersistenceError.tooLarge` past 2^31 cells.
    /// - Complexity: one reduction with clearing.
    public init(_ complex: FilteredComplex, firstOrder: [Int]? = nil) throws {
        let n = complex.count
        guard n < Int(Int32.max) else { throw PersistenceError.tooLarge("\(n) cells") }
        var cellOfID = [Int32](repeating: 0, count: n)
        var idOfCell = [Int32](repeating: -1, count: n)
        if let firstOrder {
            guard firstOrder.count == n else {
                throw PersistenceError.invalidParameter(name: "order", reason: "has \(firstOrder.count) cells, the complex \(n)")
            }
            for (p, c) in firstOrder.enumerated() {
                guard c >= 0, c < n, idOfCell[c] < 0 else {
                    throw PersistenceError.invalidParameter(name: "order", reason: "is not a permutation of the cells")
                }
                cellOfID[p] = Int32(c); idOfCell[c] = Int32(p)
            }
        } else {
            for c in 0..<n { cellOfID[c] = Int32(c); idOfCell[c] = Int32(c) }
        }
        var dims = [Int8](repeating: 0, count: n)
        var boundary = PackedColumns(count: n)
        var column: [Int32] = []
        for id in 0..<n {
            let c = Int(cellOfID[id])
            dims[id] = complex.dimensions[c]
            column.removeAll(keepingCapacity: true)
            for k in complex.boundaryOffsets[c]..<complex.boundaryOffsets[c + 1] {
                let face = idOfCell[Int(complex.boundaryIndices[k])]
                guard face < Int32(id) else {
                    throw PersistenceError.invalidParameter(name: "order", reason: "cell \(complex.boundaryIndices[k]) comes after its coface \(c)")
                }
                column.append(face)
            }
            column.sort()
            // Z/2: a face listed twice cancels.
            var w = 0
            for x in column { if w > 0, column[w - 1] == x { w -= 1 } else { column[w] = x; w += 1 } }
            boundary.set(id, column[0..<w])
        }
        self.boundary = boundary
        self.cellOfID = cellOfID
        self.idOfCell = idOfCell
        dimensionOfID = dims
        order = (0..<Int32(n)).map { $0 }
        position = order
        low = [Int32](repeating: -1, count: n)
        pivot = [Int32](repeating: -1, count: n)
        r = PackedColumns(count: n)
        v = PackedColumns(count: n)
        barBirth = []; barDeath = []
        barOfID = [Int32](repeating: -1, count: n)
        reduceWithClearing(boundary)
        for id in 0..<n where low[id] < 0 {
            barOfID[id] = Int32(barBirth.count)
            barBirth.append(Int32(id)); barDeath.append(pivot[id])
            if pivot[id] >= 0 { barOfID[Int(pivot[id])] = Int32(barBirth.count - 1) }
        }
    }

    /// The first reduction, dimension by dimension from the top, in id order
    /// (= position order): a column's low is its last entry here.
    mutating func reduceWithClearing(_ boundary: PackedColumns) {
        let n = order.count
        guard n > 0 else { return }
        let top = Int(dimensionOfID.max() ?? 0)
        var cleared = [Bool](repeating: false, count: n)
        var work: [Int32] = [], vWork: [Int32] = [], out: [Int32] = []
        for d in stride(from: top, through: 0, by: -1) {
            for id in 0..<n where Int(dimensionOfID[id]) == d {
                if cleared[id] { continue }
                work.removeAll(keepingCapacity: true)
                boundary.append(id, to: &work)
                vWork.removeAll(keepingCapacity: true)
                vWork.append(Int32(id))
                while let l = work.last {
                    let owner = pivot[Int(l)]
                    if owner < 0 { break }
                    r.xor(Int(owner), into: &work, scratch: &out)
                    v.xor(Int(owner), into: &vWork, scratch: &out)
                }
                r.set(id, work[...])
                v.set(id, vWork[...])
                if let l = work.last {
                    low[id] = l
                    pivot[Int(l)] = Int32(id)
                    cleared[Int(l)] = true
                    // D(R_id) = 0: R_id is a V column for its low that leaves R there zero.
                    v.set(Int(l), work[...])
                }
            }
        }
    }

    /// The number of cells.
    public var count: Int { order.count }

    /// The cell at `position`.
    ///
    /// ```swift
    /// vine.cell(at: 0)  // the first cell of the current order
    /// ```
    public func cell(at position: Int) -> Int { Int(cellOfID[Int(order[position])]) }

    /// The current order, as cell indices.
    ///
    /// ```swift
    /// let cells = vine.cellOrder
    /// ```
    public var cellOrder: [Int] { order.map { Int(cellOfID[Int($0)]) } }

    /// The finite pairs (positive cell, negative cell) by cell index, sorted by death position.
    ///
    /// ```swift
    /// for (birth, death) in vine.pairs { print(birth, death) }
    /// ```
    public var pairs: [(birth: Int, death: Int)] {
        order.compactMap { id in
            low[Int(id)] >= 0 ? (Int(cellOfID[Int(low[Int(id)])]), Int(cellOfID[Int(id)])) : nil
        }
    }

    /// Cells that stay unpaired (essential classes), in order.
    public var essentialCells: [Int] {
        order.compactMap { id in low[Int(id)] < 0 && pivot[Int(id)] < 0 ? Int(cellOfID[Int(id)]) : nil }
    }

    /// The number of bars (positive cells), fixed for the vineyard's life.
    public var barCount: Int { barBirth.count }

    /// Bar `j`'s cells: its birth cell and its death cell (`nil` for an
    /// essential class), in the vineyard's identity (see the type's notes).
    ///
    /// ```swift
    /// let (b, d) = vine.bar(0)
    /// ```
    public func bar(_ j: Int) -> (birth: Int, death: Int?) {
        let d = barDeath[j]
        return (Int(cellOfID[Int(barBirth[j])]), d < 0 ? nil : Int(cellOfID[Int(d)]))
    }

    /// The dimension of bar `j` (its birth cell's).
    public func barDimension(_ j: Int) -> Int { Int(dimensionOfID[Int(barBirth[j])]) }

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
        if dimensionOfID[Int(t)] == dimensionOfID[Int(s)] + 1, boundary.contains(Int(t), s) {
            throw PersistenceError.invalidParameter(name: "position", reason: "cell \(cellOfID[Int(s)]) is a face of cell \(cellOfID[Int(t)])")
        }
        return swapAdjacent(i)
    }

    /// The transposition itself (positions `i`, `i + 1`; no face check).
    /// Only the branches that change a low or a pivot can switch the
    /// pairing; they compare the partners before and after.
    @discardableResult
    mutating func swapAdjacent(_ i: Int) -> Bool {
        let s = order[i], t = order[i + 1]
        let si = Int(s), ti = Int(t)
        guard dimensionOfID[si] == dimensionOfID[ti] else {
            swapPositions(i, s, t)
            return false
        }
        let sPositive = low[si] < 0, tPositive = low[ti] < 0
        let vHolds = v.contains(ti, s)
        var partners: (Int32, Int32)?
        if sPositive && tPositive {
            if vHolds { v.add(si, to: ti, scratch: &scratch) }
            let k = pivot[si], l = pivot[ti]
            swapPositions(i, s, t)
            if l >= 0, r.contains(Int(l), s) {
                partners = (k, l)
                if k >= 0 {
                    if position[Int(k)] < position[Int(l)] {
                        r.add(Int(k), to: Int(l), scratch: &scratch)
                        v.add(Int(k), to: Int(l), scratch: &scratch)
                    } else {
                        r.add(Int(l), to: Int(k), scratch: &scratch)
                        v.add(Int(l), to: Int(k), scratch: &scratch)
                        low[Int(k)] = t; pivot[ti] = k
                        low[Int(l)] = s; pivot[si] = l
                    }
                } else {
                    low[Int(l)] = s; pivot[si] = l; pivot[ti] = -1
                }
            }
        } else if !sPositive && !tPositive {
            if vHolds {
                let lowS = low[si], lowT = low[ti]
                partners = (lowS, lowT)
                r.add(si, to: ti, scratch: &scratch)
                v.add(si, to: ti, scratch: &scratch)
                swapPositions(i, s, t)
                if position[Int(lowS)] > position[Int(lowT)] {
                    r.add(ti, to: si, scratch: &scratch)
                    v.add(ti, to: si, scratch: &scratch)
                    low[ti] = lowS; pivot[Int(lowS)] = t
                    low[si] = lowT; pivot[Int(lowT)] = s
                }
            } else {
                swapPositions(i, s, t)
            }
        } else if !sPositive && tPositive {
            if vHolds {
                partners = (low[si], pivot[ti])
                // R_t becomes R_s, R_s becomes 0; V_s the old V_t, V_t the sum.
                r.swapColumns(si, ti)
                v.swapColumns(si, ti)
                v.add(si, to: ti, scratch: &scratch)
                let a = low[si]
                low[ti] = a; pivot[Int(a)] = t; low[si] = -1
                let l = pivot[ti]
                swapPositions(i, s, t)
                if l >= 0 { pivot[ti] = -1; pivot[si] = l; low[Int(l)] = s }
            } else {
                swapPositions(i, s, t)
            }
        } else {
            if vHolds { v.add(si, to: ti, scratch: &scratch) }
            swapPositions(i, s, t)
        }
        guard let (partnerS, partnerT) = partners else { return false }
        let newPartnerS = low[si] >= 0 ? low[si] : pivot[si], newPartnerT = low[ti] >= 0 ? low[ti] : pivot[ti]
        let switched = newPartnerS != partnerS || newPartnerT != partnerT
        if switched {
            // The bars keep their places: the two cells trade bars.
            let a = barOfID[si], b = barOfID[ti]
            if a >= 0 { if barBirth[Int(a)] == s { barBirth[Int(a)] = t } else { barDeath[Int(a)] = t } }
            if b >= 0 { if barBirth[Int(b)] == t { barBirth[Int(b)] = s } else { barDeath[Int(b)] = s } }
            barOfID[si] = b; barOfID[ti] = a
        }
        return switched
    }

    @inline(__always)
    mutating func swapPositions(_ i: Int, _ s: Int32, _ t: Int32) {
        order[i] = t
        order[i + 1] = s
        position[Int(s)] = Int32(i + 1)
        position[Int(t)] = Int32(i)
    }

    /// Walks to the order of `values` (one per cell, by cell index) by
    /// adjacent transpositions: an insertion sort that moves a cell down
    /// while it has the same dimension as its left neighbour and a strictly
    /// smaller value (multipers' vineyard update; cells stay grouped by
    /// dimension when the first order was sorted by dimension, then value).
    /// Returns the number of transpositions.
    ///
    /// ```swift
    /// let swaps = vine.reorder(toValues: lineValues)
    /// ```
    /// - Precondition: `values.count == count` (checked; a mismatch does nothing and returns -1).
    @discardableResult
    public mutating func reorder(toValues values: [Double]) -> Int {
        guard values.count == order.count else { return -1 }
        var byID = [Double](repeating: 0, count: values.count)
        for id in 0..<byID.count { byID[id] = values[Int(cellOfID[id])] }
        return reorder(idValues: byID)
    }

    /// `reorder(toValues:)` with the values already indexed by id.
    ///
    /// The hot loop: most transpositions change no column (no V entry links
    /// the two cells, and no low moves), so they are done here on the raw
    /// buffers; the others leave the loop for `swapAdjacent`.
    mutating func reorder(idValues: [Double]) -> Int {
        var swaps = 0
        let n = order.count
        var i = 1, j = 1
        while i < n {
            // Fast phase: plain swaps until the insertion is done or a transposition needs the matrices.
            let slow: Bool = idValues.withUnsafeBufferPointer { value in
            dimensionOfID.withUnsafeBufferPointer { dim in
            low.withUnsafeBufferPointer { low in
            pivot.withUnsafeBufferPointer { pivot in
            order.withUnsafeMutableBufferPointer { order in
            position.withUnsafeMutableBufferPointer { position in
                while i < n {
                    while j > 0 {
                        let s = order[j - 1], t = order[j]
                        let si = Int(s), ti = Int(t)
                        guard dim[si] == dim[ti], value[ti] < value[si] else { break }
                        if v.contains(ti, s) { return true }
                        if low[si] < 0 && low[ti] < 0 {
                            let l = pivot[ti]
                            if l >= 0 && r.contains(Int(l), s) { return true }
                        }
                        order[j - 1] = t; order[j] = s
                        position[si] = Int32(j); position[ti] = Int32(j - 1)
                        swaps += 1
                        j -= 1
                    }
                    i += 1
                    j = i
                }
                return false
            }}}}}}
            guard slow else { break }
            swapAdjacent(j - 1)
            swaps += 1
            j -= 1
        }
        return swaps
    }

    /// Walks to `target` (cell indices, a filtration order) by adjacent
    /// transpositions (an insertion sort on the target ranks).
    ///
    /// ```swift
    /// try vine.reorder(to: newOrder)
    /// ```
    /// - Throws: `PersistenceError.invalidParameter` if `target` is not a
    ///   permutation of the cells or puts a cell before one of its faces.
    @discardableResult
    public mutating func reorder(to target: [Int]) throws -> Int {
        let n = order.count
        guard target.count == n else {
            throw PersistenceError.invalidParameter(name: "order", reason: "has \(target.count) cells, the vineyard \(n)")
        }
        var rank = [Int](repeating: -1, count: n)
        for (p, c) in target.enumerated() {
            guard c >= 0, c < n, rank[Int(idOfCell[c])] < 0 else {
                throw PersistenceError.invalidParameter(name: "order", reason: "is not a permutation of the cells")
            }
            rank[Int(idOfCell[c])] = p
        }
        var swaps = 0
        for i in 1..<max(n, 1) {
            var j = i
            while j > 0, rank[Int(order[j])] < rank[Int(order[j - 1])] {
                try transpose(j - 1)
                swaps += 1
                j -= 1
            }
        }
        return swaps
    }
}

/// Columns of sorted `Int32` entries in one buffer: a column that outgrows
/// its slot moves to the end with room to grow; the buffer is compacted when
/// half of it is garbage.
struct PackedColumns: Sendable {
    var entries: [Int32] = []
    var start: [Int]
    var length: [Int32]
    var capacity: [Int32]
    var garbage = 0

    init(count: Int) {
        start = [Int](repeating: 0, count: count)
        length = [Int32](repeating: 0, count: count)
        capacity = [Int32](repeating: 0, count: count)
    }

    /// Replaces column `c` by `values` (sorted).
    mutating func set(_ c: Int, _ values: ArraySlice<Int32>) {
        let k = values.count
        if k <= Int(capacity[c]) {
            let s = start[c]
            entries.withUnsafeMutableBufferPointer { e in
                var w = s
                for x in values { e[w] = x; w += 1 }
            }
            length[c] = Int32(k)
            return
        }
        garbage += Int(capacity[c])
        if garbage > entries.count / 2 && garbage > 1 << 16 { compact() }
        let room = k + k / 2
        start[c] = entries.count
        entries.append(contentsOf: values)
        entries.append(contentsOf: repeatElement(0, count: room - k))
        length[c] = Int32(k)
        capacity[c] = Int32(room)
    }

    mutating func compact() {
        var fresh: [Int32] = []
        fresh.reserveCapacity(entries.count - garbage)
        for c in 0..<start.count {
            let s = start[c], k = Int(length[c])
            let newStart = fresh.count
            fresh.append(contentsOf: entries[s..<s + k])
            start[c] = newStart
            capacity[c] = Int32(k)
        }
        entries = fresh
        garbage = 0
    }

    /// Appends column `c` to `out`.
    func append(_ c: Int, to out: inout [Int32]) {
        let s = start[c]
        out.append(contentsOf: entries[s..<s + Int(length[c])])
    }

    /// Whether column `c` holds `x` (binary search).
    func contains(_ c: Int, _ x: Int32) -> Bool {
        var lo = start[c], hi = start[c] + Int(length[c])
        return entries.withUnsafeBufferPointer { e in
            // Outside the column's range (the usual answer in a vineyard): no search.
            guard lo < hi, e[lo] <= x, x <= e[hi - 1] else { return false }
            while lo < hi {
                let mid = (lo + hi) >> 1
                if e[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo < start[c] + Int(length[c]) && e[lo] == x
        }
    }

    /// work = work + column `c` (Z/2), through `scratch`.
    func xor(_ c: Int, into work: inout [Int32], scratch: inout [Int32]) {
        scratch.removeAll(keepingCapacity: true)
        let s = start[c], k = Int(length[c])
        entries.withUnsafeBufferPointer { e in
            work.withUnsafeBufferPointer { w in
                var i = 0, j = s
                let jEnd = s + k
                while i < w.count && j < jEnd {
                    let a = w[i], b = e[j]
                    if a < b { scratch.append(a); i += 1 }
                    else if b < a { scratch.append(b); j += 1 }
                    else { i += 1; j += 1 }
                }
                while i < w.count { scratch.append(w[i]); i += 1 }
                while j < jEnd { scratch.append(e[j]); j += 1 }
            }
        }
        swap(&work, &scratch)
    }

    /// Column `target` += column `source` (Z/2).
    mutating func add(_ source: Int, to target: Int, scratch: inout [Int32]) {
        scratch.removeAll(keepingCapacity: true)
        let a0 = start[target], aEnd = a0 + Int(length[target])
        let b0 = start[source], bEnd = b0 + Int(length[source])
        entries.withUnsafeBufferPointer { e in
            var i = a0, j = b0
            while i < aEnd && j < bEnd {
                let a = e[i], b = e[j]
                if a < b { scratch.append(a); i += 1 }
                else if b < a { scratch.append(b); j += 1 }
                else { i += 1; j += 1 }
            }
            while i < aEnd { scratch.append(e[i]); i += 1 }
            while j < bEnd { scratch.append(e[j]); j += 1 }
        }
        set(target, scratch[...])
    }

    mutating func swapColumns(_ a: Int, _ b: Int) {
        start.swapAt(a, b); length.swapAt(a, b); capacity.swapAt(a, b)
    }
}
