/// Adam (Kingma and Ba, "Adam: a method for stochastic optimization",
/// ICLR 2015) on a flat array of parameters, as `torch.optim.Adam` with its
/// defaults (beta1 0.9, beta2 0.999, eps 1e-8, no weight decay): the
/// optimiser of the signed-measure point-cloud example.
///
/// ```swift
/// var adam = AdamOptimizer(count: cloud.coordinates.count, learningRate: 0.01)
/// var x = cloud.coordinates
/// adam.step(&x, gradient: dx)   // x moves against the gradient
/// ```
/// - Complexity: O(count) per step.
public struct AdamOptimizer: Sendable, Equatable {
    /// The step size.
    public var learningRate: Double
    /// The decay of the first-moment average.
    public var beta1: Double
    /// The decay of the second-moment average.
    public var beta2: Double
    /// Added to the root of the second moment.
    public var epsilon: Double
    /// The first-moment estimates.
    public private(set) var m: [Double]
    /// The second-moment estimates.
    public private(set) var v: [Double]
    /// Steps taken.
    public private(set) var steps: Int = 0

    /// An optimiser for `count` parameters.
    ///
    /// ```swift
    /// let adam = AdamOptimizer(count: 800, learningRate: 0.01)
    /// ```
    public init(count: Int, learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.m = [Double](repeating: 0, count: Swift.max(0, count))
        self.v = [Double](repeating: 0, count: Swift.max(0, count))
    }

    /// One step: x <- x - lr m^ / (sqrt(v^) + eps), the moments bias-corrected (torch's formula).
    ///
    /// ```swift
    /// try adam.step(&x, gradient: dx)
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` when `x` or
    ///   `gradient` does not have `count` values or the gradient is not finite.
    public mutating func step(_ x: inout [Double], gradient g: [Double]) throws {
        guard x.count == m.count, g.count == m.count else {
            throw MultipersistenceError.invalidParameter(name: "Adam step", reason: "\(x.count) parameters and \(g.count) gradients, expected \(m.count)")
        }
        guard g.allSatisfy(\.isFinite) else {
            throw MultipersistenceError.invalidParameter(name: "Adam step", reason: "a gradient is NaN or infinite")
        }
        steps += 1
        let c1 = 1 - pow(beta1, Double(steps)), c2 = 1 - pow(beta2, Double(steps))
        let stepSize = learningRate / c1
        let root2 = c2.squareRoot()
        for i in 0..<m.count {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            x[i] -= stepSize * m[i] / (v[i].squareRoot() / root2 + epsilon)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
