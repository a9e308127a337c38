/// A fully connected layer y = x W + b, with W of shape [in, out] (the
/// transpose of PyTorch's storage, so the product is one gemm without a
/// transpose) and b of shape [out]. Inputs of rank above 2 are treated as
/// [..., in] and give [..., out].
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let dense = Dense<Float>(inputSize: 784, outputSize: 128, generator: &g)
/// let tape = Tape<Float>()
/// let h = try dense(tape.constant(batch)).relu()
/// ```
public struct Dense<Scalar: TensorScalar>: Layer, Sendable {
    /// The weights, [in, out].
    public var weight: Parameter<Scalar>
    /// The bias, [out]; nil for a layer without bias.
    public var bias: Parameter<Scalar>?

    /// A seeded layer (PyTorch's `nn.Linear` initialisation by default).
    public init(inputSize: Int, outputSize: Int, bias useBias: Bool = true,
                initialization: Initialization = .pytorchDefault, generator: inout some RandomNumberGenerator) {
        let i = max(0, inputSize), o = max(0, outputSize)
        weight = Parameter(.symmetricUniform([i, o], bound: initialization.weightBound(fanIn: i, fanOut: o), using: &generator))
        bias = useBias ? Parameter(.symmetricUniform([o], bound: initialization.biasBound(fanIn: i), using: &generator)) : nil
    }

    /// A layer from given weights ([in, out]) and bias ([out]).
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) throws {
        guard weight.rank == 2 else { throw AutodiffError.shapeMismatch("dense weight must be [in, out], got \(weight.shape)") }
        if let b = bias, b.shape != [weight.shape[1]] {
            throw AutodiffError.shapeMismatch("dense bias \(b.shape) for weight \(weight.shape)")
        }
        self.weight = Parameter(weight)
        self.bias = bias.map { Parameter($0) }
    }

    /// The input size.
    public var inputSize: Int { weight.shape[0] }
    /// The output size.
    public var outputSize: Int { weight.shape[1] }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        let tape = x.tape
        let s = x.shape
        guard s.count >= 1, s[s.count - 1] == inputSize else {
            throw AutodiffError.shapeMismatch("dense layer of input size \(inputSize) got input \(s)")
        }
        let flat = s.count == 2 ? x : try x.reshaped([-1, inputSize])
        var y = try flat.matmul(tape.variable(weight))
        if let b = bias { y = try y + tape.variable(b) }
        return s.count == 2 ? y : try y.reshaped(Array(s.dropLast()) + [outputSize])
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try body("weight", &weight)
        if var b = bias {
            try body("bias", &b)
            bias = b
        }
    }
}
