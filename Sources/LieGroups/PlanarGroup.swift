import LinearAlgebra

/// A group of invertible maps of the plane: products, inverses, identity,
/// and the action on points, with (g h).act(x) == g.act(h.act(x)).
///
/// `SO2`, `GLPlus2`, `SL2` and `Affine2` conform. Products compose maps:
/// `(g * h).act(on: x)` applies h first.
///
/// ```swift
/// let g = try GLPlus2<Double>(Matrix2(a: 2, b: 1, c: 0, d: 1))
/// let h = SO2<Double>(angle: 0.3).asGLPlus2
/// let x = SIMD2<Double>(1, 2)
/// print((g * h).act(on: x) - g.act(on: h.act(on: x)))   // zero to rounding
/// print((g * g.inverse).matrix)                          // the identity, to rounding
/// ```
public protocol PlanarGroup: PlanarTransformation {
    /// The group product: the map "rhs, then lhs".
    static func * (lhs: Self, rhs: Self) -> Self
}

/// A subgroup of GL+(2) acting linearly (no translation): the linear part
/// of an affine group `Affine2`.
public protocol LinearPlanarGroup: PlanarGroup {
    /// The element with linear part `matrix`; throws when the matrix is not in the group.
    init(_ matrix: Matrix2<Scalar>) throws
    /// The group's name in messages ("GL+(2)").
    static var name: String { get }
}
