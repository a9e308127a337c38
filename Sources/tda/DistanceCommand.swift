import ArgumentParser
import Foundation
import SwiftTDA

/// `tda distance A B`: a distance between two barcodes (or the matrix of all
/// pairwise distances for more files).
struct DistanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distance",
        abstract: "Bottleneck, Wasserstein or sliced Wasserstein distance between barcode CSVs (or a matching-distance estimate).",
        discussion: """
            With two files, prints one number (inf when the essential bars cannot be matched).
            With more, prints the symmetric matrix of pairwise distances as CSV.
            bottleneck is exact (GUDHI's bottleneck_distance with e=0), in linear memory for
            large diagrams; wasserstein:q has ground metric L^p, --internal-p p (1, 2, ..., inf;
            default inf), and is computed as hera does (gudhi.hera.wasserstein_distance): an
            auction in linear memory whose result is at most (1 + E) times the exact distance,
            --relative-error E (default 0.01); --exact solves it exactly (GUDHI's
            wasserstein_distance(order=q, internal_p=p), POT's emd2; quadratic memory, at most
            15000 finite points). Essential parts as GUDHI's (inf when the counts of essential
            bars differ, else matched by sorted births);
            sliced-wasserstein[:n] uses GUDHI's n directions (default 10).
            --matching FILE (two inputs, bottleneck or wasserstein) writes an optimal matching
            as CSV, header a,b, one pair of row indices a row (the bars of --dim in file order,
            counting from 0), -1 for the diagonal; no pairs when the distance is inf.
            Points below the diagonal (death < birth) are accepted; --reject-below-diagonal
            refuses them. --finite-only drops essential bars first (GUDHI's
            keep_essential_parts=False).
            matching estimates the matching distance between two bifiltrations (with --filtration
            and its flags, as tda mma takes them) or two tda mma outputs (JSON/CSV): the largest
            bottleneck distance of the fibered barcodes over --nlines diagonal lines crossing the
            box (multipers' estimate_matching on mod.barcodes). It is a LOWER BOUND of the matching
            distance; --verbose prints the line count and the line reaching it on stderr.
            Examples:
              tda distance a.csv b.csv --metric bottleneck
              tda distance a.csv b.csv --metric wasserstein:2 --dim 0
              tda distance a.csv b.csv --metric wasserstein:1 --internal-p 2 --matching pairs.csv
              tda distance a.csv b.csv --metric wasserstein:1 --relative-error 0.001
              tda distance a.csv b.csv --metric wasserstein:2 --exact
              tda distance a.csv b.csv --metric matching --filtration rips-codensity --bandwidth 0.2 --degree 1
              tda distance a.json b.json --metric matching --nlines 200
            """
    )

    @Argument(help: "Two or more barcode CSV files.")
    var files: [String]

    @Option(help: "bottleneck, wasserstein[:q] (default q = 1), sliced-wasserstein[:directions], matching.")
    var metric: String = "bottleneck"

    @Option(help: "Homology dimension.")
    var dim: Int = 1

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(help: "Worker threads for a matrix (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    @Option(name: .customLong("nlines"), help: "matching: the number of diagonal lines sampled (default 100).")
    var nlinesOption: Int?

    /// `--nlines`, default 100.
    var nlines: Int { nlinesOption ?? 100 }

    @Option(help: "matching: the homology degree (default: --dim).")
    var degree: Int?

    @Option(help: "matching: build bifiltrations from point clouds: rips-codensity, rips-lowerstar, alpha-codensity, ... (as tda mma). Without it the files are tda mma outputs.")
    var filtration: BifiltrationOptions.Filtration?

    @Option(help: "matching: Gaussian KDE bandwidth for the codensity.")
    var bandwidth: Double?

    @Option(name: .customLong("dtm-mass"), help: "matching: codensity by the distance to measure with this mass.")
    var dtmMass: Double?

    @Option(help: "matching: codensity by the distance to the k-th nearest neighbour.")
    var knn: Int?

    @Option(help: "matching: largest Rips edge length (a number or 'enclosing').")
    var threshold: String?

    @Option(help: "matching: flag complex dimension.")
    var expansion: Int?

    @Option(parsing: .unconditional, help: "matching: the box the lines cross, x0,y0,x1,y1 (default: the union of both inputs' boxes).")
    var box: String?

    @Flag(help: "matching: print the line count, the argmax line and 'lower bound' on stderr.")
    var verbose = false

    @Option(name: .customLong("internal-p"), help: "wasserstein: the ground metric L^p between points, p >= 1 or inf (default inf).")
    var internalP: String?

    @Option(name: .customLong("relative-error"), help: "wasserstein: the result is at most (1 + E) times the exact distance (default 0.01, as gudhi.hera).")
    var relativeError: String?

    @Flag(help: "wasserstein: the exact distance (Hungarian algorithm; quadratic memory, small diagrams).")
    var exact = false

    @Option(name: .customLong("matching"), help: "Two inputs, bottleneck or wasserstein: write an optimal matching here (CSV a,b; -1 is the diagonal).")
    var matchingFile: String?

    @Flag(name: .customLong("reject-below-diagonal"), help: "Refuse points with death < birth (default: accept them, as GUDHI does).")
    var rejectBelowDiagonal = false

    @Flag(name: .customLong("finite-only"), help: "Drop the essential bars first (GUDHI's keep_essential_parts=False); matching indices still count every bar of the file.")
    var finiteOnly = false

    func validate() throws {
        if files.count < 2 { throw ValidationError("give at least two barcode files") }
        try StandardInputUse.once(StandardInputUse.inputs(files))
        if metric == "matching" {
            if files.count != 2 { throw ValidationError("--metric matching compares exactly two inputs") }
            if nlines < 1 || nlines > 100_000_000 { throw ValidationError("--nlines must be between 1 and 100000000") }
            if let d = degree, d < 0 { throw ValidationError("--degree must be at least 0") }
            if filtration == nil, bandwidth != nil || dtmMass != nil || knn != nil || threshold != nil || expansion != nil {
                throw ValidationError("--bandwidth, --dtm-mass, --knn, --threshold and --expansion need --filtration")
            }
            if finiteOnly || rejectBelowDiagonal {
                throw ValidationError("\(finiteOnly ? "--finite-only" : "--reject-below-diagonal") reads barcodes; --metric matching reads module approximations or point clouds")
            }
        } else if filtration != nil || degree != nil || verbose || box != nil {
            throw ValidationError("--filtration, --degree, --box and --verbose go with --metric matching")
        } else if let flag = [("--nlines", nlinesOption != nil), ("--bandwidth", bandwidth != nil), ("--dtm-mass", dtmMass != nil),
                              ("--knn", knn != nil), ("--threshold", threshold != nil), ("--expansion", expansion != nil)]
                    .first(where: { $0.1 })?.0 {
            // Typed is given, whatever the value: `--nlines 100` is refused for bottleneck as `--nlines 5` is.
            throw ValidationError("\(flag) goes with --metric matching")
        }
        if internalP != nil && !metric.hasPrefix("wasserstein") { throw ValidationError("--internal-p goes with --metric wasserstein[:q]") }
        if relativeError != nil && !metric.hasPrefix("wasserstein") { throw ValidationError("--relative-error goes with --metric wasserstein[:q]") }
        if exact && !metric.hasPrefix("wasserstein") { throw ValidationError("--exact goes with --metric wasserstein[:q] (bottleneck is always exact)") }
        if exact && relativeError != nil { throw ValidationError("--exact and --relative-error exclude each other") }
        if matchingFile != nil {
            if files.count != 2 { throw ValidationError("--matching needs exactly two inputs") }
            if !(metric.hasPrefix("wasserstein") || metric.hasPrefix("bottleneck")) {
                throw ValidationError("--matching goes with --metric bottleneck or wasserstein[:q]")
            }
        }
        if dim < 0 { throw ValidationError("--dim must be at least 0") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// `--internal-p`: a number >= 1 or inf.
    static func internalP(_ text: String?) throws -> Double {
        guard let text else { return .infinity }
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "inf" || t == "infinity" { return .infinity }
        guard let p = NumberGrammar.parse(t), p >= 1, !p.isNaN else { throw CommandError("--internal-p needs a number >= 1 or inf, got '\(text)'") }
        return p
    }

    /// `--relative-error`: a positive finite number (default 0.01); nil with `--exact`.
    static func relativeError(_ text: String?, exact: Bool) throws -> Double? {
        if exact { return nil }
        guard let text else { return 0.01 }
        guard let e = NumberGrammar.parse(text.trimmingCharacters(in: .whitespaces)), e > 0, e.isFinite else {
            throw CommandError("--relative-error needs a positive finite number, got '\(text)'")
        }
        return e
    }

    /// The Wasserstein order of `wasserstein[:q]`.
    static func order(_ parameter: String?) throws -> Double {
        try parameter.map { p -> Double in
            guard let q = NumberGrammar.parse(p), q >= 1, q.isFinite else { throw CommandError("wasserstein:q needs a finite q >= 1, got '\(p)'") }
            return q
        } ?? 1
    }

    /// The matching named by `--metric` (bottleneck or wasserstein[:q]).
    static func matching(named metric: String, internalP: Double, relativeError: Double? = nil) throws -> @Sendable ([Bar], [Bar]) throws -> DiagramMatching {
        let parts = metric.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first ?? "" {
        case "bottleneck":
            if parts.count > 1 { throw CommandError("bottleneck takes no parameter") }
            return { bottleneckMatching($0, $1) }
        case "wasserstein":
            let q = try order(parts.count > 1 ? parts[1] : nil)
            if let e = relativeError { return { try wassersteinMatching($0, $1, order: q, internalP: internalP, relativeError: e) } }
            return { try wassersteinMatching($0, $1, order: q, internalP: internalP) }
        default:
            throw CommandError("--matching goes with --metric bottleneck or wasserstein[:q]")
        }
    }

    /// The distance function named by `--metric`.
    static func distance(named metric: String, internalP: Double = .infinity, relativeError: Double? = nil) throws -> @Sendable ([Bar], [Bar]) throws -> Double {
        let parts = metric.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let parameter = parts.count > 1 ? parts[1] : nil
        switch name {
        case "bottleneck":
            if parameter != nil { throw CommandError("bottleneck takes no parameter") }
            return { bottleneckDistance($0, $1) }
        case "wasserstein":
            let q = try order(parameter)
            if let e = relativeError { return { try wassersteinDistance($0, $1, order: q, internalP: internalP, relativeError: e) } }
            return { try wassersteinDistance($0, $1, order: q, internalP: internalP) }
        case "sliced-wasserstein":
            let n = try parameter.map { p -> Int in
                guard let n = Int(p), n >= 2 else { throw CommandError("sliced-wasserstein:n needs an integer n >= 2, got '\(p)'") }
                return n
            } ?? 10
            try MemoryBudget.elements([n, 2], bytesEach: 8, what: "sliced-wasserstein:\(n)", advice: "use fewer directions")
            return { try slicedWassersteinDistance($0, $1, directions: n) }
        default:
            throw CommandError("unknown metric '\(metric)' (bottleneck, wasserstein[:q], sliced-wasserstein[:n], matching)")
        }
    }

    /// The bifiltration of one file, built with the shared `tda mma` options.
    func bifiltration(_ path: String, _ filtration: BifiltrationOptions.Filtration) throws -> FilteredComplex {
        var args = [path, "--filtration", filtration.rawValue]
        if let bandwidth { args += ["--bandwidth", "\(bandwidth)"] }
        if let dtmMass { args += ["--dtm-mass", "\(dtmMass)"] }
        if let knn { args += ["--knn", "\(knn)"] }
        if let threshold { args += ["--threshold", threshold] }
        if let expansion { args += ["--expansion", "\(expansion)"] }
        let options: BifiltrationOptions
        do { options = try BifiltrationOptions.parse(args) } catch { throw CommandError(BifiltrationOptions.message(for: error)) }
        // The filtration-domination collapse keeps every slice's barcode.
        return try options.complex(collapse: true).0
    }

    func runMatching() throws {
        let d = degree ?? dim
        var options = MatchingDistanceOptions(lineCount: nlines, degrees: [d], threads: threadCount(threads))
        if let box {
            let v = try MMACommand.numbers(box, option: "--box")
            guard v.count == 4, v.allSatisfy(\.isFinite), v[0] <= v[2], v[1] <= v[3] else {
                throw CommandError("--box '\(box)': give x0,y0,x1,y1, finite, with x0 <= x1 and y0 <= y1")
            }
            options.box = ([v[0], v[1]], [v[2], v[3]])
        }
        let estimate: MatchingDistanceEstimate
        if let filtration {
            let a = try bifiltration(files[0], filtration), b = try bifiltration(files[1], filtration)
            estimate = try MatchingDistance.estimate(a, b, options: options)
        } else {
            let a = try ModuleFile(atPath: files[0]).module, b = try ModuleFile(atPath: files[1]).module
            estimate = try MatchingDistance.estimate(a, b, options: options)
        }
        try writeOutput(VectorOutput.number(estimate.value) + "\n", to: output)
        if verbose {
            let bp = estimate.argmax.basepoint.map { VectorOutput.number($0) }.joined(separator: ", ")
            let what = filtration == nil ? "module approximations, up to their precision" : "exact slice barcodes"
            FileHandle.standardError.write(Data("matching distance >= \(VectorOutput.number(estimate.value)) (a lower bound; \(what)): max over \(estimate.lineCount) diagonal lines in degree \(d), reached on the line through (\(bp))\n".utf8))
        }
    }

    func run() throws {
        if metric == "matching" { return try runMatching() }
        let p = try Self.internalP(internalP)
        let e = try Self.relativeError(relativeError, exact: exact)
        let f = try Self.distance(named: metric, internalP: p, relativeError: e)
        let jobs = threadCount(threads)
        let d = dim, allows = !rejectBelowDiagonal
        var read = try readInParallel(files, jobs: jobs) { try readBarcode(atPath: $0, allowsBelowDiagonal: allows)[d] }
        // Essential bars out, keeping every other bar's index (the matching counts rows of the file).
        var keptIndex: [[Int]]? = nil
        if finiteOnly {
            keptIndex = read.map { d in d.indices.filter { d[$0].birth.isFinite && d[$0].death.isFinite } }
            read = zip(read, keptIndex ?? []).map { d, kept in kept.map { d[$0] } }
        }
        let diagrams = read
        if let matchingFile {
            var m = try Self.matching(named: metric, internalP: p, relativeError: e)(diagrams[0], diagrams[1])
            if let keptIndex {
                m.pairs = m.pairs.map { .init(a: $0.a < 0 ? -1 : keptIndex[0][$0.a], b: $0.b < 0 ? -1 : keptIndex[1][$0.b]) }
            }
            try writeOutput(m.csv, to: matchingFile)
            try writeOutput(VectorOutput.number(m.distance) + "\n", to: output)
            return
        }
        if diagrams.count == 2 {
            try writeOutput(VectorOutput.number(try f(diagrams[0], diagrams[1])) + "\n", to: output)
            return
        }
        let n = diagrams.count
        let pairs = (0..<n).flatMap { i in ((i + 1)..<n).map { (i, $0) } }
        let values = try runBlocking { try await ParallelMap.map(pairs, jobs: jobs) { try f(diagrams[$0.0], diagrams[$0.1]) } }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (k, (i, j)) in pairs.enumerated() { matrix[i][j] = values[k]; matrix[j][i] = values[k] }
        try writeOutput(VectorOutput.csv(matrix), to: output)
    }
}
