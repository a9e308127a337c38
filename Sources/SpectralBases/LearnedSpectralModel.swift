import Autodiff
import PointClouds

/// The network of Velich et al.'s learned spectral bases: a per-point MLP
/// (Dense, LayerNorm, GELU), a transformer encoder over the points
/// (post-norm layers as PyTorch's `TransformerEncoderLayer`: multi-head
/// self-attention, then a GELU feed-forward block, each with a residual
/// and a LayerNorm), and a linear head to K raw functions (exp on the
/// first, so the density read-out stays positive), which
/// ``SpectralObjective`` turns into the basis (QR, M = diag(q1²), V = M^-1/2 Q).
///
/// The paper's sizes are MLP 3 -> 32 -> 128 -> 256, 8 layers of width 256
/// with 8 heads and feed-forward 256, K = 50, on 4,000 points; the default
/// here is a CPU size (MLP 3 -> 32 -> 64, 2 layers of width 64, 4 heads,
/// feed-forward 128, K = 16, 512 points).
///
/// Attention runs from every point to a set of anchor points (the
/// farthest-point sample the network was fed in training, where anchors and
/// points coincide): extra points are queries only, so a cloud of any size
/// costs O(n · anchors) and gives the anchors exactly the values they get alone.
///
/// ```swift
/// var g = SeededGenerator(seed: 1)
/// let model = LearnedSpectralModel(configuration: .init(), generator: &g)
/// let tape = Tape<Double>()
/// let raw = try model.rawFunctions(tape.constant(points))   // [n, K]
/// ```
public struct LearnedSpectralModel: ParameterContainer, Sendable {
    public typealias Scalar = Double

    /// The architecture: what a model file records beside the parameters.
    public struct Configuration: Codable, Equatable, Sendable {
        /// K, the number of basis functions.
        public var count: Int
        /// The hidden widths of the per-point MLP (its output is `width`).
        public var mlpWidths: [Int]
        /// The transformer's model width.
        public var width: Int
        /// Attention heads (must divide `width`).
        public var heads: Int
        /// Encoder layers.
        public var layers: Int
        /// The feed-forward block's hidden width.
        public var feedForward: Int
        /// The farthest-point sample size (training clouds, inference anchors).
        public var samplePoints: Int

        /// A configuration (defaults: the CPU size above).
        public init(count: Int = 16, mlpWidths: [Int] = [32], width: Int = 64, heads: Int = 4, layers: Int = 2,
                    feedForward: Int = 128, samplePoints: Int = 512) {
            self.count = count
            self.mlpWidths = mlpWidths
            self.width = width
            self.heads = heads
            self.layers = layers
            self.feedForward = feedForward
            self.samplePoints = samplePoints
        }

        /// Checks every size (all positive, heads dividing the width, bounded).
        public func validate() throws {
            let sizes = [count, width, heads, feedForward, samplePoints] + mlpWidths
            guard sizes.allSatisfy({ $0 >= 1 && $0 <= 1 << 16 }), layers >= 0, layers <= 64, mlpWidths.count <= 16 else {
                throw SpectralBasesError.invalidParameter(name: "model", reason: "sizes must be between 1 and 65536 (layers 0 to 64)")
            }
            guard width % heads == 0 else {
                throw SpectralBasesError.invalidParameter(name: "model", reason: "the \(heads) heads must divide the width \(width)")
            }
            guard samplePoints >= count else {
                throw SpectralBasesError.invalidParameter(name: "model", reason: "the sample of \(samplePoints) points is smaller than K = \(count)")
            }
        }
    }

    /// One post-norm encoder layer.
    public struct EncoderLayer: ParameterContainer, Sendable {
        public typealias Scalar = Double
        var query: Dense<Double>, key: Dense<Double>, value: Dense<Double>, output: Dense<Double>
        var norm1: LayerNorm<Double>, norm2: LayerNorm<Double>
        var hidden: Dense<Double>, back: Dense<Double>
        let heads: Int

        init(width: Int, heads: Int, feedForward: Int, generator: inout SeededGenerator) {
            query = Dense(inputSize: width, outputSize: width, initialization: .glorotUniform, generator: &generator)
            key = Dense(inputSize: width, outputSize: width, initialization: .glorotUniform, generator: &generator)
            value = Dense(inputSize: width, outputSize: width, initialization: .glorotUniform, generator: &generator)
            output = Dense(inputSize: width, outputSize: width, generator: &generator)
            norm1 = LayerNorm(size: width)
            norm2 = LayerNorm(size: width)
            hidden = Dense(inputSize: width, outputSize: feedForward, generator: &generator)
            back = Dense(inputSize: feedForward, outputSize: width, generator: &generator)
            self.heads = heads
        }

