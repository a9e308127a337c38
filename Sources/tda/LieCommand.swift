import ArgumentParser
import Foundation
import SwiftTDA

/// `tda lie train|eval`: group-invariant image classifiers on R^2 x| GL+(2),
/// R^2 x| SL(2) or translations (a plain CNN), DESIGN.md's contract.
struct LieCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lie",
        abstract: "Lie-group invariant image classifiers (Mironenco and Forré, ICLR 2024): train and evaluate.",
        discussion: """
            Images: CSV, one a row, label,p0,...,p255 (16 x 16 row-major, values in [0, 1]), no header;
            Datasets/digits_*.csv (scripts/export_digits.py) is the digits protocol.
              tda lie train --data Datasets/digits_train.csv --group affine-gl2 --samples 6 --epochs 20 --out gl2.json
              tda lie eval --model gl2.json --data Datasets/digits_test_affine_shift.csv
            """,
        subcommands: [LieTrainCommand.self, LieEvalCommand.self]
    )
}

extension ModelGroup: ExpressibleByArgument {}
extension Subsampling: ExpressibleByArgument {}
extension SpatialPadding: ExpressibleByArgument {}

/// Reads an image CSV (or stdin for "-") as `LabeledImages` of 16 x 16.
func readLabeledImages(_ path: String, side: Int = 16) throws -> LabeledImages {
    let text = String(decoding: try FileInput.bytes(atPath: path), as: UTF8.self)
    return try LabeledImages(csv: text, side: side)
}

