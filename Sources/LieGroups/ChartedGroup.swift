import LinearAlgebra

/// A group with the global chart of Mironenco and Forré ("Lie group
/// decompositions for equivariant neural networks", ICLR 2024).
///
/// The chart is xi(X) = exp(X_sym) exp(X_skew) for X = X_sym + X_skew in
/// the Lie algebra, so g = P R with P = exp(X_sym) = (g g^T)^(1/2) and
/// R = exp(X_skew) = P^-1 g. Its inverse, `chartCoordinates`, is
/// X = log(g g^T) / 2 + log R with the angle of R in (-pi, pi], written in
/// the paper's orthonormal basis (metric alpha = 1):
/// - SO(2): [[0, -1], [1, 0]] / sqrt 2, so the coordinate is sqrt(2) theta;
/// - GL+(2): diag(1, 0), symmetric off-diagonal / sqrt 2, diag(0, 1),
///   skew off-diagonal / sqrt 2: (a, sqrt(2) b, c, sqrt(2) theta) for
///   log P = [[a, b], [b, c]];
/// - SL(2): symmetric off-diagonal / sqrt 2, skew / sqrt 2,
///   diag(1, -1) / sqrt 2: (sqrt(2) b, sqrt(2) theta, sqrt(2) a) for
///   log P = [[a, b], [b, -a]].
///
/// `init(chartCoordinates: g.chartCoordinates) == g` to rounding for every g
/// (the chart is onto), and `chartCoordinates` of `init(chartCoordinates: x)`
/// gives x back when the angle sqrt(2) theta / sqrt 2 lies in (-pi, pi].
/// (rgenn's code reduces the angle to [0, 2 pi); we keep the principal
/// angle, so the identity's neighbourhood has coordinates near 0 on both
/// sides.)
///
/// ```swift
/// let g = try GLPlus2<Double>(Matrix2(a: 2, b: 1, c: -0.5, d: 1))
/// let x = g.chartCoordinates                         // SIMD4 in the paper's basis
/// let back = GLPlus2<Double>(chartCoordinates: x)    // g, to rounding
/// ```
public protocol ChartedGroup: PlanarGroup {
    /// The chart's coordinate vector.
    associatedtype ChartCoordinates: Hashable & Sendable
    /// The chart xi: the group element with these Lie-algebra coordinates.
    init(chartCoordinates: ChartCoordinates)
    /// The inverse chart xi^-1 of this element.
    var chartCoordinates: ChartCoordinates { get }
}
