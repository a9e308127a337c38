/// Adam (Kingma and Ba, ICLR 2015), with PyTorch's conventions: bias
/// corrected moments, epsilon added after the square root, a step count per
/// parameter. `weightDecay` is L2 added to the gradient (`torch.optim.Adam`)
/// unless `decoupled`, which makes it AdamW (Loshchilov and Hutter, ICLR
/// 2019: p -= lr · wd · p before the Adam step, `torch.optim.AdamW`).
///
/// ```swift
/// var adam = Adam<Float>(learningRate: 1e-3)
/// var adamW = Adam<Float>.adamW(learningRate: 1e-3, weightDecay: 0.01)
/// adam.step(&model, gradients: tape.parameterGradients())
/// ```
public struct Adam<Scalar: TensorScalar>: Optimizer, Sendable {
    public var learningRate: Scalar
    /// The first-moment decay.
    public var beta1: Scalar
    /// The second-moment decay.
    public var beta2: Scalar
    /// Added to the root of the second moment.
    public var epsilon: Scalar
    /// The weight decay factor (0: none).
    public var weightDecay: Scalar
    /// Whether the weight decay is decoupled (AdamW) or L2 (Adam).
    public var decoupled: Bool

    struct State: Sendable {
        var m: [Scalar], v: [Scalar], step: Int
    }
    var states: [ParameterID: State] = [:]

    /// Adam with PyTorch's defaults (betas 0.9, 0.999, eps 1e-8, no decay).
    public init(learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8,
                weightDecay: Scalar = 0, decoupled: Bool = false) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    /// AdamW: decoupled weight decay (PyTorch's `AdamW` default decay is 0.01).
    public static func adamW(learningRate: Scalar = 1e-3, weightDecay: Scalar = 0.01, beta1: Scalar = 0.9,
                             beta2: Scalar = 0.999, epsilon: Scalar = 1e-8) -> Adam {
        Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay, decoupled: true)
    }

    public mutating func update(_ parameter: inout Parameter<Scalar>, gradient: Tensor<Scalar>) {
        guard gradient.shape == parameter.value.shape else { return }
        let n = gradient.count
        var s = states[parameter.id] ?? State(m: [Scalar](repeating: 0, count: n), v: [Scalar](repeating: 0, count: n), step: 0)
        states[parameter.id] = nil
        s.step += 1
        OptimizerKernels.adam(&parameter.value.elements, gradient.elements, &s.m, &s.v, step: s.step,
                              lr: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                              weightDecay: weightDecay, decoupled: decoupled)
        states[parameter.id] = s
    }
}

enum OptimizerKernels {
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func adam<S: TensorScalar>(_ p: inout [S], _ g: [S], _ m: inout [S], _ v: inout [S], step: Int,
                                      lr: S, beta1: S, beta2: S, epsilon: S, weightDecay: S, decoupled: Bool) {
        let c1 = 1 - S(Double.exp(Double(step) * Double.log(Double(beta1))))
        let c2 = 1 - S(Double.exp(Double(step) * Double.log(Double(beta2))))
        let c2root = c2.squareRoot()
        let stepSize = lr / c1
        let l2: S = decoupled ? 0 : weightDecay
        let shrink: S = decoupled ? 1 - lr * weightDecay : 1
        p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in
            m.withUnsafeMutableBufferPointer { m in v.withUnsafeMutableBufferPointer { v in
                for i in 0..<p.count {
                    let gi = g[i] + l2 * p[i]
                    m[i] = beta1 * m[i] + (1 - beta1) * gi
                    v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                    p[i] = shrink * p[i] - stepSize * m[i] / (v[i].squareRoot() / c2root + epsilon)
                }
            } }
        } }
    }

    @_specialize(where S == Float)
    @_specialize(where S == Double)
    static func sgd<S: TensorScalar>(_ p: inout [S], _ g: [S], _ velocity: inout [S], first: Bool, lr: S, momentum: S,
                                     dampening: S, weightDecay: S, nesterov: Bool) {
        p.withUnsafeMutableBufferPointer { p in g.withUnsafeBufferPointer { g in velocity.withUnsafeMutableBufferPointer { b in
            for i in 0..<p.count {
                var d = g[i] + weightDecay * p[i]
                if momentum != 0 {
                    b[i] = first ? d : momentum * b[i] + (1 - dampening) * d
                    d = nesterov ? d + momentum * b[i] : b[i]
                }
                p[i] -= lr * d
            }
        } } }
    }
}
