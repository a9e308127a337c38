import Autodiff
import LinearAlgebra

/// An image classifier invariant to a group of the plane (Mironenco and
/// Forré, ICLR 2024, at digit size): a lifting layer, two group
/// convolutions with 2 x 2 max pooling between them, GELU after each,
/// global pooling over space (max) and over the group samples (max or
/// mean), then a two-layer MLP head.
///
/// By default the convolutions pad circularly and the pooling picks the
/// polyphase component of largest norm (`Subsampling.polyphase`), so the
/// logits do not change when the image moves by whole pixels (with a zero
/// border wide enough that the move is a circular shift). The first
/// release's strided pooling and zero padding (`.strided`, `.zero`) moved
/// the logits by 4-14 % of their scale under a one-pixel shift.
///
/// Shapes for 16 x 16 images, N samples and C channels per sample:
/// [B, 1, 16, 16] -> lift [B, N C, 16, 16] -> pool [B, N C, 8, 8] -> group conv
/// -> pool [B, N C, 4, 4] -> group conv -> [B, N, C] -> [B, C] -> logits [B, classes].
/// Each layer integrates over its own sample set (`drawSamples`); with
/// `ModelGroup.translation` every set is the identity and the model is a
/// plain CNN of the same size.
///
/// Invariance: transforming the image by g and every sample set by
/// h -> g h leaves the logits unchanged (exactly, up to rounding, when g
/// maps the pixel grid to itself: quarter turns); with fresh random
/// samples it holds in expectation, with a Monte Carlo error.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let model = try LieClassifier<Float>(LieClassifier.Configuration(group: .affineGL2, samples: 6), generator: &rng)
/// let samples = try model.drawSamples(using: &rng)
/// let tape = Tape<Float>()
/// let logits = try model(tape.constant(Tensor(zeros: [4, 1, 16, 16])), samples: samples)   // [4, 10]
/// ```
public struct LieClassifier<Scalar: TensorScalar>: ParameterContainer, Sendable {
    /// The architecture: everything but the weights.
    public struct Configuration: Codable, Sendable, Equatable {
        /// How the group samples are pooled at the end.
        public enum Pooling: String, Codable, Sendable { case max, mean }
        public var group: ModelGroup
        /// Linear samples per layer (1 for translation).
        public var samples: Int
        /// Channels per sample.
        public var channels: Int = 8
        /// Kernel sides of the lifting layer and of the group convolutions.
        public var liftKernel: Int = 5, convKernel: Int = 3
        /// SIREN width and frequency.
        public var kernelWidth: Int = 32, omega0: Double = 10
        /// Hidden width of the MLP head.
        public var headWidth: Int = 64
        /// The number of classes.
        public var classes: Int = 10
        /// The image side (a multiple of 4).
        public var side: Int = 16
        /// Variance of the positive-definite factor's log coordinates (rgenn: 0.1).
        public var variance: Double = 0.1
        /// How rotations are drawn.
        public var rotations: GroupSampleSet.Rotations = .stratified
        /// The kernel window.
        public var mask: KernelMask = .soft(sharpness: 10)
        /// Pooling over the group samples.
        public var groupPooling: Pooling = .max
        /// Halving the grid after the lift and the first group convolution
        /// (4 x fewer multiply-adds and a receptive field over the whole digit).
        public var downsampling = true
        /// How the grid is halved: `.polyphase` (the default) keeps the model
        /// exactly invariant to whole-pixel shifts; `.strided` (2 x 2 max
        /// pooling, stride 2, the first release) is only equivariant to even
        /// shifts and lost most of the accuracy on shifted digits.
        public var subsampling: Subsampling = .polyphase
        /// The convolutions' border: `.circular` (the default, exactly
        /// shift-equivariant) or `.zero` (the first release).
        public var padding: SpatialPadding = .circular
        /// The factor on the log P chart coordinates of the relative elements
        /// fed to the group convolutions' SIRENs (1: as in the paper). With
        /// samples redrawn every batch the kernels must vary slowly across
        /// the sampled positive-definite factors; a smaller factor makes them
        /// start out that way.
        public var chartScale: Double = 1

