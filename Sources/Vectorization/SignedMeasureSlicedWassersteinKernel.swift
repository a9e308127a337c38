import Foundation
import Multipersistence

/// The sliced Wasserstein kernel between signed measures,
/// k(mu, nu) = exp(-SW(mu, nu) / (2 sigma^2)), as multipers 2.3.2's
/// `SignedMeasure2SlicedWassersteinDistance` followed by
/// `DistanceMatrix2Kernel(sigma)` for one degree (for several degrees
/// multipers averages the degrees' kernels). `fit` keeps the training
/// measures; `transform` gives a measure's kernel values against each of
/// them, in order.
///
/// ```swift
/// var k = SignedMeasureSlicedWassersteinKernel(numDirections: 10, sigma: 0.5)
/// try k.fit(training)
/// let row = try k.transform(measure)   // training.count values in (0, 1]
/// ```
///
/// Reference: Loiseaux et al., "Stable vectorization of multiparameter
/// persistent homology using signed barcodes as measures", NeurIPS 2023.
public struct SignedMeasureSlicedWassersteinKernel: SignedMeasureVectorizer {
    /// The kernel's scale sigma (multipers' `sigma`), positive.
    public var sigma: Double
    /// The distances underneath (directions, seed, fitted measures).
    public var distance: SignedMeasureSlicedWassersteinDistance

    /// Creates the kernel with multipers' defaults (10 directions, sigma 1).
    ///
    /// ```swift
    /// let k = SignedMeasureSlicedWassersteinKernel(numDirections: 50, seed: 3, sigma: 2)
    /// ```
    public init(numDirections: Int = 10, seed: UInt64 = 42, directions: [[Double]]? = nil, sigma: Double = 1) {
        self.sigma = sigma
        self.distance = SignedMeasureSlicedWassersteinDistance(numDirections: numDirections, seed: seed, directions: directions)
    }

    /// Projects and keeps the training measures.
    public mutating func fit(_ measures: [SignedMeasure]) throws {
        try distance.fit(measures)
    }

    /// exp(-SW / (2 sigma^2)) against each fitted measure, in order.
    public func transform(_ measure: SignedMeasure) throws -> [Double] {
        let twoSigma2 = 2 * (sigma * sigma)
        guard sigma > 0, twoSigma2 > 0, twoSigma2.isFinite else {
            throw VectorizationError.invalidParameter(name: "sigma", reason: "\(sigma) must be a positive number (with 2 sigma^2 finite and non-zero)")
        }
        return try distance.transform(measure).map { Foundation.exp(-$0 / twoSigma2) }
    }
}
