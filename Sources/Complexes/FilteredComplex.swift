/// A filtered cell complex as plain arrays: the input of the boundary-matrix
/// persistence engine, whatever built it (simplex tree, alpha, cubical).
///
/// Cells are listed in a filtration order: every face comes before its
/// cofaces and, with one parameter, grades never decrease along the list.
/// Cell `i` has dimension `dimensions[i]`, grade
/// `grades[i * parameterCount ..< (i + 1) * parameterCount]`, and boundary
/// `boundaryIndices[boundaryOffsets[i] ..< boundaryOffsets[i + 1]]` (indices
/// of earlier cells, ascending) with coefficients `boundaryCoefficients`
/// (+1 or -1) at the same positions.
///
/// ```swift
/// // An edge between two vertices born at 0, the edge at 1.
/// let edge = FilteredComplex(dimensions: [0, 0, 1], grades: [0, 0, 1],
///                            boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1],
///                            boundaryCoefficients: [-1, 1])
/// edge.count  // 3
/// ```
public struct FilteredComplex: Sendable, Equatable {
    /// Dimension of each cell.
    public var dimensions: [Int8]
    /// Grades, `parameterCount` values per cell (one parameter: the filtration value).
    public var grades: [Double]
    /// Number of filtration parameters (1 for one-parameter persistence).
    public var parameterCount: Int
    /// `count + 1` offsets into `boundaryIndices`.
    public var boundaryOffsets: [Int]
    /// Boundary cells of every cell, ascending per cell.
    public var boundaryIndices: [Int32]
    /// The incidence coefficient (+1 or -1) of each boundary entry.
    public var boundaryCoefficients: [Int8]

    /// Creates a complex from its arrays (see the type's description).
    ///
    /// ```swift
    /// let point = FilteredComplex(dimensions: [0], grades: [0], boundaryOffsets: [0, 0],
    ///                             boundaryIndices: [], boundaryCoefficients: [])
    /// ```
    public init(dimensions: [Int8], grades: [Double], parameterCount: Int = 1, boundaryOffsets: [Int],
                boundaryIndices: [Int32], boundaryCoefficients: [Int8]) {
        self.dimensions = dimensions
        self.grades = grades
        self.parameterCount = parameterCount
        self.boundaryOffsets = boundaryOffsets
        self.boundaryIndices = boundaryIndices
        self.boundaryCoefficients = boundaryCoefficients
    }

    /// The number of cells.
    public var count: Int { dimensions.count }

    /// The largest cell dimension (-1 when empty).
    public var dimension: Int { Int(dimensions.max() ?? -1) }

    /// The first grade coordinate of cell `i` (its filtration value with one parameter).
    @inlinable public func filtration(_ i: Int) -> Double { grades[i * parameterCount] }

    /// The boundary of cell `i` as (cell, coefficient) pairs.
    ///
    /// ```swift
    /// let b = complex.boundary(of: 2)  // [(0, -1), (1, 1)]
    /// ```
    public func boundary(of i: Int) -> [(cell: Int, coefficient: Int)] {
        (boundaryOffsets[i]..<boundaryOffsets[i + 1]).map { (Int(boundaryIndices[$0]), Int(boundaryCoefficients[$0])) }
    }
}