        /// A configuration (translation forces one sample).
        public init(group: ModelGroup, samples: Int) {
            self.group = group
            self.samples = group == .translation ? 1 : samples
        }

        /// Decodes a configuration; a file written before `subsampling` and
        /// `padding` existed gets the first release's `.strided` and `.zero`,
        /// so it evaluates as it did.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            group = try c.decode(ModelGroup.self, forKey: .group)
            samples = try c.decode(Int.self, forKey: .samples)
            channels = try c.decode(Int.self, forKey: .channels)
            liftKernel = try c.decode(Int.self, forKey: .liftKernel)
            convKernel = try c.decode(Int.self, forKey: .convKernel)
            kernelWidth = try c.decode(Int.self, forKey: .kernelWidth)
            omega0 = try c.decode(Double.self, forKey: .omega0)
            headWidth = try c.decode(Int.self, forKey: .headWidth)
            classes = try c.decode(Int.self, forKey: .classes)
            side = try c.decode(Int.self, forKey: .side)
            variance = try c.decode(Double.self, forKey: .variance)
            rotations = try c.decode(GroupSampleSet.Rotations.self, forKey: .rotations)
            mask = try c.decode(KernelMask.self, forKey: .mask)
            groupPooling = try c.decode(Pooling.self, forKey: .groupPooling)
            downsampling = try c.decode(Bool.self, forKey: .downsampling)
            subsampling = try c.decodeIfPresent(Subsampling.self, forKey: .subsampling) ?? .strided
            padding = try c.decodeIfPresent(SpatialPadding.self, forKey: .padding) ?? .zero
            chartScale = try c.decodeIfPresent(Double.self, forKey: .chartScale) ?? 1
        }

