/// How a layer's weights are drawn (seeded, uniform), after PyTorch.
///
/// ```swift
/// var g = SeededGenerator(seed: 3)
/// let d = Dense<Float>(inputSize: 64, outputSize: 10, initialization: .glorotUniform, generator: &g)
/// ```
public enum Initialization: Sendable, Equatable {
    /// PyTorch's `nn.Linear`/`nn.Conv2d` default (`kaiming_uniform_(a=√5)`):
    /// weights and biases U(-1/√fanIn, 1/√fanIn).
    case pytorchDefault
    /// Glorot (Xavier) uniform, `xavier_uniform_`: U(-√(6/(fanIn+fanOut)), +); zero biases.
    case glorotUniform
    /// He (Kaiming) uniform for ReLU, `kaiming_uniform_(nonlinearity='relu')`:
    /// U(-√(6/fanIn), +); zero biases.
    case heUniform
    /// U(-bound, bound) weights, zero biases.
    case uniform(bound: Double)

    /// The weight bound for the given fans.
    func weightBound(fanIn: Int, fanOut: Int) -> Double {
        switch self {
        case .pytorchDefault: return 1 / Double(max(1, fanIn)).squareRoot()
        case .glorotUniform: return (6 / Double(max(1, fanIn + fanOut))).squareRoot()
        case .heUniform: return (6 / Double(max(1, fanIn))).squareRoot()
        case .uniform(let b): return b
        }
    }

    /// The bias bound (0: biases start at zero).
    func biasBound(fanIn: Int) -> Double {
        self == .pytorchDefault ? 1 / Double(max(1, fanIn)).squareRoot() : 0
    }
}

extension Tensor {
    /// U(-bound, bound) entries, or zeros for bound 0.
    static func symmetricUniform(_ shape: [Int], bound: Double, using g: inout some RandomNumberGenerator) -> Tensor {
        guard bound > 0 else { return Tensor(zeros: shape) }
        let b = Scalar(bound)
        return Tensor(uniform: shape, in: -b...b, using: &g)
    }
}
