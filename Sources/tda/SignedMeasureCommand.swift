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
            """
    )

    enum Filtration: String, ExpressibleByArgument, CaseIterable {
        case ripsCodensity = "rips-codensity", ripsLowerstar = "rips-lowerstar", alphaCodensity = "alpha-codensity"
        case alphaLowerstar = "alpha-lowerstar", cubical, graph
    }
    enum Invariant: String, ExpressibleByArgument, CaseIterable { case hilbert, euler, rank }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }
    enum Mass: String, ExpressibleByArgument, CaseIterable { case none, inf, auto }

    @Argument(help: "Input: a point cloud (CSV/.npy), an image (.npy, channels last) or an edge list (a,b,value...). - reads stdin.")
    var file: String

    @Option(help: "rips-codensity, rips-lowerstar (--function), alpha-codensity, alpha-lowerstar (--function), cubical, graph.")
    var filtration: Filtration

    @Option(help: "Gaussian KDE bandwidth for the codensity.")
    var bandwidth: Double?

    @Option(name: .customLong("dtm-mass"), help: "Codensity by the distance to measure with this mass instead of a KDE.")
    var dtmMass: Double?

    @Option(help: "Codensity by the distance to the k-th nearest neighbour instead of a KDE.")
    var knn: Int?

    @Option(help: "Per-point function values (one per point, or one column per extra parameter), in the point file's order.")
    var function: String?

    @Option(name: .customLong("vertex-file"), help: "Graphs: vertex values, one row per vertex.")
    var vertexFile: String?

    @Option(help: "hilbert, euler or rank (two parameters).")
    var invariant: Invariant = .hilbert

    @Option(help: "Homology degree(s), comma separated (Hilbert and rank).")
    var degree: String = "1"

    @Option(help: "exact, regular:R, quantile:R.")
    var grid: String = "exact"

    @Option(name: .customLong("mass-default"), help: "none, inf or auto: put the cancelling mass there (total mass 0).")
    var massDefault: Mass = .none

    @Option(help: "Largest edge length of the Rips complex: a number, or 'enclosing' for the enclosing radius (multipers' default). Default: the full complex.")
    var threshold: String?

    @Flag(name: .customLong("no-collapse"), help: "Rips, Hilbert and rank: keep the filtration-dominated edges (the result is the same, only slower).")
    var noCollapse = false

    @Option(help: "Flag complex dimension (Rips and graphs).")
    var expansion: Int = 2

    @Option(help: "Prime field of coefficients (11 by default, as multipers).")
    var modulus: Int = 11

    @Option(help: "Worker threads (default: TDA_THREADS or all cores).")
    var threads: Int?

    @Option(name: .customLong("output-format"), help: "csv or json.")
    var outputFormat: OutputFormat = .csv

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Flag(name: .customLong("dry-run"), help: "Build the complex, print the cost estimate and stop.")
    var dryRun = false

    @Option(help: "Refuse when the estimate exceeds this: seconds (60s, 10m, 1h) or memory (500MiB, 2GiB).")
    var budget: String?

    func validate() throws {
        if let t = threads, t < 1 || t > 4096 { throw ValidationError("--threads must be between 1 and 4096") }
        if expansion < 0 || expansion > 30 { throw ValidationError("--expansion must be between 0 and 30") }
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

    /// The columns of a function file (one array per column).
    func functionColumns(_ path: String, count: Int) throws -> [[Double]] {
        let table = try PointCloud(contentsOfFile: path)
        guard table.count == count else {
            throw InputError("\(path) has \(table.count) values (rows), expected \(count), one per point")
        }
        return (0..<table.dimension).map { c in (0..<count).map { table.coordinates[$0 * table.dimension + c] } }
    }

    func codensity(_ cloud: PointCloud) throws -> [Double] {
        let given = [bandwidth != nil, dtmMass != nil, knn != nil].filter { $0 }.count
        guard given == 1 else { throw CommandError("give exactly one of --bandwidth, --dtm-mass, --knn for a codensity") }
        if let h = bandwidth { return try Density.gaussianCodensity(cloud, bandwidth: h) }
        if let m = dtmMass { return try Density.distanceToMeasure(cloud, mass: m) }
        return try Density.kNearestDistance(cloud, k: knn ?? 1)
    }

    /// The Rips threshold asked for, in distance units.
    func ripsThreshold(_ distances: DistanceMatrix) throws -> Double? {
        guard let threshold else { return nil }
        if threshold == "enclosing" { return distances.enclosingRadius }
        guard let t = Double(threshold), t.isFinite, t >= 0 else {
            throw CommandError("--threshold '\(threshold)': give a non-negative number or 'enclosing'")
        }
        return t
    }

    /// The bifiltration this command describes, and for a collapsed Rips
    /// complex the values of the full one (its regular and quantile grids).
    func complex() throws -> (FilteredComplex, fullValues: [[Double]]?) {
        switch filtration {
        case .ripsCodensity, .ripsLowerstar, .alphaCodensity, .alphaLowerstar:
            let cloud = try PointCloud(contentsOfFile: file)
            let functions: [[Double]]
            if filtration == .ripsCodensity || filtration == .alphaCodensity {
                functions = [try codensity(cloud)]
            } else {
                guard let function else { throw CommandError("--filtration \(filtration.rawValue) needs --function FILE") }
                functions = try functionColumns(function, count: cloud.count)
            }
            if filtration == .alphaCodensity || filtration == .alphaLowerstar {
                guard functions.count == 1 else { throw InputError("alpha bifiltrations take one function") }
                return (try Bifiltration.alphaFunction(points: cloud, function: functions[0]), nil)
            }
            let distances = DistanceMatrix(cloud)
            let t = try ripsThreshold(distances)
            // Collapsing keeps every homology group and map, not the Euler characteristic.
            let collapse = invariant != .euler && !noCollapse && expansion >= 1
            let complex = try Bifiltration.functionRips(distances: distances, functions: functions, threshold: t,
                                                        maxDimension: expansion, collapse: collapse)
            let values = collapse ? Bifiltration.functionRipsValues(distances: distances, functions: functions, threshold: t) : nil
            return (complex, values)
        case .cubical:
            let array = try NPYArray(bytes: FileInput.bytes(atPath: file))
            guard array.shape.count >= 3 else {
                throw InputError("a cubical bifiltration needs an image with a channel axis last (H x W x channels; a signal: N x 1 x channels), found shape \(array.shape)")
            }
            let shape = Array(array.shape.dropLast()), c = array.shape[array.shape.count - 1]
            guard c >= 1, c <= 64 else { throw InputError("\(c) channels: between 1 and 64 are supported") }
            let n = array.values.count / c
            let channels = (0..<c).map { k in (0..<n).map { array.values[$0 * c + k] } }
            return (try Bifiltration.cubical(shape: shape, channels: channels, variant: .vertices), nil)
        case .graph:
            guard let vertexFile else { throw CommandError("--filtration graph needs --vertex-file FILE") }
            let vertices = try PointCloud(contentsOfFile: vertexFile).rows
            let edgeTable = try PointCloud(contentsOfFile: file)
            guard edgeTable.dimension == 2 + (vertices.first?.count ?? 0) else {
                throw InputError("\(file): each edge row needs a, b and \(vertices.first?.count ?? 0) values")
            }
            var edges: [(Int, Int, [Double])] = []
            for row in edgeTable.rows {
                guard row[0] == row[0].rounded(), row[1] == row[1].rounded(), abs(row[0]) < 1e9, abs(row[1]) < 1e9 else {
                    throw InputError("\(file): edge ends must be vertex numbers, found \(row[0]), \(row[1])")
                }
                edges.append((Int(row[0]), Int(row[1]), Array(row.dropFirst(2))))
            }
            return (try Bifiltration.graph(vertexGrades: vertices, edges: edges, maxDimension: expansion), nil)
        }
    }

    func run() throws {
        let threadCount = threads ?? defaultThreads()
        let degrees = try degrees()
        let strategy = try strategy()
        let (complex, fullValues) = try ActivityIndicator.run("building the complex") { try self.complex() }
        // The exact grid of a collapsed complex gives the same atoms (the
        // values it drops are not jumps); other grids come from the full complex.
        let grid = try fullValues.map { strategy == .exact ? try Grid(for: complex, strategy: strategy)
                                                           : try Grid(distinctValues: $0, strategy: strategy) }
            ?? Grid(for: complex, strategy: strategy)
        let squeezed = try SqueezedComplex(complex, grid: grid)
        let cost = try CostEstimate(squeezed, invariant: invariant.rawValue, maxDegree: degrees.max() ?? 0,
                                    threads: threadCount, modulus: modulus)
        if dryRun {
            FileHandle.standardOutput.write(Data(cost.report.utf8))
            return
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
        try writeOutput(text, to: output)
    }
}

/// A progress bar on stderr (only on a terminal): "hilbert sub-problems 120/400".
final class ProgressBar: @unchecked Sendable {
    let label: String
    let enabled = isatty(STDERR_FILENO) != 0
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
