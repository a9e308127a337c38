/// A first-order optimiser: updates parameters from their gradients,
/// keeping its own state (moments, velocities) per parameter slot.
///
/// ```swift
/// var adam = Adam<Float>(learningRate: 1e-3)
/// let tape = Tape<Float>()
/// let loss = try model(tape.constant(x)).softmaxCrossEntropy(labels: y)
/// try tape.backward(loss)
/// adam.step(&model, gradients: tape.parameterGradients())
/// ```
public protocol Optimizer {
    associatedtype Scalar: TensorScalar
    /// The step size (set it each step from a schedule, if one is used).
    var learningRate: Scalar { get set }
    /// One update of one parameter from its gradient (same shape; a
    /// gradient of another shape is ignored).
    mutating func update(_ parameter: inout Parameter<Scalar>, gradient: Tensor<Scalar>)
}

extension Optimizer {
    /// Updates every parameter of `model` that has a gradient.
    public mutating func step<M: ParameterContainer>(_ model: inout M, gradients: Gradients<Scalar>) where M.Scalar == Scalar {
        model.visitParameters { _, p in
            if let g = gradients[p] { update(&p, gradient: g) }
        }
    }
}
