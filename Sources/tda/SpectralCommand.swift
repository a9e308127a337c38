import ArgumentParser
import Foundation
import SwiftTDA

/// `tda spectral POINTS.csv --k K --method graph|robust|learned [--model M]`:
/// the first K eigenvectors of the point cloud's k-NN graph Laplacian, of
/// its robust Laplacian (Sharp and Crane), or a learned basis (Velich et
/// al.) from a model `tda spectral train` wrote; one row per point
/// (DESIGN.md's `tda spectral` contract).
struct SpectralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectral",
        abstract: "Spectral basis of a point cloud: the first K eigenvectors of its k-NN graph Laplacian or robust Laplacian, or a learned basis.",
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
            learned: the network of MODEL (tda spectral train) on the cloud normalised to
            the unit ball; every point attends to a farthest-point sample; V = M^-1/2 Q
            with M = diag(q1^2) (M-orthonormal, M the density read-out); the eigenvalue
            file holds the paper's read-out (0, then 1 / reconstruction error per level,
            up to the probes' scale). --k must be the model's K.
              tda spectral sphere.csv --k 16 --method graph --output basis.npy --output-format npy
              tda spectral sphere.csv --k 49 --method robust --eigenvalues ev.txt
              tda spectral train --shapes sphere,torus --steps 300 --out model.json
              tda spectral sphere.csv --k 16 --method learned --model model.json
            """
    )

    enum Method: String, ExpressibleByArgument, CaseIterable { case graph, robust, learned }
    enum Weights: String, ExpressibleByArgument, CaseIterable { case gaussian, binary }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, npy }

    @Argument(help: "A point cloud (CSV, one point a row).")
    var file: String

    @Option(name: .customLong("k"), help: "Number of basis vectors.")
    var count: Int = 16

    @Option(help: "graph (k-NN graph Laplacian), robust (Sharp and Crane's point-cloud Laplacian) or learned (needs --model).")
    var method: Method = .graph

    @Option(help: "learned only: a model file written by tda spectral train.")
    var model: String?

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

    @Option(help: "Write the mass M (the inner product's weights; for learned the density read-out q1^2), one a line, input order.")
    var mass: String?

    func validate() throws {
        if count < 1 { throw ValidationError("--k must be at least 1") }
        if let neighbors, neighbors < 1 { throw ValidationError("--neighbors must be at least 1") }
        if !(mollifyFactor >= 0 && mollifyFactor.isFinite) { throw ValidationError("--mollify-factor must be a non-negative number") }
        if let s = sigma, !(s > 0 && s.isFinite) { throw ValidationError("--sigma must be a positive number") }
        if sigma != nil && weights == .binary { throw ValidationError("--sigma goes with --weights gaussian") }
        if GraphLaplacian(rawValue: laplacian) == nil {
            throw ValidationError("--laplacian must be symmetric, combinatorial or random-walk, got '\(laplacian)'")
        }
        if method == .learned && model == nil {
            throw ValidationError("--method learned needs --model FILE (written by tda spectral train)")
        }
        if method != .learned && model != nil {
            throw ValidationError("--model goes with --method learned")
        }
        if method == .learned && (neighbors != nil || sigma != nil || weights != .gaussian || laplacian != "symmetric" || mollifyFactor != 1e-5) {
            throw ValidationError("--neighbors, --weights, --sigma, --laplacian and --mollify-factor do not go with --method learned")
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
        let learned = try model.map { try LearnedSpectralBasis.load(from: URL(fileURLWithPath: $0)) }
        if let learned, learned.configuration.count != count {
            throw InputError("--k \(count): the model gives K = \(learned.configuration.count) functions")
        }
        let basis = try ActivityIndicator.run("computing the basis") { () throws -> SpectralBasis in
            switch method {
            case .learned:
                guard let learned else { throw CommandError("--method learned needs --model FILE") }
                return try learned.basis(of: cloud)
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
        if let mass {
            try writeOutput(basis.mass.map { VectorOutput.number($0) + "\n" }.joined(), to: mass)
        }
    }
}

/// `tda spectral train`: trains a learned spectral basis (Velich et al.) on
/// generated shapes and writes the model file.
struct SpectralTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a learned spectral basis on generated shapes; writes the model (JSON).",
        discussion: """
            Shapes (seeded, --clouds of them, cycling through the kinds): \(TrainingShapes.Kind.allCases.map(\.rawValue).joined(separator: ", ")).
            Each cloud is normalised to the unit ball and farthest-point sampled to --points;
            its --probes probe functions (uniform noise smoothed 40 times on a 10-NN graph)
            are drawn once. One step = one cloud: the paper's loss (QR, M = diag(q1^2),
            V = M^-1/2 Q, M-weighted projections on the first k columns, k = 1..K), AdamW
            on a cosine schedule. Prints "step S loss L" ten times and a last line
            "loss L" (the mean of the last ten steps).
              tda spectral train --shapes sphere --clouds 8 --steps 600 --seed 1 --out sphere-model.json
            """)

    @Option(help: "Comma-separated shape kinds.")
    var shapes: String = TrainingShapes.Kind.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Number of training clouds.")
    var clouds: Int = 64

    @Option(help: "Points per cloud (and the farthest-point sample size the model keeps).")
    var points: Int = 512

    @Option(name: .customLong("k"), help: "Number of basis functions K.")
    var count: Int = 16

    @Option(help: "Optimisation steps (one cloud each).")
    var steps: Int = 300

    @Option(help: "Probe functions per cloud.")
    var probes: Int = 256

    @Option(name: .customLong("learning-rate"), help: "AdamW's peak step (cosine schedule, 10% warm-up).")
    var learningRate: Double = 3e-3

    @Option(name: .customLong("weight-decay"), help: "AdamW's decoupled weight decay.")
    var weightDecay: Double = 0.01

    @Option(help: "Transformer width.")
    var width: Int = 64

    @Option(help: "Transformer encoder layers.")
    var layers: Int = 2

    @Option(help: "Attention heads (must divide --width).")
    var heads: Int = 4

    @Option(name: .customLong("feed-forward"), help: "Feed-forward hidden width.")
    var feedForward: Int = 128

    @Option(help: "Hidden widths of the per-point MLP, comma-separated.")
    var mlp: String = "32"

    @Option(help: "Seed of the shapes, probes and initialisation.")
    var seed: UInt64 = 0

    @Option(help: "Where to write the model (JSON).")
    var out: String

    func validate() throws {
        if clouds < 1 || clouds > 100_000 { throw ValidationError("--clouds must be in 1...100000") }
        if points < 10 || points > 1_000_000 { throw ValidationError("--points must be in 10...1000000") }
        if count < 1 || count > points { throw ValidationError("--k must be between 1 and --points") }
        if steps < 1 || steps > 100_000_000 { throw ValidationError("--steps must be in 1...100000000") }
        if probes < 1 || probes > 65_536 { throw ValidationError("--probes must be in 1...65536") }
        if !(learningRate > 0 && learningRate.isFinite) { throw ValidationError("--learning-rate must be a positive number") }
        if !(weightDecay >= 0 && weightDecay.isFinite) { throw ValidationError("--weight-decay must be a non-negative number") }
        if width < 1 || heads < 1 || width % heads != 0 { throw ValidationError("--heads must divide --width (both positive)") }
        if count > width { throw ValidationError("--k \(count) is larger than --width \(width): the head cannot give K independent functions") }
        if try mlpWidths().isEmpty { throw ValidationError("--mlp needs at least one width") }
    }

    func mlpWidths() throws -> [Int] {
        try mlp.split(separator: ",").map {
            guard let w = Int($0.trimmingCharacters(in: .whitespaces)), w >= 1, w <= 65_536 else {
                throw ValidationError("--mlp: '\($0)' is not a width in 1...65536")
            }
            return w
        }
    }

    func run() throws {
        var kinds: [TrainingShapes.Kind] = []
        for name in shapes.split(separator: ",") {
            let t = name.trimmingCharacters(in: .whitespaces)
            guard let k = TrainingShapes.Kind(rawValue: t) else {
                throw CommandError("unknown shape '\(t)' (\(TrainingShapes.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds.append(k)
        }
        let configuration = LearnedSpectralModel.Configuration(count: count, mlpWidths: try mlpWidths(), width: width, heads: heads,
                                                               layers: layers, feedForward: feedForward, samplePoints: points)
        try configuration.validate()
        _ = try MemoryBudget.elements([clouds, points, 3], bytesEach: 2 * 8, what: "--clouds \(clouds) of --points \(points)",
                                      advice: "lower --clouds or --points")
        let family = try TrainingShapes.family(kinds, clouds: clouds, count: points, seed: seed)
        let bar = ProgressBar(label: "training")
        var recent: [Double] = []
        let every = max(1, steps / 10)
        let trained = try LearnedSpectralBasis.train(configuration: configuration, shapes: family, steps: steps, probes: probes,
                                                     learningRate: learningRate, weightDecay: weightDecay, seed: seed) { step, loss in
            recent.append(loss)
            if recent.count > 10 { recent.removeFirst() }
            if bar.enabled { bar.update(step + 1, steps) }
            if (step + 1) % every == 0 || step + 1 == steps {
                bar.finish()
                print("step \(step + 1) loss \(VectorOutput.number(loss))")
            }
        }
        bar.finish()
        try writeOutput(try trained.jsonData(), to: out)
        print("loss \(VectorOutput.number(recent.reduce(0, +) / Double(max(1, recent.count))))")
    }
}
