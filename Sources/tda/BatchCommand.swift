import ArgumentParser
import Foundation
import SwiftTDA

/// `tda batch INPUTS... --pipeline SPEC --out DIR`: runs a pipeline of the
/// subcommands' own stages on many inputs, one result file per input.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a pipeline (barcode | vectorize, signed-measure | vectorize, mma | vectorize) over many inputs, one result file each.",
        discussion: """
            Stages are the subcommands' own words joined by '|':
              tda batch clouds/*.csv --out features \\
                --pipeline 'barcode --max-dim 1 | vectorize --method landscape --sample-range 0,2'
            Each input's result goes to OUT/<input name without extension>.<csv|json|npy|txt>,
            written atomically (temporary file + rename): exactly what the stages give run one
            by one. A bad input fails alone; the summary on stderr names it and the reason, and
            the exit status is 1 if any input failed. --resume skips results already written.
            --shard i/N takes inputs i, i+N, i+2N, ... (0-based) so N machines (a Slurm job
            array, a Kubernetes indexed Job) cover the inputs with no coordinator.
            Vectorizers need explicit ranges (--sample-range, --im-range) or --fit-on FILES,
            which go through the same stages first; every shard must be given the same files.
            Multiparameter pipelines start with signed-measure or mma:
              --pipeline 'signed-measure --filtration rips-codensity --bandwidth 0.2 |
                          vectorize --method convolution --box 0,0,2,2'
              --pipeline 'mma --filtration rips-codensity --bandwidth 0.2 --degrees 1 |
                          vectorize --method mma-image --box 0,0,2,2'
            (convolution and mma-* need --box or --fit-on; sliced-wasserstein needs --fit-on).
            """
    )

    @Argument(help: "Input files (point clouds for a pipeline starting with barcode, barcode CSVs for vectorize).")
    var inputs: [String] = []

    @Option(name: .customLong("input-list"), help: "A file listing inputs, one path a line (after any given as arguments); for datasets too large for a command line.")
    var inputList: String?

    @Option(help: "Stages joined by '|', e.g. 'barcode --max-dim 1 | vectorize --method image --im-range 0,1,0,1'.")
    var pipeline: String

    @Option(help: "Output folder (created if missing).")
    var out: String

    @Option(help: "Inputs processed at once (default: TDA_THREADS or all cores).")
    var jobs: Int?

    @Option(help: "i/N: process only inputs i, i+N, ... (0-based).")
    var shard: String?

    @Flag(help: "Skip inputs whose result file already exists.")
    var resume = false

    @Option(name: .customLong("fit-on"), parsing: .upToNextOption, help: "Inputs to fit the vectorizer on (through the same stages) when its ranges are not explicit.")
    var fitOn: [String] = []

    @Flag(name: .customLong("in-process"), help: "Run the inputs in threads of this process, not in worker processes (an input that crashes then stops the batch).")
    var inProcess = false

    @Flag(name: .customLong("worker"), help: .hidden)
    var worker = false

    func validate() throws {
        if inputs.isEmpty && inputList == nil { throw ValidationError("give at least one input (or --input-list FILE)") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    /// The arguments, then the lines of `--input-list` (blank lines and `#` comments skipped).
    func allInputs() throws -> [String] {
        guard let inputList else { return inputs }
        let text = String(decoding: try FileInput.bytes(atPath: inputList), as: UTF8.self)
        let listed = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return inputs + listed
    }

    func run() throws {
        let inputs = try allInputs()
        if inputs.isEmpty { throw CommandError("no inputs: the --input-list file is empty") }
        let jobCount = threadCount(jobs)
        var runner = try BatchPipeline(spec: pipeline, jobs: jobCount)
        let shardSpec = try shard.map { try BatchPlan.parseShard($0) } ?? (0, 1)
        let plan = try BatchPlan(inputs: inputs, outputDirectory: out, extension: runner.fileExtension, shard: shardSpec)
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw CommandError("cannot create \(out): \(error.localizedDescription)")
        }
        ActivityIndicator.silenced = true
        try runner.fit(on: fitOn)
        let fitted = runner
        if worker {
            // A worker process (see BatchIsolation): items by index on stdin.
            BatchIsolation.serve(items: plan.items) { item in
                do {
                    try BatchPlan.writeAtomically(try fitted.result(for: item.input), to: item.output)
                    return .processed
                } catch {
                    return .failed(CLIError.message(for: error))
                }
            }
            return
        }
        let progress = BatchProgress(total: plan.items.count)
        let doResume = resume
        let outcomes = !inProcess
            ? BatchIsolation.run(items: plan.items, jobs: jobCount, arguments: Array(CommandLine.arguments.dropFirst()) + ["--worker"],
                                 skip: { doResume && FileManager.default.fileExists(atPath: $0.output) },
                                 advance: { progress.advance() })
            : try runBlocking {
            try await ParallelMap.map(plan.items, jobs: jobCount) { item -> BatchOutcome in
                defer { progress.advance() }
                if doResume && FileManager.default.fileExists(atPath: item.output) { return .skipped }
                do {
                    let bytes = try fitted.result(for: item.input)
                    try BatchPlan.writeAtomically(bytes, to: item.output)
                    return .processed
                } catch {
                    return .failed(CLIError.message(for: error))
                }
            }
        }
        progress.finish()
        var processed = 0, skipped = 0
        var failures: [String] = []
        for (item, outcome) in zip(plan.items, outcomes) {
            switch outcome {
            case .processed: processed += 1
            case .skipped: skipped += 1
            case .failed(let reason): failures.append("\(item.input): \(reason)")
            }
        }
        var summary = "tda batch: \(processed) processed, \(skipped) skipped, \(failures.count) failed"
        if shardSpec.1 > 1 { summary += " (shard \(shardSpec.0)/\(shardSpec.1): \(plan.items.count) of \(inputs.count) inputs)" }
        FileHandle.standardError.write(Data((summary + "\n").utf8))
        for f in failures { FileHandle.standardError.write(Data("  failed \(f)\n".utf8)) }
        // Every result is written; a failed input makes the exit status 1 so a
        // scheduler sees it, without stopping the others.
        if !failures.isEmpty { Foundation.exit(1) }
    }
}

