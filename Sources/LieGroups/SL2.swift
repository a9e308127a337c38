import LinearAlgebra

/// A 2 x 2 matrix with determinant 1: the group SL(2).
///
/// Stored matrices have det = 1 to rounding: the initialiser and the
/// product divide by sqrt(det), so long products do not drift off the group.
///
/// ```swift
/// let g = try SL2<Double>(Matrix2(a: 2, b: 1, c: 1, d: 1))
/// print((g * g).determinant)              // 1.0 to rounding
/// let x = g.chartCoordinates              // SIMD3 in the paper's basis
/// ```
public struct SL2<Scalar: LAPACKScalar>: ChartedGroup, LinearPlanarGroup {
    /// The matrix, det = 1 to rounding.
    public let matrix: Matrix2<Scalar>

    /// The element with this matrix; throws unless finite with |det - 1| <= 64 ulp (max(1, entry))^2.
    public init(_ matrix: Matrix2<Scalar>) throws {
        guard matrix.isFinite else { throw LieGroupError.notInGroup(group: Self.name, reason: "an entry is not finite") }
        let det = matrix.determinant, scale = Swift.max(1, matrix.maxAbs)
        guard abs(det - 1) <= 64 * Scalar.ulpOfOne * scale * scale else {
            throw LieGroupError.notInGroup(group: Self.name, reason: "determinant \(det) is not 1")
        }
        self.init(unchecked: matrix)
    }

    /// The matrix divided by sqrt(det); throws unless finite with det > 0.
    public init(normalizing matrix: Matrix2<Scalar>) throws {
        guard matrix.isFinite, matrix.determinant > 0 else {
            throw LieGroupError.notInGroup(group: Self.name, reason: "normalizing needs a finite matrix with positive determinant")
        }
        self.init(unchecked: matrix)
    }

    init(unchecked matrix: Matrix2<Scalar>) {
        let det = matrix.determinant
        self.matrix = det > 0 && det != 1 ? (1 / det.squareRoot()) * matrix : matrix
    }

    /// P R for P with det 1 (P is divided by sqrt(det P) otherwise).
    public init(p: SPD2<Scalar>, r: SO2<Scalar>) { self.init(unchecked: p.matrix * r.matrix) }

    public static var name: String { "SL(2)" }
    public static var identity: SL2 { SL2(unchecked: .identity) }
    /// [[d, -b], [-c, a]] (exact for det 1).
    public var inverse: SL2 { SL2(unchecked: Matrix2(a: matrix.d, b: -matrix.b, c: -matrix.c, d: matrix.a)) }
    public var linearPart: Matrix2<Scalar> { matrix }
    public static func * (lhs: SL2, rhs: SL2) -> SL2 { SL2(unchecked: lhs.matrix * rhs.matrix) }

    /// The element of GL+(2) with the same matrix.
    public var asGLPlus2: GLPlus2<Scalar> { GLPlus2(unchecked: matrix) }

    /// The left polar decomposition g = P R, det P = 1.
    public var polar: (p: SPD2<Scalar>, r: SO2<Scalar>) { asGLPlus2.polar }

    /// (sqrt(2) b, sqrt(2) theta, sqrt(2) a) for log P = [[a, b], [b, -a]] and R = rot(theta).
    public var chartCoordinates: SIMD3<Scalar> {
        let (p, r) = polar
        let x = p.logarithm
        let s = Scalar(2).squareRoot()
        return SIMD3(s * x.b, s * r.angle, s * (x.a - x.d) / 2)
    }

    /// exp([[c, a], [a, -c]] / sqrt 2) rot(b / sqrt 2) for coordinates (a, b, c).
    public init(chartCoordinates x: SIMD3<Scalar>) {
        let s = Scalar(2).squareRoot()
        let p = SPD2<Scalar>(logarithm: .symmetric(x.z / s, x.x / s, -x.z / s))
        self.init(p: p, r: SO2(angle: x.y / s))
    }
}
