import Complexes
import Persistence

/// One-parameter persistence of a sub-filtration of a squeezed complex: the
/// cells present on one slice (or path) of the grid, each at an integer
/// position. Reused across slices by one thread (its buffers stay allocated).
///
/// Cost model: per slice, O(m log m) to order the m present cells (one
/// integer sort of packed keys), O(boundary entries) to renumber the
/// boundaries, then the boundary-matrix reduction (twist/clearing, union-find
/// for edges), which dominates.
struct SliceReducer {
    let source: SqueezedComplex
    /// Cells of dimension <= maxDegree + 1, in complex order.
    let cells: [Int32]
    let maxDegree: Int
    let modulus: Int
    private var position: [Int32]
    private var keys: [UInt64] = []
    private let scratch = ReductionScratch()

    /// - Parameter cells: false when only `bars(_:present:)` will be used
    ///   (it needs neither the cell list nor the position buffer).
    init(_ source: SqueezedComplex, maxDegree: Int, modulus: Int, cells: Bool = true) {
        self.source = source
        self.maxDegree = maxDegree
        self.modulus = modulus
        self.cells = cells ? source.cells(dimensions: 0...(maxDegree + 1)) : []
        position = [Int32](repeating: -1, count: cells ? source.count : 0)
    }

    /// A bar in positions; `death == Int32.max` for an essential class.
    struct Bar { var degree: Int; var birth: Int32; var death: Int32 }

    /// The bars (positive length only) of the filtration where cell c enters at
    /// `value(c)` (`Int32.max`: absent). Values must not decrease from a face to its cofaces.
    mutating func bars(_ value: (Int) -> Int32) throws -> [Bar] {
        let complex = source.complex
        keys.removeAll(keepingCapacity: true)
        for c32 in cells {
            let c = Int(c32)
            let t = value(c)
            if t == Int32.max { continue }
            keys.append(UInt64(UInt32(t)) << 38 | UInt64(UInt8(complex.dimensions[c])) << 32 | UInt64(UInt32(c32)))
        }
        keys.sort()
        let m = keys.count
        guard m > 0 else { return [] }
        var dims = [Int8](repeating: 0, count: m)
        var grades = [Int32](repeating: 0, count: m)
        var offsets = [Int](repeating: 0, count: m + 1)
        var indices: [Int32] = [], coefficients: [Int8] = []
        indices.reserveCapacity(m * 3); coefficients.reserveCapacity(m * 3)
        var entries: [(Int32, Int8)] = []
        for (r, key) in keys.enumerated() {
            let c = Int(key & 0xFFFF_FFFF)
            position[c] = Int32(r)
        }
        complex.boundaryIndices.withUnsafeBufferPointer { bIdx in
        complex.boundaryCoefficients.withUnsafeBufferPointer { bCoef in
        complex.boundaryOffsets.withUnsafeBufferPointer { bOff in
            for (r, key) in keys.enumerated() {
                let c = Int(key & 0xFFFF_FFFF)
                dims[r] = complex.dimensions[c]
                grades[r] = Int32(truncatingIfNeeded: key >> 38)
                entries.removeAll(keepingCapacity: true)
                for e in bOff[c]..<bOff[c + 1] { entries.append((position[Int(bIdx[e])], bCoef[e])) }
                if entries.count > 1 { entries.sort { $0.0 < $1.0 } }
                for (i, k) in entries { indices.append(i); coefficients.append(k) }
                offsets[r + 1] = indices.count
            }
        }}}
        for key in keys { position[Int(key & 0xFFFF_FFFF)] = -1 }
        return dims.withUnsafeBufferPointer { d in grades.withUnsafeBufferPointer { g in offsets.withUnsafeBufferPointer { o in
            indices.withUnsafeBufferPointer { i in coefficients.withUnsafeBufferPointer { c in
                reduceCohomology(dims: d, grades: g, offsets: o, indices: i, coefficients: c)
            }}
        }}}
    }

