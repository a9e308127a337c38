import LinearAlgebra

/// A rotation of the plane, held by its principal angle in (-pi, pi].
///
/// ```swift
/// let r = SO2<Double>(angle: 3)
/// let s = r * r                          // angle 6 - 2 pi
/// print(s.angle, r.inverse.angle)        // -0.283..., -3.0
/// print(r.matrix)                        // [[cos 3, -sin 3], [sin 3, cos 3]]
/// ```
public struct SO2<Scalar: LAPACKScalar>: ChartedGroup, LinearPlanarGroup {
    /// The angle, in (-pi, pi] (counter-clockwise).
    public let angle: Scalar

    /// The rotation by `angle` (reduced to (-pi, pi]).
    public init(angle: Scalar) { self.angle = Angle.principal(angle) }

    /// The rotation with this matrix; throws unless it is orthogonal with determinant 1 (to 64 ulp).
    public init(_ matrix: Matrix2<Scalar>) throws {
        guard matrix.isFinite else { throw LieGroupError.notInGroup(group: Self.name, reason: "an entry is not finite") }
        let q = matrix.transposed * matrix
        guard q.maxAbsoluteDifference(.identity) <= 64 * Scalar.ulpOfOne, matrix.determinant > 0 else {
            throw LieGroupError.notInGroup(group: Self.name, reason: "the matrix is not a rotation")
        }
        self.init(angle: Scalar.atan2(matrix.c, matrix.a))
    }

    public static var name: String { "SO(2)" }
    public static var identity: SO2 { SO2(angle: 0) }
    public var inverse: SO2 { SO2(angle: -angle) }
    /// [[cos, -sin], [sin, cos]].
    public var matrix: Matrix2<Scalar> { .rotation(angle) }
    public var linearPart: Matrix2<Scalar> { matrix }
    public static func * (lhs: SO2, rhs: SO2) -> SO2 { SO2(angle: lhs.angle + rhs.angle) }

    /// The rotation as an element of GL+(2).
    public var asGLPlus2: GLPlus2<Scalar> { GLPlus2(unchecked: matrix) }
    /// The rotation as an element of SL(2).
    public var asSL2: SL2<Scalar> { SL2(unchecked: matrix) }

    /// sqrt(2) theta: the coordinate in the basis [[0, -1], [1, 0]] / sqrt 2.
    public var chartCoordinates: Scalar { Scalar(2).squareRoot() * angle }
    /// The rotation by coordinate / sqrt 2.
    public init(chartCoordinates: Scalar) { self.init(angle: chartCoordinates / Scalar(2).squareRoot()) }
}
