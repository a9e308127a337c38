import Foundation
import XCTest
import Autodiff
import LinearAlgebra
import PointClouds
@testable import LieGroups

final class LieClassifierTests: XCTestCase {
    /// The exact quarter turn of the pixel grid (column, row) -> (-row, column).
    let quarter = Matrix2<Double>(a: 0, b: -1, c: 1, d: 0)

    func smallConfiguration(_ group: ModelGroup, samples: Int, side: Int = 8) -> LieClassifier<Float>.Configuration {
        var c = LieClassifier<Float>.Configuration(group: group, samples: samples)
        c.channels = 3
        c.kernelWidth = 12
        c.headWidth = 8
        c.side = side
        return c
    }

    func images(count: Int, side: Int, seed: UInt64) -> [Float] {
        var rng = TestGenerator(seed)
        return (0..<count * side * side).map { _ in Float(rng.uniform(0, 1)) }
    }

    func logits<S: TensorScalar>(_ model: LieClassifier<S>, _ pixels: [Float], side: Int, samples: [GroupSampleSet]) throws -> [S] {
        let tape = Tape<S>()
        let x = try Tensor<S>(shape: [pixels.count / (side * side), 1, side, side], elements: pixels.map { S($0) })
        return try model(tape.constant(x), samples: samples).value.elements
    }

    func quarterTurned(_ pixels: [Float], side: Int) -> [Float] {
        let g = GLPlus2<Double>(unchecked: quarter)
        let area = side * side
        return stride(from: 0, to: pixels.count, by: area).flatMap { g.act(onImage: Array(pixels[$0 ..< $0 + area]), side: side) }
    }

    /// Rotating the images a quarter turn and every sample set h -> R h
    /// together leaves the logits unchanged (GL+(2) and SL(2), max and mean pooling).
    func testLogitsAreUnchangedWhenTheInputAndTheSamplesTurnTogether() throws {
        let side = 8
        let x = images(count: 3, side: side, seed: 5), rx = quarterTurned(x, side: side)
        for group in [ModelGroup.affineGL2, .affineSL2] {
            for pooling in [LieClassifier<Float>.Configuration.Pooling.max, .mean] {
                var cfg = smallConfiguration(group, samples: 5)
                cfg.groupPooling = pooling
                var rng = SeededGenerator(seed: 11)
                let model = try LieClassifier<Float>(cfg, generator: &rng)
                let samples = try model.drawSamples(using: &rng)     // random phase: not closed under the quarter turn
                let turned = samples.map { $0.leftTranslated(by: quarter) }
                let a = try logits(model, x, side: side, samples: samples)
                let b = try logits(model, rx, side: side, samples: turned)
                let scale = a.map(abs).max() ?? 1
                let error = zip(a, b).map { abs($0 - $1) }.max() ?? 0
                XCTAssertLessThan(error, 1e-6 * max(1, scale), "\(group) \(pooling): \(error) at logit scale \(scale)")
                // Without turning the samples the logits do move (the test can fail).
                let c = try logits(model, rx, side: side, samples: samples)
                XCTAssertGreaterThan(zip(a, c).map { abs($0 - $1) }.max() ?? 0, 1e-3)
            }
        }
    }

    /// Random 8 x 8 patches in the centre of 16 x 16 zero images (a 4-pixel zero border).
    func paddedPatches(count: Int, seed: UInt64) -> [Float] {
        var rng = TestGenerator(seed)
        var out = [Float](repeating: 0, count: count * 256)
        for i in 0..<count { for r in 4..<12 { for c in 4..<12 { out[i * 256 + r * 16 + c] = Float(rng.uniform(0, 1)) } } }
        return out
    }

    /// Each 16 x 16 image moved by (dx, dy) whole pixels (columns, rows), zero filled.
    func shifted(_ pixels: [Float], dx: Int, dy: Int) -> [Float] {
        var out = [Float](repeating: 0, count: pixels.count)
        for i in 0..<pixels.count / 256 {
            for r in 0..<16 { for c in 0..<16 where (0..<16).contains(r - dy) && (0..<16).contains(c - dx) {
                out[i * 256 + r * 16 + c] = pixels[i * 256 + (r - dy) * 16 + (c - dx)]
            } }
        }
        return out
    }

