import ArgumentParser
import Foundation
import SwiftTDA

/// `tda spectral POINTS.csv --k K --method graph|robust`: the first K
/// eigenvectors of the point cloud's k-NN graph Laplacian or of its robust
/// Laplacian (Sharp and Crane), one row per point (DESIGN.md's `tda
/// spectral` contract; `learned` is not built yet and says so).
struct SpectralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectral",
        abstract: "Spectral basis of a point cloud: the first K eigenvectors of its k-NN graph Laplacian or robust Laplacian.",
        discussion: """
            Writes one row per point (header v0,...,v{K-1}, input order), the basis
            M-orthonormal: M = I for the symmetric and combinatorial Laplacians, the
            degrees for the random walk, the lumped vertex areas for --method robust
            (so the plain dot products of its columns are not 0 and 1; the M-weighted
            ones are, as with scipy's eigsh(L, k, M)). --eigenvalues FILE writes the K
            eigenvalues, ascending, one a line.
            graph: defaults of the learned-basis paper's baseline: 10 neighbours, Gaussian
            weights exp(-d^2/sigma^2) with sigma the median neighbour distance, the
            symmetric normalised Laplacian.
            robust: 3D points only; robust_laplacian's point_cloud_laplacian (30
            neighbours, --mollify-factor 1e-5): local Delaunay triangulations in PCA
            tangent planes, tufted cover, intrinsic Delaunay, cotangent weights, lumped
            mass; L v = lambda M v.
            Up to \(GeneralizedEigensolver.denseLimit) points LAPACKE, above shift-invert Lanczos on a
            sparse Cholesky factor.
              tda spectral sphere.csv --k 16 --method graph --output basis.npy --output-format npy
              tda spectral sphere.csv --k 49 --method robust --eigenvalues ev.txt
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case graph, robust, learned }
    enum Weights: String, ExpressibleByArgument, CaseIterable { case gaussian, binary }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, npy }

    @Argument(help: "A point cloud (CSV, one point a row).")
    var file: String

    @Option(name: .customLong("k"), help: "Number of basis vectors.")
    var count: Int = 16

    @Option(help: "graph (k-NN graph Laplacian) or robust (Sharp and Crane's point-cloud Laplacian); learned is not available yet.")
    var method: Method = .graph

    @Option(help: "Neighbours per point (default: 10 for graph, 30 for robust, robust_laplacian's n_neighbors).")
    var neighbors: Int?

    @Option(name: .customLong("mollify-factor"), help: "robust only: robust_laplacian's mollify_factor, relative to the mean edge length (0: off; default 1e-5).")
    var mollifyFactorOption: Double?

    /// `--mollify-factor`, default 1e-5 (robust_laplacian's).
    var mollifyFactor: Double { mollifyFactorOption ?? 1e-5 }

    @Option(name: .customLong("weights"), help: "graph only: gaussian (the default) or binary edge weights.")
    var weightsOption: Weights?

    /// `--weights`, default gaussian.
    var weights: Weights { weightsOption ?? .gaussian }

    @Option(help: "The Gaussian width (default: the median neighbour distance).")
    var sigma: Double?

    @Option(name: .customLong("laplacian"), help: "graph only: symmetric (the default), combinatorial or random-walk.")
    var laplacianOption: String?

    /// `--laplacian`, default symmetric.
    var laplacian: String { laplacianOption ?? "symmetric" }

    @Option(help: "Write the basis here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "csv or npy.")
    var outputFormat: Format = .csv

    @Option(help: "Write the eigenvalues here, one a line.")
    var eigenvalues: String?

    func validate() throws {
        if count < 1 { throw ValidationError("--k must be at least 1") }
        if let neighbors, neighbors < 1 { throw ValidationError("--neighbors must be at least 1") }
        if !(mollifyFactor >= 0 && mollifyFactor.isFinite) { throw ValidationError("--mollify-factor must be a non-negative number") }
        if let s = sigma, !(s > 0 && s.isFinite) { throw ValidationError("--sigma must be a positive number") }
        if sigma != nil && weights == .binary { throw ValidationError("--sigma goes with --weights gaussian") }
        if GraphLaplacian(rawValue: laplacian) == nil {
            throw ValidationError("--laplacian must be symmetric, combinatorial or random-walk, got '\(laplacian)'")
        }
        if method == .learned {
            throw ValidationError("--method learned is not available yet: use --method graph or robust")
        }
        if method == .robust && (sigma != nil || weightsOption != nil || laplacianOption != nil) {
            throw ValidationError("--weights, --sigma and --laplacian go with --method graph")
        }
        if method == .graph && mollifyFactorOption != nil {
            throw ValidationError("--mollify-factor goes with --method robust")
        }
    }

    func run() throws {
        let cloud = try PointCloud(contentsOfFile: file)
        let kind = GraphLaplacian(rawValue: laplacian) ?? .symmetric
        let basis = try ActivityIndicator.run("computing the basis") { () throws -> SpectralBasis in
            switch method {
            case .robust:
                return try SpectralBasis.robust(cloud, count: count, neighbors: neighbors ?? 30, mollifyFactor: mollifyFactor)
            default:
                return try SpectralBasis.graph(cloud, count: count, neighbors: neighbors ?? 10,
                                               weights: weights == .binary ? .binary : .gaussian(sigma: sigma), laplacian: kind)
            }
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
