import ArgumentParser
import Foundation
import SwiftTDA

/// `tda batch INPUTS... --pipeline SPEC --out DIR`: runs a pipeline of the
/// subcommands' own stages on many inputs, one result file per input.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run a pipeline (barcode | vectorize, signed-measure | vectorize, mma | vectorize) over many inputs, one result file each, or one matrix (--collect).",
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
            Barcodes are written as CSV unless the stage says --output-format.
            --collect FILE.npy|FILE.csv writes one matrix, a row per input that succeeded, in
            input order, and FILE.index.csv (row,input,status[,label]; labels from --labels,
            one a line in input order). --shard auto reads the shard from Slurm
            (SLURM_ARRAY_TASK_ID, _COUNT or _MIN/_MAX) or Kubernetes (JOB_COMPLETION_INDEX with
            --shard-count N); `tda batch merge PARTS... --out FILE` joins the shards' collected
            parts into the bytes a one-machine run gives.
            """,
        subcommands: [BatchMergeCommand.self]
    )

    @Argument(help: "Input files (point clouds for a pipeline starting with barcode, barcode CSVs for vectorize).")
    var inputs: [String] = []

    @Option(name: .customLong("input-list"), help: "A file listing inputs, one path a line (after any given as arguments); for datasets too large for a command line.")
    var inputList: String?

    @Option(help: "Stages joined by '|', e.g. 'barcode --max-dim 1 | vectorize --method image --im-range 0,1,0,1'.")
    var pipeline: String

    @Option(help: "Output folder for one result file per input (created if missing); optional with --collect.")
    var out: String?

    @Option(help: "Inputs processed at once (default: TDA_THREADS or all cores).")
    var jobs: Int?

    @Option(help: "i/N: process only inputs i, i+N, ... (0-based); auto: from Slurm or Kubernetes (with --shard-count).")
    var shard: String?

    @Option(name: .customLong("shard-count"), help: "With --shard auto: the number of shards (a Kubernetes Indexed Job's completions).")
    var shardCount: Int?

    @Option(help: "Write all results as one matrix, FILE.npy or FILE.csv, with FILE.index.csv beside it.")
    var collect: String?

    @Option(help: "A label for each input, one a line in input order, added to the --collect index.")
    var labels: String?

    @Flag(help: "Skip inputs whose result file already exists.")
    var resume = false

    @Flag(name: .customLong("in-process"), help: "Run the inputs in threads of this process, not in worker processes (an input that crashes then stops the batch).")
    var inProcess = false

    @Flag(name: .customLong("worker"), help: .hidden)
    var worker = false

    @Option(name: .customLong("fit-on"), parsing: .upToNextOption, help: "Inputs to fit the vectorizer on (through the same stages) when its ranges are not explicit.")
    var fitOn: [String] = []

    func validate() throws {
        if inputs.isEmpty && inputList == nil { throw ValidationError("give at least one input (or --input-list FILE)") }
        try StandardInputUse.once(StandardInputUse.inputs(inputs) + StandardInputUse.inputs(fitOn, "--fit-on file")
                                  + [("--input-list", inputList), ("--labels", labels)])
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1") }
        if out == nil && collect == nil { throw ValidationError("give --out DIR, --collect FILE, or both") }
        if resume && out == nil { throw ValidationError("--resume needs --out DIR (the results it skips)") }
        if let collect, collectFormat(collect) == nil { throw ValidationError("--collect FILE must end in .npy or .csv, got '\(collect)'") }
        if labels != nil && collect == nil { throw ValidationError("--labels goes into the --collect index: give --collect FILE") }
        if let c = shardCount, c < 1 { throw ValidationError("--shard-count must be at least 1") }
        if shardCount != nil && shard != "auto" { throw ValidationError("--shard-count goes with --shard auto") }
    }

    /// The format a collected matrix is written in, from its extension.
    func collectFormat(_ path: String) -> VectorOutput.Format? {
        let lower = path.lowercased()
        return lower.hasSuffix(".npy") ? .npy : lower.hasSuffix(".csv") ? .csv : nil
    }

    /// The shard: `--shard i/N`, `--shard auto` from the environment, or all.
    func resolvedShard() throws -> (index: Int, count: Int) {
        guard let shard else { return (0, 1) }
        do {
            if shard == "auto" { return try BatchPlan.shard(fromEnvironment: ProcessInfo.processInfo.environment, count: shardCount) }
            return try BatchPlan.parseShard(shard)
        } catch VectorizationError.invalidSpecification(let reason) {
            throw CommandError(reason)
        }
    }

    /// The labels of `--labels`: one a line (a trailing empty line ignored), as many as inputs.
    func loadLabels(count: Int) throws -> [String]? {
        guard let labels else { return nil }
        var lines = String(decoding: try FileInput.bytes(atPath: labels), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        guard lines.count == count else {
            throw InputError("\(labels) has \(lines.count) label\(lines.count == 1 ? "" : "s"), expected one a line for each of the \(count) inputs")
        }
        return lines
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
        if collect != nil && !runner.isVectorizing {
            throw CommandError("--collect makes one matrix of vectors: the pipeline needs a vectorize stage")
        }
        let shardSpec = try resolvedShard()
        let labelList = try loadLabels(count: inputs.count)
        let plan = try BatchPlan(inputs: inputs, outputDirectory: out ?? ".", extension: runner.fileExtension, shard: shardSpec)
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            } catch {
                throw CommandError("cannot create \(out): \(error.localizedDescription)")
            }
        }
        ActivityIndicator.silenced = true
        try runner.fit(on: fitOn)
        let fitted = runner
        let progress = BatchProgress(total: plan.items.count)
        let doResume = resume, writesFiles = out != nil, collecting = collect != nil
        // One input's work, in a worker process (BatchIsolation) or, with
        // --in-process, in a thread of this one.
        let work = { @Sendable (item: BatchPlan.Item) -> BatchOutcome in
            do {
                if doResume && FileManager.default.fileExists(atPath: item.output) {
                    return .skipped(collecting ? try fitted.row(fromResultFile: item.output) : nil)
                }
                let result = try fitted.result(for: item.input)
                if collecting && result.row == nil {
                    throw InputError("it gives more than one vector, and --collect takes one a input")
                }
                if writesFiles { try BatchPlan.writeAtomically(result.bytes, to: item.output) }
                return .processed(result.row)
            } catch {
                return .failed(CLIError.message(for: error))
            }
        }
        if worker {
            BatchIsolation.serve(items: plan.items, work)
            return
        }
        let outcomes: [BatchOutcome]
        if inProcess {
            outcomes = try runBlocking {
                try await ParallelMap.map(plan.items, jobs: jobCount) { item -> BatchOutcome in
                    let outcome = work(item)
                    if case .failed = outcome { progress.advance(failed: true) } else { progress.advance(failed: false) }
                    return outcome
                }
            }
        } else {
            outcomes = BatchIsolation.run(items: plan.items, jobs: jobCount,
                                          arguments: Array(CommandLine.arguments.dropFirst()) + ["--worker"]) { outcome in
                if case .failed = outcome { progress.advance(failed: true) } else { progress.advance(failed: false) }
            }
        }
        progress.finish()
        var processed = 0, skipped = 0
        var failures: [String] = []
        var entries: [BatchCollection.Entry] = []
        for (item, outcome) in zip(plan.items, outcomes) {
            var row: [Double]?
            switch outcome {
            case .processed(let r): processed += 1; row = r
            case .skipped(let r): skipped += 1; row = r
            case .failed(let reason): failures.append("\(item.input): \(reason)")
            }
            entries.append(BatchCollection.Entry(input: item.input, row: row, label: labelList?[item.index]))
        }
        if let collect, let format = collectFormat(collect) {
            let shardInfo = shardSpec.count > 1 ? BatchCollection.Shard(index: shardSpec.index, count: shardSpec.count, inputCount: inputs.count) : nil
            let collection = BatchCollection(entries: entries, shard: shardInfo, float32: runner.float32)
            try BatchCollectionFile.write(collection, to: collect, format: format)
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
    /// Computed now; the row when the pipeline vectorizes.
    case processed([Double]?)
    /// Already written (`--resume`); its row read back when collecting.
    case skipped([Double]?)
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
                var command: BarcodeCommand
                do { command = try BarcodeCommand.parse(["-"] + args) } catch {
                    throw CommandError("--pipeline stage 'barcode': \(BarcodeCommand.message(for: error))")
                }
                // Machine-readable by default in a batch, whatever tda barcode's own default.
                if !args.contains(where: { $0 == "--output-format" || $0.hasPrefix("--output-format=") }) {
                    command.outputFormat = .csv
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
                    do { return try options.vectorizer.diagram(of: try me.barcode(for: file), path: file) } catch {
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

    /// Whether the last stage is vectorize (results are rows).
    var isVectorizing: Bool {
        switch stages.last {
        case .vectorize?, .measureVectorize?: return true
        default: return false
        }
    }

    /// Whether the vectorize stage asks for float32.
    var float32: Bool {
        switch stages.last {
        case .vectorize(let options, _)?: return options.float32
        case .measureVectorize(let vectorize, _)?: return vectorize.float32
        default: return false
        }
    }

    /// One input's result: the bytes of its result file, and its row when
    /// the pipeline vectorizes.
    func result(for input: String) throws -> (bytes: [UInt8], row: [Double]?) {
        if let output = try multiparameterOutput(for: input) { return output }
        let barcode = try self.barcode(for: input)
        switch stages.last {
        case .vectorize(let options, let vectorizer)?:
            let row = try vectorizer.transform(try options.vectorizer.diagram(of: barcode))
            let bytes = try VectorOutput.encode([row], format: VectorOutput.Format(rawValue: options.outputFormat.rawValue) ?? .csv,
                                                float32: options.float32)
            return (bytes, row)
        case .barcode(let command)?:
            switch command.outputFormat {
            case .text: return (Array(barcode.text.utf8), nil)
            case .csv: return (Array(barcode.csv.utf8), nil)
            case .json: return (Array(try barcode.jsonString().utf8), nil)
            }
        case nil, .signedMeasure?, .mma?, .measureVectorize?:
            throw CommandError("--pipeline is empty")
        }
    }

    /// The row of a result file written earlier (`--resume` with `--collect`).
    func row(fromResultFile path: String) throws -> [Double] {
        let format: VectorizeCommand.Format
        switch stages.last {
        case .vectorize(let options, _)?: format = options.outputFormat
        case .measureVectorize(let vectorize, _)?: format = vectorize.outputFormat
        default: throw CommandError("internal error: no vectorize stage")
        }
        let bytes = try FileInput.bytes(atPath: path)
        do {
            switch format {
            case .npy: return try NPYArray(bytes: bytes, allowNonFinite: true).values
            case .csv:
                let rows = try BatchCollection.csvRows(bytes, name: path)
                guard rows.count == 1, let row = rows.first else { throw CommandError("\(path) holds \(rows.count) rows, expected 1") }
                return row
            case .json:
                return try JSONDecoder().decode([[ModuleFile.Number]].self, from: Data(bytes)).first?.map(\.value) ?? []
            }
        } catch {
            throw InputError("cannot collect the earlier result \(path): \(CLIError.message(for: error)); delete it to recompute")
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

/// A progress line on stderr when it is a terminal (done, failed, rate,
/// ETA); silent otherwise.
final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var done = 0, failed = 0
    private let enabled = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private var lastDraw = Date.distantPast

    init(total: Int) { self.total = total }

    func advance(failed didFail: Bool) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if didFail { failed += 1 }
        guard enabled, done == total || Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        FileHandle.standardError.write(Data(("\r" + Self.line(done: done, failed: failed, total: total,
                                                              elapsed: lastDraw.timeIntervalSince(start)) + "\u{1B}[K").utf8))
    }

    /// `[=====     ] 120/600, 2 failed, 35.1/s, ETA 14 s`.
    static func line(done: Int, failed: Int, total: Int, elapsed: Double) -> String {
        let width = 24
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var text = "[\(bar)] \(done)/\(total)"
        if failed > 0 { text += ", \(failed) failed" }
        text += String(format: ", %.1f/s", rate)
        if rate > 0 && done < total {
            let eta = Double(total - done) / rate
            text += eta >= 120 ? String(format: ", ETA %.0f min", eta / 60) : String(format: ", ETA %.0f s", eta)
        }
        return text
    }

    func finish() {
        if enabled && total > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
