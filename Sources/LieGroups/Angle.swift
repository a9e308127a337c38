import LinearAlgebra

/// Angles reduced to (-pi, pi]: the principal angle of a rotation.
///
/// ```swift
/// print(Angle.principal(3 * Double.pi / 2))    // -pi / 2
/// print(Angle.principal(-Double.pi))           // pi (the half-turn has one angle)
/// ```
public enum Angle {
    /// x - 2 pi k in (-pi, pi].
    public static func principal<T: LAPACKScalar>(_ x: T) -> T {
        let twoPi = 2 * T.pi
        var r = x - twoPi * (x / twoPi).rounded(.toNearestOrEven)
        if r <= -T.pi { r += twoPi }
        if r > T.pi { r -= twoPi }
        return r
    }
}