    /// The largest logit change under a whole-pixel shift, relative to the logit scale.
    func shiftError(_ cfg: LieClassifier<Float>.Configuration, dx: Int, dy: Int) throws -> Float {
        var rng = SeededGenerator(seed: 21)
        let model = try LieClassifier<Float>(cfg, generator: &rng)
        let samples = try model.drawSamples(using: &rng)
        let x = paddedPatches(count: 3, seed: 22)
        let a = try logits(model, x, side: 16, samples: samples)
        let b = try logits(model, shifted(x, dx: dx, dy: dy), side: 16, samples: samples)
        let scale = max(1, a.map(abs).max() ?? 1)
        return (zip(a, b).map { abs($0 - $1) }.max() ?? 0) / scale
    }

    /// Issue 14's diagnosis: the plain CNN and the group models, with
    /// circular padding and polyphase subsampling (the defaults), give the
    /// same logits for a digit-like patch and its copy moved by whole pixels
    /// (odd and even shifts). The first release's architecture (2 x 2
    /// stride-2 max pooling, zero padding) does not: its error is printed and
    /// checked to be large, so this test fails on that code.
    func testLogitsAreUnchangedByWholePixelShifts() throws {
        for group in [ModelGroup.translation, .affineSL2, .affineGL2] {
            var cfg = smallConfiguration(group, samples: 4, side: 16)
            for (dx, dy) in [(1, 0), (-1, 2), (2, -2)] {
                let error = try shiftError(cfg, dx: dx, dy: dy)
                XCTAssertLessThan(error, 1e-5, "\(group) shift (\(dx), \(dy)): relative logit change \(error)")
            }
            var legacy = cfg
            legacy.subsampling = .strided
            legacy.padding = .zero
            let strided = try shiftError(legacy, dx: 1, dy: 0)
            legacy.subsampling = .polyphase
            let zeroPadded = try shiftError(legacy, dx: 1, dy: 0)
            cfg.downsampling = false
            cfg.padding = .zero
            let fullZero = try shiftError(cfg, dx: 1, dy: 0)
            cfg.padding = .circular
            let fullCircular = try shiftError(cfg, dx: 1, dy: 0)
            print("\(group) relative logit change under a 1-pixel shift: strided + zero padding \(strided), "
                  + "polyphase + zero padding \(zeroPadded), full resolution + zero padding \(fullZero), "
                  + "full resolution + circular \(fullCircular)")
            XCTAssertGreaterThan(strided, 1e-2, "\(group): the strided model was expected to move")
            XCTAssertLessThan(fullCircular, 1e-5, "\(group) full resolution, circular")
        }
    }

    /// A model file without `subsampling` and `padding` (written by the
    /// first release) decodes to the first release's architecture.
    func testOldModelFilesDecodeToTheFirstReleaseArchitecture() throws {
        let cfg = LieClassifier<Float>.Configuration(group: .affineSL2, samples: 4)
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(cfg)) as? [String: Any] ?? [:]
        XCTAssertEqual(json["subsampling"] as? String, "polyphase")
        XCTAssertEqual(json["padding"] as? String, "circular")
        json["subsampling"] = nil
        json["padding"] = nil
        let old = try JSONDecoder().decode(LieClassifier<Float>.Configuration.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertEqual(old.subsampling, .strided)
        XCTAssertEqual(old.padding, .zero)
        XCTAssertEqual(old.samples, 4)
        let back = try JSONDecoder().decode(LieClassifier<Float>.Configuration.self, from: JSONEncoder().encode(cfg))
        XCTAssertEqual(back, cfg)
    }

