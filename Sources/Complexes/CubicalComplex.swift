import PointClouds

/// A cubical complex on a d-dimensional image (any d >= 1), as GUDHI's
/// `CubicalComplex`: values on the top-dimensional cells (pixels / voxels;
/// lower cells take the minimum of their cofaces) or on the vertices
/// (higher cells take the maximum of their vertices).
///
/// Cells live on the refined grid of size `2 n_i + 1` per axis (vertices
/// variant: `2 n_i - 1`); a cell's dimension is the number of its odd
/// coordinates.
///
/// ```swift
/// let image = try CubicalComplex(shape: [2, 2], values: [0, 1, 1, 0])
/// let barcode = try image.filteredComplex().barcode()   // Persistence module
/// barcode[0]  // [0, inf) and [0, 1)
/// ```
public struct CubicalComplex: Sendable, Equatable {
    /// Where the image values sit.
    public enum Variant: String, Sendable, Equatable, CaseIterable {
        /// Values on the top-dimensional cells (GUDHI's `top_dimensional_cells=`).
        case topDimensionalCells = "top"
        /// Values on the vertices (GUDHI's `vertices=`).
        case vertices
    }

    /// The image's shape, outermost axis first (C order).
    public let shape: [Int]
    /// The image values in C order.
    public let values: [Double]
    /// Where the values sit.
    public let variant: Variant

