import LinearAlgebra

/// The sampler of the paper's code (rgenn's `LogNormalSPD2` with
/// `EquiDistantSO2`), for comparison: NOT Haar.
///
/// The positive-definite factor: v ~ N(0, variance I) in the orthonormal
/// coordinates of Y (GL+(2): (a, sqrt 2 b, c) of [[a, b], [b, c]]; SL(2):
/// the traceless basis), S = exp(Y), P = S^(1/2); default variance 0.1
/// (rgenn's `--spd_bounds`). The rotations: linspace(-pi, pi, n), both ends
/// included, so the half-turn is counted twice (and n = 1 gives the
/// half-turn alone); sample k pairs the k-th P with the k-th angle. rgenn
/// redraws the samples at every forward pass, at test time too.
///
/// What changes against `HaarImportanceSampler`: these samples carry no
/// weights and concentrate near the identity (log-normal), so averages over
/// them are a local smoothing around the identity, not Haar integrals, and
/// they change when the samples are left-translated (the tests measure it).
/// The paper's layers average over these samples as they are.
///
/// ```swift
/// var rng = SeededGenerator(seed: 5)
/// let gs = try GaussianChartSampler<GLPlus2<Double>>().samples(count: 10, using: &rng)
/// ```
public struct GaussianChartSampler<G: PolarGroup>: Sendable {
    /// The variance of each coordinate of Y = log S.
    public let variance: Double
    /// Whether rotations follow rgenn's linspace(-pi, pi, n) (true) or the
    /// grid without a repeated endpoint, -pi + 2 pi k / n (false).
    public let rgennRotations: Bool

    /// A sampler; throws for a non-positive or non-finite variance.
    public init(variance: Double = 0.1, rgennRotations: Bool = true) throws {
        guard variance.isFinite, variance > 0 else { throw LieGroupError.invalidParameter("variance \(variance) must be positive") }
        self.variance = variance
        self.rgennRotations = rgennRotations
    }

    /// rgenn's rotation angles: linspace(-pi, pi, count).
    public static func rgennAngles(count: Int) -> [Double] {
        count == 1 ? [-Double.pi] : (0..<count).map { -Double.pi + 2 * Double.pi * Double($0) / Double(count - 1) }
    }

    /// `count` elements exp(Y_k / 2) rot(theta_k).
    public func samples(count: Int, using generator: inout some RandomNumberGenerator) throws -> [G] {
        guard count > 0 else { throw LieGroupError.nonPositiveCount(count) }
        let angles = rgennRotations ? Self.rgennAngles(count: count)
            : (0..<count).map { -Double.pi + 2 * Double.pi * Double($0) / Double(count) }
        let s = variance.squareRoot()
        return angles.map { theta in
            var v = [Double](repeating: 0, count: HaarImportanceSampler<G>.dimension)
            for k in v.indices { v[k] = s * RandomNormal.normal(&generator) }
            let y = HaarImportanceSampler<G>.logS(v)
            let yScalar = Matrix2<G.Scalar>(a: G.Scalar(y.a), b: G.Scalar(y.b), c: G.Scalar(y.c), d: G.Scalar(y.d))
            // SO2 reduces -pi to pi: the matrix is the same half-turn either way.
            return G(logS: yScalar, rotation: SO2(angle: G.Scalar(theta)))
        }
    }
}
