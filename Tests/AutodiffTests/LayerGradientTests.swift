import XCTest
import PointClouds
@testable import Autodiff

final class LayerGradientTests: XCTestCase {
    var g = SeededGenerator(seed: 21)

    func testConcatenateGatherAndSliceGradients() throws {
        let a = GradientCheck.random([2, 3, 2], &g), b = GradientCheck.random([2, 1, 2], &g)
        for axis in [0, 1, 2] {
            let bb = GradientCheck.random(axis == 1 ? [2, 1, 2] : (axis == 0 ? [1, 3, 2] : [2, 3, 1]), &g)
            try GradientCheck.check([a, bb]) { try Variable.concatenate([$0[0], $0[1], $0[0]], alongAxis: axis) }
        }
        try GradientCheck.check([a]) { try $0[0].gathered(indices: [2, 0, 2, 2], alongAxis: 1) }
        try GradientCheck.check([a]) { try $0[0].sliced(1..<3, alongAxis: 1) }
        try GradientCheck.check([a]) { try $0[0].sliced(0..<1, alongAxis: -1) }
        let tape = Tape<Double>()
        let m = tape.constant(try Tensor(shape: [2, 2], elements: [1, 2, 3, 4]))
        XCTAssertEqual(try Variable.concatenate([m, m], alongAxis: 1).value.elements, [1, 2, 1, 2, 3, 4, 3, 4])
        XCTAssertEqual(try m.gathered(indices: [1, 1, 0]).value.elements, [3, 4, 3, 4, 1, 2])
        XCTAssertThrowsError(try m.gathered(indices: [2]))
        XCTAssertThrowsError(try m.sliced(1..<3))
        XCTAssertThrowsError(try Variable.concatenate([m, tape.constant(b)], alongAxis: 0))
        _ = b
    }

    /// Direct 7-loop cross-correlation, for the values.
    func directConvolution(_ x: Tensor<Double>, _ w: Tensor<Double>, _ b: Tensor<Double>, stride s: Int, padding p: Int) -> [Double] {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
        let ho = (h + 2 * p - kh) / s + 1, wo = (wd + 2 * p - kw) / s + 1
        var y: [Double] = []
        for i in 0..<n { for oc in 0..<o { for r in 0..<ho { for q in 0..<wo {
            var acc = b[oc]
            for ic in 0..<c { for u in 0..<kh { for v in 0..<kw {
                let hh = r * s - p + u, ww = q * s - p + v
                if hh >= 0, hh < h, ww >= 0, ww < wd { acc += x[i, ic, hh, ww] * w[oc, ic, u, v] }
            } } }
            y.append(acc)
        } } } }
        return y
    }

    func testConvolutionValuesAndGradients() throws {
        for (stride, padding, size) in [(1, 0, 5), (1, 1, 5), (2, 1, 6), (2, 0, 5)] {
            let conv = Conv2D<Double>(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: stride, padding: padding, generator: &g)
            let x = GradientCheck.random([2, 2, size, size], &g)
            let tape = Tape<Double>()
            let y = try conv(tape.constant(x))
            let direct = directConvolution(x, conv.weight.value, conv.bias!.value, stride: stride, padding: padding)
            XCTAssertEqual(y.value.count, direct.count)
            for (u, v) in zip(y.value.elements, direct) { XCTAssertEqual(u, v, accuracy: 1e-12) }
            try GradientCheck.checkLayer(conv, input: x)
        }
        let noBias = Conv2D<Double>(inputChannels: 1, outputChannels: 2, kernelSize: 2, bias: false, generator: &g)
        try GradientCheck.checkLayer(noBias, input: GradientCheck.random([1, 1, 4, 3], &g))
        let tape = Tape<Double>()
        let conv = Conv2D<Double>(inputChannels: 2, outputChannels: 3, kernelSize: 3, generator: &g)
        XCTAssertThrowsError(try conv(tape.constant(Tensor(zeros: [1, 1, 5, 5]))))   // wrong channels
        XCTAssertThrowsError(try conv(tape.constant(Tensor(zeros: [1, 2, 2, 2]))))   // kernel larger than input
        XCTAssertThrowsError(try conv(tape.constant(Tensor(zeros: [2, 5, 5]))))      // not NCHW
    }

