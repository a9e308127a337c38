import LinearAlgebra

/// An element (t, A) of the affine group R^2 x| G: the map x -> A x + t.
///
/// Products compose the maps: (t1, A1)(t2, A2) = (t1 + A1 t2, A1 A2);
/// the inverse is (-A^-1 t, A^-1).
///
/// ```swift
/// let g = Affine2(translation: SIMD2<Double>(1, 0), linear: SO2(angle: .pi / 2))
/// print(g.act(on: SIMD2(1, 0)))           // (1, 1) to rounding
/// print((g * g.inverse).translation)      // zero to rounding
/// ```
public struct Affine2<Linear: LinearPlanarGroup>: PlanarGroup {
    public typealias Scalar = Linear.Scalar
    /// The translation t (stored as two scalars, so the type is Sendable for any scalar).
    private let tx: Scalar, ty: Scalar
    /// The translation t.
    public var translation: SIMD2<Scalar> { SIMD2(tx, ty) }
    /// The linear part A.
    public let linear: Linear

    /// The map x -> linear x + translation.
    public init(translation: SIMD2<Scalar>, linear: Linear) {
        self.tx = translation.x
        self.ty = translation.y
        self.linear = linear
    }

    public static var identity: Affine2 { Affine2(translation: .zero, linear: .identity) }
    public var inverse: Affine2 {
        let a = linear.inverse
        return Affine2(translation: -a.act(on: translation), linear: a)
    }
    public var linearPart: Matrix2<Scalar> { linear.linearPart }
    public var translationPart: SIMD2<Scalar> { translation }
    public static func * (lhs: Affine2, rhs: Affine2) -> Affine2 {
        Affine2(translation: lhs.translation + lhs.linear.act(on: rhs.translation), linear: lhs.linear * rhs.linear)
    }
}

extension Affine2 where Linear: ChartedGroup {
    /// The translation and the chart coordinates of the linear part (the
    /// paper's kernels take h^-1 x and chart^-1 of the linear part).
    public var chartCoordinates: (translation: SIMD2<Scalar>, linear: Linear.ChartCoordinates) {
        (translation, linear.chartCoordinates)
    }

    /// The element with this translation and linear chart coordinates.
    public init(translation: SIMD2<Scalar>, chartCoordinates: Linear.ChartCoordinates) {
        self.init(translation: translation, linear: Linear(chartCoordinates: chartCoordinates))
    }
}
