import PointClouds

/// A record of tensor operations for reverse-mode differentiation: each
/// operation appends a node (its value, its shape and a closure that
/// pushes the gradient of its output back to its inputs), and
/// ``backward(_:)`` runs the closures in reverse order.
///
/// A tape is made for one forward and backward pass (one training step)
/// and then dropped; parameters live in the layers, as ``Parameter``
/// values, and are read onto the tape with ``variable(_:)-swift.method``.
///
/// ```swift
/// let tape = Tape<Double>()
/// let x = tape.variable(try Tensor(shape: [2], elements: [1, 2]))
/// let y = try (x * x).sum()          // x0^2 + x1^2
/// try tape.backward(y)
/// print(x.gradient!.elements)        // [2.0, 4.0]
/// ```
///
/// - Complexity: each backward closure costs about what its forward
///   operation did; the closures work on whole contiguous buffers (BLAS
///   for the contractions), never one element at a time.
public final class Tape<Scalar: TensorScalar> {
    /// Pushes `upstream` (the gradient of a node's output) to the node's inputs.
    typealias Backward = (_ tape: Tape<Scalar>, _ upstream: [Scalar]) -> Void

    struct Node {
        var shape: [Int]
        var value: [Scalar]
        var backward: Backward?
        var needsGradient: Bool
        var parameter: ParameterID?
    }

    var nodes: [Node] = []
    var gradients: [[Scalar]?] = []
    var parameterNodes: [ParameterID: Int] = [:]

    /// Whether layers behave as in training (dropout active) or in evaluation.
    public var isTraining: Bool
    /// The generator dropout and other random layers draw from.
    public var generator: SeededGenerator

    /// An empty tape; `training` turns dropout on, `seed` fixes its masks.
    ///
    /// ```swift
    /// let tape = Tape<Float>(training: true, seed: 7)
    /// ```
    public init(training: Bool = false, seed: UInt64 = 0) {
        isTraining = training
        generator = SeededGenerator(seed: seed)
    }

    /// The number of recorded nodes.
    public var count: Int { nodes.count }

    /// A leaf whose gradient ``backward(_:)`` computes.
    public func variable(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        leaf(value, needsGradient: true, parameter: nil)
    }

    /// A leaf without a gradient (data, labels, masks).
    public func constant(_ value: Tensor<Scalar>) -> Variable<Scalar> {
        leaf(value, needsGradient: false, parameter: nil)
    }

    /// The leaf of a parameter: the same node each time the same parameter
    /// is read on this tape, so a shared parameter's gradient is summed.
    ///
    /// ```swift
    /// let w = tape.variable(dense.weight)
    /// ```
    public func variable(_ parameter: Parameter<Scalar>) -> Variable<Scalar> {
        if let i = parameterNodes[parameter.id] { return Variable(tape: self, index: i) }
        let v = leaf(parameter.value, needsGradient: true, parameter: parameter.id)
        parameterNodes[parameter.id] = v.index
        return v
    }

    func leaf(_ value: Tensor<Scalar>, needsGradient: Bool, parameter: ParameterID?) -> Variable<Scalar> {
        nodes.append(Node(shape: value.shape, value: value.elements, backward: nil,
                          needsGradient: needsGradient, parameter: parameter))
        gradients.append(nil)
        return Variable(tape: self, index: nodes.count - 1)
    }

    /// Appends an operation's node. `backward` is kept only when one of the
    /// inputs needs a gradient.
    func record(_ shape: [Int], _ value: [Scalar], inputs: [Variable<Scalar>],
                backward: @escaping Backward) -> Variable<Scalar> {
        let needs = inputs.contains { nodes[$0.index].needsGradient }
        nodes.append(Node(shape: shape, value: value, backward: needs ? backward : nil,
                          needsGradient: needs, parameter: nil))
        gradients.append(nil)
        return Variable(tape: self, index: nodes.count - 1)
    }

    /// Checks that every operand was recorded on this tape.
    func check(_ vs: Variable<Scalar>...) throws {
        for v in vs where v.tape !== self { throw AutodiffError.foreignTape }
    }

    func value(_ i: Int) -> [Scalar] { nodes[i].value }
    func shape(_ i: Int) -> [Int] { nodes[i].shape }
    func needsGradient(_ i: Int) -> Bool { nodes[i].needsGradient }

