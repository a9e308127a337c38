import ArgumentParser
import Foundation
import SwiftTDA

/// The input file and the words that say which bifiltration to build from
/// it, shared by `tda signed-measure` and `tda mma`.
struct BifiltrationOptions: ParsableArguments {
    enum Filtration: String, ExpressibleByArgument, CaseIterable {
        case ripsCodensity = "rips-codensity", ripsLowerstar = "rips-lowerstar", alphaCodensity = "alpha-codensity"
        case alphaLowerstar = "alpha-lowerstar", cubical, graph
    }

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

    @Option(name: .customLong("spectral-function"),
            help: "rips-lowerstar, alpha-lowerstar: the function is basis vector v_K of the cloud's spectral basis, K[:graph|robust] (instead of --function; default method robust for 3D, else graph).")
    var spectralFunction: String?

    @Option(name: .customLong("vertex-file"), help: "Graphs: vertex values, one row per vertex.")
    var vertexFile: String?

    @Option(help: "Largest edge length of the Rips complex: a number, or 'enclosing' for the enclosing radius (multipers' default). Default: the full complex.")
    var threshold: String?

    @Flag(name: .customLong("no-collapse"), help: "Rips (not Euler): keep the filtration-dominated edges (the result is the same, only slower).")
    var noCollapse = false

    @Option(name: .customLong("expansion"), help: "Flag complex dimension (Rips and graphs; default 2).")
    var expansionOption: Int?

    /// `--expansion`, default 2.
    var expansion: Int { expansionOption ?? 2 }

