import XCTest
import PointClouds
@testable import Autodiff

final class OperationGradientTests: XCTestCase {
    var g = SeededGenerator(seed: 1)

    func testBroadcastingShapesFollowNumPy() throws {
        XCTAssertEqual(try Broadcasting.shape([4, 1, 3], [5, 1]), [4, 5, 3])
        XCTAssertEqual(try Broadcasting.shape([], [2, 2]), [2, 2])
        XCTAssertThrowsError(try Broadcasting.shape([2, 3], [4]))
    }

    func testElementwiseBinaryGradientsWithBroadcasting() throws {
        let shapes: [([Int], [Int])] = [([3, 4], [3, 4]), ([3, 4], [4]), ([2, 1, 4], [3, 1]), ([1], [2, 3]), ([2, 3, 1], [1, 3, 5])]
        for (sa, sb) in shapes {
            let a = GradientCheck.random(sa, &g), b = GradientCheck.random(sb, &g, in: 0.5...2)
            try GradientCheck.check([a, b]) { try $0[0] + $0[1] }
            try GradientCheck.check([a, b]) { try $0[0] - $0[1] }
            try GradientCheck.check([a, b]) { try $0[0] * $0[1] }
            try GradientCheck.check([a, b]) { try $0[0] / $0[1] }
            try GradientCheck.check([b, a]) { try $0[0] / $0[1].exp() }
        }
    }

    func testBroadcastValuesMatchExplicitLoops() throws {
        let tape = Tape<Double>()
        let a = tape.constant(try Tensor(shape: [2, 1, 3], elements: [1, 2, 3, 4, 5, 6]))
        let b = tape.constant(try Tensor(shape: [2, 1], elements: [10, 20]))
        let c = try a + b
        XCTAssertEqual(c.shape, [2, 2, 3])
        XCTAssertEqual(c.value.elements, [11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26])
    }

    func testScalarOperationGradients() throws {
        let x = GradientCheck.random([5], &g, in: 0.2...2)
        try GradientCheck.check([x]) { ($0[0] + 2) * 3 }
        try GradientCheck.check([x]) { 1.5 - $0[0] / 4 }
        try GradientCheck.check([x]) { -$0[0] }
        try GradientCheck.check([x]) { $0[0].power(1.7) }
        try GradientCheck.check([x]) { $0[0].squareRoot() }
        try GradientCheck.check([x]) { $0[0].squared() }
    }

    func testUnaryGradients() throws {
        let x = GradientCheck.random([4, 3], &g, in: -2...2)
        let pos = GradientCheck.random([4, 3], &g, in: 0.1...3)
        try GradientCheck.check([x]) { $0[0].exp() }
        try GradientCheck.check([pos]) { $0[0].log() }
        try GradientCheck.check([x]) { $0[0].sin() }
        try GradientCheck.check([x]) { $0[0].cos() }
        try GradientCheck.check([x]) { $0[0].tanh() }
        try GradientCheck.check([x]) { $0[0].sigmoid() }
        try GradientCheck.check([x]) { $0[0].relu() }
        try GradientCheck.check([x]) { $0[0].gelu() }
        try GradientCheck.check([x]) { $0[0].gelu(.tanh) }
        try GradientCheck.check([GradientCheck.random([4, 3], &g, in: -0.05...0.05)]) { $0[0].sine() }
    }

    func testActivationValues() throws {
        let tape = Tape<Double>()
        let x = tape.constant(try Tensor(shape: [3], elements: [-1, 0, 2]))
        XCTAssertEqual(x.relu().value.elements, [0, 0, 2])
        // scripts/make_autodiff_reference.py: gelu([-1, 0, 2]) = [-0.15865525393145707, 0, 1.9544997361036416]
        let e = x.gelu().value.elements
        XCTAssertEqual(e[0], -0.15865525393145707, accuracy: 1e-14)
        XCTAssertEqual(e[2], 1.9544997361036416, accuracy: 1e-14)
        // tanh approximation (same script): 1.954597694087775
        XCTAssertEqual(x.gelu(.tanh).value.elements[2], 1.954597694087775, accuracy: 1e-14)
        XCTAssertEqual(x.sine().value.elements[2], Foundation.sin(60), accuracy: 1e-14)
    }

