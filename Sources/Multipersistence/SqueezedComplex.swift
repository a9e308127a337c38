import Complexes

/// A filtered complex whose grades are squeezed onto a grid: grade
/// coordinates are grid indices (`Int32`), `Grid.never` for +infinity.
/// Every invariant is computed on integers, then read back as grid values.
///
/// ```swift
/// let squeezed = try SqueezedComplex(complex, grid: Grid(for: complex, strategy: .exact))
/// squeezed.indices(of: 3)  // the grid indices of cell 3's grade(s)
/// ```
public struct SqueezedComplex: Sendable {
    /// The complex (boundaries and dimensions are read from it).
    public let complex: FilteredComplex
    /// The grid.
    public let grid: Grid
    /// Grid indices, `parameterCount` per grade, in the complex's grade layout.
    public let gradeIndices: [Int32]

    /// Squeezes every grade to the nearest grid value (ties to the lower).
    ///
    /// - Throws: `MultipersistenceError.invalidGrid` if the grid's parameter count differs from the complex's.
    /// - Complexity: O(grades x parameters x log(grid size)).
    public init(_ complex: FilteredComplex, grid: Grid) throws {
        let n = complex.parameterCount
        guard grid.parameterCount == n else {
            throw MultipersistenceError.invalidGrid("the grid has \(grid.parameterCount) parameters, the complex \(n)")
        }
        self.complex = complex
        self.grid = grid
        var idx = [Int32](repeating: 0, count: complex.grades.count)
        for i in 0..<complex.grades.count {
            idx[i] = Int32(grid.index(nearest: complex.grades[i], parameter: i % n))
        }
        gradeIndices = idx
    }

    /// The number of parameters.
    public var parameterCount: Int { complex.parameterCount }
    /// The number of cells.
    public var count: Int { complex.count }

    /// The squeezed grades of cell `i`, one index array per grade.
    public func indices(of i: Int) -> [[Int]] {
        let n = parameterCount
        return complex.gradeRange(of: i).map { g in (0..<n).map { Int(gradeIndices[g * n + $0]) } }
    }

    /// The cells of dimension `lo...hi` (the only ones a degree needs), in
    /// complex order.
    func cells(dimensions range: ClosedRange<Int>) -> [Int32] {
        var out: [Int32] = []
        for i in 0..<count where range.contains(Int(complex.dimensions[i])) { out.append(Int32(i)) }
        return out
    }
}