    func validate() throws {
        if expansion < 0 || expansion > 30 { throw ValidationError("--expansion must be between 0 and 30") }
        try StandardInputUse.once([("the input", file), ("--function", function), ("--vertex-file", vertexFile)])
        // Options that the filtration does not read are refused, not ignored,
        // whatever their value (typed is given: `--expansion 2` as `--expansion 3`).
        let codensity = filtration == .ripsCodensity || filtration == .alphaCodensity
        let lowerStar = filtration == .ripsLowerstar || filtration == .alphaLowerstar
        let rips = filtration == .ripsCodensity || filtration == .ripsLowerstar
        let name = "--filtration \(filtration.rawValue)"
        for (flag, given) in [("--bandwidth", bandwidth != nil), ("--dtm-mass", dtmMass != nil), ("--knn", knn != nil)] where given && !codensity {
            throw ValidationError("\(flag) applies to the codensity filtrations (rips-codensity, alpha-codensity), not \(name)")
        }
        if function != nil && !lowerStar { throw ValidationError("--function applies to rips-lowerstar and alpha-lowerstar, not \(name)") }
        if vertexFile != nil && filtration != .graph { throw ValidationError("--vertex-file applies to --filtration graph, not \(name)") }
        if threshold != nil && !rips { throw ValidationError("--threshold applies to the Rips filtrations, not \(name)") }
        if noCollapse && !rips { throw ValidationError("--no-collapse applies to the Rips filtrations, not \(name)") }
        if expansionOption != nil && !(rips || filtration == .graph) { throw ValidationError("--expansion applies to the Rips and graph filtrations, not \(name)") }
        if let spectralFunction {
            _ = try SpectralFunction(parsing: spectralFunction)
            if function != nil { throw ValidationError("give one of --function and --spectral-function") }
            if filtration != .ripsLowerstar && filtration != .alphaLowerstar {
                throw ValidationError("--spectral-function goes with --filtration rips-lowerstar or alpha-lowerstar")
            }
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
        if let h = bandwidth, !(h > 0 && h.isFinite) { throw InputError("--bandwidth must be a positive finite number, got \(h)") }
        if let m = dtmMass, !(m > 0 && m <= 1) { throw InputError("--dtm-mass must be in (0, 1], got \(m)") }
        if let k = knn, k < 1 { throw InputError("--knn must be at least 1") }
        if let h = bandwidth { return try Density.gaussianCodensity(cloud, bandwidth: h) }
        if let m = dtmMass { return try Density.distanceToMeasure(cloud, mass: m) }
        return try Density.kNearestDistance(cloud, k: knn ?? 1)
    }

    /// The Rips threshold asked for, in distance units.
    func ripsThreshold(_ distances: DistanceMatrix) throws -> Double? {
        guard let threshold else { return nil }
        if threshold == "enclosing" { return distances.enclosingRadius }
        guard let t = NumberGrammar.parse(threshold), t.isFinite, t >= 0 else {
            throw CommandError("--threshold '\(threshold)': give a non-negative number or 'enclosing'")
        }
        return t
    }

    /// The bifiltration these options describe, and for a collapsed Rips
    /// complex the values of the full one (its regular and quantile grids).
    /// `collapse` allows the filtration-domination edge collapse (it keeps
    /// every homology group and map, not the Euler characteristic).
    func complex(collapse allowed: Bool) throws -> (FilteredComplex, fullValues: [[Double]]?) {
        let (complex, values, _) = try complexAndInputs(collapse: allowed)
        return (complex, values)
    }

    /// What a function-Rips bifiltration was built from (for its gradient).
    struct RipsInputs {
        var cloud: PointCloud
        var functions: [[Double]]
        var distances: DistanceMatrix
        var threshold: Double?
    }

    /// As `complex(collapse:)`, with the point cloud, functions, distances
    /// and threshold of a Rips bifiltration (nil for the others).
    func complexAndInputs(collapse allowed: Bool) throws -> (FilteredComplex, fullValues: [[Double]]?, rips: RipsInputs?) {
        switch filtration {
        case .ripsCodensity, .ripsLowerstar, .alphaCodensity, .alphaLowerstar:
            let cloud = try PointCloud(contentsOfFile: file)
            let functions: [[Double]]
            if filtration == .ripsCodensity || filtration == .alphaCodensity {
                functions = [try codensity(cloud)]
            } else {
                if let spectralFunction {
                    functions = [try SpectralFunction(parsing: spectralFunction).values(for: cloud)]
                } else {
                    guard let function else { throw CommandError("--filtration \(filtration.rawValue) needs --function FILE or --spectral-function K") }
                    functions = try functionColumns(function, count: cloud.count)
                }
            }
            if filtration == .alphaCodensity || filtration == .alphaLowerstar {
                guard functions.count == 1 else { throw InputError("alpha bifiltrations take one function") }
                return (try Bifiltration.alphaFunction(points: cloud, function: functions[0]), nil, nil)
            }
            let distances = DistanceMatrix(cloud)
            let t = try ripsThreshold(distances)
            let collapse = allowed && !noCollapse && expansion >= 1
            let complex = try Bifiltration.functionRips(distances: distances, functions: functions, threshold: t,
                                                        maxDimension: expansion, collapse: collapse)
            let values = collapse ? Bifiltration.functionRipsValues(distances: distances, functions: functions, threshold: t) : nil
            return (complex, values, RipsInputs(cloud: cloud, functions: functions, distances: distances, threshold: t))
        case .cubical:
            let array = try NPYArray(bytes: FileInput.bytes(atPath: file))
            guard array.shape.count >= 3 else {
                throw InputError("a cubical bifiltration needs an image with a channel axis last (H x W x channels; a signal: N x 1 x channels), found shape \(array.shape)")
            }
            let shape = Array(array.shape.dropLast()), c = array.shape[array.shape.count - 1]
            guard c >= 1, c <= 64 else { throw InputError("\(c) channels: between 1 and 64 are supported") }
            let n = array.values.count / c
            let channels = (0..<c).map { k in (0..<n).map { array.values[$0 * c + k] } }
            return (try Bifiltration.cubical(shape: shape, channels: channels, variant: .vertices), nil, nil)
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
            return (try Bifiltration.graph(vertexGrades: vertices, edges: edges, maxDimension: expansion), nil, nil)
        }
    }
}
