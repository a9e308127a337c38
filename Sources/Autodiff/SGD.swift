/// Stochastic gradient descent with momentum, as `torch.optim.SGD`:
/// b = μ b + (1 - dampening) g (b = g on the first step), p -= lr · b
/// (Nesterov: p -= lr · (g + μ b)); weight decay adds wd · p to g.
///
/// ```swift
/// var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9)
/// sgd.step(&model, gradients: tape.parameterGradients())
/// ```
public struct SGD<Scalar: TensorScalar>: Optimizer, Sendable {
    public var learningRate: Scalar
    /// The momentum μ (0: plain SGD).
    public var momentum: Scalar
    /// The dampening of the momentum.
    public var dampening: Scalar
    /// L2 weight decay.
    public var weightDecay: Scalar
    /// Nesterov momentum.
    public var nesterov: Bool

    var velocities: [ParameterID: [Scalar]] = [:]

    /// SGD with PyTorch's defaults (no momentum, no decay).
    public init(learningRate: Scalar, momentum: Scalar = 0, dampening: Scalar = 0, weightDecay: Scalar = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    public mutating func update(_ parameter: inout Parameter<Scalar>, gradient: Tensor<Scalar>) {
        guard gradient.shape == parameter.value.shape else { return }
        let old = velocities.removeValue(forKey: parameter.id)
        var b = old ?? [Scalar](repeating: 0, count: gradient.count)
        OptimizerKernels.sgd(&parameter.value.elements, gradient.elements, &b, first: old == nil, lr: learningRate,
                             momentum: momentum, dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        velocities[parameter.id] = b
    }
}
