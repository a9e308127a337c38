import ArgumentParser
import Foundation
import SwiftTDA

/// `tda signed-measure FILE`: the Hilbert, Euler or rank signed measure of a
/// bifiltration built from a point cloud, an image or a graph.
struct SignedMeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signed-measure",
        abstract: "Signed barcodes of a multiparameter filtration (Hilbert, Euler, rank), as multipers.",
        discussion: """
            CSV output: one atom a row, x1,...,xn,weight (rank: b1,...,bn,d1,...,dn,weight; deaths exclusive),
            coordinates in filtration values, rows sorted. Examples:
              tda signed-measure Datasets/annulus.csv --filtration rips-codensity --bandwidth 0.2 --degree 1 --grid regular:100
              tda signed-measure points.csv --filtration rips-lowerstar --function f.csv --invariant euler
              tda signed-measure image.npy --filtration cubical --degree 0     # H x W x channels, values on vertices
              tda signed-measure edges.csv --filtration graph --vertex-file v.csv --degree 0
              tda signed-measure points.csv --filtration rips-codensity --bandwidth 0.1 --degree 1 --loss signed-l1 --gradient dx.csv
            With --loss, stdout's last line is "loss L"; --gradient writes d(loss)/d(point coordinates), one row per
            input point, no header (the gradient reaches each atom coordinate's simplex: the first edge of that length,
            the lowest vertex of that codensity, then the points through the KDE, DTM or k-NN distance; exact or
            quantile grids, no mass default; rips-lowerstar: the function is data, only edge lengths move).
            """
    )

    enum Invariant: String, ExpressibleByArgument, CaseIterable { case hilbert, euler, rank }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }
    enum Mass: String, ExpressibleByArgument, CaseIterable { case none, inf, auto }
    enum Loss: String, ExpressibleByArgument, CaseIterable { case signedL1 = "signed-l1" }

    @OptionGroup var source: BifiltrationOptions

    @Option(help: "hilbert, euler or rank (two parameters).")
    var invariant: Invariant = .hilbert

    @Option(name: .customLong("degree"), help: "Homology degree(s), comma separated (Hilbert and rank; default 1).")
    var degreeOption: String?

    /// `--degree`, default 1.
    var degree: String { degreeOption ?? "1" }

    @Option(help: "exact, regular:R, quantile:R.")
    var grid: String = "exact"

    @Option(name: .customLong("mass-default"), help: "none, inf or auto: put the cancelling mass there (total mass 0).")
    var massDefault: Mass = .none

    @Option(help: "Prime field of coefficients (11 by default, as multipers).")
    var modulus: Int = 11

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    @Option(name: .customLong("output-format"), help: "csv or json.")
    var outputFormat: OutputFormat = .csv

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Flag(name: .customLong("dry-run"), help: "Build the complex, print the cost estimate and stop.")
    var dryRun = false

    @Option(help: "Refuse when the estimate exceeds this: seconds (60s, 10m, 1h) or memory (500MiB, 2GiB).")
    var budget: String?

    @Option(help: "signed-l1: L = (sum of w |x|_1) / (sum of |w|) over finite coordinates, printed as 'loss L' on stdout's last line.")
    var loss: Loss?

    @Option(help: "With --loss (rips-codensity, rips-lowerstar): write dL/d(point coordinates) here, one row per point, no header.")
    var gradient: String?

    func validate() throws {
        if let t = threads, t < 1 || t > 4096 { throw ValidationError("--threads must be between 1 and 4096") }
        if gradient != nil && loss == nil { throw ValidationError("--gradient needs --loss signed-l1") }
        if invariant == .euler && degreeOption != nil { throw ValidationError("--degree does not apply to --invariant euler (it sums over all degrees)") }
    }

    /// The combinations a loss and its gradient are defined for, checked before any work.
    func checkLossOptions(degrees: [Int], strategy: Grid.Strategy) throws {
        guard loss != nil else { return }
        if invariant != .euler && degrees.count != 1 { throw CommandError("--loss takes one --degree") }
        if case .regular = strategy {
            throw CommandError("--loss: a regular grid's values are no simplex's; use --grid exact or quantile:R")
        }
        if massDefault != .none { throw CommandError("--loss: the --mass-default atoms are no simplex's values; leave it at none") }
        guard gradient != nil else { return }
        switch source.filtration {
        case .ripsCodensity, .ripsLowerstar: break
        default:
            throw CommandError("--gradient needs --filtration rips-codensity or rips-lowerstar (points and edge lengths)")
        }
    }

    /// The loss of the measure and, with --gradient, d(loss)/d(points) as CSV rows.
    func lossAndGradient(_ measure: SignedMeasure, rips: BifiltrationOptions.RipsInputs?) throws -> (Double, String?) {
        let (value, dAtoms) = SignedL1Loss(normalization: .weights).evaluate(measure)
        guard gradient != nil else { return (value, nil) }
        guard let rips else { throw CommandError("--gradient needs a Rips bifiltration of a point cloud") }
        var (dx, df) = try Bifiltration.functionRipsPullback(points: rips.cloud, distances: rips.distances, functions: rips.functions,
                                                             threshold: rips.threshold, atomCoordinates: measure.points,
                                                             width: measure.width, cotangent: dAtoms)
        if source.filtration == .ripsCodensity {
            let dk: [Double]
            if let h = source.bandwidth {
                dk = try Density.gaussianCodensityPullback(rips.cloud, bandwidth: h, cotangent: df[0])
            } else if let m = source.dtmMass {
                dk = try Density.distanceToMeasurePullback(rips.cloud, mass: m, cotangent: df[0])
            } else {
                dk = try Density.kNearestDistancePullback(rips.cloud, k: source.knn ?? 1, cotangent: df[0])
            }
            for i in dx.indices { dx[i] += dk[i] }
        }
        let d = rips.cloud.dimension
        var csv = ""
        for i in 0..<rips.cloud.count {
            csv += (0..<d).map { k -> String in let x = dx[i * d + k]; return "\(x == 0 ? 0.0 : x)" }.joined(separator: ",") + "\n"
        }
        return (value, csv)
    }

    func degrees() throws -> [Int] {
        let parts = degree.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 64 }) else {
            throw CommandError("--degree '\(degree)': give degrees between 0 and 64, comma separated")
        }
        return parts.map { $0! }
    }

    func strategy() throws -> Grid.Strategy {
        if grid == "exact" { return .exact }
        let parts = grid.split(separator: ":")
        guard parts.count == 2, let r = Int(parts[1]), r >= 1, r <= 1 << 24 else {
            throw CommandError("--grid '\(grid)': use exact, regular:R or quantile:R with 1 <= R <= 16777216")
        }
        switch parts[0] {
        case "regular": return .regular(r)
        case "quantile": return .quantile(r)
        default: throw CommandError("--grid '\(grid)': use exact, regular:R or quantile:R")
        }
    }

    func run() throws {
        guard let (text, measure, rips) = try measures(threads: threadCount(threads)) else { return }
        guard loss != nil else {
            try writeOutput(text, to: output)
            return
        }
        let (value, gradientCSV) = try lossAndGradient(measure, rips: rips)
        if let gradient, let gradientCSV { try writeOutput(gradientCSV, to: gradient) }
        let lossLine = "loss \(value)\n"
        if let output, output != "-" {
            try writeOutput(text, to: output)
            try writeOutput(lossLine, to: nil)
        } else {
            try writeOutput(text + lossLine, to: nil)
        }
    }

    /// The measures as `--output-format` writes them, the first measure and
    /// the Rips inputs (for a loss); nil after `--dry-run` printed the estimate.
    /// `tda batch` runs this for its signed-measure stage.
    func measures(threads threadCount: Int) throws -> (text: String, first: SignedMeasure, rips: BifiltrationOptions.RipsInputs?)? {
        let degrees = try degrees()
        let strategy = try strategy()
        try checkLossOptions(degrees: degrees, strategy: strategy)
        let (complex, fullValues, rips) = try ActivityIndicator.run("building the complex") {
            try self.source.complexAndInputs(collapse: self.invariant != .euler)
        }
        // The exact grid of a collapsed complex gives the same atoms (the
        // values it drops are not jumps); other grids come from the full complex.
        let grid = try fullValues.map { strategy == .exact ? try Grid(for: complex, strategy: strategy)
                                                           : try Grid(distinctValues: $0, strategy: strategy) }
            ?? Grid(for: complex, strategy: strategy)
        let squeezed = try SqueezedComplex(complex, grid: grid)
        let cost = try CostEstimate(squeezed, invariant: invariant.rawValue, maxDegree: degrees.max() ?? 0,
                                    threads: threadCount, modulus: modulus)
        if dryRun {
            try writeOutput(cost.report, to: nil)
            return nil
        }
        if let budget { try cost.check(budget: budget) }
        let progress = ProgressBar(label: "\(invariant.rawValue) sub-problems")
        var options = SignedMeasureOptions(threads: threadCount, modulus: modulus, progress: progress.enabled ? progress.update : nil)
        switch massDefault {
        case .none: options.massDefault = .none
        case .inf: options.massDefault = .infinity
        case .auto: options.massDefault = .auto
        }
        let measures: [SignedMeasure]
        switch invariant {
        case .hilbert:
            measures = try SignedMeasure.hilbert(squeezed, degrees: degrees, options: options)
        case .euler:
            measures = [try SignedMeasure.euler(squeezed, massDefault: options.massDefault)]
        case .rank:
            guard complex.parameterCount == 2 else {
                throw InputError("the rank invariant needs two parameters (this bifiltration has \(complex.parameterCount))")
            }
            measures = try degrees.map { try SignedMeasure.rank(squeezed, degree: $0, options: options) }
        }
        progress.finish()
        let text: String
        switch outputFormat {
        case .csv:
            if measures.count == 1 {
                text = measures[0].csvHeader + "\n" + measures[0].csv
            } else {
                text = "degree," + measures[0].csvHeader + "\n" + zip(degrees, measures).map { d, m in
                    m.csv.split(separator: "\n").map { "\(d),\($0)\n" }.joined()
                }.joined()
            }
        case .json:
            let labels = invariant == .euler ? ["null"] : degrees.map(String.init)
            text = "[" + zip(labels, measures).map { "{\"degree\":\($0),\"invariant\":\"\(invariant.rawValue)\",\"measure\":\($1.json)}" }.joined(separator: ",") + "]\n"
        }
        guard let first = measures.first else { throw CommandError("no degree to compute") }
        return (text, first, rips)
    }
}

/// A progress bar on stderr (only on a terminal): "hilbert sub-problems 120/400".
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled = isatty(STDERR_FILENO) != 0 && !ActivityIndicator.silenced
    private let lock = NSLock()
    private var shown = false
    private let start = Date()
    init(label: String) { self.label = label }

    @Sendable func update(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(start) > 0.5, total > 0 else { return }
        let width = 30, filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
        shown = true
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
