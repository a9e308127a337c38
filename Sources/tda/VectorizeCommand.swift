import ArgumentParser
import Foundation
import SwiftTDA

/// `tda vectorize FILE...`: one vector per barcode CSV, in input order.
struct VectorizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vectorize",
        abstract: "Vectorize barcode CSVs (landscapes, silhouettes, images, Betti curves, entropy, kernels), signed measures (convolution, sliced Wasserstein) or module approximations (MMA images and landscapes).",
        discussion: """
            Reads barcode CSVs (dim,birth,death) and writes one row per input file, in input
            order. Without an explicit range the fit learns it from all inputs (or from
            --fit-on FILES), as gudhi.representations' fit does. Kernels give, per input,
            its kernel values against the fitted diagrams. Fitting on diagrams without points
            is not an error: as in GUDHI the learned range is then [v, v] (v the explicit end,
            else -inf) and the curves are zeros. Points below the diagonal (death < birth) are
            accepted, as GUDHI accepts them; --reject-below-diagonal refuses them.
            betti-curve --grid exact gives the exact step function (one value per birth or death
            of the fitted diagrams, after -inf: GUDHI's resolution=None), --grid FILE the Betti
            numbers at the file's values. persistence-lengths gives the --num-lengths longest
            bar lengths. atol (Royer et al.) fits --clusters k-means centres on the pooled points
            of the fitted diagrams (k-means++ seeded by --seed, --restarts runs, the least
            inertia kept; or --centers FILE) and gives per centre sum_i w_i c(|x_i - z| / s)
            with --contrast gaussian|laplacian|indicator and --weighting cloud|iidproba.
            Signed measures (the CSVs of tda signed-measure) are read by --method
            convolution, and by --method sliced-wasserstein with --input signed-measure,
            as multipers 2.3.2: the convolution (1/N) sum w_i K_h(y - x_i) on a grid
            learned from all atoms (--resolution points per parameter, ends included)
            or given by --box, parameter 1 slowest; the kernel exp(-SW / (2 sigma^2))
            (or --distance) against the fitted measures. Files with a degree column
            give every degree end to end (kernels: the mean over degrees), or the one
            --degree names.
            Module approximations (the CSV or JSON files of tda mma) are read by
            --method mma-image and mma-landscape, as multipers 2.3.2's representation
            and landscapes: images sum w(M)^p K(d(x, M)/h) over the summands M
            (--kernel gaussian|exponential|linear, --bandwidth 0.1, --power 2,
            --normalize for linear) on linspace grids of --resolution 50 points per
            parameter, the first of two parameters fastest; landscapes give the
            --num-landscapes 5 largest summand landscapes on --resolution 100 points
            per parameter (upper end not sampled), one after the other. The box is
            --box, else the smallest box holding every fitted module's box (a CSV
            has no box: its corners' bounding box, or --box), or with --learn-box
            corners the fitted summands' finite corners' range (multipers' MMA2IMG).
            Every degree the files hold goes end to end, or the one --degree names.
            Examples:
              tda vectorize a.csv b.csv --method landscape --num-landscapes 3 --sample-range 0,2
              tda vectorize *.csv --method image --bandwidth 0.1 --output-format npy --output X.npy
              tda vectorize *.csv --method betti-curve --grid exact
              tda vectorize *.csv --method atol --clusters 16 --contrast laplacian --seed 1 --fit-on train/*.csv
              tda vectorize sm_*.csv --method convolution --bandwidth 0.1 --resolution 50
              tda vectorize sm_*.csv --method sliced-wasserstein --input signed-measure
                  --num-directions 50 --sigma 0.5
              tda vectorize mma_*.csv --method mma-image --kernel gaussian --bandwidth 0.05 --degree 1
              tda vectorize mma_*.json --method mma-landscape --num-landscapes 3 --resolution 50
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, npy }

    @Argument(help: "Barcode CSV files, signed-measure CSVs (see --input), or tda mma files for mma-* (- for standard input).")
    var files: [String]

    @OptionGroup var options: VectorizerOptions

    @OptionGroup var measureOptions: SignedMeasureVectorizerOptions

    @OptionGroup var moduleOptions: ModuleVectorizerOptions

    @Option(name: .customLong("fit-on"), parsing: .upToNextOption, help: "Fit on these files (of the inputs' kind) instead of the inputs.")
    var fitOn: [String] = []

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "csv, json or npy.")
    var outputFormat: Format = .csv

    @Flag(help: "NPY output in float32 instead of float64.")
    var float32 = false

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file") }
        try StandardInputUse.once(StandardInputUse.inputs(files) + StandardInputUse.inputs(fitOn, "--fit-on file")
                                  + [("--grid", options.grid), ("--centers", options.centers)])
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if float32 && outputFormat != .npy { throw ValidationError("--float32 goes with --output-format npy") }
        // A usage error (exit 2) in argument-parser's own type: a CommandError thrown here would be wrapped.
        do { try checkApplicability() } catch let error as CommandError { throw ValidationError(error.description) }
    }

    func run() throws {
        let rows: [[Double]]
        if options.method.readsModules {
            rows = try moduleRows()
        } else if try measureOptions.readsSignedMeasures(options.method) {
            rows = try signedMeasureRows()
        } else {
            var vectorizer = try options.makeVectorizer()  // validates the parameters; allocates nothing
            try options.checkOutputSize(rows: files.count, fitted: fitOn.isEmpty ? files.count : fitOn.count)
            let jobs = threadCount(threads)
            let selection = options
            let allows = !options.rejectBelowDiagonal
            let diagrams = try readInParallel(files, jobs: jobs) {
                try selection.diagram(of: readBarcodeWithHint(atPath: $0, allowsBelowDiagonal: allows), path: $0)
            }
            let training = fitOn.isEmpty ? diagrams : try readInParallel(fitOn, jobs: jobs) {
                try selection.diagram(of: readBarcodeWithHint(atPath: $0, allowsBelowDiagonal: allows), path: $0)
            }
            try vectorizer.fit(training)
            let fitted = vectorizer
            rows = try runBlocking { try await fitted.transform(diagrams, jobs: jobs) }
        }
        try checkNoNaN(rows, files: files)
        let bytes = try VectorOutput.encode(rows, format: VectorOutput.Format(rawValue: outputFormat.rawValue) ?? .csv,
                                            float32: float32, threads: threadCount(threads))
        if outputFormat == .npy && (output == nil || output == "-") && isatty(STDOUT_FILENO) != 0 {
            throw CommandError("refusing to write NPY bytes to a terminal: use --output FILE")
        }
        try writeOutput(Data(bytes), to: output)
    }
}