    /// The bars of a sub-filtration of a one-critical complex that is a
    /// filter of one sweep order, then (optionally) of another: the cells
    /// `first` keeps, at their grade index on its axis, then those `second`
    /// keeps, at `secondShift` plus their index on its axis. No sorting: the
    /// order of each part is the restriction of its sweep order. A slice of
    /// the Hilbert function is one part; a hook path of the rank invariant
    /// (along a row, then up a column) is two.
    ///
    /// The parts must be disjoint, and every face of a kept cell kept before it.
    mutating func bars(_ first: SweepOrder, in firstRange: Range<Int>? = nil, keep: (Int) -> Bool,
                       then second: SweepOrder? = nil, in secondRange: Range<Int>? = nil, secondShift: Int32 = 0,
                       keepSecond: (Int) -> Bool = { _ in false }) -> [Bar] {
        let total = first.cells.count + (second?.cells.count ?? 0)
        let faceTotal = first.faces.count + (second?.faces.count ?? 0)
        if position.count < source.count { position = [Int32](repeating: -1, count: source.count) }
        let slice = scratch.slice
        slice.reserve(cells: total, faces: faceTotal)
        var m = 0, entries = 0
        func take(_ order: SweepOrder, _ range: Range<Int>?, _ shift: Int32, _ keep: (Int) -> Bool) {
            order.cells.withUnsafeBufferPointer { cells in
            order.dimensions.withUnsafeBufferPointer { dimensions in
            order.values.withUnsafeBufferPointer { values in
            order.offsets.withUnsafeBufferPointer { off in
            order.faces.withUnsafeBufferPointer { faces in
            order.coefficients.withUnsafeBufferPointer { coef in
            position.withUnsafeMutableBufferPointer { pos in
            slice.dims.withUnsafeMutableBufferPointer { dims in
            slice.grades.withUnsafeMutableBufferPointer { grades in
            slice.offsets.withUnsafeMutableBufferPointer { offsets in
            slice.indices.withUnsafeMutableBufferPointer { indices in
            slice.coefficients.withUnsafeMutableBufferPointer { coefficients in
                offsets[0] = 0
                for r in range ?? 0..<cells.count {
                    let c = Int(cells[r])
                    guard keep(c) else { continue }
                    pos[c] = Int32(m)
                    dims[m] = dimensions[r]; grades[m] = shift + values[r]
                    for e in off[r]..<off[r + 1] {
                        indices[entries] = pos[Int(faces[e])]; coefficients[entries] = coef[e]; entries += 1
                    }
                    m += 1
                    offsets[m] = entries
                }
            }}}}}}}}}}}}
        }
        take(first, firstRange, 0, keep)
        if let second { take(second, secondRange, secondShift, keepSecond) }
        // Positions are overwritten before they are read on the next call (faces come first), no reset needed.
        return slice.dims.withUnsafeBufferPointer { d in slice.grades.withUnsafeBufferPointer { g in
            slice.offsets.withUnsafeBufferPointer { o in slice.indices.withUnsafeBufferPointer { i in
            slice.coefficients.withUnsafeBufferPointer { c in
                reduceCohomology(dims: UnsafeBufferPointer(rebasing: d[0..<m]), grades: UnsafeBufferPointer(rebasing: g[0..<m]),
                                 offsets: UnsafeBufferPointer(rebasing: o[0...m]),
                                 indices: UnsafeBufferPointer(rebasing: i[0..<entries]),
                                 coefficients: UnsafeBufferPointer(rebasing: c[0..<entries]))
            }}}
        }}
    }