    /// With samples closed under the quarter turn (phase 0, 4 | N, variance 0)
    /// the model is invariant to the quarter turn with the same samples.
    func testQuarterTurnInvarianceWithAClosedSampleSet() throws {
        let side = 8
        var cfg = smallConfiguration(.affineGL2, samples: 4)
        cfg.variance = 0
        var rng = SeededGenerator(seed: 2)
        let model = try LieClassifier<Float>(cfg, generator: &rng)
        let samples = try model.drawSamples(phase: 0, using: &rng)
        let x = images(count: 2, side: side, seed: 8)
        let a = try logits(model, x, side: side, samples: samples)
        let b = try logits(model, quarterTurned(x, side: side), side: side, samples: samples)
        XCTAssertLessThan(zip(a, b).map { abs($0 - $1) }.max() ?? 1, 1e-5)
    }

    /// Fresh independent samples: the invariance error |f(R x, S) - f(x, S')|
    /// falls like N^-1/2 (slope of log RMS error against log N, N = 4..32).
    /// Measured here: -0.31 with circular padding, -0.34 with zero padding
    /// (64 draws per N; -0.39 over N = 4..64 with 200
    /// draws in a release build): a little slower than -1/2 at these N, so
    /// the test accepts -0.5 +- 0.25 and fails on no decrease at all.
    func testInvarianceErrorWithFreshSamplesFallsLikeInverseSquareRootOfN() throws {
        let side = 4
        var cfg = smallConfiguration(.affineGL2, samples: 4, side: side)
        cfg.rotations = .independent
        cfg.groupPooling = .mean
        cfg.channels = 2
        cfg.downsampling = false      // a 4 x 4 image: keep the spatial grid
        var rng = SeededGenerator(seed: 3)
        let base = try LieClassifier<Float>(cfg, generator: &rng)
        let x = images(count: 1, side: side, seed: 9), rx = quarterTurned(x, side: side)
        var points: [(Double, Double)] = []
        for n in [4, 8, 16, 32] {
            var c = cfg
            c.samples = n
            var model = try LieClassifier<Float>(c, generator: &rng)
            // The same weights for every N (the architecture does not depend on N).
            let weights = base.namedParameters
            var k = 0
            model.visitParameters { _, p in p.value = weights[k].parameter.value; k += 1 }
            var sum = 0.0, count = 0
            for _ in 0..<64 {
                let a = try logits(model, x, side: side, samples: model.drawSamples(using: &rng))
                let b = try logits(model, rx, side: side, samples: model.drawSamples(using: &rng))
                for (u, v) in zip(a, b) { sum += Double((u - v) * (u - v)); count += 1 }
            }
            let logN: Double = Foundation.log(Double(n)), logError: Double = 0.5 * Foundation.log(sum / Double(count))
            points.append((logN, logError))
        }
        let mx = points.map(\.0).reduce(0, +) / 4, my = points.map(\.1).reduce(0, +) / 4
        let slope = points.map { ($0.0 - mx) * ($0.1 - my) }.reduce(0, +) / points.map { ($0.0 - mx) * ($0.0 - mx) }.reduce(0, +)
        print("invariance error slope against N: \(slope) (points \(points))")
        XCTAssertEqual(slope, -0.5, accuracy: 0.25)
    }

