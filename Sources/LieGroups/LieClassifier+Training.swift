import Autodiff
import Foundation
import PointClouds

/// Training and evaluation of a `LieClassifier<Float>` on `LabeledImages`:
/// seeded shuffles, Adam with a cosine learning-rate schedule, fresh
/// group samples for every batch (as rgenn draws them at every forward
/// pass), fixed seeded samples for evaluation.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// var model = try LieClassifier<Float>(.init(group: .affineGL2, samples: 6), generator: &rng)
/// let report = try LieTraining(epochs: 10, seed: 1).train(&model, on: data) { epoch, done, total in }
/// let accuracy = try LieTraining.accuracy(of: model, on: test, evaluationSeed: 1)
/// ```
public struct LieTraining: Sendable {
    /// Passes over the data.
    public var epochs: Int
    /// Images per step.
    public var batchSize: Int = 32
    /// Adam's initial step size (cosine-decayed to zero over the run).
    public var learningRate: Float = 3e-3
    /// Decoupled weight decay (AdamW); 0 for plain Adam.
    public var weightDecay: Float = 0
    /// The seed of the shuffles (and of the training samples when `resampling`).
    public var seed: UInt64
    /// The seed of the fixed sample sets the model trains and evaluates with.
    public var sampleSeed: UInt64
    /// Fresh sample sets for every batch (rgenn's way) instead of the fixed ones.
    /// At digit size (N = 4..8, 3 x 3 kernels) this did not train in our runs; see the README.
    public var resampling = false
    /// The number of fixed sample sets training cycles through, one per
    /// batch in turn (1: one fixed set, the default). They are the first
    /// `samplePool` draws of `sampleSeed`, all on the rotation grid of phase
    /// 0, so `predictions(..., draws: samplePool)` averages over exactly
    /// these sets. Ignored when `resampling`.
    public var samplePool = 1

    /// One epoch's summary.
    public struct Epoch: Sendable {
        public var meanLoss: Double
        public var trainingAccuracy: Double
        public var seconds: Double
    }

    public init(epochs: Int, seed: UInt64, sampleSeed: UInt64) {
        self.epochs = epochs
        self.seed = seed
        self.sampleSeed = sampleSeed
    }

    /// Trains `model` in place; `progress(epoch, imagesDone, imagesTotal)`
    /// is called after every batch. Throws for images of the wrong size,
    /// labels beyond the model's classes, or a non-finite loss.
    public func train(_ model: inout LieClassifier<Float>, on data: LabeledImages,
                      progress: (Int, Int, Int) -> Void = { _, _, _ in }) throws -> [Epoch] {
        let cfg = model.configuration
        guard epochs > 0, epochs <= 100_000 else { throw LieGroupError.invalidParameter("epochs \(epochs) must be in 1...100000") }
        guard batchSize > 0 else { throw LieGroupError.nonPositiveCount(batchSize) }
        guard learningRate.isFinite, learningRate > 0, weightDecay.isFinite, weightDecay >= 0 else {
            throw LieGroupError.invalidParameter("learning rate must be positive, weight decay non-negative")
        }
        try Self.check(data, for: cfg)
        guard (1...1024).contains(samplePool) else { throw LieGroupError.invalidParameter("sample pool \(samplePool) must be in 1...1024") }
        var optimizer = weightDecay > 0 ? Adam<Float>.adamW(learningRate: learningRate, weightDecay: weightDecay)
            : Adam<Float>(learningRate: learningRate)
        var rng = SeededGenerator(seed: seed)
        var sampleRNG = SeededGenerator(seed: sampleSeed)
        let pool = try (0..<samplePool).map { _ in try model.drawSamples(phase: 0, using: &sampleRNG) }
        let steps = epochs * ((data.count + batchSize - 1) / batchSize)
        var step = 0
        var out: [Epoch] = []
        for epoch in 0..<epochs {
            let start = Date()
            var order = Array(0..<data.count)
            order.shuffle(using: &rng)
            var lossSum = 0.0, correct = 0
            var done = 0
            while done < order.count {
                let batch = Array(order[done..<min(done + batchSize, order.count)])
                optimizer.learningRate = learningRate * Float(0.5 * (1 + Foundation.cos(Double.pi * Double(step) / Double(steps))))
                let samples = resampling ? try model.drawSamples(using: &rng) : pool[step % pool.count]
                let tape = Tape<Float>(training: true, seed: rng.next())
                let logits = try model(tape.constant(Self.batchTensor(data, batch)), samples: samples)
                let labels = batch.map { data.labels[$0] }
                let loss = try logits.softmaxCrossEntropy(labels: labels)
                guard loss.scalar.isFinite else { throw LieGroupError.invalidParameter("the loss became \(loss.scalar) at epoch \(epoch + 1)") }
                try tape.backward(loss)
                optimizer.step(&model, gradients: tape.parameterGradients())
                lossSum += Double(loss.scalar) * Double(batch.count)
                correct += zip(Self.argmax(logits.value, classes: cfg.classes), labels).filter { $0 == $1 }.count
                done += batch.count
                step += 1
                progress(epoch + 1, done, order.count)
            }
            out.append(Epoch(meanLoss: lossSum / Double(data.count), trainingAccuracy: Double(correct) / Double(data.count),
                             seconds: Date().timeIntervalSince(start)))
        }
        return out
    }

