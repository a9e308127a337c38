import XCTest
import PointClouds
@testable import Autodiff

/// A two-layer MLP for the tests.
struct TinyMLP<Scalar: TensorScalar>: Layer {
    var fc1: Dense<Scalar>, fc2: Dense<Scalar>

    init(_ sizes: (Int, Int, Int), generator: inout SeededGenerator) {
        fc1 = Dense(inputSize: sizes.0, outputSize: sizes.1, generator: &generator)
        fc2 = Dense(inputSize: sizes.1, outputSize: sizes.2, generator: &generator)
    }

    func callAsFunction(_ x: Variable<Scalar>) throws -> Variable<Scalar> {
        try fc2(fc1(x).gelu())
    }

    mutating func visitParameters(_ body: (String, inout Parameter<Scalar>) throws -> Void) rethrows {
        try fc1.visitParameters { try body("fc1." + $0, &$1) }
        try fc2.visitParameters { try body("fc2." + $0, &$1) }
    }
}

final class TrainingTests: XCTestCase {
    func testDenseLayerGradients() throws {
        var g = SeededGenerator(seed: 4)
        let dense = Dense<Double>(inputSize: 3, outputSize: 2, generator: &g)
        let x = GradientCheck.random([4, 3], &g), x3 = GradientCheck.random([2, 2, 3], &g)
        try GradientCheck.check([x, dense.weight.value, dense.bias!.value]) { try $0[0].matmul($0[1]) + $0[2] }
        XCTAssertThrowsError(try Dense(weight: Tensor<Double>(zeros: [3, 2]), bias: Tensor(zeros: [3])))
        // the layer itself: gradients with respect to its input and through the parameter leaves
        try GradientCheck.checkLayer(dense, input: x)
        try GradientCheck.checkLayer(dense, input: x3)
        try GradientCheck.checkLayer(Dense<Double>(inputSize: 3, outputSize: 2, bias: false, generator: &g), input: x)
        try GradientCheck.check([x]) { try dense($0[0]).relu() }
        try GradientCheck.check([x3]) { try dense($0[0]).tanh() }
        let tape = Tape<Double>()
        let loss = try dense(tape.constant(x)).sum()
        try tape.backward(loss)
        let grads = tape.parameterGradients()
        // d sum(xW + b)/dW = column sums of x repeated; d/db = batch size
        let colSums = (0..<3).map { j in (0..<4).reduce(0.0) { $0 + x[$1, j] } }
        let gw = try XCTUnwrap(grads[dense.weight])
        for j in 0..<3 { for k in 0..<2 { XCTAssertEqual(gw[j, k], colSums[j], accuracy: 1e-12) } }
        XCTAssertEqual(grads[dense.bias!]?.elements, [4, 4])
    }

    func testTinyMLPGradients() throws {
        var g = SeededGenerator(seed: 5)
        let model = TinyMLP<Double>((3, 5, 2), generator: &g)
        try GradientCheck.checkLayer(model, input: GradientCheck.random([4, 3], &g))
        XCTAssertEqual(model.namedParameters.map(\.name), ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
        XCTAssertEqual(model.parameterCount, 3 * 5 + 5 + 5 * 2 + 2)
    }

    func testSharedParameterGradientsAreSummed() throws {
        let p = Parameter(try Tensor<Double>(shape: [2], elements: [1, 3]))
        let tape = Tape<Double>()
        let a = tape.variable(p), b = tape.variable(p)
        XCTAssertEqual(a.index, b.index)
        try tape.backward(try (a * b).sum())
        XCTAssertEqual(tape.parameterGradients()[p]?.elements, [2, 6])
    }

    func testTinyMLPLearnsAngleSectorsBelowStatedLoss() throws {
        // Seeded toy problem: 3 classes of 2D points, the label by the angle sector.
        var g = SeededGenerator(seed: 11)
        let n = 120
        var xs = [Float](), ys = [Int]()
        for _ in 0..<n {
            let x = Float.random(in: -1...1, using: &g), y = Float.random(in: -1...1, using: &g)
            let angle = Double(atan2(y, x)) + Double.pi
            xs += [x, y]
            ys.append(min(2, Int(angle / (2 * Double.pi / 3))))
        }
        let data = try Tensor<Float>(shape: [n, 2], elements: xs)
        var model = TinyMLP<Float>((2, 32, 3), generator: &g)
        var adam = Adam<Float>(learningRate: 0.02)
        var first: Float = 0, last: Float = 0
        for step in 0..<200 {
            let tape = Tape<Float>()
            let loss = try model(tape.constant(data)).softmaxCrossEntropy(labels: ys)
            try tape.backward(loss)
            adam.step(&model, gradients: tape.parameterGradients())
            if step == 0 { first = loss.scalar }
            last = loss.scalar
        }
        XCTAssertGreaterThan(first, 0.9)
        XCTAssertLessThan(last, 0.15, "loss \(first) -> \(last)")
    }

    func testAdamMatchesPyTorchFirstSteps() throws {
        // torch.optim.Adam's update rule (PyTorch is not installed here; the rule from its
        // documentation, in scripts/make_autodiff_reference.py) with lr=0.1 on f(p) = sum(p^2), p0 = [1, -2]:
        // after 3 steps p = [0.7015862729460303, -1.7006233920464653].
        var p = Parameter(try Tensor<Double>(shape: [2], elements: [1, -2]))
        var adam = Adam<Double>(learningRate: 0.1)
        for _ in 0..<3 {
            let tape = Tape<Double>()
            let v = tape.variable(p)
            try tape.backward(try (v * v).sum())
            adam.update(&p, gradient: try XCTUnwrap(tape.parameterGradients()[p]))
        }
        XCTAssertEqual(p.value.elements[0], 0.7015862729460303, accuracy: 1e-13)
        XCTAssertEqual(p.value.elements[1], -1.7006233920464653, accuracy: 1e-13)
    }

    func testSGDMomentumAndAdamWDecay() throws {
        // SGD with momentum 0.9 on f = p^2/2 (gradient p), p0 = 1, lr 0.1: b1 = 1, p1 = 0.9; b2 = 0.9 + 0.9 = 1.8, p2 = 0.72
        var p = Parameter(try Tensor<Double>(shape: [1], elements: [1]))
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        sgd.update(&p, gradient: p.value)
        XCTAssertEqual(p.value.elements[0], 0.9, accuracy: 1e-15)
        sgd.update(&p, gradient: p.value)
        XCTAssertEqual(p.value.elements[0], 0.72, accuracy: 1e-15)
        // AdamW with a zero gradient only decays: p *= 1 - lr * wd
        var q = Parameter(try Tensor<Double>(shape: [1], elements: [2]))
        var w = Adam<Double>.adamW(learningRate: 0.1, weightDecay: 0.5)
        w.update(&q, gradient: Tensor(zeros: [1]))
        XCTAssertEqual(q.value.elements[0], 2 * 0.95, accuracy: 1e-12)
    }
}
