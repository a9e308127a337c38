import PointClouds

/// Options of a Vietoris–Rips barcode computation that change how, not what,
/// is computed: the barcode is the same for every thread count and collapse
/// policy.
///
/// ```swift
/// let options = RipsOptions(threads: 2, collapse: .never, memoryLimit: 4_000_000_000)
/// let barcode = try rips.barcode(maxDimension: 2, options: options)
/// ```
public struct RipsOptions: Sendable, Equatable {
    /// When to simplify the flag complex by edge collapse (Boissonnat–Pritam)
    /// before the reduction. Collapse preserves the barcode in dimensions >= 1.
    public enum Collapse: String, Sendable, Equatable, CaseIterable {
        /// Collapse when the measured rule says it pays (see `VietorisRips`).
        case automatic
        case always
        case never
    }

    /// Worker threads for distances, edge sorting and reduction.
    public var threads: Int
    /// The edge-collapse policy.
    public var collapse: Collapse
    /// The memory the computation may use, in bytes; `nil` means
    /// `MemoryBudget.defaultLimit` (three quarters of the machine's physical
    /// memory, or `TDA_MEMORY_LIMIT` MB). A problem that would exceed it
    /// stops with `PersistenceError.tooLarge` (or `MemoryBudgetError` for the
    /// pairs within a threshold) instead of exhausting the machine.
    public var memoryLimit: Int?

    public init(threads: Int = 1, collapse: Collapse = .automatic, memoryLimit: Int? = nil) {
        self.threads = threads
        self.collapse = collapse
        self.memoryLimit = memoryLimit
    }

    /// Simplices of one dimension the engine may store (16 bytes each, half
    /// of the limit).
    var entryBudget: Int {
        let limit = memoryLimit ?? MemoryBudget.defaultLimit  // 3/4 of physical memory, or TDA_MEMORY_LIMIT
        return Swift.max(1, limit / 32)
    }
}

/// The Vietoris–Rips filtration of a finite metric space, and its barcode.
///
/// ```swift
/// let circle = try PointCloud(rows: (0..<32).map { k in
///     let t = 2 * Double.pi * Double(k) / 32
///     return [cos(t), sin(t)]
/// })
/// let barcode = try VietorisRips(points: circle).barcode(maxDimension: 1)
/// barcode[1].count  // 1: the circle's loop
/// ```
///
/// The barcode is computed as Ripser does (U. Bauer, "Ripser: efficient
/// computation of Vietoris–Rips persistence barcodes", J. Appl. Comput. Topol.
/// 2021): persistent cohomology with clearing, implicit coboundaries in the
/// combinatorial number system, apparent and emergent pairs, and union-find
/// in dimension 0. Results equal Ripser's: same pairs, zero-length bars
/// dropped, and by default the threshold is the enclosing radius.
public struct VietorisRips: Sendable {
    enum Source: Sendable {
        case points(PointCloud, Metric)
        case distances(DistanceMatrix)
        /// A weighted graph: absent edges never enter the filtration.
        case sparse(count: Int, edges: [NeighborPair])
    }

    let source: Source
    /// The filtration value of each vertex (`nil`: all 0). An edge {i, j}
    /// enters at max(d(i, j), births[i], births[j]).
    public let vertexBirths: [Double]?
    /// Threads used to compute distances from points.
    let distanceThreads: Int

    /// The Rips filtration of a point cloud under a metric. Distances are
    /// computed when the barcode is: all n(n-1)/2 of them without a
    /// threshold, only the pairs within it otherwise.
    public init(points: PointCloud, metric: Metric = .euclidean, threads: Int = 1) throws {
        guard points.count >= 1 else { throw PersistenceError.emptyInput("a point cloud needs at least one point") }
        source = .points(points, metric)
        distanceThreads = Swift.max(1, threads)
        vertexBirths = nil
    }

    /// The Rips filtration of a distance matrix.
    public init(distances: DistanceMatrix) {
        source = .distances(distances)
        distanceThreads = 1
        vertexBirths = nil
    }

    /// The Rips filtration of a point cloud or distance matrix whose vertices
    /// are born at given values: lower-star plus Rips, ripser.py's non-zero
    /// diagonal. Vertex i enters at `vertexBirths[i]`, an edge {i, j} at
    /// max(d(i, j), vertexBirths[i], vertexBirths[j]), a higher simplex at
    /// the largest value of its edges.
    ///
    /// ```swift
    /// let d = try DistanceMatrix(lowerTriangle: [3])
    /// let rips = try VietorisRips(distances: d, vertexBirths: [1, 2])
    /// try rips.barcode(maxDimension: 0)[0]  // [1, inf) and [2, 3)
    /// ```
    ///
    /// - Throws: `PersistenceError.invalidParameter` if the number of births
    ///   is not the number of points, or a birth is NaN or infinite.
    public init(distances: DistanceMatrix, vertexBirths: [Double]) throws {
        try Self.checkBirths(vertexBirths, count: distances.count)
        source = .distances(distances)
        distanceThreads = 1
        self.vertexBirths = vertexBirths
    }

