/// A 2D convolution layer over NCHW input: weights [out, in, kh, kw] and a
/// bias [out] (PyTorch's `nn.Conv2d` layout and default initialisation),
/// computed by im2col and gemm.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let conv = Conv2D<Float>(inputChannels: 1, outputChannels: 8, kernelSize: 3, padding: 1, generator: &g)
/// let y = try conv(tape.constant(images))      // [n, 1, 16, 16] -> [n, 8, 16, 16]
/// ```
public struct Conv2D<Scalar: TensorScalar>: Layer, Sendable {
    /// The weights, [out, in, kh, kw].
    public var weight: Parameter<Scalar>
    /// The bias, [out]; nil for none.
    public var bias: Parameter<Scalar>?
    /// The stride in both directions.
    public var stride: Int
    /// The zero padding on every side.
    public var padding: Int

    /// A seeded layer; the fan-in is in · kh · kw (the fan-out out · kh · kw).
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias useBias: Bool = true, initialization: Initialization = .pytorchDefault,
                generator: inout some RandomNumberGenerator) {
        let c = max(0, inputChannels), o = max(0, outputChannels), k = max(0, kernelSize)
        let fanIn = c * k * k, fanOut = o * k * k
        weight = Parameter(.symmetricUniform([o, c, k, k], bound: initialization.weightBound(fanIn: fanIn, fanOut: fanOut), using: &generator))
        bias = useBias ? Parameter(.symmetricUniform([o], bound: initialization.biasBound(fanIn: fanIn), using: &generator)) : nil
        self.stride = stride
        self.padding = padding
    }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        let tape = x.tape
        return try x.conv2d(tape.variable(weight), bias: bias.map { tape.variable($0) }, stride: stride, padding: padding)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try body("weight", &weight)
        if var b = bias {
            try body("bias", &b)
            bias = b
        }
    }
}
