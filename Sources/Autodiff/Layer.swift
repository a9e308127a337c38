/// Something that holds parameters: a layer or a whole model. The visit
/// gives every parameter once, in a fixed order, with a name (dotted for
/// nested layers), so optimisers can update them and ``ParameterSet`` can
/// save and load them.
///
/// ```swift
/// struct MLP: ParameterContainer {
///     var fc1: Dense<Float>, fc2: Dense<Float>
///     mutating func visitParameters(_ body: (String, inout Parameter<Float>) throws -> Void) rethrows {
///         try fc1.visitParameters { try body("fc1." + $0, &$1) }
///         try fc2.visitParameters { try body("fc2." + $0, &$1) }
///     }
/// }
/// ```
public protocol ParameterContainer {
    associatedtype Scalar: TensorScalar
    /// Calls `body` on each parameter with its name, in a fixed order.
    mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows
}

extension ParameterContainer {
    /// The parameters with their names, in visiting order.
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        var copy = self
        var out: [(name: String, parameter: Parameter<Scalar>)] = []
        copy.visitParameters { name, p in out.append((name, p)) }
        return out
    }

    /// The total number of scalar parameters.
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.parameter.value.count } }
}

/// A differentiable map from one variable to another with parameters:
/// ``Dense``, ``Conv2D``, ``SineLayer``, ``LayerNorm``, ``Dropout``.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let layer = Dense<Float>(inputSize: 4, outputSize: 2, generator: &g)
/// let tape = Tape<Float>()
/// let y = try layer(tape.constant(Tensor(zeros: [8, 4])))   // shape [8, 2]
/// ```
public protocol Layer: ParameterContainer {
    /// The layer applied to `input`, recorded on `input`'s tape.
    func callAsFunction(_ input: Variable<Scalar>) throws -> Variable<Scalar>
}