        /// Throws for sizes out of range.
        public func validate() throws {
            guard samples > 0 else { throw LieGroupError.nonPositiveCount(samples) }
            guard samples <= 64 else { throw LieGroupError.invalidParameter("\(samples) samples per layer is more than 64") }
            guard (1...64).contains(channels), (1...512).contains(headWidth), (1...256).contains(kernelWidth) else {
                throw LieGroupError.invalidParameter("channels 1...64, head width 1...512, kernel width 1...256")
            }
            guard liftKernel % 2 == 1, convKernel % 2 == 1, (1...9).contains(liftKernel), (1...9).contains(convKernel) else {
                throw LieGroupError.invalidParameter("kernel sides must be odd, 1...9")
            }
            guard (2...LabeledImages.maxClasses).contains(classes) else { throw LieGroupError.invalidParameter("\(classes) classes") }
            guard side % 4 == 0, (4...256).contains(side) else { throw LieGroupError.invalidParameter("image side \(side) must be a multiple of 4 in 4...256") }
            guard variance.isFinite, variance >= 0, omega0.isFinite, omega0 > 0 else {
                throw LieGroupError.invalidParameter("variance must be non-negative and omega0 positive")
            }
        }
    }

    /// The architecture.
    public let configuration: Configuration
    /// The layers.
    public var lift: LiftingLayer<Scalar>
    public var conv1: GroupConvolution<Scalar>, conv2: GroupConvolution<Scalar>
    public var head1: Dense<Scalar>, head2: Dense<Scalar>

    /// A seeded model; throws for an invalid configuration.
    public init(_ configuration: Configuration, generator: inout some RandomNumberGenerator) throws {
        try configuration.validate()
        self.configuration = configuration
        let c = configuration.channels, w = configuration.kernelWidth, o = Scalar(configuration.omega0)
        lift = LiftingLayer(channels: c, kernelSize: configuration.liftKernel, mask: configuration.mask, width: w,
                            omega0: o, generator: &generator)
        conv1 = GroupConvolution(group: configuration.group, inputChannels: c, outputChannels: c, kernelSize: configuration.convKernel,
                                 mask: configuration.mask, width: w, omega0: o, generator: &generator)
        conv1.chartScale = configuration.chartScale
        conv2 = GroupConvolution(group: configuration.group, inputChannels: c, outputChannels: c, kernelSize: configuration.convKernel,
                                 mask: configuration.mask, width: w, omega0: o, generator: &generator)
        conv2.chartScale = configuration.chartScale
        head1 = Dense(inputSize: c, outputSize: configuration.headWidth, generator: &generator)
        head2 = Dense(inputSize: configuration.headWidth, outputSize: configuration.classes, generator: &generator)
    }

    /// Three sample sets (the lift's output, then each group convolution's),
    /// seeded. With stratified rotations the three share one grid phase, so
    /// every relative rotation between layers is a multiple of 2 pi / N and
    /// only the positive-definite factors are random (a common phase is a
    /// left translation of all sets, which the model is invariant to).
    /// `phase` fixes the grid's phase (0: the grid -pi + 2 pi k / N, closed
    /// under quarter turns when 4 divides N); nil draws it.
    public func drawSamples(phase: Double? = nil, using generator: inout some RandomNumberGenerator) throws -> [GroupSampleSet] {
        let phase = phase ?? Double(generator.next() >> 11) * 0x1.0p-53
        return try (0..<3).map { _ in
            try GroupSampleSet.draw(group: configuration.group, count: configuration.samples, variance: configuration.variance,
                                    rotations: configuration.rotations, phase: configuration.rotations == .stratified ? phase : nil,
                                    using: &generator)
        }
    }

    /// The logits [B, classes] of images [B, 1, side, side].
    public func callAsFunction(_ images: Variable<Scalar>, samples: [GroupSampleSet]) throws -> Variable<Scalar> {
        let s = configuration.side, c = configuration.channels
        guard images.shape.count == 4, images.shape[1] == 1, images.shape[2] == s, images.shape[3] == s else {
            throw LieGroupError.wrongImageSize(found: images.shape.count == 4 ? images.shape[2] : 0, expected: s)
        }
        guard samples.count == 3, samples.allSatisfy({ $0.group == configuration.group && $0.count > 0 }) else {
            throw LieGroupError.invalidParameter("the model needs three non-empty sample sets of \(configuration.group.rawValue)")
        }
        let b = images.shape[0]
        let pad = configuration.padding
        var f = try Self.normalized(lift(images, samples: samples[0], padding: pad), samples: samples[0].count, channels: c).gelu()
        if configuration.downsampling { f = try halved(f) }
        f = try Self.normalized(conv1(f, from: samples[0], to: samples[1], padding: pad), samples: samples[1].count, channels: c).gelu()
        if configuration.downsampling { f = try halved(f) }
        f = try Self.normalized(conv2(f, from: samples[1], to: samples[2], padding: pad), samples: samples[2].count, channels: c).gelu()
        let n = samples[2].count, area = f.shape[2] * f.shape[3]
        let spatial = try f.reshaped([b, n, c, area]).maximum(alongAxis: 3)      // [B, N, C]
        let pooled = configuration.groupPooling == .max ? try spatial.maximum(alongAxis: 1) : try spatial.mean(alongAxis: 1)
        return try head2(head1(pooled).gelu())
    }

    /// Each channel of each image standardised over the group samples and
    /// space together (mean 0, variance 1; [B, N C, H, W] in and out): the
    /// statistics are sums over the group and the plane, so the
    /// normalisation commutes with the group action.
    static func normalized(_ x: Variable<Scalar>, samples n: Int, channels c: Int) throws -> Variable<Scalar> {
        let s = x.shape
        let v = try x.reshaped([s[0], n, c, s[2] * s[3]])
        let mean = try v.mean(alongAxis: 3, keepingDimension: true).mean(alongAxis: 1, keepingDimension: true)
        let centred = try v - mean
        let variance = try centred.squared().mean(alongAxis: 3, keepingDimension: true).mean(alongAxis: 1, keepingDimension: true)
        return try (centred / (variance + Scalar(1e-5)).squareRoot()).reshaped(s)
    }

    func halved(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        switch configuration.subsampling {
        case .strided: return try Self.maxPool2x2(x)
        case .polyphase: return try Self.polyphaseMaxPool2x2(x)
        }
    }

    /// Shift-invariant 2 x 2 max pooling of [B, C, H, W] (H, W even): the
    /// maximum over each 2 x 2 window at stride 1 (circular), then, per image,
    /// the polyphase component (offsets (0, 0), (0, 1), (1, 0), (1, 1)) with
    /// the largest sum of squares over all channels, ties to the first.
    /// A circular shift of the input by whole pixels permutes the four
    /// components and shifts each, so the chosen one moves with it.
    static func polyphaseMaxPool2x2(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        let s = x.shape
        let b = s[0], c = s[1], hh = s[2], ww = s[3], h = hh / 2, w = ww / 2
        // Wrap one row and one column, then 2 x 2 windows at stride 1: [B, C, H, W].
        let m = try x.gathered(indices: Array(0..<hh) + [0], alongAxis: 2).gathered(indices: Array(0..<ww) + [0], alongAxis: 3)
            .maxPool2D(size: 2, stride: 1)
        let plane = hh * ww
        var chosen: [Int] = []
        chosen.reserveCapacity(b * c * h * w)
        m.value.elements.withUnsafeBufferPointer { v in
            for i in 0..<b {
                var best = 0, bestNorm = -Double.infinity
                for p in 0..<4 {
                    let (dy, dx) = (p / 2, p % 2)
                    var norm = 0.0
                    for ch in 0..<c {
                        let o = (i * c + ch) * plane
                        for r in 0..<h { for q in 0..<w { let u = Double(v[o + (2 * r + dy) * ww + 2 * q + dx]); norm += u * u } }
                    }
                    if norm > bestNorm { bestNorm = norm; best = p }
                }
                let (dy, dx) = (best / 2, best % 2)
                for ch in 0..<c {
                    let o = (i * c + ch) * plane
                    for r in 0..<h { for q in 0..<w { chosen.append(o + (2 * r + dy) * ww + 2 * q + dx) } }
                }
            }
        }
        return try m.reshaped([b * c * plane]).gathered(indices: chosen, alongAxis: 0).reshaped([b, c, h, w])
    }

    /// 2 x 2 max pooling of [B, C, H, W] (H, W even).
    static func maxPool2x2(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        let s = x.shape
        return try x.reshaped([s[0], s[1], s[2] / 2, 2, s[3] / 2, 2]).transposed([0, 1, 2, 4, 3, 5])
            .reshaped([s[0], s[1], s[2] / 2, s[3] / 2, 4]).maximum(alongAxis: 4)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try lift.visitParameters { try body("lift." + $0, &$1) }
        try conv1.visitParameters { try body("conv1." + $0, &$1) }
        try conv2.visitParameters { try body("conv2." + $0, &$1) }
        try head1.visitParameters { try body("head1." + $0, &$1) }
        try head2.visitParameters { try body("head2." + $0, &$1) }
    }

    /// Multiply-adds of one forward pass per image (the correlations; the
    /// SIRENs run once per batch).
    public var multiplyAddsPerImage: Int {
        let n = configuration.samples, c = configuration.channels, s = configuration.side
        let kl = configuration.liftKernel * configuration.liftKernel, kc = configuration.convKernel * configuration.convKernel
        let (s1, s2) = configuration.downsampling ? (s / 2, s / 4) : (s, s)
        return s * s * n * c * kl + s1 * s1 * n * c * n * c * kc + s2 * s2 * n * c * n * c * kc
    }
}
