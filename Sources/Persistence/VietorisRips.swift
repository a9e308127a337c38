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
    }

    let source: Source
    /// Threads used to compute distances from points.
    let distanceThreads: Int

    /// The Rips filtration of a point cloud under a metric. Distances are
    /// computed when the barcode is: all n(n-1)/2 of them without a
    /// threshold, only the pairs within it otherwise.
    public init(points: PointCloud, metric: Metric = .euclidean, threads: Int = 1) throws {
        guard points.count >= 1 else { throw PersistenceError.emptyInput("a point cloud needs at least one point") }
        source = .points(points, metric)
        distanceThreads = Swift.max(1, threads)
    }

    /// The Rips filtration of a distance matrix.
    public init(distances: DistanceMatrix) {
        source = .distances(distances)
        distanceThreads = 1
    }

    /// The number of points.
    public var count: Int {
        switch source {
        case .points(let cloud, _): return cloud.count
        case .distances(let matrix): return matrix.count
        }
    }

    /// The full distance matrix (computed on each call for a point cloud:
    /// n(n-1)/2 doubles).
    public var distances: DistanceMatrix {
        switch source {
        case let .points(cloud, metric): return DistanceMatrix(cloud, metric: metric, threads: distanceThreads)
        case .distances(let matrix): return matrix
        }
    }
}