        /// x [n, d] attending to `sources` [m, d] (x itself for self-attention).
        func callAsFunction(_ x: Variable<Double>, sources: Variable<Double>) throws -> Variable<Double> {
            let n = x.shape[0], m = sources.shape[0], d = x.shape[1], dh = d / heads
            let q = try query(x).reshaped([n, heads, dh]).transposed([1, 0, 2])          // [h, n, dh]
            let k = try key(sources).reshaped([m, heads, dh]).transposed([1, 0, 2])      // [h, m, dh]
            let v = try value(sources).reshaped([m, heads, dh]).transposed([1, 0, 2])
            let scores = try q.matmul(k, transposeOther: true) * (1 / Double(dh).squareRoot())
            let attended = try scores.softmax().matmul(v).transposed([1, 0, 2]).reshaped([n, d])
            let x1 = try norm1(x + output(attended))
            return try norm2(x1 + back(hidden(x1).gelu()))
        }

        public mutating func visitParameters(_ body: (String, inout Parameter<Double>) throws -> Void) rethrows {
            try query.visitParameters { try body("query." + $0, &$1) }
            try key.visitParameters { try body("key." + $0, &$1) }
            try value.visitParameters { try body("value." + $0, &$1) }
            try output.visitParameters { try body("output." + $0, &$1) }
            try norm1.visitParameters { try body("norm1." + $0, &$1) }
            try norm2.visitParameters { try body("norm2." + $0, &$1) }
            try hidden.visitParameters { try body("hidden." + $0, &$1) }
            try back.visitParameters { try body("back." + $0, &$1) }
        }
    }

    /// The architecture.
    public let configuration: Configuration
    var mlp: [Dense<Double>]
    var mlpNorms: [LayerNorm<Double>]
    var encoder: [EncoderLayer]
    var head: Dense<Double>

    /// A freshly initialised network (PyTorch's default initialisation for
    /// the dense layers, Glorot for the attention projections).
    public init(configuration c: Configuration, generator: inout SeededGenerator) {
        configuration = c
        let widths = [3] + c.mlpWidths + [c.width]
        mlp = (0..<(widths.count - 1)).map { Dense(inputSize: widths[$0], outputSize: widths[$0 + 1], generator: &generator) }
        mlpNorms = (1..<(widths.count - 1)).map { LayerNorm(size: widths[$0]) }
        encoder = (0..<c.layers).map { _ in EncoderLayer(width: c.width, heads: c.heads, feedForward: c.feedForward, generator: &generator) }
        head = Dense(inputSize: c.width, outputSize: c.count, generator: &generator)
    }

    /// The per-point features before the encoder, [n, width].
    func embed(_ points: Variable<Double>) throws -> Variable<Double> {
        var h = points
        for (t, layer) in mlp.enumerated() {
            h = try layer(h)
            if t < mlpNorms.count { h = try mlpNorms[t](h).gelu() }
        }
        return h
    }

    /// The K raw functions of points [n, 3] (normalised to the unit ball),
    /// every point attending to every point.
    public func rawFunctions(_ points: Variable<Double>) throws -> Variable<Double> {
        var h = try embed(points)
        for layer in encoder { h = try layer(h, sources: h) }
        return try finish(head(h))
    }

    /// The head's output with exp on the first column (the paper's
    /// `metric_activation` option): q1, hence the density M = q1², stays
    /// positive, and V = M^-1/2 Q has no poles.
    func finish(_ out: Variable<Double>) throws -> Variable<Double> {
        let k = out.shape[1]
        let first = try out.sliced(0..<1, alongAxis: 1).exp()
        guard k > 1 else { return first }
        return try Variable.concatenate([first, out.sliced(1..<k, alongAxis: 1)], alongAxis: 1)
    }

    /// The anchors' inputs to each encoder layer (and the head), for ``rawFunctions(_:anchorStates:)``.
    public func anchorStates(_ anchors: Tensor<Double>) throws -> [Tensor<Double>] {
        let tape = Tape<Double>()
        var h = try embed(tape.constant(anchors))
        var states: [Tensor<Double>] = []
        for layer in encoder {
            states.append(h.value)
            h = try layer(h, sources: h)
        }
        return states
    }

    /// The K raw functions of points that attend to anchors whose
    /// per-layer states `anchorStates` computed (any number of points, in chunks).
    public func rawFunctions(_ points: Variable<Double>, anchorStates states: [Tensor<Double>]) throws -> Variable<Double> {
        let tape = points.tape
        var h = try embed(points)
        for (layer, s) in zip(encoder, states) { h = try layer(h, sources: tape.constant(s)) }
        return try finish(head(h))
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Double>) throws -> Void) rethrows {
        for t in mlp.indices { try mlp[t].visitParameters { try body("mlp.\(t)." + $0, &$1) } }
        for t in mlpNorms.indices { try mlpNorms[t].visitParameters { try body("mlpnorm.\(t)." + $0, &$1) } }
        for t in encoder.indices { try encoder[t].visitParameters { try body("encoder.\(t)." + $0, &$1) } }
        try head.visitParameters { try body("head." + $0, &$1) }
    }
}
