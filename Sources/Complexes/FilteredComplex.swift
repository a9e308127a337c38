/// A filtered cell complex as plain arrays: the input of the boundary-matrix
/// persistence engine and of the multiparameter invariants, whatever built
/// it (simplex tree, alpha, cubical, bifiltration builders).
///
/// Cells are listed so that every face comes before its cofaces. Cell `i`
/// has dimension `dimensions[i]` and boundary
/// `boundaryIndices[boundaryOffsets[i] ..< boundaryOffsets[i + 1]]` (indices
/// of earlier cells of dimension one less, ascending) with coefficients
/// `boundaryCoefficients` (+1 or -1) at the same positions.
///
/// Grades are points of R^n, n = `parameterCount`. A *1-critical* complex
/// (`gradeOffsets == nil`) has one grade per cell:
/// `grades[i * n ..< (i + 1) * n]`. A *k-critical* complex lists for cell `i`
/// the grades `gradeOffsets[i] ..< gradeOffsets[i + 1]` (each n values, so
/// `grades[gradeOffsets[i] * n ..< gradeOffsets[i + 1] * n]`): the cell is
/// present at every x above at least one of them. With one parameter the
/// list order is the filtration order (the engine pairs cells by position;
/// builders list cells by grade).
///
/// The initializer validates all of this and throws `ComplexError.invalidComplex`
/// naming the first bad cell, so no malformed complex reaches the engines.
///
/// ```swift
/// // An edge between two vertices born at 0, the edge at 1.
/// let edge = try FilteredComplex(dimensions: [0, 0, 1], grades: [0, 0, 1],
///                                boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1],
///                                boundaryCoefficients: [-1, 1])
/// edge.count  // 3
/// ```
public struct FilteredComplex: Sendable, Equatable {
    /// Dimension of each cell.
    public private(set) var dimensions: [Int8]
    /// Grades, `parameterCount` values each (see the type's description).
    public private(set) var grades: [Double]
    /// Number of filtration parameters (1 for one-parameter persistence).
    public private(set) var parameterCount: Int
    /// For a k-critical complex, `count + 1` offsets (in grades) into `grades`; nil when every cell has one grade.
    public private(set) var gradeOffsets: [Int]?
    /// `count + 1` offsets into `boundaryIndices`.
    public private(set) var boundaryOffsets: [Int]
    /// Boundary cells of every cell, ascending per cell.
    public private(set) var boundaryIndices: [Int32]
    /// The incidence coefficient (+1 or -1) of each boundary entry.
    public private(set) var boundaryCoefficients: [Int8]

    /// Creates a complex from its arrays (see the type's description) and
    /// checks them.
    ///
    /// ```swift
    /// let point = try FilteredComplex(dimensions: [0], grades: [0], boundaryOffsets: [0, 0],
    ///                                 boundaryIndices: [], boundaryCoefficients: [])
    /// // Two parameters, a k-critical edge present above (0, 1) or (1, 0):
    /// let kc = try FilteredComplex(dimensions: [0, 0, 1], grades: [0, 0, 0, 0, 0, 1, 1, 0],
    ///                              parameterCount: 2, gradeOffsets: [0, 1, 2, 4],
    ///                              boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1],
    ///                              boundaryCoefficients: [-1, 1])
    /// ```
    /// - Throws: `ComplexError.invalidComplex` for inconsistent lengths or
    ///   offsets, a boundary entry that is not an earlier cell of one
    ///   dimension less, unsorted boundaries, coefficients other than +-1, NaN
    ///   grades, or a cell below one of its faces.
    /// - Complexity: O(cells + boundary entries x grades per cell).
    public init(dimensions: [Int8], grades: [Double], parameterCount: Int = 1, gradeOffsets: [Int]? = nil,
                boundaryOffsets: [Int], boundaryIndices: [Int32], boundaryCoefficients: [Int8]) throws {
        self.init(unchecked: dimensions, grades: grades, parameterCount: parameterCount, gradeOffsets: gradeOffsets,
                  boundaryOffsets: boundaryOffsets, boundaryIndices: boundaryIndices,
                  boundaryCoefficients: boundaryCoefficients)
        try validate()
    }

