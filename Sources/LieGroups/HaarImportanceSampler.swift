import LinearAlgebra

/// Haar sampling on GL+(2) or SL(2) by importance weights: the rotation
/// exactly Haar (uniform angle in (-pi, pi]), the positive-definite factor
/// S = exp(Y) drawn from a proposal in Y and weighted by
/// `HaarDensity` / proposal density.
///
/// Haar measure on these groups is infinite, so no sampler draws it
/// exactly; the weights make weighted sums unbiased estimates of Haar
/// integrals, and those are unchanged by left translation of the samples
/// (the property the tests check). The proposal is isotropic in the
/// Frobenius norm of Y: coordinates (a, sqrt(2) b, c) of
/// Y = [[a, b], [b, c]] (SL(2): (sqrt(2) a, sqrt(2) b) of [[a, b], [b, -a]])
/// either Gaussian with standard deviation sigma, or uniform in the ball of
/// that radius. The Gaussian proposal with sigma^2 = 0.1 is rgenn's
/// `LogNormalSPD2` (see `GaussianChartSampler`); weighting it is what turns
/// rgenn's sampler into a Haar estimator.
///
/// ```swift
/// var rng = SeededGenerator(seed: 4)
/// let sampler = try HaarImportanceSampler<SL2<Double>>(proposal: .gaussian(standardDeviation: 1))
/// let s = try sampler.samples(count: 1000, using: &rng)
/// // The Haar integral of f(g) = exp(-|log(g g^T)|^2): weighted mean over the samples.
/// let integral = s.reduce(0) { total, x in
///     let y = x.logS
///     return total + x.weight * Double.exp(-(y.a * y.a + 2 * y.b * y.b + y.d * y.d))
/// } / 1000
/// ```
public struct HaarImportanceSampler<G: PolarGroup>: Sendable {
    /// Where the log coordinates of S are drawn.
    public enum Proposal: Sendable, Hashable {
        /// Independent normals with this standard deviation per orthonormal coordinate.
        case gaussian(standardDeviation: Double)
        /// Uniform in the ball of this radius (Frobenius norm of Y).
        case uniformBall(radius: Double)
    }

    /// The proposal.
    public let proposal: Proposal

    /// A sampler with this proposal; throws for a non-positive or non-finite width.
    public init(proposal: Proposal = .gaussian(standardDeviation: 1)) throws {
        switch proposal {
        case .gaussian(let s), .uniformBall(let s):
            guard s.isFinite, s > 0 else { throw LieGroupError.invalidParameter("proposal width \(s) must be positive") }
        }
        self.proposal = proposal
    }

    /// The number of coordinates of Y: 2 on SL(2), 3 on GL+(2).
    public static var dimension: Int { G.isUnimodular ? 2 : 3 }

    /// Y from orthonormal coordinates (GL+: (a, sqrt 2 b, c); SL: (sqrt 2 a, sqrt 2 b)).
    static func logS(_ v: [Double]) -> Matrix2<Double> {
        let s = 2.0.squareRoot()
        if G.isUnimodular { return .symmetric(v[0] / s, v[1] / s, -v[0] / s) }
        return .symmetric(v[0], v[1] / s, v[2])
    }

    /// The proposal density of Y relative to Lebesgue measure in Y's own entries (da db dc, or da db).
    public func proposalDensity(logS y: Matrix2<Double>) -> Double {
        let n = Double(Self.dimension)
        // |v|^2 = |Y|_F^2; dv = sqrt(2) dY on GL+(2) (the off-diagonal), 2 dY on SL(2).
        let jacobian = G.isUnimodular ? 2.0 : 2.0.squareRoot()
        let frobenius2 = y.a * y.a + y.b * y.b + y.c * y.c + y.d * y.d
        switch proposal {
        case .gaussian(let s):
            return jacobian * Double.exp(-frobenius2 / (2 * s * s)) / Double.exp(n / 2 * Double.log(2 * Double.pi * s * s))
        case .uniformBall(let r):
            guard frobenius2 <= r * r else { return 0 }
            let volume = G.isUnimodular ? Double.pi * r * r : 4 / 3 * Double.pi * r * r * r
            return jacobian / volume
        }
    }

    /// The Haar density of Y (`HaarDensity.spd` or `.traceless`).
    public static func haarDensity(logS y: Matrix2<Double>) -> Double {
        G.isUnimodular ? HaarDensity.traceless(logarithm: y) : HaarDensity.spd(logarithm: y)
    }

    /// `count` weighted samples: rotation uniform, Y from the proposal, weight Haar / proposal.
    ///
    /// - Complexity: O(count), one closed-form exponential each.
    public func samples(count: Int, using generator: inout some RandomNumberGenerator) throws -> [WeightedSample<G>] {
        guard count > 0 else { throw LieGroupError.nonPositiveCount(count) }
        var out: [WeightedSample<G>] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            var v = [Double](repeating: 0, count: Self.dimension)
            switch proposal {
            case .gaussian(let s):
                for k in v.indices { v[k] = s * RandomNormal.normal(&generator) }
            case .uniformBall(let r):
                repeat {
                    for k in v.indices { v[k] = r * (2 * RandomNormal.uniform(&generator) - 1) }
                } while v.reduce(0, { $0 + $1 * $1 }) > r * r
            }
            let y = Self.logS(v)
            let weight = Self.haarDensity(logS: y) / proposalDensity(logS: y)
            let rotation = SO2<G.Scalar>.haarRandom(using: &generator)
            let yScalar = Matrix2<G.Scalar>(a: G.Scalar(y.a), b: G.Scalar(y.b), c: G.Scalar(y.c), d: G.Scalar(y.d))
            out.append(WeightedSample(element: G(logS: yScalar, rotation: rotation), weight: G.Scalar(weight), logS: yScalar))
        }
        return out
    }
}