enum BatchOutcome: Sendable {
    case processed, skipped
    case failed(String)
}

/// The stages of a batch pipeline, parsed with the subcommands' own option
/// parsers. To add a stage, add a case and its parse/run lines here.
struct BatchPipeline: Sendable {
    enum Stage: Sendable {
        /// `barcode ...`: exactly `tda barcode`'s code path (BarcodeCommand.barcode(threads:)).
        case barcode(BarcodeCommand)
        /// `vectorize ...`: `tda vectorize`'s options.
        case vectorize(VectorizeStageOptions, any Vectorizer)
        /// `signed-measure ...`: `tda signed-measure`'s code path (`measures(threads:)`).
        case signedMeasure(SignedMeasureCommand)
        /// `mma ...`: `tda mma`'s code path (`moduleText(threads:)`).
        case mma(MMACommand)
        /// `vectorize --method convolution|sliced-wasserstein|mma-image|mma-landscape ...`:
        /// `tda vectorize`'s own rows, fitted on the `--fit-on` results (nil: none given).
        case measureVectorize(VectorizeCommand, fit: [StageText]?)
    }

    var stages: [Stage]
    var jobs: Int

    /// The stage names `--pipeline` understands.
    static let stageNames = ["barcode", "signed-measure", "mma", "vectorize"]

    init(spec: String, jobs: Int) throws {
        self.jobs = jobs
        var stages: [Stage] = []
        for (k, raw) in spec.split(separator: "|", omittingEmptySubsequences: false).enumerated() {
            let words = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
            guard let name = words.first else { throw CommandError("--pipeline stage \(k + 1) is empty") }
            let args = Array(words.dropFirst())
            if args.contains(where: { $0 == "--output" || $0.hasPrefix("--output=") }) {
                throw CommandError("--pipeline stage '\(name)': --output is decided by tda batch (use --out DIR)")
            }
            switch name {
            case "barcode":
                guard stages.isEmpty else { throw CommandError("--pipeline: barcode must be the first stage") }
                let command: BarcodeCommand
                do { command = try BarcodeCommand.parse(["-"] + args) } catch {
                    throw CommandError("--pipeline stage 'barcode': \(BarcodeCommand.message(for: error))")
                }
                stages.append(.barcode(command))
            case "signed-measure":
                stages.append(try Self.signedMeasureStage(args, first: stages.isEmpty))
            case "mma":
                stages.append(try Self.mmaStage(args, first: stages.isEmpty))
            case "vectorize":
                if let stage = try Self.measureVectorizeStage(args, after: stages.last) {
                    stages.append(stage)
                    continue
                }
                let options: VectorizeStageOptions
                do { options = try VectorizeStageOptions.parse(args) } catch {
                    throw CommandError("--pipeline stage 'vectorize': \(VectorizeStageOptions.message(for: error))")
                }
                if case .vectorize = stages.last { throw CommandError("--pipeline: two vectorize stages in a row") }
                stages.append(.vectorize(options, try options.vectorizer.makeVectorizer()))
            default:
                throw CommandError("--pipeline: unknown stage '\(name)' (stages: \(Self.stageNames.joined(separator: ", ")))")
            }
        }
        switch stages.dropLast().last {
        case .vectorize?, .measureVectorize?: throw CommandError("--pipeline: vectorize must be the last stage")
        default: break
        }
        self.stages = stages
    }

