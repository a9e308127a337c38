import Autodiff

/// The kernel network of the Lie-group layers: a SIREN (Sitzmann et al.,
/// "Implicit neural representations with periodic activation functions",
/// NeurIPS 2020) from kernel coordinates to C_out C_in kernel values:
/// sin(omega0 (x W1 + b1)), sin(omega0 (. W2 + b2)), then linear.
/// rgenn uses 3 sine layers of width 60 with omega0 = 10; ours are smaller
/// (two sine layers, width 32 by default) to keep an epoch in seconds.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let k = SirenKernel<Float>(inputSize: 7, outputSize: 64, width: 32, omega0: 10, generator: &g)
/// let tape = Tape<Float>()
/// let values = try k(tape.constant(Tensor(zeros: [25, 7])))   // [25, 64]
/// ```
public struct SirenKernel<Scalar: TensorScalar>: Layer, Sendable {
    /// The sine layers and the linear output layer.
    public var first: Dense<Scalar>, hidden: Dense<Scalar>, output: Dense<Scalar>
    /// The frequency omega0.
    public let omega0: Scalar

    /// A seeded SIREN with Sitzmann's initialisation except the first layer:
    /// U(-1/2, 1/2) whatever the input size (Sitzmann's U(-1/in, 1/in) for
    /// the 2 spatial inputs of the lift; for the 6-7 inputs of a group
    /// convolution it is rougher than 1/in, which trained better with fixed
    /// samples: 0.93 against 0.67 clean after 10 epochs, GL+(2), N = 8),
    /// hidden U(-sqrt(6/width)/omega0, +); the linear output
    /// U(-sqrt(6/width)/2, +), values of standard deviation about 0.35.
    public init(inputSize: Int, outputSize: Int, width: Int, omega0: Scalar, generator: inout some RandomNumberGenerator) {
        let i = max(1, inputSize), w = max(1, width), o = max(1, outputSize)
        let hiddenBound = Scalar((6 / Double(w)).squareRoot() / Double(omega0))
        func dense(_ a: Int, _ b: Int, _ bound: Scalar) -> Dense<Scalar> {
            let weight = Tensor<Scalar>(uniform: [a, b], in: -bound...bound, using: &generator)
            let bias = Tensor<Scalar>(uniform: [b], in: -bound...bound, using: &generator)
            // Shapes match by construction.
            return (try? Dense(weight: weight, bias: bias)) ?? Dense(inputSize: a, outputSize: b, generator: &generator)
        }
        first = dense(i, w, 1 / Scalar(2))
        hidden = dense(w, w, hiddenBound)
        output = dense(w, o, Scalar((6 / Double(w)).squareRoot()))
        self.omega0 = omega0
    }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        let h1 = try (first(x) * omega0).sin()
        let h2 = try (hidden(h1) * omega0).sin()
        return try output(h2)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try first.visitParameters { try body("first." + $0, &$1) }
        try hidden.visitParameters { try body("hidden." + $0, &$1) }
        try output.visitParameters { try body("output." + $0, &$1) }
    }
}
