/// A SIREN layer sin(w0 (x W + b)) (Sitzmann, Martel, Bergman, Lindell and
/// Wetzstein, "Implicit neural representations with periodic activation
/// functions", NeurIPS 2020), w0 = 30 by default.
///
/// Initialisation as in the paper: the first layer's weights
/// U(-1/in, 1/in), later layers' U(-√(6/in)/w0, √(6/in)/w0); biases as
/// PyTorch's `nn.Linear`, U(-1/√in, 1/√in) (the paper's code keeps them).
///
/// ```swift
/// var g = SeededGenerator(seed: 2)
/// let first = SineLayer<Float>(inputSize: 2, outputSize: 32, isFirst: true, generator: &g)
/// let hidden = SineLayer<Float>(inputSize: 32, outputSize: 32, generator: &g)
/// let h = try hidden(first(coordinates))
/// ```
public struct SineLayer<Scalar: TensorScalar>: Layer, Sendable {
    /// The affine part.
    public var linear: Dense<Scalar>
    /// The frequency w0.
    public var frequency: Scalar

    /// A seeded SIREN layer.
    public init(inputSize: Int, outputSize: Int, isFirst: Bool = false, frequency: Scalar = 30,
                generator: inout some RandomNumberGenerator) {
        let n = Double(max(1, inputSize))
        let bound = isFirst ? 1 / n : (6 / n).squareRoot() / Double(frequency)
        var l = Dense<Scalar>(inputSize: inputSize, outputSize: outputSize, initialization: .pytorchDefault, generator: &generator)
        l.weight.value = .symmetricUniform([max(0, inputSize), max(0, outputSize)], bound: bound, using: &generator)
        linear = l
        self.frequency = frequency
    }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        try linear(x).sine(frequency: frequency)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try linear.visitParameters(body)
    }
}