    /// Creates a complex from an image.
    ///
    /// ```swift
    /// let c = try CubicalComplex(shape: [3, 4], values: Array(repeating: 0, count: 12), variant: .vertices)
    /// ```
    /// - Throws: `ComplexError.emptyImage`, `.badShape` when the shape does
    ///   not match the number of values, `.unsupportedDimension` beyond 16
    ///   axes, `.nonFinite` for NaN (infinite
    ///   values are allowed: such cells never enter).
    public init(shape: [Int], values: [Double], variant: Variant = .topDimensionalCells) throws {
        guard !shape.isEmpty, !values.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            if values.isEmpty || shape.contains(0) { throw ComplexError.emptyImage }
            throw ComplexError.badShape(shape: shape, values: values.count)
        }
        guard shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }) == values.count else {
            throw ComplexError.badShape(shape: shape, values: values.count)
        }
        if let bad = values.firstIndex(where: { $0.isNaN }) { throw ComplexError.nonFinite(index: bad) }
        guard shape.count <= 16 else { throw ComplexError.unsupportedDimension(shape.count, supported: "1 to 16") }
        self.shape = shape
        self.values = values
        self.variant = variant
    }

    /// Creates a 2D image from rows of values.
    ///
    /// ```swift
    /// let c = try CubicalComplex(rows: [[0, 1], [2, 3]])
    /// ```
    /// - Throws: `ComplexError.emptyImage`, `.raggedImage(row:found:expected:)`.
    public init(rows: [[Double]], variant: Variant = .topDimensionalCells) throws {
        guard let first = rows.first, !first.isEmpty else { throw ComplexError.emptyImage }
        for (i, r) in rows.enumerated() where r.count != first.count {
            throw ComplexError.raggedImage(row: i + 1, found: r.count, expected: first.count)
        }
        try self.init(shape: [rows.count, first.count], values: rows.flatMap { $0 }, variant: variant)
    }

    /// A 2D image from delimited text, one row of the image per line.
    ///
    /// ```swift
    /// let c = try CubicalComplex(csv: "0,1,2\n3,4,5\n")
    /// ```
    /// - Throws: `PointCloudError` for unparsable text or ragged rows,
    ///   `ComplexError.emptyImage` for no data.
    public init(csv text: String, variant: Variant = .topDimensionalCells) throws {
        try self.init(textBytes: Array(text.utf8), variant: variant)
    }

    /// A 2D image from the bytes of delimited text (see `init(csv:)`).
    public init(textBytes: [UInt8], variant: Variant = .topDimensionalCells) throws {
        let table: DelimitedText.Table
        do { table = try DelimitedText.table(bytes: textBytes, allowHeader: false) }
        catch PointCloudError.empty { throw ComplexError.emptyImage }
        try self.init(shape: [table.rowCount, table.columnCount], values: table.values, variant: variant)
    }

    /// An image of any dimension from a NumPy array.
    ///
    /// ```swift
    /// let c = try CubicalComplex(npy: try NPYArray(bytes: bytes))
    /// ```
    public init(npy array: NPYArray, variant: Variant = .topDimensionalCells) throws {
        try self.init(shape: array.shape, values: array.values, variant: variant)
    }

    /// The number of cells of the complex.
    public var cellCount: Int { gridShape.reduce(1, *) }

    /// The refined grid's shape (`2n+1` per axis, or `2n-1` for vertices).
    public var gridShape: [Int] { shape.map { variant == .topDimensionalCells ? 2 * $0 + 1 : 2 * $0 - 1 } }

    /// The value of every cell of the refined grid (C order).
    ///
    /// Cost: one pass per axis; a min (or max) is separable over the axes,
    /// so pass i fills the cells whose coordinate i is even (odd for the
    /// vertices variant) from their two neighbours along axis i.
    func cellValues() -> [Double] {
        let grid = gridShape
        let d = grid.count
        let total = cellCount
        var strides = [Int](repeating: 1, count: d)
        for i in stride(from: d - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * grid[i + 1] }
        let top = variant == .topDimensionalCells
        var v = [Double](repeating: top ? .infinity : -.infinity, count: total)
        // Seed: top cells (all odd) or vertices (all even).
        var image = 0
        var coordinate = [Int](repeating: top ? 1 : 0, count: d)
        var index = coordinate.enumerated().reduce(0) { $0 + $1.element * strides[$1.offset] }
        while image < values.count {
            v[index] = values[image]
            image += 1
            var axis = d - 1
            while axis >= 0 {
                coordinate[axis] += 2; index += 2 * strides[axis]
                if coordinate[axis] < grid[axis] { break }
                let reset = top ? 1 : 0
                index -= (coordinate[axis] - reset) * strides[axis]
                coordinate[axis] = reset
                axis -= 1
            }
        }
        v.withUnsafeMutableBufferPointer { cells in
            let none = top ? Double.infinity : -Double.infinity
            for axis in 0..<d {
                let s = strides[axis], n = grid[axis]
                // Blocks of n slabs of s cells; fill the slabs of the parity the
                // seed does not have on this axis from the two neighbouring slabs.
                for block in stride(from: 0, to: total, by: s * n) {
                    for c in stride(from: top ? 0 : 1, to: n, by: 2) {
                        let base = block + c * s
                        for cell in base..<base + s {
                            let lo = c > 0 ? cells[cell - s] : none
                            let hi = c + 1 < n ? cells[cell + s] : none
                            cells[cell] = top ? Swift.min(lo, hi) : Swift.max(lo, hi)
                        }
                    }
                }
            }
        }
        return v
    }

    /// For every cell of the grid (C order): the axes along which it is odd
    /// (a bit each), its dimension, and the grid's strides.
    func cellAxes() -> (oddAxes: [UInt32], dimensions: [Int8], strides: [Int]) {
        let grid = gridShape
        let d = grid.count
        let total = cellCount
        var strides = [Int](repeating: 1, count: d)
        for i in stride(from: d - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * grid[i + 1] }
        // Odd axes of every cell (a bit per axis) by an odometer over the grid.
        var oddAxes = [UInt32](repeating: 0, count: total)
        var dim = [Int8](repeating: 0, count: total)
        var coordinate = [Int](repeating: 0, count: d)
        var mask: UInt32 = 0
        for cell in 0..<total {
            oddAxes[cell] = mask
            dim[cell] = Int8(mask.nonzeroBitCount)
            var axis = d - 1
            while axis >= 0 {
                coordinate[axis] += 1
                mask ^= 1 << UInt32(axis)
                if coordinate[axis] < grid[axis] { break }
                coordinate[axis] = 0
                mask &= ~(1 << UInt32(axis))
                axis -= 1
            }
        }
        return (oddAxes, dim, strides)
    }

    /// The boundary of `cell` as (cell, sign) pairs in grid indices, ascending.
    static func boundary(of cell: Int, oddAxes: UInt32, strides: [Int]) -> [(Int, Int8)] {
        var entries: [(Int, Int8)] = []
        var k = 0
        for axis in 0..<strides.count where oddAxes & (1 << UInt32(axis)) != 0 {
            let sign: Int8 = k & 1 == 0 ? 1 : -1
            entries.append((cell + strides[axis], sign))
            entries.append((cell - strides[axis], -sign))
            k += 1
        }
        return entries.sorted { $0.0 < $1.0 }
    }

    /// The complex as plain arrays in filtration order (value, then
    /// dimension, then grid index), with boundaries, for the boundary-matrix
    /// engine.
    ///
    /// ```swift
    /// let complex = try CubicalComplex(rows: [[1, 2]]).filteredComplex()
    /// ```
    /// - Complexity: O(N log N) for N cells (the sort).
    public func filteredComplex() -> FilteredComplex {
        let (oddAxes, dim, strides) = cellAxes()
        let d = gridShape.count, total = cellCount
        let cv = cellValues()
        // Cells that never enter (infinite value, top variant) are left out.
        // Listed by (dimension, index), then stably sorted by value.
        var byDimension = [[Int32]](repeating: [], count: d + 1)
        for cell in 0..<total where cv[cell] < .infinity { byDimension[Int(dim[cell])].append(Int32(cell)) }
        let order = FiltrationSort.stableSorted(byDimension.flatMap { $0 }, values: cv)
        var rank = [Int32](repeating: -1, count: total)
        for (r, c) in order.enumerated() { rank[Int(c)] = Int32(r) }
        var dims = [Int8](), grades = [Double](), offsets = [0]
        dims.reserveCapacity(order.count); grades.reserveCapacity(order.count); offsets.reserveCapacity(order.count + 1)
        var indices = [Int32](), coefficients = [Int8]()
        var entries: [(Int32, Int8)] = []
        for cell32 in order {
            let cell = Int(cell32)
            dims.append(dim[cell])
            grades.append(cv[cell])
            entries.removeAll(keepingCapacity: true)
            var k = 0
            for axis in 0..<d where oddAxes[cell] & (1 << UInt32(axis)) != 0 {
                let sign: Int8 = k & 1 == 0 ? 1 : -1
                entries.append((rank[cell + strides[axis]], sign))
                entries.append((rank[cell - strides[axis]], -sign))
                k += 1
            }
            // Insertion sort: at most 2d entries.
            for x in 1..<Swift.max(1, entries.count) {
                var y = x
                while y > 0 && entries[y - 1].0 > entries[y].0 { entries.swapAt(y - 1, y); y -= 1 }
            }
            for (r, c) in entries { indices.append(r); coefficients.append(c) }
            offsets.append(indices.count)
        }
        return FilteredComplex(unchecked: dims, grades: grades, boundaryOffsets: offsets,
                               boundaryIndices: indices, boundaryCoefficients: coefficients)
    }
}
