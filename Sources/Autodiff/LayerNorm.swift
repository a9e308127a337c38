/// Layer normalisation over the last axis with a learned scale and shift
/// (Ba, Kiros and Hinton, 2016; PyTorch's `nn.LayerNorm(d)`: biased
/// variance, epsilon 1e-5, scale 1 and shift 0 at the start).
///
/// ```swift
/// let norm = LayerNorm<Float>(size: 64)
/// let h = try norm(x)        // x: [..., 64]
/// ```
public struct LayerNorm<Scalar: TensorScalar>: Layer, Sendable {
    /// The scale γ, [size].
    public var scale: Parameter<Scalar>
    /// The shift β, [size].
    public var shift: Parameter<Scalar>
    /// Added to the variance.
    public var epsilon: Scalar

    /// A layer normalising vectors of `size` entries.
    public init(size: Int, epsilon: Scalar = 1e-5) {
        scale = Parameter(Tensor(shape: [size], repeating: 1))
        shift = Parameter(Tensor(zeros: [size]))
        self.epsilon = epsilon
    }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        guard x.shape.last == scale.shape[0] else {
            throw AutodiffError.shapeMismatch("layer norm of size \(scale.shape[0]) got input \(x.shape)")
        }
        let tape = x.tape
        return try x.layerNormalized(epsilon: epsilon) * tape.variable(scale) + tape.variable(shift)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try body("scale", &scale)
        try body("shift", &shift)
    }
}
