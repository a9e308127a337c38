import Autodiff
import LinearAlgebra

/// The lifting layer of Mironenco and Forré (ICLR 2024): an image on R^2
/// becomes a function on the affine group R^2 x| G, sampled at the
/// translations of the pixel grid and the linear samples h_1..h_N:
/// out(t, h_i)[c] = sum over kernel offsets x of image(t + x) k(h_i^-1 x)[c] |det h_i^-1|,
/// the kernel k a `SirenKernel` on R^2 times a `KernelMask`.
///
/// Output channel i C + c holds sample i, channel c, so the result of an
/// image batch [B, 1, H, W] is [B, N C, H, W]. Transforming the image by g
/// and the samples by h_i -> g h_i moves the output: out'(t, g h_i) = out(g^-1 t, h_i).
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let lift = LiftingLayer<Float>(channels: 8, kernelSize: 5, generator: &rng)
/// let samples = try GroupSampleSet.draw(group: .affineGL2, count: 6, using: &rng)
/// let tape = Tape<Float>()
/// let f = try lift(tape.constant(Tensor(zeros: [4, 1, 16, 16])), samples: samples)   // [4, 48, 16, 16]
/// ```
///
/// - Complexity: the SIREN at N K^2 points, then one correlation with
///   B H W N C K^2 multiply-adds.
public struct LiftingLayer<Scalar: TensorScalar>: ParameterContainer, Sendable {
    /// The kernel network, R^2 -> R^C.
    public var kernel: SirenKernel<Scalar>
    /// Output channels per sample.
    public let channels: Int
    /// The odd kernel side K.
    public let kernelSize: Int
    /// The window on h^-1 u.
    public let mask: KernelMask

    /// A seeded layer.
    public init(channels: Int, kernelSize: Int, mask: KernelMask = .soft(sharpness: 10), width: Int = 32,
                omega0: Scalar = 10, generator: inout some RandomNumberGenerator) {
        self.channels = max(1, channels)
        self.kernelSize = max(1, kernelSize | 1)
        self.mask = mask
        kernel = SirenKernel(inputSize: 2, outputSize: self.channels, width: width, omega0: omega0, generator: &generator)
    }

    /// The kernel weights for these samples, [N C, 1, K, K].
    public func weights(on tape: Tape<Scalar>, samples: GroupSampleSet) throws -> Variable<Scalar> {
        let n = samples.count, k = kernelSize, kk = k * k
        let u = KernelGeometry.offsets(k)
        var points = [Scalar](), scale = [Scalar]()
        points.reserveCapacity(n * kk * 2)
        let fan = 2.0.squareRoot() / Double(k)  // sqrt(2 / (C_in K^2)), C_in = 1
        for i in 0..<n {
            let inv = samples.inverses[i], detInv = 1 / samples.determinants[i]
            for q in 0..<kk {
                let v = KernelGeometry.moved(inv, u[q])
                points.append(Scalar(v.x)); points.append(Scalar(v.y))
                scale.append(Scalar(mask.value(v.x, v.y) * detInv * fan))
            }
        }
        let x = tape.constant(try Tensor(shape: [n * kk, 2], elements: points))
        let s = tape.constant(try Tensor(shape: [n * kk, 1], elements: scale))
        let values = try kernel(x) * s                                  // [N KK, C]
        return try values.reshaped([n, kk, channels]).transposed([0, 2, 1]).reshaped([n * channels, 1, k, k])
    }

    /// The lifted batch [B, N C, H, W] of images [B, 1, H, W], zero or
    /// circular padding at the border.
    public func callAsFunction(_ images: Variable<Scalar>, samples: GroupSampleSet,
                               padding: SpatialPadding = .zero) throws -> Variable<Scalar> {
        try images.sameConvolution(weights(on: images.tape, samples: samples), padding: padding)
    }

    public mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try kernel.visitParameters { try body("kernel." + $0, &$1) }
    }
}
