import PointClouds
import Foundation
import Persistence

/// The sliced Wasserstein kernel, as gudhi.representations'
/// `SlicedWassersteinKernel`: k(X, Y) = exp(-SW(X, Y) / bandwidth), with
/// GUDHI's `num_directions - 1` lines (see `slicedWassersteinDistance`).
/// `fit` keeps the training diagrams; `transform` gives a diagram's kernel
/// values against each of them, in order.
///
/// ```swift
/// var k = SlicedWassersteinKernel(numDirections: 10, bandwidth: 1)
/// try k.fit(training)
/// let row = try k.transform(diagram)   // training.count values
/// ```
///
/// Reference: M. Carrière, M. Cuturi, S. Oudot, "Sliced Wasserstein kernel
/// for persistence diagrams", ICML 2017.
public struct SlicedWassersteinKernel: Vectorizer {
    /// GUDHI's `num_directions` (num_directions - 1 lines are used).
    public var numDirections: Int
    /// The Gaussian (or kernel) bandwidth.
    public var bandwidth: Double
    /// The projected diagrams kept by `fit`.
    public private(set) var training: [SlicedWassersteinProjections]?

    /// Creates the kernel with GUDHI's defaults (10 directions, bandwidth 1).
    ///
    /// ```swift
    /// let v = SlicedWassersteinKernel(numDirections: 20, bandwidth: 0.5)
    /// ```
    public init(numDirections: Int = 10, bandwidth: Double = 1) {
        self.numDirections = numDirections
        self.bandwidth = bandwidth
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        for d in diagrams { try SlicedWassersteinProjections.checkSize(directions: numDirections, points: d.count) }
        training = diagrams.map { SlicedWassersteinProjections($0, directions: numDirections) }
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let training else { throw VectorizationError.notFitted("SlicedWassersteinKernel") }
        try SlicedWassersteinProjections.checkSize(directions: numDirections, points: diagram.count)
        let p = SlicedWassersteinProjections(diagram, directions: numDirections)
        return try training.map { exp(-(try p.distance(to: $0)) / bandwidth) }
    }
}
