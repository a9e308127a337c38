/// An integer-valued function on a grid, dense, in C order (the last index
/// varies fastest): the Hilbert function on a grid, or the rank invariant
/// (shape |G1| x |G2| x |G1| x |G2|, rk(a <= c) at [a1, a2, c1, c2]).
///
/// ```swift
/// let h = try SignedMeasure.hilbertFunction(squeezed, degree: 1)
/// h[[3, 7]]          // dim H1 at grid point (3, 7)
/// h.shape            // the grid's shape
/// ```
public struct GridTensor: Sendable, Equatable {
    /// The extent of each axis.
    public let shape: [Int]
    /// The values, C order.
    public let values: [Int32]

    /// A tensor from its shape and values (as many as the product of the shape).
    ///
    /// - Throws: `MultipersistenceError.invalidParameter` when they disagree.
    public init(shape: [Int], values: [Int32]) throws {
        guard let count = Self.count(shape), count == values.count else {
            throw MultipersistenceError.invalidParameter(name: "tensor", reason: "\(values.count) values for shape \(shape)")
        }
        self.shape = shape
        self.values = values
    }

    /// The product of the shape, nil on overflow or a negative extent.
    static func count(_ shape: [Int]) -> Int? {
        var total = 1
        for s in shape {
            guard s >= 0 else { return nil }
            let (t, o) = total.multipliedReportingOverflow(by: s)
            if o { return nil }
            total = t
        }
        return total
    }

    /// The value at a multi-index (one entry per axis, each within its extent).
    public subscript(index: [Int]) -> Int32 {
        precondition(index.count == shape.count, "one index per axis")
        var flat = 0
        for (k, i) in index.enumerated() {
            precondition(i >= 0 && i < shape[k], "index \(i) outside 0..<\(shape[k])")
            flat = flat * shape[k] + i
        }
        return values[flat]
    }
}

extension SignedMeasure {
    /// The measure integrated on a grid: at each grid point x the mass of
    /// the atoms <= x (for a Hilbert measure, the Hilbert function; for an
    /// Euler measure, the Euler characteristic). Atoms beyond the grid (at
    /// +infinity, from a mass default) are below no grid point.
    ///
    /// - Throws: `MultipersistenceError.unsupported` for rectangles,
    ///   `.invalidGrid` for a grid of another dimension, `.overBudget` when
    ///   the tensor would take more than `memoryLimit` bytes (4 per point).
    public func integrated(on grid: Grid, memoryLimit: Int = 4 << 30) throws -> GridTensor {
        guard !isRectangular else { throw MultipersistenceError.unsupported("a rank measure integrates to the rank invariant: use SignedMeasure.rankInvariant") }
        let n = parameterCount, shape = grid.shape
        guard grid.parameterCount == n else {
            throw MultipersistenceError.invalidGrid("a grid of \(grid.parameterCount) parameters for a measure of \(n)")
        }
        guard let total = GridTensor.count(shape), total <= memoryLimit / 4 else {
            throw MultipersistenceError.overBudget("a dense \(shape.map(String.init).joined(separator: " x ")) tensor needs more than \(Self.bytesText(memoryLimit)); use a coarser grid")
        }
        var values = [Int32](repeating: 0, count: total)
        atoms: for i in 0..<count {
            var flat = 0
            for p in 0..<n {
                // The first grid value >= the coordinate: the atom counts from there on.
                let x = points[i * n + p], column = grid.values[p]
                var lo = 0, hi = column.count
                while lo < hi { let mid = (lo + hi) >> 1; if column[mid] < x { lo = mid + 1 } else { hi = mid } }
                if lo == column.count { continue atoms }
                flat = flat * shape[p] + lo
            }
            values[flat] &+= Int32(truncatingIfNeeded: weights[i])
        }
        // Prefix sums along each axis.
        var step = 1
        for p in Swift.stride(from: n - 1, through: 0, by: -1) {
            let extent = shape[p]
            if extent > 1 {
                for f in 0..<total where (f / step) % extent != 0 { values[f] &+= values[f - step] }
            }
            step *= extent
        }
        return try GridTensor(shape: shape, values: values)
    }

    /// The Hilbert function dim H_d on every grid point, dense (the
    /// Hilbert measure, integrated).
    ///
    /// - Throws: as `hilbert(_:degrees:options:)` and `integrated(on:memoryLimit:)`.
    public static func hilbertFunction(_ squeezed: SqueezedComplex, degree: Int,
                                       options: SignedMeasureOptions = SignedMeasureOptions(),
                                       memoryLimit: Int = 4 << 30) throws -> GridTensor {
        var plain = options
        plain.massDefault = .none
        return try hilbert(squeezed, degrees: [degree], options: plain)[0].integrated(on: squeezed.grid, memoryLimit: memoryLimit)
    }
}
