import Foundation
import XCTest
import Autodiff
import LinearAlgebra
import PointClouds
@testable import LieGroups

/// Issue 14's resampling study: the whole model's gradient under one fixed
/// draw, averaging over several sample sets at test time, the sample pool,
/// and the chart scale of the group convolutions' kernels.
final class ResamplingTests: XCTestCase {
    func tiny<S: TensorScalar>(_ group: ModelGroup = .affineGL2, samples: Int = 3) -> LieClassifier<S>.Configuration {
        var c = LieClassifier<S>.Configuration(group: group, samples: samples)
        c.channels = 2
        c.kernelWidth = 6
        c.headWidth = 4
        c.side = 8
        return c
    }

    func pixels(_ count: Int, side: Int, seed: UInt64) -> [Float] {
        var rng = TestGenerator(seed)
        return (0..<count * side * side).map { _ in Float(rng.uniform(0, 1)) }
    }

    /// The gradient of the cross-entropy of the whole classifier (lift, two
    /// group convolutions, normalisations, polyphase pooling, head) under one
    /// fixed draw against central differences, in Double: forward and
    /// backward see the same samples and no parameter is left out.
    func testWholeModelGradientUnderAFixedDrawMatchesFiniteDifferences() throws {
        let cfg: LieClassifier<Double>.Configuration = tiny()
        var rng = SeededGenerator(seed: 7)
        let model = try LieClassifier<Double>(cfg, generator: &rng)
        let samples = try model.drawSamples(using: &rng)
        let x = try Tensor<Double>(shape: [3, 1, 8, 8], elements: pixels(3, side: 8, seed: 2).map(Double.init))
        let labels = [1, 4, 7]
        func loss(_ m: LieClassifier<Double>) throws -> Double {
            let tape = Tape<Double>()
            return try m(tape.constant(x), samples: samples).softmaxCrossEntropy(labels: labels).scalar
        }
        let tape = Tape<Double>()
        try tape.backward(model(tape.constant(x), samples: samples).softmaxCrossEntropy(labels: labels))
        let grads = tape.parameterGradients()
        let h = 1e-6
        var checked = 0, largest = 0.0
        for (name, p) in model.namedParameters {
            guard let g = grads[p] else { XCTFail("no gradient for \(name)"); continue }
            for i in stride(from: 0, to: p.value.count, by: max(1, p.value.count / 4)) {
                var plus = model, minus = model
                plus.visitParameters { n, q in if n == name { q.value.elements[i] += h } }
                minus.visitParameters { n, q in if n == name { q.value.elements[i] -= h } }
                let numeric = (try loss(plus) - loss(minus)) / (2 * h)
                XCTAssertEqual(g.elements[i], numeric, accuracy: 1e-5 * max(1, abs(numeric)), "\(name)[\(i)]")
                largest = max(largest, abs(numeric))
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 60)
        XCTAssertGreaterThan(largest, 1e-3)      // the check is not vacuous
    }

    /// draws: 1 is the plain prediction with the set of phase 0; draws: K
    /// averages the softmax over the first K phase-0 draws of the seed, and
    /// those are the sets `samplePool: K` trains with.
    func testAveragingOverDrawsIsTheMeanOfTheSoftmaxOverThePoolSets() throws {
        var rng = SeededGenerator(seed: 3)
        let model = try LieClassifier<Float>(tiny() as LieClassifier<Float>.Configuration, generator: &rng)
        let data = try LabeledImages(side: 8, labels: Array(repeating: 0, count: 5), pixels: pixels(5, side: 8, seed: 9))
        let x = try LieTraining.batchTensor(data, Array(0..<5))
        var seeded = SeededGenerator(seed: 21)
        let sets = try (0..<3).map { _ in try model.drawSamples(phase: 0, using: &seeded) }
        let logits = try sets.map { s -> [Float] in
            let tape = Tape<Float>()
            return try model(tape.constant(x), samples: s).value.elements
        }
        let one = try LieTraining.predictions(of: model, on: data, evaluationSeed: 21)
        XCTAssertEqual(one, LieTraining.argmax(try Tensor(shape: [5, 10], elements: logits[0]), classes: 10))
        var mean = [Float](repeating: 0, count: 50)
        for l in logits { for (i, p) in LieTraining.softmaxRows(l, classes: 10).enumerated() { mean[i] += p } }
        let three = try LieTraining.predictions(of: model, on: data, evaluationSeed: 21, draws: 3)
        XCTAssertEqual(three, LieTraining.argmax(try Tensor(shape: [5, 10], elements: mean), classes: 10))
        // The draws differ (the average is over different sets).
        XCTAssertNotEqual(sets[0], sets[1])
        XCTAssertThrowsError(try LieTraining.predictions(of: model, on: data, evaluationSeed: 21, draws: 0))
        var training = LieTraining(epochs: 1, seed: 1, sampleSeed: 2)
        training.samplePool = 0
        var m = model
        XCTAssertThrowsError(try training.train(&m, on: data))
    }

    /// Scaling every input sample by lambda shifts the log P chart
    /// coordinates of every relative element by log(lambda) and divides the
    /// kernels by lambda^2 (|det|): with chart scale 0 the kernels are the
    /// same up to that factor, with chart scale 1 they are not.
    func testChartScaleZeroMakesTheKernelBlindToThePositiveDefiniteFactor() throws {
        var rng = SeededGenerator(seed: 5)
        var conv = GroupConvolution<Double>(group: .affineGL2, inputChannels: 2, outputChannels: 2, kernelSize: 3, width: 6, generator: &rng)
        let output = try GroupSampleSet.draw(group: .affineGL2, count: 3, using: &rng)
        let input = try GroupSampleSet.draw(group: .affineGL2, count: 2, using: &rng)
        let lambda = 1.3
        let scaled = try GroupSampleSet(group: .affineGL2, elements: input.elements.map { lambda * $0 })
        func gap(_ c: GroupConvolution<Double>) throws -> Double {
            let tape = Tape<Double>()
            let a = try c.weights(on: tape, from: input, to: output).value.elements
            let b = try c.weights(on: tape, from: scaled, to: output).value.elements
            let scale = a.map(abs).max() ?? 1
            return zip(a, b).map { abs($0 - lambda * lambda * $1) }.max().map { $0 / scale } ?? 0
        }
        XCTAssertGreaterThan(try gap(conv), 1e-3)
        conv.chartScale = 0
        XCTAssertLessThan(try gap(conv), 1e-12)
        // Model files written before chartScale existed decode with 1.
        let cfg: LieClassifier<Float>.Configuration = tiny()
        var json = String(decoding: try JSONEncoder().encode(cfg), as: UTF8.self)
        json = json.replacingOccurrences(of: ",\"chartScale\":1", with: "").replacingOccurrences(of: "\"chartScale\":1,", with: "")
        XCTAssertFalse(json.contains("chartScale"))
        XCTAssertEqual(try JSONDecoder().decode(LieClassifier<Float>.Configuration.self, from: Data(json.utf8)).chartScale, 1)
    }
}
