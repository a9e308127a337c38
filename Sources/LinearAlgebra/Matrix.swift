/// A dense matrix stored row by row in one contiguous array.
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 3, 4])
/// let b = try a * a.transposed()   // [[5, 11], [11, 25]], by OpenBLAS's gemm
/// print(b[1, 0])                   // 11.0
/// ```
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row-major: entry (i, j) is `elements[i * columns + j]`.
    public var elements: [Scalar]

    /// A matrix with every entry equal to `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        self.elements = [Scalar](repeating: value, count: self.rows * self.columns)
    }

    /// A matrix from row-major entries; throws if the count does not match.
    public init(rows: Int, columns: Int, elements: [Scalar]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw LinearAlgebraError.elementCount(rows: rows, columns: columns, found: elements.count)
        }
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    /// The n x n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<m.rows { m.elements[i * n + i] = 1 }
        return m
    }

    /// Entry (i, j).
    public subscript(i: Int, j: Int) -> Scalar {
        get { elements[i * columns + j] }
        set { elements[i * columns + j] = newValue }
    }

    /// The transpose.
    public func transposed() -> Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for i in 0..<rows { for j in 0..<columns { t.elements[j * rows + i] = elements[i * columns + j] } }
        return t
    }

    /// The product `lhs * rhs` (OpenBLAS gemm); throws if the inner sizes differ.
    ///
    /// - Complexity: O(rows x inner x columns).
    public static func * (lhs: Matrix, rhs: Matrix) throws -> Matrix {
        guard lhs.columns == rhs.rows else {
            throw LinearAlgebraError.shapeMismatch("\(lhs.rows) x \(lhs.columns) times \(rhs.rows) x \(rhs.columns)")
        }
        var c = Matrix(rows: lhs.rows, columns: rhs.columns)
        if c.elements.isEmpty || lhs.columns == 0 { return c }
        lhs.elements.withUnsafeBufferPointer { a in
            rhs.elements.withUnsafeBufferPointer { b in
                c.elements.withUnsafeMutableBufferPointer { cc in
                    Scalar.gemm(transposeA: false, transposeB: false, m: lhs.rows, n: rhs.columns, k: lhs.columns,
                                alpha: 1, a: a.baseAddress!, lda: lhs.columns, b: b.baseAddress!, ldb: rhs.columns,
                                beta: 0, c: cc.baseAddress!, ldc: rhs.columns)
                }
            }
        }
        return c
    }

    /// The largest absolute entry of `self - other` (same shape), or infinity if the shapes differ.
    public func maxAbsoluteDifference(_ other: Matrix) -> Scalar {
        guard rows == other.rows, columns == other.columns else { return .infinity }
        var d: Scalar = 0
        for k in elements.indices { d = max(d, abs(elements[k] - other.elements[k])) }
        return d
    }
}
