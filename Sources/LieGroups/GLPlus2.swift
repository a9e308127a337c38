import LinearAlgebra

/// An invertible 2 x 2 matrix with positive determinant: the group GL+(2).
///
/// ```swift
/// let g = try GLPlus2<Double>(Matrix2(a: 2, b: 1, c: 0, d: 1))
/// let (p, r) = g.polar                   // g = P R, P = (g g^T)^(1/2)
/// let back = GLPlus2(p: p, r: r)         // g, to rounding
/// ```
public struct GLPlus2<Scalar: LAPACKScalar>: ChartedGroup, LinearPlanarGroup {
    /// The matrix.
    public let matrix: Matrix2<Scalar>

    /// The element with this matrix; throws unless finite with positive determinant.
    public init(_ matrix: Matrix2<Scalar>) throws {
        guard matrix.isFinite else { throw LieGroupError.notInGroup(group: Self.name, reason: "an entry is not finite") }
        guard matrix.determinant > 0 else {
            throw LieGroupError.notInGroup(group: Self.name, reason: "determinant \(matrix.determinant) is not positive")
        }
        self.matrix = matrix
    }

    init(unchecked matrix: Matrix2<Scalar>) { self.matrix = matrix }

    /// P R.
    public init(p: SPD2<Scalar>, r: SO2<Scalar>) { self.matrix = p.matrix * r.matrix }

    public static var name: String { "GL+(2)" }
    public static var identity: GLPlus2 { GLPlus2(unchecked: .identity) }
    public var inverse: GLPlus2 { GLPlus2(unchecked: matrix.inverse ?? .identity) }
    public var linearPart: Matrix2<Scalar> { matrix }
    public static func * (lhs: GLPlus2, rhs: GLPlus2) -> GLPlus2 { GLPlus2(unchecked: lhs.matrix * rhs.matrix) }

    /// The left polar decomposition g = P R: P = (g g^T)^(1/2) positive
    /// definite, R the rotation of angle atan2(c - b, a + d).
    public var polar: (p: SPD2<Scalar>, r: SO2<Scalar>) {
        let m = matrix
        let r = SO2<Scalar>(angle: Scalar.atan2(m.c - m.b, m.a + m.d))
        return (SPD2(unchecked: m * r.matrix.transposed), r)
    }

    /// (a, sqrt(2) b, c, sqrt(2) theta) for log P = [[a, b], [b, c]] and R = rot(theta).
    public var chartCoordinates: SIMD4<Scalar> {
        let (p, r) = polar
        let x = p.logarithm
        let s = Scalar(2).squareRoot()
        return SIMD4(x.a, s * x.b, x.d, s * r.angle)
    }

    /// exp([[a, b / sqrt 2], [b / sqrt 2, c]]) rot(d / sqrt 2) for coordinates (a, b, c, d).
    public init(chartCoordinates x: SIMD4<Scalar>) {
        let s = Scalar(2).squareRoot()
        let p = SPD2<Scalar>(logarithm: .symmetric(x.x, x.y / s, x.z))
        self.init(p: p, r: SO2(angle: x.w / s))
    }
}
