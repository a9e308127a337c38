/// Dropout as a layer: zeroes entries with probability `probability` in
/// training mode (the tape's `isTraining`, masks from its seeded generator),
/// the identity in evaluation mode. No parameters.
///
/// ```swift
/// let drop = Dropout<Float>(probability: 0.2)
/// let tape = Tape<Float>(training: true, seed: 1)
/// let h = try drop(tape.constant(x))
/// ```
public struct Dropout<Scalar: TensorScalar>: Layer, Sendable {
    /// The probability of zeroing an entry.
    public var probability: Double

    /// A dropout layer (0 <= probability < 1, checked when applied).
    public init(probability: Double) { self.probability = probability }

    public func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        try x.dropout(probability: probability)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {}
}
