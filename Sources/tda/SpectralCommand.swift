import ArgumentParser
import Foundation
import SwiftTDA

/// `tda spectral POINTS.csv --k K --method graph`: the first K eigenvectors
/// of the point cloud's k-NN graph Laplacian, one row per point
/// (DESIGN.md's `tda spectral` contract; `robust` and `learned` are not
/// built yet and say so).
struct SpectralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectral",
        abstract: "Spectral basis of a point cloud: the first K eigenvectors of its k-NN graph Laplacian.",
        discussion: """
            Writes one row per point (header v0,...,v{K-1}, input order), the basis
            M-orthonormal: M = I for the symmetric and combinatorial Laplacians, the
            degrees for the random walk. --eigenvalues FILE writes the K eigenvalues,
            ascending, one a line. Defaults follow the graph baseline of the learned-basis
            paper: 10 neighbours, Gaussian weights exp(-d^2/sigma^2) with sigma the median
            neighbour distance, the symmetric normalised Laplacian. Dense solver: at most
            \(SpectralBasis.maximumPoints) points.
              tda spectral sphere.csv --k 16 --method graph --output basis.npy --output-format npy
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case graph, robust, learned }
    enum Weights: String, ExpressibleByArgument, CaseIterable { case gaussian, binary }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, npy }

    @Argument(help: "A point cloud (CSV, one point a row).")
    var file: String

    @Option(name: .customLong("k"), help: "Number of basis vectors.")
    var count: Int = 16

    @Option(help: "graph (k-NN graph Laplacian); robust and learned are not available yet.")
    var method: Method = .graph

    @Option(help: "Neighbours per point in the graph.")
    var neighbors: Int = 10

    @Option(help: "gaussian or binary edge weights.")
    var weights: Weights = .gaussian

    @Option(help: "The Gaussian width (default: the median neighbour distance).")
    var sigma: Double?

    @Option(help: "symmetric, combinatorial or random-walk.")
    var laplacian: String = "symmetric"

    @Option(help: "Write the basis here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "csv or npy.")
    var outputFormat: Format = .csv

    @Option(help: "Write the eigenvalues here, one a line.")
    var eigenvalues: String?

    func validate() throws {
        if count < 1 { throw ValidationError("--k must be at least 1") }
        if neighbors < 1 { throw ValidationError("--neighbors must be at least 1") }
        if let s = sigma, !(s > 0 && s.isFinite) { throw ValidationError("--sigma must be a positive number") }
        if sigma != nil && weights == .binary { throw ValidationError("--sigma goes with --weights gaussian") }
        if GraphLaplacian(rawValue: laplacian) == nil {
            throw ValidationError("--laplacian must be symmetric, combinatorial or random-walk, got '\(laplacian)'")
        }
        if method != .graph {
            throw ValidationError("--method \(method.rawValue) is not available yet: use --method graph")
        }
    }

    func run() throws {
        let cloud = try PointCloud(contentsOfFile: file)
        let kind = GraphLaplacian(rawValue: laplacian) ?? .symmetric
        let basis = try ActivityIndicator.run("computing the basis") {
            try SpectralBasis.graph(cloud, count: count, neighbors: neighbors,
                                    weights: weights == .binary ? .binary : .gaussian(sigma: sigma), laplacian: kind)
        }
        let bytes: [UInt8]
        switch outputFormat {
        case .npy:
            if output == nil || output == "-", isatty(STDOUT_FILENO) != 0 {
                throw CommandError("refusing to write NPY bytes to a terminal: use --output FILE")
            }
            bytes = try VectorOutput.encode(basis.vectors, format: .npy)
        case .csv:
            let header = (0..<count).map { "v\($0)" }.joined(separator: ",") + "\n"
            bytes = Array(header.utf8) + VectorOutput.csvBytes(basis.vectors)
        }
        try writeOutput(Data(bytes), to: output)
        if let eigenvalues {
            try writeOutput(basis.eigenvalues.map { VectorOutput.number($0) + "\n" }.joined(), to: eigenvalues)
        }
    }
}