    /// The result file extension of the last stage.
    var fileExtension: String {
        switch stages.last {
        case .barcode(let c)?: return c.outputFormat == .text ? "txt" : c.outputFormat.rawValue
        case .vectorize(let o, _)?: return o.outputFormat.rawValue
        case .signedMeasure(let c)?: return c.outputFormat.rawValue
        case .mma(let c)?: return c.outputFormat.rawValue
        case .measureVectorize(let c, _)?: return c.outputFormat.rawValue
        case nil: return "txt"
        }
    }

    /// Fits the vectorizer stage on these inputs (run through the earlier stages).
    mutating func fit(on files: [String]) throws {
        if case .measureVectorize(let vectorize, _)? = stages.last { return try fitMeasureVectorize(vectorize, on: files) }
        guard case .vectorize(let options, var vectorizer)? = stages.last else {
            if !files.isEmpty { throw CommandError("--fit-on needs a vectorize stage") }
            return
        }
        if files.isEmpty {
            if options.vectorizer.needsData {
                throw CommandError("the vectorize stage needs explicit ranges (--sample-range, --im-range) or tda batch --fit-on FILES")
            }
            try vectorizer.fit([])
        } else {
            let me = self
            let diagrams = try runBlocking {
                try await ParallelMap.map(files, jobs: me.jobs) { file in
                    do { return options.vectorizer.diagram(of: try me.barcode(for: file)) } catch {
                        throw FileError(path: file, underlying: CLIError.message(for: error))
                    }
                }
            }
            try vectorizer.fit(diagrams)
        }
        stages[stages.count - 1] = .vectorize(options, vectorizer)
    }

    /// The barcode of an input: the barcode stage, or the file itself if the pipeline starts with vectorize.
    func barcode(for input: String) throws -> Barcode {
        if case .barcode(var command)? = stages.first {
            command.file = input
            let threads = command.threads.map { threadCount($0) } ?? (jobs > 1 ? 1 : threadCount(nil))
            return try command.barcode(threads: threads)
        }
        if case .vectorize(let options, _)? = stages.first {
            return try readBarcode(atPath: input, allowsBelowDiagonal: !options.vectorizer.rejectBelowDiagonal)
        }
        return try readBarcode(atPath: input)
    }

    /// The bytes of one input's result.
    func result(for input: String) throws -> [UInt8] {
        if let bytes = try multiparameterResult(for: input) { return bytes }
        let barcode = try self.barcode(for: input)
        switch stages.last {
        case .vectorize(let options, let vectorizer)?:
            let row = try vectorizer.transform(options.vectorizer.diagram(of: barcode))
            return try VectorOutput.encode([row], format: VectorOutput.Format(rawValue: options.outputFormat.rawValue) ?? .csv,
                                           float32: options.float32)
        case .barcode(let command)?:
            switch command.outputFormat {
            case .text: return Array(barcode.text.utf8)
            case .csv: return Array(barcode.csv.utf8)
            case .json: return Array(try barcode.jsonString().utf8)
            }
        case nil, .signedMeasure?, .mma?, .measureVectorize?:
            throw CommandError("--pipeline is empty")
        }
    }
}

/// The words of a `vectorize` stage: `tda vectorize`'s method and output options.
struct VectorizeStageOptions: ParsableArguments {
    @OptionGroup var vectorizer: VectorizerOptions

    @Option(name: .customLong("output-format"), help: "csv, json or npy.")
    var outputFormat: VectorizeCommand.Format = .csv

    @Flag(help: "NPY output in float32.")
    var float32 = false
}

/// A progress bar on stderr when it is a terminal; silent otherwise.
final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0
    private let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast

    init(total: Int) { self.total = total }

    func advance() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled, done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled && total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