    /// The bars of the slice, by persistent cohomology with clearing (the
    /// pairs are those of homology: de Silva, Morozov and Vejdemo-Johansson),
    /// as Ripser: union-find for degree 0, then in each degree d >= 1 the
    /// coboundary columns of the d-cells that did not die in degree d - 1,
    /// from the last cell to the first, the pivot being the earliest coface.
    /// On flag complexes most d-cells pair with their earliest coface at once,
    /// where reducing the (d+1)-cells' boundaries (homology) would reduce
    /// every positive (d+1)-cell to zero.
    ///
    /// Cells are in filtration order (positions), boundaries in positions.
    func reduceCohomology(dims: UnsafeBufferPointer<Int8>, grades: UnsafeBufferPointer<Int32>,
                          offsets: UnsafeBufferPointer<Int>, indices: UnsafeBufferPointer<Int32>,
                          coefficients: UnsafeBufferPointer<Int8>) -> [Bar] {
        let m = dims.count
        var out: [Bar] = []
        scratch.prepare(m, modulus: modulus)
        // Degree 0: union-find with the elder rule.
        scratch.parent.withUnsafeMutableBufferPointer { parent in
        scratch.diedBefore.withUnsafeMutableBufferPointer { diedBefore in
            func find(_ x: Int32) -> Int32 {
                var r = x
                while parent[Int(r)] >= 0 { r = parent[Int(r)] }
                var y = x
                while parent[Int(y)] >= 0 { let next = parent[Int(y)]; parent[Int(y)] = r; y = next }
                return r
            }
            for j in 0..<m where dims[j] == 1 && offsets[j + 1] - offsets[j] == 2 {
                let a = find(indices[offsets[j]]), b = find(indices[offsets[j] + 1])
                if a == b { continue }
                let (older, younger) = a < b ? (a, b) : (b, a)
                parent[Int(younger)] = older
                diedBefore[j] = true
                let birth = grades[Int(younger)], death = grades[j]
                if death > birth { out.append(Bar(degree: 0, birth: birth, death: death)) }
            }
            for v in 0..<m where dims[v] == 0 && parent[v] < 0 {
                out.append(Bar(degree: 0, birth: grades[v], death: Int32.max))
            }
        }}
        guard maxDegree >= 1 else { return out }
        let p = UInt64(modulus)
        for d in 1...maxDegree {
            // Cofaces of the d-cells: CSR over positions, from the (d+1)-cells' boundaries.
            scratch.count.withUnsafeMutableBufferPointer { count in
                for i in 0...m { count[i] = 0 }
                for c in 0..<m where Int(dims[c]) == d + 1 {
                    for e in offsets[c]..<offsets[c + 1] { count[Int(indices[e]) + 1] += 1 }
                }
                for i in 0..<m { count[i + 1] += count[i] }
            }
            let entries = scratch.count[m]
            if scratch.coface.count < entries { scratch.coface = [UInt64](repeating: 0, count: entries) }
            for i in 0...m { scratch.fill[i] = scratch.count[i] }
            scratch.fill.withUnsafeMutableBufferPointer { fill in
            scratch.coface.withUnsafeMutableBufferPointer { coface in
                for c in 0..<m where Int(dims[c]) == d + 1 {
                    for e in offsets[c]..<offsets[c + 1] {
                        let f = Int(indices[e])
                        // Coboundary coefficient of f in c equals the boundary one; rows reversed.
                        let k: UInt64 = coefficients[e] > 0 ? 1 : p - 1
                        coface[fill[f]] = UInt64(m - 1 - c) << 16 | k
                        fill[f] += 1
                    }
                }
            }}
            for i in 0..<m { scratch.diedNow[i] = false }
            for j in stride(from: m - 1, through: 0, by: -1) where Int(dims[j]) == d && !scratch.diedBefore[j] {
                scratch.work.removeAll(keepingCapacity: true)
                // Cofaces were appended by increasing c, so reversed rows descend: reverse to ascend.
                var e = scratch.fill[j] - 1
                let first = scratch.count[j]
                while e >= first { scratch.work.append(scratch.coface[e]); e -= 1 }
                while let last = scratch.work.last {
                    let k = Int(scratch.pivotOwner[Int(last >> 16)])
                    if k < 0 { break }
                    let sk = scratch.start[k], lk = Int(scratch.length[k])
                    let factor = (p - (last & 0xFFFF)) * scratch.inverse[Int(scratch.arena[sk + lk - 1] & 0xFFFF)] % p
                    scratch.addRow(sk, lk, factor, p)
                }
                if let last = scratch.work.last {
                    let row = Int(last >> 16), c = m - 1 - row
                    scratch.pivotOwner[row] = Int32(j)
                    scratch.start[j] = scratch.arena.count; scratch.length[j] = Int32(scratch.work.count)
                    scratch.arena.append(contentsOf: scratch.work)
                    scratch.diedNow[c] = true
                    let birth = grades[j], death = grades[c]
                    if death > birth { out.append(Bar(degree: d, birth: birth, death: death)) }
                } else {
                    out.append(Bar(degree: d, birth: grades[j], death: Int32.max))
                }
            }
            swap(&scratch.diedBefore, &scratch.diedNow)
        }
        return out
    }
}

/// A slice's cells in filtration order (dimensions, grade positions, boundaries), written in place.
final class SliceBuffers {
    var dims: [Int8] = [], grades: [Int32] = [], offsets: [Int] = [], indices: [Int32] = [], coefficients: [Int8] = []

