import ArgumentParser
import Foundation
import SwiftTDA

/// `tda barcode FILE`: the persistence barcode of a point cloud or distance
/// matrix (Vietoris–Rips), written as text, CSV or JSON.
struct BarcodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "barcode",
        abstract: "Compute the persistence barcode of a point cloud, distance matrix or image.",
        discussion: """
            Examples:
              tda barcode Datasets/circle.csv --max-dim 1 --output-format csv
              tda barcode sphere.lower_distance_matrix --input lower-distance --max-dim 2
              tda barcode graph.txt --input sparse --max-dim 1          # i j d, one edge a line
              tda barcode points.csv --vertex-values f.csv              # lower-star plus Rips
              tda barcode points.csv --subsample 100 --output-format json   # r_cover on stderr and in the JSON
              tda barcode circle.csv --cocycles --modulus 3 --output-format json
            """
    )

    /// Input formats: Ripser's `--format` names (and its prefixes: `lower`,
    /// `upper`, `dist`, `point`), then npy, off and csv.
    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case pointCloud = "point-cloud", lowerDistance = "lower-distance", upperDistance = "upper-distance"
        case distance, dipha, sparse, binary, npy, off, csv

        init?(argument: String) {
            if let exact = InputKind(rawValue: argument) {
                self = exact
            } else if argument.hasPrefix("lower") {
                self = .lowerDistance
            } else if argument.hasPrefix("upper") {
                self = .upperDistance
            } else if argument.hasPrefix("dist") {
                self = .distance
            } else if argument.hasPrefix("point") {
                self = .pointCloud
            } else {
                return nil
            }
        }
    }

    enum ComplexKind: String, ExpressibleByArgument, CaseIterable { case rips, alpha, cubical }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    enum CollapseMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: "Input file, or - for standard input.")
    var file: String

    @Option(help: "Input format, as Ripser's --format: point-cloud (CSV/TSV/whitespace), lower-distance, upper-distance, distance (full matrix; a non-zero diagonal gives vertex births), dipha, sparse (i j d, one edge a line), binary (float32 lower triangle); also npy, off, csv (image). Default: from the file extension, else point-cloud.")
    var input: InputKind?

    @Option(help: "The filtered complex: rips, alpha, cubical.")
    var complex: ComplexKind = .rips

    @Option(name: .customLong("max-dim"), help: "Highest homology dimension.")
    var maxDim: Int = 1

    @Option(help: "Largest edge length (Rips). Default: the enclosing radius, as Ripser.")
    var threshold: Double?

    @Option(help: "Prime p < 65536: coefficients in Z/p.")
    var modulus: Int = 2

    @Option(name: .customLong("metric"), help: "Rips on point clouds: euclidean (the default), manhattan, chebyshev, cosine.")
    var metricOption: String?

    /// `--metric`, default euclidean.
    var metric: String { metricOption ?? "euclidean" }

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "text, csv or json.")
    var outputFormat: OutputFormat = .text

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    @Option(name: .customLong("collapse"), help: "Rips: edge collapse before the reduction: auto (the default), always, never.")
    var collapseOption: CollapseMode?

    /// `--collapse`, default auto.
    var collapse: CollapseMode { collapseOption ?? .auto }

    enum AlphaPrecision: String, ExpressibleByArgument, CaseIterable { case exact, fast }

    @Option(name: .customLong("precision"), help: "Alpha complexes: exact (GMP, the default) or fast (floating-point radii, ~1e-12 relative).")
    var precisionOption: AlphaPrecision?

    /// `--precision`, default exact.
    var precision: AlphaPrecision { precisionOption ?? .exact }

    enum ValuesOn: String, ExpressibleByArgument, CaseIterable { case cells, vertices }

    @Option(name: .customLong("values-on"),
            help: "Cubical complexes: the image's values are on top-dimensional cells (default) or vertices.")
    var valuesOnOption: ValuesOn?

    /// `--values-on`, default cells.
    var valuesOn: ValuesOn { valuesOnOption ?? .cells }

    @Option(name: .customLong("vertex-values"),
            help: "Rips: a file of vertex births, one value per point (lower-star plus Rips: an edge enters at max(d, f(i), f(j))).")
    var vertexValues: String?

    @Option(name: .customLong("spectral-function"),
            help: "Rips on a point cloud: vertex births from basis vector v_K of the cloud's spectral basis, K[:graph|robust] (as tda spectral's columns; default method robust for 3D, else graph).")
    var spectralFunction: String?

    @Option(help: "Rips: the barcode of a greedy permutation (farthest-point sample) of this many points; r_cover goes to stderr (and the JSON).")
    var subsample: Int?

    @Option(help: "With --subsample: start the greedy permutation at a point drawn with this seed (default: point 0, as ripser.py).")
    var seed: UInt64?

    @Flag(help: "Rips: representative cocycles of the bars in dimensions >= 1 (JSON: rows [v0,...,vd,value] per bar; text: as Ripser's --cocycles); turns edge collapse off.")
    var cocycles = false

    @Option(help: "Full distance matrices whose triangles differ by more than 1e-4 (relative): take the lower or upper triangle, or the min or max of each pair.")
    var symmetrize: DistanceMatrix.Symmetrization?

    @Option(name: .customLong("memory-limit"),
            help: "Stop with an error rather than use more than this many MB (default: 3/4 of physical memory).")
    var memoryLimit: Int?

    func validate() throws {
        if maxDim < 0 { throw ValidationError("--max-dim must be at least 0") }
        try StandardInputUse.once([("the input", file), ("--vertex-values", vertexValues)])
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if let m = memoryLimit, m < 1 { throw ValidationError("--memory-limit must be at least 1 (MB)") }
        if let k = subsample, k < 1 { throw ValidationError("--subsample must be at least 1") }
        if seed != nil && subsample == nil { throw ValidationError("--seed needs --subsample") }
        if complex != .rips && (vertexValues != nil || spectralFunction != nil || subsample != nil || cocycles) {
            throw ValidationError("--vertex-values, --spectral-function, --subsample and --cocycles are for --complex rips")
        }
        if vertexValues != nil && spectralFunction != nil {
            throw ValidationError("give one of --vertex-values and --spectral-function")
        }
        if let spectralFunction { _ = try SpectralFunction(parsing: spectralFunction) }
        if complex != .cubical && valuesOnOption != nil { throw ValidationError("--values-on is for --complex cubical") }
        if cocycles && outputFormat == .csv {
            throw ValidationError("--cocycles needs --output-format json or text; CSV has no place for them")
        }
        try checkApplicability()
    }

    /// Values the library would refuse under its own names, refused here
    /// under the flags' (exit 1, as the library's errors).
    func checkFlagValues() throws {
        if maxDim > 30 { throw InputError("--max-dim \(maxDim): at most 30 is supported") }
        if !(2..<65536).contains(modulus) || (2..<modulus).contains(where: { $0 * $0 <= modulus && modulus % $0 == 0 }) {
            throw InputError("--modulus \(modulus) is not a prime below 65536")
        }
        if let t = threshold, t.isNaN || t < 0 { throw InputError("--threshold must be a non-negative number, got \(t)") }
    }

    /// The barcode this command describes: the code path of both `tda
    /// barcode` and the barcode stage of `tda batch`.
    func barcode(threads threadCount: Int) throws -> Barcode {
        try checkFlagValues()
        switch complex {
        case .rips:
            return try ripsBarcode(threads: threadCount).barcode
        case .alpha:
            return try alphaBarcode(path: file, input: inputKind(), maxDim: maxDim, modulus: modulus,
                                    precision: precision == .exact ? .exact : .fast)
        case .cubical:
            return try cubicalBarcode(path: file, input: inputKind(), maxDim: maxDim, modulus: modulus,
                                      vertices: valuesOn == .vertices)
        }
    }

    func run() throws {
        try checkFlagValues()
        let threadCount = threadCount(threads)
        var barcode: Barcode
        var sample: GreedyPermutation? = nil
        if complex == .rips {
            (barcode, sample) = try ripsBarcode(threads: threadCount)
        } else {
            barcode = try self.barcode(threads: threadCount)
        }
        if let sample {
            FileHandle.standardError.write(Data(
                "r_cover \(sample.coveringRadius.description) (greedy subsample of \(sample.indices.count) points)\n".utf8))
        }
        let text: String
        switch outputFormat {
        case .text: text = barcode.text
        case .csv: text = barcode.csv
        case .json:
            var json = try barcode.jsonString()
            if let sample {
                // The subsample beside the barcode: r_cover and the chosen points (ripser.py's idx_perm).
                let fields = "\"r_cover\":\(sample.coveringRadius.description),\"subsample\":["
                    + sample.indices.map(String.init).joined(separator: ",") + "],"
                json.insert(contentsOf: fields, at: json.index(after: json.startIndex))
            }
            text = json
        }
        try writeOutput(text, to: output)
    }

    /// Resolves the input kind from the option or the file extension.
    func inputKind() -> InputKind {
        if let input { return input }
        let lower = file.lowercased()
        if lower.hasSuffix(".npy") { return .npy }
        if lower.hasSuffix(".off") { return .off }
        if lower.hasSuffix(".lower_distance_matrix") || lower.hasSuffix(".ldm") { return .lowerDistance }
        if lower.hasSuffix(".distance_matrix") { return .distance }
        if lower.hasSuffix(".dipha") { return .dipha }
        return .pointCloud
    }

    /// The one stderr line about a full matrix whose triangles differ, or nil
    /// for a symmetric one.
    static func asymmetryNote(_ a: DistanceMatrix.Asymmetry, symmetrize: DistanceMatrix.Symmetrization?) -> String? {
        guard a.relative > 0 else { return nil }
        let used = symmetrize.map { s -> String in
            switch s {
            case .lower: return "the lower triangle is used"
            case .upper: return "the upper triangle is used"
            case .min: return "the smaller of each pair is used"
            case .max: return "the larger of each pair is used"
            }
        } ?? "within the tolerance 1e-4, the lower triangle is used (as Ripser)"
        let rel = String(format: "%.2g", a.relative), abs = String(format: "%.2g", a.absolute)
        return "the distance matrix's triangles differ by up to \(rel) relative (\(abs) absolute, at row \(a.row), column \(a.column)); \(used)"
    }

    /// The Rips barcode and, with `--subsample`, the greedy permutation it was computed on.
    func ripsBarcode(threads: Int) throws -> (barcode: Barcode, sample: GreedyPermutation?) {
        guard let m = Metric(rawValue: metric) else {
            throw CommandError("unknown metric '\(metric)' (euclidean, manhattan, chebyshev, cosine)")
        }
        var input = try RipsInput(path: file, kind: inputKind(), symmetrize: symmetrize)
        if let note = input.asymmetryNote { FileHandle.standardError.write(Data("tda: \(note)\n".utf8)) }
        if let vertexValues {
            guard input.births == nil else {
                throw InputError("the matrix's diagonal already gives vertex births; drop --vertex-values or zero the diagonal")
            }
            input.births = try readVertexValues(vertexValues, count: input.count)
        }
        if let spectralFunction {
            guard case .points(let cloud) = input.data else {
                throw InputError("--spectral-function needs a point cloud (the basis is computed from the points)")
            }
            guard input.births == nil else {
                throw InputError("the matrix's diagonal already gives vertex births; drop --spectral-function")
            }
            input.births = try SpectralFunction(parsing: spectralFunction).values(for: cloud)
        }
        var sample: GreedyPermutation? = nil
        if let k = subsample {
            let start: Int
            if let seed {
                var rng = SeededGenerator(seed: seed)
                start = Int(rng.next() % UInt64(input.count))
            } else {
                start = 0
            }
            let permutation = try input.greedyPermutation(count: k, start: start, metric: m)
            input = try input.subset(permutation.indices)
            sample = permutation
        }
        let rips = try input.rips(metric: m, threads: threads)
        let mode: RipsOptions.Collapse = collapse == .auto ? .automatic : collapse == .always ? .always : .never
        var barcode = try ActivityIndicator.run("computing the barcode") {
            try rips.barcode(maxDimension: maxDim, threshold: threshold, modulus: modulus, cocycles: cocycles,
                             options: RipsOptions(threads: threads, collapse: mode,
                                                  memoryLimit: memoryLimit.map { $0 * 1_000_000 }))
        }
        if let sample, let found = barcode.cocycles {
            // Cocycles name the original points, as ripser.py's do.
            barcode.cocycles = try found.map { list in try list.map { try $0.relabeled(sample.indices, modulus: modulus) } }
        }
        return (barcode, sample)
    }

    /// One value per point: a column of numbers (an optional header, `#` comments).
    func readVertexValues(_ path: String, count: Int) throws -> [Double] {
        let table = try PointCloud(contentsOfFile: path)
        guard table.dimension == 1 else {
            throw InputError("\(path) has \(table.dimension) columns; --vertex-values takes one value a line")
        }
        guard table.count == count else {
            throw InputError("\(path) has \(table.count) values, expected \(count), one per point")
        }
        return table.coordinates
    }
}

extension DistanceMatrix.Symmetrization: ExpressibleByArgument {}
