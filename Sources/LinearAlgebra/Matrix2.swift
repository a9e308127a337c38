/// A 2 x 2 matrix held in four stored scalars, row by row: [[a, b], [c, d]].
///
/// The closed forms of `Matrix2+ClosedForms.swift` (symmetric eigenvalues,
/// SVD, polar decomposition, exponential, logarithm) work on it without any
/// allocation; `Matrix` uses them for its 2 x 2 cases.
///
/// ```swift
/// let g = Matrix2<Double>(a: 2, b: 1, c: 0, d: 1)
/// print(g.determinant)            // 2.0
/// print(g * SIMD2(1, 1))          // SIMD2<Double>(3.0, 1.0)
/// ```
public struct Matrix2<Scalar: LAPACKScalar>: Hashable, Sendable {
    /// Entry (0, 0).
    public var a: Scalar
    /// Entry (0, 1).
    public var b: Scalar
    /// Entry (1, 0).
    public var c: Scalar
    /// Entry (1, 1).
    public var d: Scalar

    /// The matrix [[a, b], [c, d]].
    public init(a: Scalar, b: Scalar, c: Scalar, d: Scalar) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    /// The 2 x 2 identity.
    public static var identity: Matrix2 { Matrix2(a: 1, b: 0, c: 0, d: 1) }

    /// The symmetric matrix [[a, b], [b, c]].
    public static func symmetric(_ a: Scalar, _ b: Scalar, _ c: Scalar) -> Matrix2 { Matrix2(a: a, b: b, c: b, d: c) }

    /// The rotation by `angle` (counter-clockwise): [[cos, -sin], [sin, cos]].
    public static func rotation(_ angle: Scalar) -> Matrix2 {
        let (co, si) = (Scalar.cos(angle), Scalar.sin(angle))
        return Matrix2(a: co, b: -si, c: si, d: co)
    }

    /// The diagonal matrix diag(x, y).
    public static func diagonal(_ x: Scalar, _ y: Scalar) -> Matrix2 { Matrix2(a: x, b: 0, c: 0, d: y) }

    /// The determinant a d - b c.
    public var determinant: Scalar { a * d - b * c }
    /// The trace a + d.
    public var trace: Scalar { a + d }
    /// The transpose.
    public var transposed: Matrix2 { Matrix2(a: a, b: c, c: b, d: d) }
    /// (M + M^T) / 2.
    public var symmetricPart: Matrix2 { let o = (b + c) / 2; return Matrix2(a: a, b: o, c: o, d: d) }
    /// The largest absolute entry.
    public var maxAbs: Scalar { Swift.max(Swift.max(abs(a), abs(b)), Swift.max(abs(c), abs(d))) }
    /// Whether every entry is finite.
    public var isFinite: Bool { a.isFinite && b.isFinite && c.isFinite && d.isFinite }

    /// The inverse, or nil when the determinant is zero or not finite.
    public var inverse: Matrix2? {
        let det = determinant
        guard det != 0, det.isFinite else { return nil }
        return Matrix2(a: d / det, b: -b / det, c: -c / det, d: a / det)
    }

    /// The matrix as a row-major `Matrix`.
    public var matrix: Matrix<Scalar> {
        var m = Matrix<Scalar>(rows: 2, columns: 2)
        m.elements = [a, b, c, d]
        return m
    }

    /// The 2 x 2 `Matrix` as a `Matrix2`; throws if it is not 2 x 2.
    public init(_ m: Matrix<Scalar>) throws {
        guard m.rows == 2, m.columns == 2 else { throw LinearAlgebraError.closedFormNeeds2x2(rows: m.rows, columns: m.columns) }
        self.init(a: m.elements[0], b: m.elements[1], c: m.elements[2], d: m.elements[3])
    }

    /// The product.
    public static func * (l: Matrix2, r: Matrix2) -> Matrix2 {
        Matrix2(a: l.a * r.a + l.b * r.c, b: l.a * r.b + l.b * r.d, c: l.c * r.a + l.d * r.c, d: l.c * r.b + l.d * r.d)
    }
    /// The matrix applied to a column vector.
    public static func * (m: Matrix2, v: SIMD2<Scalar>) -> SIMD2<Scalar> {
        SIMD2(m.a * v.x + m.b * v.y, m.c * v.x + m.d * v.y)
    }
    /// Every entry times `s`.
    public static func * (s: Scalar, m: Matrix2) -> Matrix2 { Matrix2(a: s * m.a, b: s * m.b, c: s * m.c, d: s * m.d) }
    /// The sum.
    public static func + (l: Matrix2, r: Matrix2) -> Matrix2 { Matrix2(a: l.a + r.a, b: l.b + r.b, c: l.c + r.c, d: l.d + r.d) }
    /// The difference.
    public static func - (l: Matrix2, r: Matrix2) -> Matrix2 { Matrix2(a: l.a - r.a, b: l.b - r.b, c: l.c - r.c, d: l.d - r.d) }

    /// The largest absolute entry of `self - other`.
    public func maxAbsoluteDifference(_ other: Matrix2) -> Scalar { (self - other).maxAbs }
}