    func reserve(cells: Int, faces: Int) {
        if dims.count < cells {
            dims = [Int8](repeating: 0, count: cells); grades = [Int32](repeating: 0, count: cells)
            offsets = [Int](repeating: 0, count: cells + 1)
        }
        if indices.count < faces { indices = [Int32](repeating: 0, count: faces); coefficients = [Int8](repeating: 0, count: faces) }
    }
}

/// The buffers of one thread's reductions, kept from slice to slice.
final class ReductionScratch {
    var parent: [Int32] = [], diedBefore: [Bool] = [], diedNow: [Bool] = []
    var pivotOwner: [Int32] = [], start: [Int] = [], length: [Int32] = []
    var count: [Int] = [], fill: [Int] = [], coface: [UInt64] = []
    var arena: [UInt64] = [], work: [UInt64] = [], merged: [UInt64] = []
    var inverse: [UInt64] = []
    var modulus = 0
    let slice = SliceBuffers()

    /// Sizes the buffers for m cells and resets what a reduction reads before writing.
    func prepare(_ m: Int, modulus p: Int) {
        if count.count < m + 1 {
            let size = Swift.max(m, parent.count * 2)
            parent = [Int32](repeating: -1, count: size); diedBefore = [Bool](repeating: false, count: size)
            diedNow = diedBefore; pivotOwner = parent
            start = [Int](repeating: 0, count: size); length = [Int32](repeating: 0, count: size)
            count = [Int](repeating: 0, count: size + 1); fill = count
        }
        for i in 0..<m { parent[i] = -1; diedBefore[i] = false; pivotOwner[i] = -1 }
        arena.removeAll(keepingCapacity: true)
        if modulus != p {
            modulus = p
            inverse = multiplicativeInverses(p).map { UInt64($0) }
        }
    }

    /// work += factor * (the stored column at sk ..< sk + lk).
    func addRow(_ sk: Int, _ lk: Int, _ factor: UInt64, _ p: UInt64) {
        arena.withUnsafeBufferPointer { a in
            BoundaryMatrix.addMultiple(&work, UnsafeBufferPointer(rebasing: a[sk..<sk + lk]), factor, p, &merged)
        }
    }
}

/// The cells of dimension <= top of a one-critical squeezed complex in the
/// order of (grade index on the sweep axis, dimension, cell), with their
/// boundaries (cell numbers): built once, shared by the threads, so that a
/// slice is a filter of it.
struct SweepOrder: Sendable {
    let cells: [Int32]
    let dimensions: [Int8]
    let values: [Int32]
    let offsets: [Int]
    let faces: [Int32]
    let coefficients: [Int8]

    init(_ source: SqueezedComplex, sweep: Int, top: Int) {
        let complex = source.complex, n = source.parameterCount, gi = source.gradeIndices
        let keys = source.cells(dimensions: 0...top).map { c in
            UInt64(UInt32(gi[Int(c) * n + sweep])) << 38 | UInt64(UInt8(complex.dimensions[Int(c)])) << 32 | UInt64(UInt32(c))
        }.sorted()
        var cells: [Int32] = [], dims: [Int8] = [], values: [Int32] = []
        var offsets = [0], faces: [Int32] = [], coefficients: [Int8] = []
        cells.reserveCapacity(keys.count)
        for key in keys {
            let c = Int(key & 0xFFFF_FFFF)
            cells.append(Int32(c)); dims.append(complex.dimensions[c]); values.append(Int32(truncatingIfNeeded: key >> 38))
            for e in complex.boundaryOffsets[c]..<complex.boundaryOffsets[c + 1] {
                faces.append(complex.boundaryIndices[e]); coefficients.append(complex.boundaryCoefficients[e])
            }
            offsets.append(faces.count)
        }
        self.cells = cells; dimensions = dims; self.values = values
        self.offsets = offsets; self.faces = faces; self.coefficients = coefficients
    }

    /// The ranks of the cells whose sweep value v has lower <= v <= upper.
    func ranks(from lower: Int32, through upper: Int32) -> Range<Int> {
        func firstAbove(_ x: Int32) -> Int {   // the first rank with value > x
            var lo = 0, hi = values.count
            while lo < hi { let mid = (lo + hi) >> 1; if values[mid] <= x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        let a = lower == Int32.min ? 0 : firstAbove(lower - 1), b = firstAbove(upper)
        return a..<Swift.max(a, b)
    }
}
