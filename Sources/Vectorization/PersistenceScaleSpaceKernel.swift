import Persistence

/// The persistence scale-space kernel, as gudhi.representations'
/// `PersistenceScaleSpaceKernel` (exact): half the persistence weighted
/// Gaussian kernel between X ∪ mirror(X) and Y ∪ mirror(Y), mirrored points
/// (d, b) weighted -1 (points with d >= b weigh +1).
///
/// ```swift
/// var k = PersistenceScaleSpaceKernel(bandwidth: 1)
/// try k.fit(training)
/// let row = try k.transform(diagram)
/// ```
///
/// Reference: J. Reininghaus, S. Huber, U. Bauer, R. Kwitt, "A stable
/// multi-scale kernel for topological machine learning", CVPR 2015.
public struct PersistenceScaleSpaceKernel: Vectorizer {
    /// The Gaussian (or kernel) bandwidth.
    public var bandwidth: Double
    /// The diagrams kept by `fit`; `transform` compares against them in order.
    public private(set) var training: [[Bar]]?

    /// Creates the kernel (GUDHI's default bandwidth 1).
    ///
    /// ```swift
    /// let v = PersistenceScaleSpaceKernel(bandwidth: 0.1)
    /// ```
    public init(bandwidth: Double = 1) { self.bandwidth = bandwidth }

    public mutating func fit(_ diagrams: [[Bar]]) throws { training = diagrams }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let training else { throw VectorizationError.notFitted("PersistenceScaleSpaceKernel") }
        let (x, wx) = Self.doubled(diagram)
        return training.map { other in
            let (y, wy) = Self.doubled(other)
            return 0.5 * PersistenceWeightedGaussianKernel.kernel(x, wx, y, wy, bandwidth: bandwidth)
        }
    }

    /// The points and their mirror images, with GUDHI's ±1 weights.
    static func doubled(_ d: [Bar]) -> ([Bar], [Double]) {
        var points = d
        for bar in d {
            var mirrored = bar
            mirrored.birth = bar.death; mirrored.death = bar.birth
            points.append(mirrored)
        }
        return (points, points.map { $0.death >= $0.birth ? 1 : -1 })
    }
}
