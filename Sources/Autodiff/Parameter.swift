import Synchronization

/// The identity of a parameter slot: fixed when a layer is made, kept by
/// copies, so gradients found on a tape find their way back to the layer.
public struct ParameterID: Hashable, Sendable, Comparable {
    let raw: UInt64

    private static let counter = Atomic<UInt64>(0)

    /// A fresh identity, distinct from every other made in this process.
    public static func make() -> ParameterID {
        ParameterID(raw: counter.add(1, ordering: .relaxed).newValue)
    }

    public static func < (a: ParameterID, b: ParameterID) -> Bool { a.raw < b.raw }
}

/// A trainable tensor held by a layer: its value and the identity the tape
/// and the optimisers know it by.
///
/// ```swift
/// var p = Parameter(Tensor<Float>(zeros: [3]))
/// let tape = Tape<Float>()
/// let v = tape.variable(p)            // a leaf that tracks p
/// try tape.backward(try (v * v).sum())
/// var adam = Adam<Float>(learningRate: 0.1)
/// adam.update(&p, gradient: tape.parameterGradients()[p]!)
/// ```
public struct Parameter<Scalar: TensorScalar>: Sendable {
    /// The current value.
    public var value: Tensor<Scalar>
    /// The slot's identity.
    public let id: ParameterID

    /// A parameter with a fresh identity.
    public init(_ value: Tensor<Scalar>) {
        self.value = value
        id = ParameterID.make()
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }
}

/// The gradients of the parameters read onto a tape, looked up by parameter.
///
/// ```swift
/// let grads = tape.parameterGradients()
/// if let g = grads[dense.weight] { print(g.shape) }
/// ```
public struct Gradients<Scalar: TensorScalar>: Sendable {
    /// The gradient of each parameter, by identity.
    public var byParameter: [ParameterID: Tensor<Scalar>] = [:]

    /// No gradients.
    public init() {}

    /// The gradient of `p`, nil if `p` was not read onto the tape.
    public subscript(_ p: Parameter<Scalar>) -> Tensor<Scalar>? { byParameter[p.id] }
}