    /// Adds into node `i`'s gradient buffer (zeros on first use); does nothing
    /// when the node needs no gradient.
    @inline(__always)
    func accumulate(_ i: Int, _ body: (UnsafeMutableBufferPointer<Scalar>) -> Void) {
        guard nodes[i].needsGradient else { return }
        if gradients[i] == nil { gradients[i] = [Scalar](repeating: 0, count: nodes[i].value.count) }
        gradients[i]!.withUnsafeMutableBufferPointer { body($0) }
    }

    /// Adds `g` (same size as node `i`) into node `i`'s gradient.
    func accumulate(_ i: Int, adding g: [Scalar]) {
        guard nodes[i].needsGradient else { return }
        if gradients[i] == nil { gradients[i] = g; return }
        accumulate(i) { buf in Kernels.addInPlace(buf, g) }
    }

    /// Reverse-mode sweep from a scalar `output`: afterwards every variable
    /// that `output` depends on has its gradient d output / d variable.
    ///
    /// Calling it again accumulates (adds) into the gradients, as PyTorch does.
    public func backward(_ output: Variable<Scalar>) throws {
        try check(output)
        let shape = nodes[output.index].shape
        guard nodes[output.index].value.count == 1 else { throw AutodiffError.notScalar(shape: shape) }
        try backward(output, seed: Tensor(unchecked: shape, [1]))
    }

    /// Reverse-mode sweep seeded with `seed` (the gradient of some scalar
    /// with respect to `output`, of `output`'s shape): a vector–Jacobian product.
    public func backward(_ output: Variable<Scalar>, seed: Tensor<Scalar>) throws {
        try check(output)
        guard seed.shape == nodes[output.index].shape else {
            throw AutodiffError.shapeMismatch("seed \(seed.shape) for an output of shape \(nodes[output.index].shape)")
        }
        guard nodes[output.index].needsGradient else { return }
        accumulate(output.index, adding: seed.elements)
        var k = output.index
        while k >= 0 {
            if let back = nodes[k].backward, let g = gradients[k] {
                back(self, g)
            }
            k -= 1
        }
    }

    /// Node `v`'s gradient after ``backward(_:)``; nil when nothing flowed to it.
    public func gradient(of v: Variable<Scalar>) -> Tensor<Scalar>? {
        guard v.tape === self, let g = gradients[v.index] else { return nil }
        return Tensor(unchecked: nodes[v.index].shape, g)
    }

    /// The gradients of every parameter read onto this tape, by parameter.
    ///
    /// ```swift
    /// try tape.backward(loss)
    /// let grads = tape.parameterGradients()
    /// optimizer.step(&model, gradients: grads)
    /// ```
    public func parameterGradients() -> Gradients<Scalar> {
        var out = Gradients<Scalar>()
        for (id, i) in parameterNodes {
            out.byParameter[id] = Tensor(unchecked: nodes[i].shape,
                                         gradients[i] ?? [Scalar](repeating: 0, count: nodes[i].value.count))
        }
        return out
    }
}

/// A handle to one node of a ``Tape``: the result of an operation, a
/// leaf variable or a constant. Operations on variables record on their tape.
///
/// ```swift
/// let tape = Tape<Float>()
/// let a = tape.variable(Tensor(shape: [3], repeating: 2))
/// let b = try (a * 3 + 1).relu()
/// print(b.value.elements)   // [7.0, 7.0, 7.0]
/// ```
public struct Variable<Scalar: TensorScalar> {
    /// The tape the variable lives on.
    public let tape: Tape<Scalar>
    /// The node's position on the tape.
    public let index: Int

    /// The shape of the value.
    public var shape: [Int] { tape.nodes[index].shape }
    /// The value (a copy-on-write view of the stored buffer).
    public var value: Tensor<Scalar> { Tensor(unchecked: tape.nodes[index].shape, tape.nodes[index].value) }
    /// The gradient after ``Tape/backward(_:)``, nil if none reached it.
    public var gradient: Tensor<Scalar>? { tape.gradient(of: self) }
    /// The value of a one-element variable (the loss), else the first entry.
    public var scalar: Scalar { tape.nodes[index].value.first ?? 0 }
}
