import Foundation
import SwiftTDA

/// The multiparameter stages of `tda batch`: `signed-measure ...` and
/// `mma ...` (first stage, on point clouds, images or edge lists), and a
/// `vectorize` of their results (`--method convolution`,
/// `sliced-wasserstein`, `mma-image`, `mma-landscape`), run through the
/// subcommands' own code, so each result is what the commands give run one
/// by one:
///
///     tda batch clouds/*.csv --out features --pipeline \
///       'signed-measure --filtration rips-codensity --bandwidth 0.2 --degree 1 | vectorize --method convolution --box 0,0,2,2'
///
/// A vectorize stage's fit must not depend on the other inputs (shards run
/// apart): the convolution and the MMA vectorizations need `--box`, or
/// `tda batch --fit-on FILES`; the sliced Wasserstein kernel needs
/// `--fit-on`. Its rows cover the degrees the first stage computes, so
/// every input gives a row of one length.
extension BatchPipeline {
    /// A result of a first stage (or an input file) kept for fitting.
    struct StageText: Sendable {
        var name: String
        var text: String
    }

    /// Parses `signed-measure ...`.
    static func signedMeasureStage(_ args: [String], first: Bool) throws -> Stage {
        guard first else { throw CommandError("--pipeline: signed-measure must be the first stage") }
        let command: SignedMeasureCommand
        do { command = try SignedMeasureCommand.parse(["-"] + args) } catch {
            throw CommandError("--pipeline stage 'signed-measure': \(SignedMeasureCommand.message(for: error))")
        }
        if command.dryRun || command.loss != nil || command.gradient != nil {
            throw CommandError("--pipeline stage 'signed-measure': --dry-run, --loss and --gradient are for tda signed-measure alone")
        }
        return .signedMeasure(command)
    }

    /// Parses `mma ...`.
    static func mmaStage(_ args: [String], first: Bool) throws -> Stage {
        guard first else { throw CommandError("--pipeline: mma must be the first stage") }
        let command: MMACommand
        do { command = try MMACommand.parse(["-"] + args) } catch {
            throw CommandError("--pipeline stage 'mma': \(MMACommand.message(for: error))")
        }
        return .mma(command)
    }

    /// Parses a `vectorize ...` stage that reads signed measures or modules,
    /// or returns nil when its method reads barcodes (and nothing before it
    /// makes signed measures or modules).
    static func measureVectorizeStage(_ args: [String], after previous: Stage?) throws -> Stage? {
        var words = args
        if case .signedMeasure? = previous, !words.contains(where: { $0 == "--input" || $0.hasPrefix("--input=") }) {
            // After signed-measure, sliced-wasserstein compares signed measures.
            if let m = words.firstIndex(of: "--method"), words.indices.contains(m + 1), words[m + 1] == "sliced-wasserstein" {
                words += ["--input", "signed-measure"]
            }
        }
        var command: VectorizeCommand
        do { command = try VectorizeCommand.parse(["-"] + words) } catch {
            // A barcode vectorize stage has words VectorizeCommand also takes; other errors are reported there.
            if previous.map(Self.makesMultiparameter) ?? false {
                throw CommandError("--pipeline stage 'vectorize': \(VectorizeCommand.message(for: error))")
            }
            return nil
        }
        let method = command.options.method
        let readsModules = method.readsModules
        let readsMeasures: Bool
        do { readsMeasures = try command.measureOptions.readsSignedMeasures(method) } catch {
            throw CommandError("--pipeline stage 'vectorize': \(CLIError.message(for: error))")
        }
        switch previous {
        case .signedMeasure?:
            guard readsMeasures else {
                throw CommandError("--pipeline: after signed-measure, vectorize takes --method convolution or sliced-wasserstein, not \(method.rawValue)")
            }
        case .mma?:
            guard readsModules else {
                throw CommandError("--pipeline: after mma, vectorize takes --method mma-image or mma-landscape, not \(method.rawValue)")
            }
        default:
            guard readsMeasures || readsModules else { return nil }
            if previous != nil {
                throw CommandError("--pipeline: --method \(method.rawValue) reads signed measures or modules: start with signed-measure or mma, or give their files as inputs")
            }
        }
        if !command.fitOn.isEmpty || command.output != nil {
            throw CommandError("--pipeline stage 'vectorize': use tda batch --fit-on and --out, not the stage's --fit-on or --output")
        }
        do {
            if readsModules { try command.validateModuleOptions() } else {
                try command.measureOptions.validate(method: method, options: command.options)
            }
        } catch {
            throw CommandError("--pipeline stage 'vectorize': \(CLIError.message(for: error))")
        }
        // One input's row per call, inside tda batch's own workers: no nested parallel map.
        command.threads = 1
        return .measureVectorize(command, fit: nil)
    }

    static func makesMultiparameter(_ stage: Stage) -> Bool {
        switch stage {
        case .signedMeasure, .mma: return true
        default: return false
        }
    }

