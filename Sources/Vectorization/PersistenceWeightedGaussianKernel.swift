import Foundation
import Persistence

/// The persistence weighted Gaussian kernel, as gudhi.representations'
/// `PersistenceWeightedGaussianKernel` (exact, no `kernel_approx`):
/// k(X, Y) = sum_ij w(x_i) w(y_j) exp(-|x_i - y_j|^2 / (2 h^2)) / (sqrt(2 pi) h),
/// Euclidean distances between (birth, death) points.
///
/// ```swift
/// var k = PersistenceWeightedGaussianKernel(bandwidth: 0.5, weight: .persistencePower(1))
/// try k.fit(training)
/// let row = try k.transform(diagram)
/// ```
///
/// - Complexity: O(n m) exponentials per pair.
///   Reference: G. Kusano, K. Fukumizu, Y. Hiraoka, "Kernel method for
///   persistence diagrams via kernel embedding and weight factor", JMLR 18 (2018).
public struct PersistenceWeightedGaussianKernel: Vectorizer {
    /// The Gaussian (or kernel) bandwidth.
    public var bandwidth: Double
    /// The weight of each point.
    public var weight: DiagramWeight
    /// The diagrams kept by `fit`; `transform` compares against them in order.
    public private(set) var training: [[Bar]]?

    /// Creates the kernel with GUDHI's defaults (bandwidth 1, constant weight).
    ///
    /// ```swift
    /// let v = PersistenceWeightedGaussianKernel(bandwidth: 0.2, weight: .persistencePower(1))
    /// ```
    public init(bandwidth: Double = 1, weight: DiagramWeight = .constant) {
        self.bandwidth = bandwidth
        self.weight = weight
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws { training = diagrams }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let training else { throw VectorizationError.notFitted("PersistenceWeightedGaussianKernel") }
        let wx = diagram.map { weight.value($0) }
        return training.map { other in
            let wy = other.map { weight.value($0) }
            return Self.kernel(diagram, wx, other, wy, bandwidth: bandwidth)
        }
    }

    /// The weighted double sum behind PWG and PSS.
    static func kernel(_ x: [Bar], _ wx: [Double], _ y: [Bar], _ wy: [Double], bandwidth h: Double) -> Double {
        let c = 1.0 / ((2 * Double.pi).squareRoot() * h)
        let twoH2 = 2 * h * h
        var total = 0.0
        for i in 0..<x.count {
            var row = 0.0
            for j in 0..<y.count {
                let db = x[i].birth - y[j].birth, dd = x[i].death - y[j].death
                row += wy[j] * exp(-(db * db + dd * dd) / twoH2)
            }
            total += wx[i] * row
        }
        return c * total
    }
}