    func testMatmulGradientsWithEveryTransposeAndBatch() throws {
        for (tA, tB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = GradientCheck.random(tA ? [4, 3] : [3, 4], &g), b = GradientCheck.random(tB ? [5, 4] : [4, 5], &g)
            try GradientCheck.check([a, b]) { try $0[0].matmul($0[1], transposeSelf: tA, transposeOther: tB) }
            let ab = GradientCheck.random(tA ? [2, 4, 3] : [2, 3, 4], &g), bb = GradientCheck.random(tB ? [2, 5, 4] : [2, 4, 5], &g)
            try GradientCheck.check([ab, bb]) { try $0[0].matmul($0[1], transposeSelf: tA, transposeOther: tB) }
            try GradientCheck.check([ab, b]) { try $0[0].matmul($0[1], transposeSelf: tA, transposeOther: tB) }
            try GradientCheck.check([a, bb]) { try $0[0].matmul($0[1], transposeSelf: tA, transposeOther: tB) }
        }
    }

    func testMatmulValueAndShapeErrors() throws {
        let tape = Tape<Double>()
        let a = tape.constant(try Tensor(shape: [2, 2], elements: [1, 2, 3, 4]))
        XCTAssertEqual(try a.matmul(a).value.elements, [7, 10, 15, 22])
        XCTAssertEqual(try a.matmul(a, transposeSelf: true).value.elements, [10, 14, 14, 20])
        XCTAssertThrowsError(try a.matmul(tape.constant(Tensor(zeros: [3, 2]))))
        XCTAssertThrowsError(try a.matmul(Tape<Double>().constant(Tensor(zeros: [2, 2])))) { e in
            XCTAssertEqual(e as? AutodiffError, .foreignTape)
        }
    }

    func testReductionGradients() throws {
        let x = GradientCheck.random([3, 4, 2], &g)
        try GradientCheck.check([x]) { $0[0].sum() }
        try GradientCheck.check([x]) { $0[0].mean() }
        for axis in [0, 1, 2, -1] {
            try GradientCheck.check([x]) { try $0[0].sum(alongAxis: axis) }
            try GradientCheck.check([x]) { try $0[0].mean(alongAxis: axis, keepingDimension: true) }
        }
        let tape = Tape<Double>()
        let c = tape.constant(x)
        XCTAssertEqual(try c.sum(alongAxis: 1).shape, [3, 2])
        XCTAssertEqual(try c.sum(alongAxis: 1, keepingDimension: true).shape, [3, 1, 2])
        XCTAssertThrowsError(try c.sum(alongAxis: 3))
    }

    func testReshapeAndTransposeGradients() throws {
        let x = GradientCheck.random([2, 3, 4], &g)
        try GradientCheck.check([x]) { try $0[0].reshaped([4, -1]) }
        try GradientCheck.check([x]) { try $0[0].transposed([2, 0, 1]) }
        try GradientCheck.check([x]) { try $0[0].transposed() }
        let tape = Tape<Double>()
        let m = tape.constant(try Tensor(shape: [2, 3], elements: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(try m.transposed().value.elements, [1, 4, 2, 5, 3, 6])
        XCTAssertThrowsError(try m.reshaped([4, 2]))
    }

    func testLossGradientsAndValues() throws {
        let logits = GradientCheck.random([5, 4], &g, in: -3...3)
        let labels = [0, 3, 1, 1, 2]
        try GradientCheck.check([logits]) { try $0[0].softmaxCrossEntropy(labels: labels) }
        let p = GradientCheck.random([3, 2], &g), t = GradientCheck.random([3, 2], &g)
        try GradientCheck.check([p, t]) { try $0[0].meanSquaredError($0[1]) }

        // log-sum-exp stability: huge logits give a finite loss; value against a direct formula
        let tape = Tape<Double>()
        let big = tape.constant(try Tensor(shape: [1, 3], elements: [1000, 1001, 1002]))
        let l = try big.softmaxCrossEntropy(labels: [2])
        XCTAssertEqual(l.scalar, Foundation.log(1 + Foundation.exp(-1) + Foundation.exp(-2)), accuracy: 1e-12)
        XCTAssertThrowsError(try big.softmaxCrossEntropy(labels: [3]))
        XCTAssertThrowsError(try big.softmaxCrossEntropy(labels: [0, 1]))
    }

    func testBackwardNeedsAScalarAndAccumulates() throws {
        let tape = Tape<Double>()
        let x = tape.variable(try Tensor(shape: [2], elements: [1, 2]))
        XCTAssertThrowsError(try tape.backward(x * 2)) { e in
            XCTAssertEqual(e as? AutodiffError, .notScalar(shape: [2]))
        }
        let y = try (x * x).sum()
        try tape.backward(y)
        XCTAssertEqual(x.gradient?.elements, [2, 4])
        XCTAssertNil(tape.constant(Tensor(zeros: [1])).gradient)
    }
}
