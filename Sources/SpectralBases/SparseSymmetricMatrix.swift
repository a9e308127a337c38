/// A sparse symmetric n x n matrix in compressed rows, both triangles
/// stored, columns ascending in each row.
///
/// ```swift
/// let a = try SparseSymmetricMatrix(order: 2, triplets: [(0, 0, 2), (0, 1, -1), (1, 0, -1), (1, 1, 2)])
/// a[0, 1]                      // -1
/// a.multiply([1, 1])           // [1, 1]
/// ```
public struct SparseSymmetricMatrix: Sendable, Equatable {
    /// The order n.
    public let order: Int
    /// Row i's entries are at `rowStart[i] ..< rowStart[i + 1]`.
    public let rowStart: [Int]
    public let columns: [Int32]
    public let values: [Double]

    /// Sums the triplets (i, j, value) into a matrix; the caller gives both
    /// (i, j) and (j, i) for an off-diagonal entry.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for an index outside
    ///   0 ..< order, or when the result is not symmetric.
    public init(order n: Int, triplets: [(Int, Int, Double)]) throws {
        guard n >= 0, n <= Int(Int32.max) else {
            throw SpectralBasesError.invalidParameter(name: "order", reason: "must be in 0...\(Int32.max), got \(n)")
        }
        var count = [Int](repeating: 0, count: n + 1)
        for (i, j, _) in triplets {
            guard i >= 0, i < n, j >= 0, j < n else {
                throw SpectralBasesError.invalidParameter(name: "triplet", reason: "index (\(i), \(j)) outside a \(n) x \(n) matrix")
            }
            count[i + 1] += 1
        }
        for i in 0..<n { count[i + 1] += count[i] }
        var fill = count
        var cols = [Int32](repeating: 0, count: triplets.count)
        var vals = [Double](repeating: 0, count: triplets.count)
        for (i, j, v) in triplets { cols[fill[i]] = Int32(j); vals[fill[i]] = v; fill[i] += 1 }
        var start = [0], outC: [Int32] = [], outV: [Double] = []
        outC.reserveCapacity(triplets.count); outV.reserveCapacity(triplets.count)
        for i in 0..<n {
            let row = (count[i]..<count[i + 1]).sorted { cols[$0] < cols[$1] || (cols[$0] == cols[$1] && $0 < $1) }   // stable: sums in insertion order
            var last: Int32 = -1
            for t in row {
                if cols[t] == last { outV[outV.count - 1] += vals[t] } else { outC.append(cols[t]); outV.append(vals[t]); last = cols[t] }
            }
            start.append(outC.count)
        }
        order = n; rowStart = start; columns = outC; values = outV
        // Symmetry (exact: both triplets carry the same value in every builder here).
        for i in 0..<n {
            for t in start[i]..<start[i + 1] where self[Int(outC[t]), i] != outV[t] {
                throw SpectralBasesError.invalidParameter(name: "matrix", reason: "not symmetric at (\(i), \(outC[t]))")
            }
        }
    }

    /// The entry (i, j), 0 when not stored.
    public subscript(i: Int, j: Int) -> Double {
        var lo = rowStart[i], hi = rowStart[i + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(columns[mid]) < j { lo = mid + 1 } else { hi = mid }
        }
        return lo < rowStart[i + 1] && Int(columns[lo]) == j ? values[lo] : 0
    }

    /// The diagonal.
    public var diagonal: [Double] { (0..<order).map { self[$0, $0] } }

    /// A x for a vector of length `order`.
    public func multiply(_ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: order)
        multiply(x, into: &y)
        return y
    }

    /// y = A x, in place (y sized by the caller to `order`).
    public func multiply(_ x: [Double], into y: inout [Double]) {
        // Cost: one pass over the nonzeros.
        rowStart.withUnsafeBufferPointer { rs in columns.withUnsafeBufferPointer { c in values.withUnsafeBufferPointer { v in
            x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in
                for i in 0..<order {
                    var s = 0.0
                    for t in rs[i]..<rs[i + 1] { s += v[t] * xp[Int(c[t])] }
                    yp[i] = s
                }
            }}
        }}}
    }

    /// The dense row-major copy (for small n and tests).
    public var dense: [Double] {
        var d = [Double](repeating: 0, count: order * order)
        for i in 0..<order { for t in rowStart[i]..<rowStart[i + 1] { d[i * order + Int(columns[t])] = values[t] } }
        return d
    }
}
