import ArgumentParser
import Foundation
import SwiftTDA

/// `tda distance A B`: a distance between two barcodes (or the matrix of all
/// pairwise distances for more files).
struct DistanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "distance",
        abstract: "Bottleneck, Wasserstein or sliced Wasserstein distance between barcode CSVs.",
        discussion: """
            With two files, prints one number (inf when the essential bars cannot be matched).
            With more, prints the symmetric matrix of pairwise distances as CSV.
            bottleneck is exact (GUDHI's bottleneck_distance with e=0); wasserstein:q is exact
            with ground metric L-infinity (GUDHI's wasserstein_distance(order=q, internal_p=inf));
            sliced-wasserstein[:n] uses GUDHI's n directions (default 10).
            Examples:
              tda distance a.csv b.csv --metric bottleneck
              tda distance a.csv b.csv --metric wasserstein:2 --dim 0
            """
    )

    @Argument(help: "Two or more barcode CSV files.")
    var files: [String]

    @Option(help: "bottleneck, wasserstein[:q] (default q = 1), sliced-wasserstein[:directions].")
    var metric: String = "bottleneck"

    @Option(help: "Homology dimension.")
    var dim: Int = 1

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(help: "Worker threads for a matrix (default: TDA_THREADS or all cores).")
    var threads: Int?

    func validate() throws {
        if files.count < 2 { throw ValidationError("give at least two barcode files") }
        if dim < 0 { throw ValidationError("--dim must be at least 0") }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// The distance function named by `--metric`.
    static func distance(named metric: String) throws -> @Sendable ([Bar], [Bar]) throws -> Double {
        let parts = metric.split(separator: ":", maxSplits: 1).map(String.init)
        let name = parts.first ?? ""
        let parameter = parts.count > 1 ? parts[1] : nil
        switch name {
        case "bottleneck":
            if parameter != nil { throw CommandError("bottleneck takes no parameter") }
            return { bottleneckDistance($0, $1) }
        case "wasserstein":
            let q = try parameter.map { p -> Double in
                guard let q = Double(p), q >= 1, q.isFinite else { throw CommandError("wasserstein:q needs a finite q >= 1, got '\(p)'") }
                return q
            } ?? 1
            return { try wassersteinDistance($0, $1, order: q) }
        case "sliced-wasserstein":
            let n = try parameter.map { p -> Int in
                guard let n = Int(p), n >= 2 else { throw CommandError("sliced-wasserstein:n needs an integer n >= 2, got '\(p)'") }
                return n
            } ?? 10
            return { try slicedWassersteinDistance($0, $1, directions: n) }
        default:
            throw CommandError("unknown metric '\(metric)' (bottleneck, wasserstein[:q], sliced-wasserstein[:n])")
        }
    }

    func run() throws {
        let f = try Self.distance(named: metric)
        let diagrams = try files.map { try readBarcode(atPath: $0)[dim] }
        if diagrams.count == 2 {
            try writeOutput(VectorOutput.number(try f(diagrams[0], diagrams[1])) + "\n", to: output)
            return
        }
        let n = diagrams.count
        let pairs = (0..<n).flatMap { i in ((i + 1)..<n).map { (i, $0) } }
        let jobs = threads ?? defaultThreads()
        let values = try runBlocking { try await ParallelMap.map(pairs, jobs: jobs) { try f(diagrams[$0.0], diagrams[$0.1]) } }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (k, (i, j)) in pairs.enumerated() { matrix[i][j] = values[k]; matrix[j][i] = values[k] }
        try writeOutput(VectorOutput.csv(matrix), to: output)
    }
}