struct LieTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an invariant classifier; one line per epoch on stdout, the model as JSON.")

    @Option(help: "Training images (CSV: label,p0,...,p255).")
    var data: String

    @Option(help: "affine-gl2, affine-sl2 or translation (a plain CNN).")
    var group: ModelGroup

    @Option(help: "Group samples per layer (ignored for translation).")
    var samples: Int = 6

    @Option(help: "Passes over the data.")
    var epochs: Int = 20

    @Option(help: "Seed of the initialisation, shuffles and samples.")
    var seed: UInt64 = 1

    @Option(help: "Channels per group sample.")
    var channels: Int = 8

    @Option(name: .customLong("learning-rate"), help: "Adam's initial step (cosine schedule).")
    var learningRate: Float = 3e-3

    @Option(name: .customLong("batch-size"), help: "Images per step.")
    var batchSize: Int = 32

    @Flag(name: .customLong("full-resolution"), help: "No 2 x 2 pooling between the layers (4 x the work).")
    var fullResolution = false

    @Option(help: "How the grid is halved between layers: polyphase (shift-invariant) or strided (2 x 2 max, stride 2).")
    var subsampling: Subsampling = .polyphase

    @Option(help: "The convolutions' border: circular (exactly shift-equivariant) or zero.")
    var padding: SpatialPadding = .circular

    @Option(name: .customLong("conv-kernel"), help: "Kernel side of the group convolutions (odd, 1...9).")
    var convKernel: Int = 3

    @Flag(help: "Fresh group samples for every batch (rgenn's way) instead of one fixed seeded set.")
    var resample = false

    @Option(help: "The kernel SIRENs' frequency omega0 (first and hidden sine layers).")
    var omega0: Double = 10

    @Option(name: .customLong("sample-pool"), help: "Fixed sample sets to cycle through, one per batch (evaluate with --draws the same number).")
    var samplePool: Int = 1

    @Option(name: .customLong("chart-scale"), help: "Factor on the log P chart coordinates fed to the group convolutions' kernels (1: the paper's).")
    var chartScale: Double = 1

    @Option(name: .customLong("mask-sharpness"), help: "Sharpness s of the soft kernel window sigmoid(s (1 - |v|)) (rgenn: 2 for GL+(2)).")
    var maskSharpness: Double = 10

    @Option(help: "Variance of each log coordinate of the positive-definite factor of the group samples (rgenn: 0.1; 0: rotations only).")
    var variance: Double = 0.1

    @Option(help: "Where to write the model (JSON).")
    var out: String

    func validate() throws {
        // --samples 0 reaches the library, which refuses it as bad input (exit 1, as issue 14 asks).
        if epochs < 1 { throw ValidationError("--epochs must be at least 1") }
        if channels < 1 || channels > 64 { throw ValidationError("--channels must be in 1...64") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
        if !(learningRate > 0 && learningRate.isFinite) { throw ValidationError("--learning-rate must be a positive number") }
        if !(omega0 > 0 && omega0 <= 1000) { throw ValidationError("--omega0 must be in (0, 1000]") }
        if !(variance >= 0 && variance <= 10) { throw ValidationError("--variance must be in [0, 10]") }
        if samplePool < 1 || samplePool > 1024 { throw ValidationError("--sample-pool must be in 1...1024") }
        if !(chartScale >= 0 && chartScale <= 100) { throw ValidationError("--chart-scale must be in [0, 100]") }
        if !(maskSharpness > 0 && maskSharpness <= 1000) { throw ValidationError("--mask-sharpness must be in (0, 1000]") }
    }

    func run() throws {
        let images = try readLabeledImages(data)
        var configuration = LieClassifier<Float>.Configuration(group: group, samples: samples)
        configuration.channels = channels
        configuration.downsampling = !fullResolution
        configuration.subsampling = subsampling
        configuration.convKernel = convKernel
        configuration.padding = padding
        configuration.omega0 = omega0
        configuration.variance = variance
        configuration.chartScale = chartScale
        configuration.mask = .soft(sharpness: maskSharpness)
        configuration.classes = max(10, images.classCount)
        var rng = SeededGenerator(seed: seed)
        var model = try LieClassifier<Float>(configuration, generator: &rng)
        var training = LieTraining(epochs: epochs, seed: seed &+ 1, sampleSeed: seed &+ 2)
        training.learningRate = learningRate
        training.batchSize = batchSize
        training.resampling = resample
        training.samplePool = samplePool
        let bar = ProgressBar(label: "epoch 1/\(epochs)")
        var shownEpoch = 1
        var lastBar: ProgressBar? = bar
        let report = try training.train(&model, on: images) { epoch, done, total in
            if epoch != shownEpoch {
                lastBar?.finish()
                lastBar = ProgressBar(label: "epoch \(epoch)/\(epochs)")
                shownEpoch = epoch
            }
            if lastBar?.enabled == true { lastBar?.update(done, total) }
            if done == total {
                lastBar?.finish()
            }
        }
        lastBar?.finish()
        for (k, e) in report.enumerated() {
            print("epoch \(k + 1) loss \(String(format: "%.4f", e.meanLoss)) train-accuracy \(String(format: "%.4f", e.trainingAccuracy)) seconds \(String(format: "%.2f", e.seconds))")
        }
        let file = LieClassifierFile(model: model, evaluationSeed: training.sampleSeed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try writeOutput(try encoder.encode(file), to: out)
    }
}

struct LieEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained classifier; the last line is \"accuracy 0.9123\".")

    @Option(help: "A model written by tda lie train.")
    var model: String

    @Option(help: "Test images (CSV: label,p0,...,p255).")
    var data: String

    @Option(help: "Sample sets to average the class probabilities over (1: the fixed set the model was trained with).")
    var draws: Int = 1

    @Option(name: .customLong("sample-seed"), help: "Seed of the evaluation sample sets (default: the one in the model file).")
    var sampleSeed: UInt64?

    func validate() throws {
        if draws < 1 || draws > 1024 { throw ValidationError("--draws must be in 1...1024") }
    }

    func run() throws {
        let bytes = try FileInput.bytes(atPath: model)
        let file: LieClassifierFile
        do { file = try JSONDecoder().decode(LieClassifierFile.self, from: Data(bytes)) } catch {
            throw InputError("\(model) is not a tda lie model file")
        }
        let classifier = try file.model()
        let images = try readLabeledImages(data, side: file.configuration.side)
        let accuracy = try ActivityIndicator.run("evaluating") {
            try LieTraining.accuracy(of: classifier, on: images, evaluationSeed: sampleSeed ?? file.evaluationSeed, draws: draws)
        }
        print("images \(images.count)")
        print("accuracy \(String(format: "%.4f", accuracy))")
    }
}