    /// The first stage's text for an input (the input file itself when the
    /// pipeline starts with its vectorize stage). A following vectorize reads CSV.
    func multiparameterText(for input: String) throws -> String {
        let threads = { (own: Int?) in own.map { threadCount($0) } ?? (jobs > 1 ? 1 : threadCount(nil)) }
        switch stages.first {
        case .signedMeasure(var command)?:
            command.source.file = input
            if stages.count > 1 { command.outputFormat = .csv }
            guard let result = try command.measures(threads: threads(command.threads)) else {
                throw CommandError("the signed-measure stage computed nothing")
            }
            return result.text
        case .mma(var command)?:
            command.source.file = input
            if stages.count > 1 { command.outputFormat = .csv }
            return try command.moduleText(threads: threads(command.threads))
        default:
            return String(decoding: try FileInput.bytes(atPath: input), as: UTF8.self)
        }
    }

    /// The degrees every row covers: those the first stage computes (or
    /// the vectorize stage's `--degree`); nil when the inputs are files.
    func fixedDegrees(_ vectorize: VectorizeCommand) throws -> [Int?]? {
        let selected = vectorize.measureOptions.degree
        switch stages.first {
        case .signedMeasure(let command)?:
            if command.invariant == .euler { return [nil] }
            let computed = Array(Set(try command.degrees())).sorted()
            // One measure is written without a degree column.
            if computed.count == 1 {
                if let selected, selected != computed[0] {
                    throw CommandError("--pipeline: vectorize --degree \(selected), but signed-measure computes degree \(computed[0])")
                }
                return [nil]
            }
            if let selected {
                guard computed.contains(selected) else {
                    throw CommandError("--pipeline: vectorize --degree \(selected), but signed-measure computes degrees \(computed.map(String.init).joined(separator: ","))")
                }
                return [selected]
            }
            return computed
        case .mma(let command)?:
            let computed = Array(Set(try command.degreeList())).sorted()
            if let selected {
                guard computed.contains(selected) else {
                    throw CommandError("--pipeline: vectorize --degree \(selected), but mma writes degrees \(computed.map(String.init).joined(separator: ","))")
                }
                return [selected]
            }
            return computed
        default:
            return nil
        }
    }

    /// Checks that the vectorize stage's fit is independent of the inputs, and
    /// runs the `--fit-on` files through the first stage.
    mutating func fitMeasureVectorize(_ vectorize: VectorizeCommand, on files: [String]) throws {
        let method = vectorize.options.method
        if files.isEmpty {
            if method == .slicedWasserstein {
                throw CommandError("the sliced Wasserstein kernel of a vectorize stage is fitted on reference measures: give tda batch --fit-on FILES")
            }
            if vectorize.measureOptions.box == nil {
                throw CommandError("the vectorize stage needs --box (its grid must not depend on the other inputs) or tda batch --fit-on FILES")
            }
            _ = try fixedDegrees(vectorize)
            return
        }
        let me = self
        let texts = try runBlocking {
            try await ParallelMap.map(files, jobs: me.jobs) { file in
                do { return StageText(name: file, text: try me.multiparameterText(for: file)) } catch {
                    throw FileError(path: file, underlying: CLIError.message(for: error))
                }
            }
        }
        stages[stages.count - 1] = .measureVectorize(vectorize, fit: texts)
        // Fit once now, so that a bad fit set fails before any input runs.
        _ = try rows(vectorize, fit: texts, input: texts[0])
    }

    /// One input's row (the vectorize stage's code, fitted as `fit` says).
    func rows(_ vectorize: VectorizeCommand, fit: [StageText]?, input: StageText) throws -> [[Double]] {
        let degrees = try fixedDegrees(vectorize)
        if vectorize.options.method.readsModules {
            return try vectorize.moduleRows(fixedDegrees: degrees.map { $0.compactMap { $0 } }) { box in
                let inputs = [try ModuleFile(bytes: Array(input.text.utf8), name: input.name, box: box)]
                return (inputs, try fit.map { try $0.map { try ModuleFile(bytes: Array($0.text.utf8), name: $0.name, box: box) } })
            }
        }
        let inputs = [try SignedMeasureFile(bytes: Array(input.text.utf8), name: input.name)]
        let fitFiles = try fit.map { try $0.map { try SignedMeasureFile(bytes: Array($0.text.utf8), name: $0.name) } }
        return try vectorize.signedMeasureRows(inputs: inputs, fit: fitFiles, fixedDegrees: degrees)
    }

    /// The bytes of one input's result when the pipeline is multiparameter, or nil.
    /// The bytes of a multiparameter pipeline's result, and its row when it
    /// ends with a vectorize stage giving one vector (what `--collect` gathers).
    func multiparameterOutput(for input: String) throws -> (bytes: [UInt8], row: [Double]?)? {
        switch stages.last {
        case .signedMeasure?, .mma?:
            return (Array(try multiparameterText(for: input).utf8), nil)
        case .measureVectorize(let vectorize, let fit)?:
            let text = StageText(name: input, text: try multiparameterText(for: input))
            let rows = try self.rows(vectorize, fit: fit, input: text)
            let bytes = try VectorOutput.encode(rows, format: VectorOutput.Format(rawValue: vectorize.outputFormat.rawValue) ?? .csv,
                                                float32: vectorize.float32)
            return (bytes, rows.count == 1 ? rows[0] : nil)
        default:
            return nil
        }
    }
}