    /// dL/dtheta and dL/dinput of the lifting layer and the group
    /// convolution against central differences (Double), L = sum(probe * layer(x)).
    func testLayerGradientsMatchFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 4)
        let samples = try GroupSampleSet.draw(group: .affineSL2, count: 3, using: &rng)
        let inSamples = try GroupSampleSet.draw(group: .affineSL2, count: 2, using: &rng)
        let lift = LiftingLayer<Double>(channels: 2, kernelSize: 3, width: 6, generator: &rng)
        let conv = GroupConvolution<Double>(group: .affineSL2, inputChannels: 2, outputChannels: 2, kernelSize: 3, width: 6, generator: &rng)
        let image = Tensor<Double>(uniform: [1, 1, 5, 5], in: -1...1, using: &rng)
        let features = Tensor<Double>(uniform: [1, 4, 5, 5], in: -1...1, using: &rng)
        let probe = Tensor<Double>(uniform: [1, 6, 5, 5], in: -1...1, using: &rng)
        try checkGradients(lift, input: image, "lift") { layer, x in try layer(x, samples: samples) * x.tape.constant(probe) }
        try checkGradients(conv, input: features, "conv") { layer, x in try layer(x, from: inSamples, to: samples) * x.tape.constant(probe) }
    }

    func checkGradients<L: ParameterContainer>(_ layer: L, input: Tensor<Double>, _ label: String,
                                               _ f: (L, Variable<Double>) throws -> Variable<Double>) throws where L.Scalar == Double {
        let h = 1e-6
        func loss(_ l: L, _ x: Tensor<Double>) throws -> Double {
            let tape = Tape<Double>()
            return try f(l, tape.constant(x)).sum().scalar
        }
        let tape = Tape<Double>()
        let v = tape.variable(input)
        try tape.backward(f(layer, v).sum())
        let grads = tape.parameterGradients()
        var checked = 0
        if let g = v.gradient {
            for i in stride(from: 0, to: input.count, by: max(1, input.count / 7)) {
                var plus = input, minus = input
                plus.elements[i] += h
                minus.elements[i] -= h
                let numeric = (try loss(layer, plus) - loss(layer, minus)) / (2 * h)
                XCTAssertEqual(g.elements[i], numeric, accuracy: 1e-6 * max(1, abs(numeric)), "\(label) input \(i)")
                checked += 1
            }
        } else { XCTFail("no input gradient for \(label)") }
        for (name, p) in layer.namedParameters {
            guard let g = grads[p] else { XCTFail("no gradient for \(label) \(name)"); continue }
            for i in stride(from: 0, to: p.value.count, by: max(1, p.value.count / 3)) {
                var plus = layer, minus = layer
                plus.visitParameters { n, q in if n == name { q.value.elements[i] += h } }
                minus.visitParameters { n, q in if n == name { q.value.elements[i] -= h } }
                let numeric = (try loss(plus, input) - loss(minus, input)) / (2 * h)
                XCTAssertEqual(g.elements[i], numeric, accuracy: 1e-6 * max(1, abs(numeric)), "\(label) \(name)[\(i)]")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testBadInputsAreTypedErrors() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try LieClassifier<Float>(smallConfiguration(.affineGL2, samples: 2), generator: &rng)
        let samples = try model.drawSamples(using: &rng)
        let tape = Tape<Float>()
        XCTAssertThrowsError(try model(tape.constant(Tensor(zeros: [1, 1, 16, 16])), samples: samples)) {
            XCTAssertEqual($0 as? LieGroupError, .wrongImageSize(found: 16, expected: 8))
        }
        XCTAssertThrowsError(try LieClassifier<Float>(.init(group: .affineSL2, samples: 0), generator: &rng)) {
            XCTAssertEqual($0 as? LieGroupError, .nonPositiveCount(0))
        }
        // A model file from another architecture.
        var file = LieClassifierFile(model: model, evaluationSeed: 1)
        file.configuration.channels = 4
        XCTAssertThrowsError(try file.model()) { XCTAssertTrue("\($0)".contains("does not fit"), "\($0)") }
        var missing = LieClassifierFile(model: model, evaluationSeed: 1)
        missing.parameters.removeLast()
        XCTAssertThrowsError(try missing.model()) { XCTAssertTrue("\($0)".contains("missing"), "\($0)") }
        // And a faithful round trip.
        let back = try LieClassifierFile(model: model, evaluationSeed: 1).model()
        let x = images(count: 1, side: 8, seed: 1)
        XCTAssertEqual(try logits(model, x, side: 8, samples: samples), try logits(back, x, side: 8, samples: samples))
    }

    func testMaximumAlongAnAxisAndItsGradient() throws {
        let tape = Tape<Double>()
        let x = tape.variable(try Tensor(shape: [2, 3], elements: [1, 5, 2, 7, -1, 7]))
        let m = try x.maximum(alongAxis: 1)
        XCTAssertEqual(m.value.elements, [5, 7])
        try tape.backward(m.sum())
        XCTAssertEqual(x.gradient?.elements, [0, 1, 0, 1, 0, 0])
        let n = try tape.variable(try Tensor(shape: [2, 3], elements: [1, 5, 2, 7, -1, 7])).maximum(alongAxis: 0)
        XCTAssertEqual(n.value.elements, [7, 5, 7])
    }
}