    /// The predicted class of every image, with sample sets drawn from
    /// `evaluationSeed` (the training's `sampleSeed` gives the sets it trained with).
    ///
    /// With `draws` > 1 the class probabilities (softmax) are averaged over
    /// that many sample sets: the first `draws` sets of the seeded
    /// generator, all on the rotation grid of phase 0 (the first is the set
    /// `draws: 1` uses; with the training's `sampleSeed` and `draws` equal to
    /// its `samplePool` they are the sets it trained with; rgenn draws fresh
    /// samples at test time). Throws for `draws` outside 1...1024.
    public static func predictions(of model: LieClassifier<Float>, on data: LabeledImages, evaluationSeed: UInt64,
                                   draws: Int = 1, batchSize: Int = 64) throws -> [Int] {
        try check(data, for: model.configuration, labels: false)
        guard (1...1024).contains(draws) else { throw LieGroupError.invalidParameter("\(draws) draws must be in 1...1024") }
        let classes = model.configuration.classes
        var rng = SeededGenerator(seed: evaluationSeed)
        var sets = [try model.drawSamples(phase: 0, using: &rng)]
        for _ in 1..<draws { sets.append(try model.drawSamples(phase: 0, using: &rng)) }
        var out: [Int] = []
        var done = 0
        while done < data.count {
            let batch = Array(done..<min(done + batchSize, data.count))
            let x = try batchTensor(data, batch)
            if draws == 1 {
                let tape = Tape<Float>()
                out += argmax(try model(tape.constant(x), samples: sets[0]).value, classes: classes)
            } else {
                var mean = [Float](repeating: 0, count: batch.count * classes)
                for samples in sets {
                    let tape = Tape<Float>()
                    let p = softmaxRows(try model(tape.constant(x), samples: samples).value.elements, classes: classes)
                    for i in mean.indices { mean[i] += p[i] }
                }
                out += argmax(try Tensor(shape: [batch.count, classes], elements: mean), classes: classes)
            }
            done += batch.count
        }
        return out
    }

    /// Row-wise softmax of row-major logits.
    static func softmaxRows(_ logits: [Float], classes: Int) -> [Float] {
        var p = logits
        for r in stride(from: 0, to: p.count, by: classes) {
            let m = p[r..<r + classes].max() ?? 0
            var s: Float = 0
            for c in r..<r + classes { p[c] = Foundation.exp(p[c] - m); s += p[c] }
            for c in r..<r + classes { p[c] /= s }
        }
        return p
    }

    /// The fraction of images classified correctly.
    public static func accuracy(of model: LieClassifier<Float>, on data: LabeledImages, evaluationSeed: UInt64,
                                draws: Int = 1) throws -> Double {
        let p = try predictions(of: model, on: data, evaluationSeed: evaluationSeed, draws: draws)
        return Double(zip(p, data.labels).filter { $0 == $1 }.count) / Double(max(1, data.count))
    }

    static func check(_ data: LabeledImages, for cfg: LieClassifier<Float>.Configuration, labels: Bool = true) throws {
        guard data.side == cfg.side else { throw LieGroupError.wrongImageSize(found: data.side, expected: cfg.side) }
        guard data.count > 0 else { throw LieGroupError.emptyData }
        if labels, let bad = data.labels.firstIndex(where: { $0 >= cfg.classes }) {
            throw LieGroupError.badLabel(line: bad + 1, text: "\(data.labels[bad]) (the model has \(cfg.classes) classes)")
        }
    }

    static func batchTensor(_ data: LabeledImages, _ indices: [Int]) throws -> Tensor<Float> {
        var pixels: [Float] = []
        pixels.reserveCapacity(indices.count * data.side * data.side)
        for i in indices { pixels += data.image(i) }
        return try Tensor(shape: [indices.count, 1, data.side, data.side], elements: pixels)
    }

    static func argmax(_ logits: Tensor<Float>, classes: Int) -> [Int] {
        let n = logits.count / max(1, classes)
        return (0..<n).map { r in
            var best = 0
            for c in 1..<max(1, classes) where logits.elements[r * classes + c] > logits.elements[r * classes + best] { best = c }
            return best
        }
    }
}
