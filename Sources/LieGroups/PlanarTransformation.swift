import LinearAlgebra

/// An invertible map of the plane x -> A x + t held as a value: the common
/// face of the groups here and of the positive-definite factor `SPD2`
/// (which is closed under inverses but not under products, so it is not a
/// `PlanarGroup`).
///
/// ```swift
/// let p = try SPD2<Double>(Matrix2.symmetric(2, 0, 1))
/// print(p.act(on: SIMD2(1, 1)))        // SIMD2<Double>(2.0, 1.0)
/// print(p.inverse.act(on: p.act(on: SIMD2(1, 1))))   // back to (1, 1)
/// ```
public protocol PlanarTransformation: Hashable, Sendable {
    /// The scalar type (`Float` or `Double`).
    associatedtype Scalar: LAPACKScalar
    /// The identity map.
    static var identity: Self { get }
    /// The inverse map.
    var inverse: Self { get }
    /// The linear part A.
    var linearPart: Matrix2<Scalar> { get }
    /// The translation part t (zero for the linear groups).
    var translationPart: SIMD2<Scalar> { get }
}

extension PlanarTransformation {
    /// A x + t.
    ///
    /// ```swift
    /// let r = SO2<Double>(angle: .pi / 2)
    /// print(r.act(on: SIMD2(1, 0)))        // (0, 1) to rounding
    /// ```
    public func act(on point: SIMD2<Scalar>) -> SIMD2<Scalar> { linearPart * point + translationPart }

    /// det A: the factor by which the map scales areas.
    public var determinant: Scalar { linearPart.determinant }

    /// The translation is zero by default.
    public var translationPart: SIMD2<Scalar> { .zero }
}
