import LinearAlgebra

/// A group element drawn by importance sampling, with its weight
/// (Haar density / proposal density at the sample).
///
/// Sums of weight x f(element) over N samples, divided by N, estimate the
/// Haar integral of f (Haar normalised as in `HaarDensity`, times the
/// uniform probability on the rotation angle).
///
/// ```swift
/// var rng = SeededGenerator(seed: 3)
/// let samples = try HaarImportanceSampler<GLPlus2<Double>>().samples(count: 100, using: &rng)
/// let f = { (g: GLPlus2<Double>) in Double.exp(-g.chartCoordinates.x * g.chartCoordinates.x) }
/// let integral = samples.reduce(0) { $0 + $1.weight * f($1.element) } / 100
/// ```
public struct WeightedSample<G: PlanarTransformation>: Sendable {
    /// The element.
    public let element: G
    /// Haar density over proposal density at the element.
    public let weight: G.Scalar
    /// Y = log(g g^T), the sampled coordinate of the positive-definite factor.
    public let logS: Matrix2<G.Scalar>
}