    /// The Rips filtration of a point cloud with vertex births (see
    /// `init(distances:vertexBirths:)`).
    ///
    /// ```swift
    /// let cloud = try PointCloud(rows: [[0], [1], [5]])
    /// let rips = try VietorisRips(points: cloud, vertexBirths: [0, 0.5, 2])
    /// ```
    public init(points: PointCloud, metric: Metric = .euclidean, threads: Int = 1,
                vertexBirths: [Double]) throws {
        guard points.count >= 1 else { throw PersistenceError.emptyInput("a point cloud needs at least one point") }
        try Self.checkBirths(vertexBirths, count: points.count)
        source = .points(points, metric)
        distanceThreads = Swift.max(1, threads)
        self.vertexBirths = vertexBirths
    }

    /// The flag filtration of a weighted graph (Ripser's sparse distance
    /// matrix): only the given edges exist, each at its weight (raised to its
    /// endpoints' births, if any). The barcode goes straight to the sparse
    /// engine; without a threshold the whole graph is used (there is no
    /// enclosing radius for a graph).
    ///
    /// ```swift
    /// let square = try VietorisRips(vertexCount: 4, edges: [
    ///     NeighborPair(i: 0, j: 1, distance: 1), NeighborPair(i: 1, j: 2, distance: 1),
    ///     NeighborPair(i: 2, j: 3, distance: 1), NeighborPair(i: 3, j: 0, distance: 1)])
    /// try square.barcode(maxDimension: 1)[1]  // [1, inf): no diagonal closes the loop
    /// ```
    ///
    /// - Throws: `PersistenceError.invalidParameter` for a vertex out of
    ///   range, a loop (i == j: give it as a birth), an edge given twice, a
    ///   NaN or infinite weight, or births of the wrong count.
    public init(vertexCount: Int, edges: [NeighborPair], vertexBirths: [Double]? = nil) throws {
        guard vertexCount >= 1 else { throw PersistenceError.emptyInput("a graph needs at least one vertex") }
        guard vertexCount <= Int(Int32.max) else {
            throw PersistenceError.tooLarge("\(vertexCount) vertices; at most \(Int32.max) are supported")
        }
        for (k, e) in edges.enumerated() {
            guard e.i >= 0, e.j >= 0, Int(e.i) < vertexCount, Int(e.j) < vertexCount else {
                throw PersistenceError.invalidParameter(
                    name: "edge \(k + 1)", reason: "vertex out of range 0..<\(vertexCount) in {\(e.i), \(e.j)}")
            }
            guard e.i != e.j else {
                throw PersistenceError.invalidParameter(
                    name: "edge \(k + 1)", reason: "a loop {\(e.i), \(e.i)}; give a vertex's value as its birth")
            }
            guard e.distance.isFinite else {
                throw PersistenceError.invalidParameter(name: "edge \(k + 1)", reason: "weight \(e.distance) is not finite")
            }
        }
        var keys = edges.map { e in Int64(Swift.max(e.i, e.j)) << 32 | Int64(Swift.min(e.i, e.j)) }
        keys.sort()
        for k in keys.indices.dropFirst() where keys[k] == keys[k - 1] {
            throw PersistenceError.invalidParameter(
                name: "edges", reason: "edge {\(keys[k] & 0xFFFF_FFFF), \(keys[k] >> 32)} is given twice")
        }
        if let vertexBirths { try Self.checkBirths(vertexBirths, count: vertexCount) }
        source = .sparse(count: vertexCount, edges: edges)
        distanceThreads = 1
        self.vertexBirths = vertexBirths
    }

    static func checkBirths(_ births: [Double], count: Int) throws {
        guard births.count == count else {
            throw PersistenceError.invalidParameter(
                name: "vertex births", reason: "\(births.count) values for \(count) points")
        }
        if let k = births.firstIndex(where: { !$0.isFinite }) {
            throw PersistenceError.invalidParameter(
                name: "vertex births", reason: "value \(k + 1) (\(births[k])) is not finite")
        }
    }

    /// The number of points.
    public var count: Int {
        switch source {
        case .points(let cloud, _): return cloud.count
        case .distances(let matrix): return matrix.count
        case .sparse(let count, _): return count
        }
    }

    /// The full distance matrix (computed on each call for a point cloud:
    /// n(n-1)/2 doubles; for a graph, `nil`). Vertex births are not in it.
    public var distances: DistanceMatrix? {
        switch source {
        case let .points(cloud, metric): return DistanceMatrix(cloud, metric: metric, threads: distanceThreads)
        case .distances(let matrix): return matrix
        case .sparse: return nil
        }
    }
}
