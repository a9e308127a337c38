import Autodiff
import LinearAlgebra

/// A group convolution on R^2 x| G by Monte Carlo over linear samples
/// (Mironenco and Forré, ICLR 2024): for input samples h'_1..h'_M and
/// output samples h_1..h_N,
/// out(t, h_i)[o] = (1/M) sum over j, offsets x and channels c of
/// in(t + x, h'_j)[c] k(h_i^-1 x, xi^-1(h_i^-1 h'_j))[o, c] / |det h'_j|,
/// the kernel a `SirenKernel` on the 2 spatial coordinates and the
/// `ModelGroup.featureCount` chart features of the relative element, times
/// a `KernelMask` on h_i^-1 x. Left-translating both sample sets by g
/// leaves every relative element unchanged, which makes the layer
/// equivariant: out'(t, g h_i) = out(g^-1 t, h_i).
///
/// Channels are laid out sample-major: [B, M C_in, H, W] -> [B, N C_out, H, W].
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let conv = GroupConvolution<Float>(group: .affineGL2, inputChannels: 8, outputChannels: 8, kernelSize: 3, generator: &rng)
/// let s = try GroupSampleSet.draw(group: .affineGL2, count: 6, using: &rng)
/// let tape = Tape<Float>()
/// let y = try conv(tape.constant(Tensor(zeros: [2, 48, 8, 8])), from: s, to: s)   // [2, 48, 8, 8]
/// ```
///
/// - Complexity: the SIREN at N M K^2 points, then one correlation with
///   B H W N M C_out C_in K^2 multiply-adds.
public struct GroupConvolution<Scalar: TensorScalar>: ParameterContainer, Sendable {
    /// The kernel network, R^(2 + F) -> R^(C_out C_in).
    public var kernel: SirenKernel<Scalar>
    /// The group (fixes F).
    public let group: ModelGroup
    /// Channels per sample.
    public let inputChannels: Int, outputChannels: Int
    /// The odd kernel side K.
    public let kernelSize: Int
    /// The window on h_i^-1 u.
    public let mask: KernelMask
    /// The factor the chart coordinates of the relative elements' positive-definite
    /// part (log P) are multiplied by before the SIREN (1: as they are).
    /// Below 1 the kernel varies more slowly across the sampled
    /// positive-definite factors (see `LieClassifier.Configuration.chartScale`).
    public var chartScale: Double = 1

    /// A seeded layer.
    public init(group: ModelGroup, inputChannels: Int, outputChannels: Int, kernelSize: Int,
                mask: KernelMask = .soft(sharpness: 10), width: Int = 32, omega0: Scalar = 10,
                generator: inout some RandomNumberGenerator) {
        self.group = group
        self.inputChannels = max(1, inputChannels)
        self.outputChannels = max(1, outputChannels)
        self.kernelSize = max(1, kernelSize | 1)
        self.mask = mask
        kernel = SirenKernel(inputSize: 2 + group.featureCount, outputSize: self.inputChannels * self.outputChannels,
                             width: width, omega0: omega0, generator: &generator)
    }

    /// The kernel weights [N C_out, M C_in, K, K].
    public func weights(on tape: Tape<Scalar>, from input: GroupSampleSet, to output: GroupSampleSet) throws -> Variable<Scalar> {
        let n = output.count, m = input.count, k = kernelSize, kk = k * k, f = group.featureCount, d = 2 + f
        let u = KernelGeometry.offsets(k)
        let relative = output.relativeFeatures(from: input)
        let inputDet = input.determinants
        // He-style gain over the whole fan-in M C_in K^2, written as the Monte Carlo mean (1/M) times sqrt(2 M / (C_in K^2)).
        let fan = (2 * Double(m) / (Double(inputChannels) * Double(kk))).squareRoot()
        var points = [Scalar](), scale = [Scalar]()
        points.reserveCapacity(n * m * kk * d)
        scale.reserveCapacity(n * m * kk)
        for i in 0..<n {
            let moved = u.map { KernelGeometry.moved(output.inverses[i], $0) }
            let window = moved.map { mask.value($0.x, $0.y) }
            for j in 0..<m {
                let o = (i * m + j) * f
                let w = fan / (Double(m) * inputDet[j])
                for q in 0..<kk {
                    points.append(Scalar(moved[q].x)); points.append(Scalar(moved[q].y))
                    for e in 0..<f { points.append(Scalar(e < f - 2 ? chartScale * relative[o + e] : relative[o + e])) }
                    scale.append(Scalar(window[q] * w))
                }
            }
        }
        let x = tape.constant(try Tensor(shape: [n * m * kk, d], elements: points))
        let s = tape.constant(try Tensor(shape: [n * m * kk, 1], elements: scale))
        let values = try kernel(x) * s                                         // [N M KK, Co Ci]
        return try values.reshaped([n, m, kk, outputChannels, inputChannels])
            .transposed([0, 3, 1, 4, 2])
            .reshaped([n * outputChannels, m * inputChannels, k, k])
    }

    /// The convolved batch [B, N C_out, H, W] of [B, M C_in, H, W], zero or
    /// circular padding at the border.
    public func callAsFunction(_ x: Variable<Scalar>, from input: GroupSampleSet, to output: GroupSampleSet,
                               padding: SpatialPadding = .zero) throws -> Variable<Scalar> {
        guard x.shape.count == 4, x.shape[1] == input.count * inputChannels else {
            throw LieGroupError.invalidParameter("group convolution of \(input.count) x \(inputChannels) channels got input \(x.shape)")
        }
        return try x.sameConvolution(weights(on: x.tape, from: input, to: output), padding: padding)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try kernel.visitParameters { try body("kernel." + $0, &$1) }
    }
}
