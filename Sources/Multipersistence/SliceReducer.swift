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

    init(_ source: SqueezedComplex, maxDegree: Int, modulus: Int) {
        self.source = source
        self.maxDegree = maxDegree
        self.modulus = modulus
        cells = source.cells(dimensions: 0...(maxDegree + 1))
        position = [Int32](repeating: -1, count: source.count)
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
        var grades = [Double](repeating: 0, count: m)
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
                grades[r] = Double(key >> 38)
                entries.removeAll(keepingCapacity: true)
                for e in bOff[c]..<bOff[c + 1] { entries.append((position[Int(bIdx[e])], bCoef[e])) }
                if entries.count > 1 { entries.sort { $0.0 < $1.0 } }
                for (i, k) in entries { indices.append(i); coefficients.append(k) }
                offsets[r + 1] = indices.count
            }
        }}}
        for key in keys { position[Int(key & 0xFFFF_FFFF)] = -1 }
        let slice = FilteredComplex(unchecked: dims, grades: grades, boundaryOffsets: offsets,
                                    boundaryIndices: indices, boundaryCoefficients: coefficients)
        let reduced = try BoundaryMatrix.reduce(slice, modulus: modulus, maxDimension: maxDegree)
        var out: [Bar] = []
        var paired = [Bool](repeating: false, count: m)
        for j in 0..<m {
            let i = Int(reduced.pivotRow[j])
            guard i >= 0 else { continue }
            paired[i] = true; paired[j] = true
            let d = Int(dims[i])
            let b = Int32(grades[i]), e = Int32(grades[j])
            if d <= maxDegree && e > b { out.append(Bar(degree: d, birth: b, death: e)) }
        }
        for i in 0..<m where !paired[i] && Int(dims[i]) <= maxDegree {
            out.append(Bar(degree: Int(dims[i]), birth: Int32(grades[i]), death: Int32.max))
        }
        return out
    }
}