    /// The same without the checks, for builders in this package whose
    /// arrays are correct by construction (the tests check them with `validate()`).
    package init(unchecked dimensions: [Int8], grades: [Double], parameterCount: Int = 1, gradeOffsets: [Int]? = nil,
         boundaryOffsets: [Int], boundaryIndices: [Int32], boundaryCoefficients: [Int8]) {
        self.dimensions = dimensions
        self.grades = grades
        self.parameterCount = parameterCount
        self.gradeOffsets = gradeOffsets
        self.boundaryOffsets = boundaryOffsets
        self.boundaryIndices = boundaryIndices
        self.boundaryCoefficients = boundaryCoefficients
    }

    /// The number of cells.
    public var count: Int { dimensions.count }

    /// The largest cell dimension (-1 when empty).
    public var dimension: Int { Int(dimensions.max() ?? -1) }

    /// Whether some cell has more than one grade.
    public var isMultiCritical: Bool { gradeOffsets != nil }

    /// The first grade coordinate of cell `i` (its filtration value with one parameter).
    @inlinable public func filtration(_ i: Int) -> Double {
        if let gradeOffsets { return grades[gradeOffsets[i] * parameterCount] }
        return grades[i * parameterCount]
    }

    /// The range of grade numbers of cell `i` (grade g is `grades[g * n ..< (g + 1) * n]`).
    @inlinable public func gradeRange(of i: Int) -> Range<Int> {
        if let gradeOffsets { return gradeOffsets[i]..<gradeOffsets[i + 1] }
        return i..<(i + 1)
    }

    /// The grades of cell `i`, each `parameterCount` values.
    ///
    /// ```swift
    /// kc.grades(of: 2)  // [[0, 1], [1, 0]]
    /// ```
    public func grades(of i: Int) -> [[Double]] {
        gradeRange(of: i).map { Array(grades[$0 * parameterCount..<($0 + 1) * parameterCount]) }
    }

    /// The boundary of cell `i` as (cell, coefficient) pairs.
    ///
    /// ```swift
    /// let b = complex.boundary(of: 2)  // [(0, -1), (1, 1)]
    /// ```
    public func boundary(of i: Int) -> [(cell: Int, coefficient: Int)] {
        (boundaryOffsets[i]..<boundaryOffsets[i + 1]).map { (Int(boundaryIndices[$0]), Int(boundaryCoefficients[$0])) }
    }

    /// The cells of dimension at most `maxDimension`, in the same order
    /// (faces of kept cells are kept, so the result is a complex).
    ///
    /// ```swift
    /// let skeleton = complex.skeleton(1)  // vertices and edges
    /// ```
    public func skeleton(_ maxDimension: Int) -> FilteredComplex {
        guard dimension > maxDimension else { return self }
        var newIndex = [Int32](repeating: -1, count: count)
        var dims: [Int8] = [], g: [Double] = [], go: [Int]? = gradeOffsets == nil ? nil : [0]
        var offsets = [0], idx: [Int32] = [], coef: [Int8] = []
        let n = parameterCount
        for i in 0..<count where Int(dimensions[i]) <= maxDimension {
            newIndex[i] = Int32(dims.count)
            dims.append(dimensions[i])
            let r = gradeRange(of: i)
            g.append(contentsOf: grades[r.lowerBound * n..<r.upperBound * n])
            if go != nil { go!.append(go!.last! + r.count) }
            for e in boundaryOffsets[i]..<boundaryOffsets[i + 1] {
                idx.append(newIndex[Int(boundaryIndices[e])]); coef.append(boundaryCoefficients[e])
            }
            offsets.append(idx.count)
        }
        return FilteredComplex(unchecked: dims, grades: g, parameterCount: n, gradeOffsets: go,
                               boundaryOffsets: offsets, boundaryIndices: idx, boundaryCoefficients: coef)
    }
}
