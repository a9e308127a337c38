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
            """
    )

    enum InputKind: String, ExpressibleByArgument, CaseIterable {
        case pointCloud = "point-cloud", lowerDistance = "lower-distance", distance, npy, off, csv
    }

    enum ComplexKind: String, ExpressibleByArgument, CaseIterable { case rips, alpha, cubical }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    enum CollapseMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: "Input file, or - for standard input.")
    var file: String

    @Option(help: "Input format: point-cloud (CSV/TSV/whitespace), lower-distance, distance (full matrix), npy, off, csv (image). Default: from the file extension, else point-cloud.")
    var input: InputKind?

    @Option(help: "The filtered complex: rips, alpha, cubical.")
    var complex: ComplexKind = .rips

    @Option(name: .customLong("max-dim"), help: "Highest homology dimension.")
    var maxDim: Int = 1

    @Option(help: "Largest edge length (Rips). Default: the enclosing radius, as Ripser.")
    var threshold: Double?

    @Option(help: "Prime p < 65536: coefficients in Z/p.")
    var modulus: Int = 2

    @Option(help: "Metric for point clouds: euclidean, manhattan, chebyshev, cosine.")
    var metric: String = "euclidean"

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "text, csv or json.")
    var outputFormat: OutputFormat = .text

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    @Option(help: "Edge collapse before the reduction: auto, always, never.")
    var collapse: CollapseMode = .auto

    enum AlphaPrecision: String, ExpressibleByArgument, CaseIterable { case exact, fast }

    @Option(help: "Alpha complexes: exact (GMP, the default) or fast (floating-point radii, ~1e-12 relative).")
    var precision: AlphaPrecision = .exact

    @Flag(name: .customLong("vertex-values"),
          help: "Cubical complexes: the image's values are on vertices (default: on top-dimensional cells).")
    var vertexValues = false

    @Option(name: .customLong("memory-limit"),
            help: "Stop with an error rather than use more than this many MB (default: 3/4 of physical memory).")
    var memoryLimit: Int?

    func validate() throws {
        if maxDim < 0 { throw ValidationError("--max-dim must be at least 0") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        if let m = memoryLimit, m < 1 { throw ValidationError("--memory-limit must be at least 1 (MB)") }
        try checkApplicability()
    }

    /// The barcode this command describes: the code path of both `tda
    /// barcode` and the barcode stage of `tda batch`.
    func barcode(threads threadCount: Int) throws -> Barcode {
        switch complex {
        case .rips:
            return try ripsBarcode(threads: threadCount)
        case .alpha:
            return try alphaBarcode(path: file, input: inputKind(), maxDim: maxDim, modulus: modulus,
                                    precision: precision == .exact ? .exact : .fast)
        case .cubical:
            return try cubicalBarcode(path: file, input: inputKind(), maxDim: maxDim, modulus: modulus,
                                      vertices: vertexValues)
        }
    }

    func run() throws {
        let barcode = try barcode(threads: threadCount(threads))
        let text: String
        switch outputFormat {
        case .text: text = barcode.text
        case .csv: text = barcode.csv
        case .json: text = try barcode.jsonString()
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
        return .pointCloud
    }

    func ripsBarcode(threads: Int) throws -> Barcode {
        guard let m = Metric(rawValue: metric) else {
            throw CommandError("unknown metric '\(metric)' (euclidean, manhattan, chebyshev, cosine)")
        }
        let rips: VietorisRips
        switch inputKind() {
        case .pointCloud, .csv:
            let cloud = try PointCloud(textBytes: FileInput.bytes(atPath: file))
            rips = try VietorisRips(points: cloud, metric: m, threads: threads)
        case .npy:
            let cloud = try PointCloud(npy: NPYArray(bytes: FileInput.bytes(atPath: file)))
            rips = try VietorisRips(points: cloud, metric: m, threads: threads)
        case .lowerDistance:
            rips = VietorisRips(distances: try DistanceMatrix(lowerTriangularBytes: FileInput.bytes(atPath: file)))
        case .distance:
            let bytes = try FileInput.bytes(atPath: file)
            if file.lowercased().hasSuffix(".npy") {
                rips = VietorisRips(distances: try DistanceMatrix(npy: NPYArray(bytes: bytes)))
            } else {
                rips = VietorisRips(distances: try DistanceMatrix(fullBytes: bytes))
            }
        case .off:
            let cloud = try PointCloud(offBytes: FileInput.bytes(atPath: file))
            rips = try VietorisRips(points: cloud, metric: m, threads: threads)
        }
        let mode: RipsOptions.Collapse = collapse == .auto ? .automatic : collapse == .always ? .always : .never
        return try ActivityIndicator.run("computing the barcode") {
            try rips.barcode(maxDimension: maxDim, threshold: threshold, modulus: modulus,
                                options: RipsOptions(threads: threads, collapse: mode,
                                                     memoryLimit: memoryLimit.map { $0 * 1_000_000 }))
        }
    }
}