    func testPoolingValuesAndGradients() throws {
        let x = GradientCheck.random([2, 3, 6, 6], &g)
        try GradientCheck.check([x]) { try $0[0].maxPool2D(size: 2) }
        try GradientCheck.check([x]) { try $0[0].maxPool2D(size: 3, stride: 2) }
        try GradientCheck.check([x]) { try $0[0].averagePool2D(size: 2) }
        try GradientCheck.check([x]) { try $0[0].averagePool2D(size: 3, stride: 1) }
        let tape = Tape<Double>()
        let m = tape.constant(try Tensor(shape: [1, 1, 2, 4], elements: [1, 5, 2, 0, 3, 4, 8, 6]))
        XCTAssertEqual(try m.maxPool2D(size: 2).value.elements, [5, 8])
        XCTAssertEqual(try m.averagePool2D(size: 2).value.elements, [3.25, 4])
        XCTAssertEqual(try m.maxPool2D(size: 2).shape, [1, 1, 1, 2])
    }

    func testLayerNormGradientsAndStatistics() throws {
        var norm = LayerNorm<Double>(size: 5)
        norm.scale.value = GradientCheck.random([5], &g, in: 0.5...1.5)
        norm.shift.value = GradientCheck.random([5], &g)
        try GradientCheck.checkLayer(norm, input: GradientCheck.random([3, 5], &g))
        try GradientCheck.checkLayer(norm, input: GradientCheck.random([2, 2, 5], &g))
        let tape = Tape<Double>()
        let y = try LayerNorm<Double>(size: 4)(tape.constant(GradientCheck.random([3, 4], &g, in: -5...5)))
        for r in 0..<3 {
            let row = (0..<4).map { y.value[r, $0] }
            let mean = row.reduce(0, +) / 4
            let variance = row.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4
            XCTAssertEqual(mean, 0, accuracy: 1e-12)
            XCTAssertEqual(variance, 1, accuracy: 1e-3)   // epsilon 1e-5 against a variance of a few units
        }
        XCTAssertThrowsError(try LayerNorm<Double>(size: 3)(tape.constant(Tensor(zeros: [2, 4]))))
    }

    func testSineLayerGradientsAndInitialisationBounds() throws {
        let first = SineLayer<Double>(inputSize: 4, outputSize: 6, isFirst: true, generator: &g)
        let hidden = SineLayer<Double>(inputSize: 6, outputSize: 3, generator: &g)
        XCTAssertLessThanOrEqual(first.linear.weight.value.elements.map(abs).max() ?? 1, 1.0 / 4)
        XCTAssertLessThanOrEqual(hidden.linear.weight.value.elements.map(abs).max() ?? 1, (6.0 / 6).squareRoot() / 30)
        try GradientCheck.checkLayer(first, input: GradientCheck.random([3, 4], &g))
        try GradientCheck.checkLayer(hidden, input: GradientCheck.random([3, 6], &g))
    }

    func testDropoutIsSeededScaledAndIdentityInEvaluation() throws {
        let x = GradientCheck.random([4, 50], &g)
        let drop = Dropout<Double>(probability: 0.3)
        let eval = Tape<Double>()
        XCTAssertEqual(try drop(eval.constant(x)).value, x)
        let t1 = Tape<Double>(training: true, seed: 8), t2 = Tape<Double>(training: true, seed: 8)
        let y1 = try drop(t1.constant(x)).value, y2 = try drop(t2.constant(x)).value
        XCTAssertEqual(y1, y2)
        let zeros = y1.elements.filter { $0 == 0 }.count
        XCTAssertEqual(Double(zeros) / 200, 0.3, accuracy: 0.1)
        for (u, v) in zip(y1.elements, x.elements) where u != 0 { XCTAssertEqual(u, v / 0.7, accuracy: 1e-12) }
        try GradientCheck.checkLayer(drop, input: x, training: true)
        XCTAssertThrowsError(try Dropout<Double>(probability: 1)(t1.constant(x)))
    }
}
