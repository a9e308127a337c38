import XCTest
import PointClouds
@testable import Autodiff

/// The Float kernels are separate specialisations of the same code: their
/// values and gradients must match the Double ones (checked by finite
/// differences) to Float rounding.
final class FloatAgreementTests: XCTestCase {
    /// A small network through most operations, written once for both types.
    func run<S: TensorScalar>(_ x: Tensor<S>, _ w: Tensor<S>, _ v: Tensor<S>, labels: [Int]) throws -> (S, [S], [S], [S]) {
        let tape = Tape<S>(training: true, seed: 4)
        let xv = tape.variable(x), wv = tape.variable(w), vv = tape.variable(v)
        var h = try xv.conv2d(wv, stride: 1, padding: 1).gelu()
        h = try h.maxPool2D(size: 2).tanh()
        h = try (h.averagePool2D(size: 2, stride: 1) * 2 + 1).sine(frequency: 1)
        let flat = try h.reshaped([x.shape[0], -1]).layerNormalized()
        let logits = try flat.matmul(vv).dropout(probability: 0.25)
        let loss = try logits.softmaxCrossEntropy(labels: labels) + logits.sigmoid().mean()
        try tape.backward(loss)
        return (loss.scalar, xv.gradient?.elements ?? [], wv.gradient?.elements ?? [], vv.gradient?.elements ?? [])
    }

    func testFloatKernelsAgreeWithDouble() throws {
        var g = SeededGenerator(seed: 41)
        let x = Tensor<Double>(uniform: [3, 2, 6, 6], in: -1...1, using: &g)
        let w = Tensor<Double>(uniform: [4, 2, 3, 3], in: -0.5...0.5, using: &g)
        let v = Tensor<Double>(uniform: [4 * 2 * 2, 5], in: -0.5...0.5, using: &g)
        let labels = [1, 4, 0]
        let d = try run(x, w, v, labels: labels)
        func float(_ t: Tensor<Double>) throws -> Tensor<Float> { try Tensor(shape: t.shape, elements: t.elements.map { Float($0) }) }
        let f = try run(float(x), float(w), float(v), labels: labels)
        XCTAssertEqual(Double(f.0), d.0, accuracy: 1e-5 * max(1, abs(d.0)))
        for (a, b) in [(f.1, d.1), (f.2, d.2), (f.3, d.3)] {
            XCTAssertEqual(a.count, b.count)
            let scale = b.map(abs).max() ?? 1
            for (p, q) in zip(a, b) { XCTAssertEqual(Double(p), q, accuracy: 1e-4 * scale) }
        }
        // and the Double gradients of this whole network are right
        try GradientCheck.check([x, w, v], tolerance: 1e-5) { vs in
            var h = try vs[0].conv2d(vs[1], stride: 1, padding: 1).gelu()
            h = try h.maxPool2D(size: 2).tanh()
            h = try (h.averagePool2D(size: 2, stride: 1) * 2 + 1).sine(frequency: 1)
            return try h.reshaped([3, -1]).layerNormalized().matmul(vs[2]).softmax()
        }
    }
}
