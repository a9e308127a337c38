import Foundation
import PointClouds
import Persistence

/// The Vietoris–Rips stage of a pipeline: a point cloud to its barcode,
/// through the same library call as `tda barcode` (``VietorisRips``).
///
/// ```swift
/// let stage = RipsStage(maxDimension: 1)
/// let barcode = try stage.barcode(of: cloud)
/// ```
public struct RipsStage: Sendable, Equatable {
    /// Highest homology dimension (`--max-dim`).
    public var maxDimension: Int
    /// Largest edge length (`--threshold`); nil: the enclosing radius.
    public var threshold: Double?
    /// Coefficients in Z/p (`--modulus`).
    public var modulus: Int
    /// The point-cloud metric (`--metric`).
    public var metric: Metric
    /// Threads for one barcode.
    public var threads: Int

    /// Creates the stage with `tda barcode`'s defaults.
    ///
    /// ```swift
    /// let stage = RipsStage(maxDimension: 2, threshold: 1.5)
    /// ```
    public init(maxDimension: Int = 1, threshold: Double? = nil, modulus: Int = 2, metric: Metric = .euclidean,
                threads: Int = 1) {
        self.maxDimension = maxDimension
        self.threshold = threshold
        self.modulus = modulus
        self.metric = metric
        self.threads = threads
    }

    /// The barcode of a point cloud.
    public func barcode(of cloud: PointCloud) throws -> Barcode {
        let rips = try VietorisRips(points: cloud, metric: metric, threads: threads)
        return try rips.barcode(maxDimension: maxDimension, threshold: threshold, modulus: modulus,
                                options: RipsOptions(threads: threads))
    }
}

/// complex -> barcode -> selection -> vectorizer, fit on a training set and
/// applied to new data, scikit-learn style.
///
/// ```swift
/// var pipeline = Pipeline(rips: RipsStage(maxDimension: 1), dimension: 1,
///                         vectorizer: Landscape(numLandscapes: 3, resolution: 50))
/// try pipeline.fit(pointClouds: training)
/// let features = try await pipeline.transform(pointClouds: test, jobs: 8)
/// ```
///
/// Batch `transform` runs on up to `jobs` concurrent tasks, keeps input
/// order and gives the same numbers as the sequential path.
public struct Pipeline: Sendable {
    /// How point clouds become barcodes (nil if the pipeline starts from barcodes).
    public var rips: RipsStage?
    /// The homology dimension vectorized.
    public var dimension: Int
    /// The selection applied before the vectorizer (finite points by default).
    public var selector: DiagramSelector
    /// Optional clipping after the selection.
    public var clamping: Clamping?
    /// The final stage.
    public var vectorizer: any Vectorizer

    /// Creates a pipeline; without `rips` it starts from barcodes.
    ///
    /// ```swift
    /// let p = Pipeline(dimension: 0, vectorizer: BettiCurve(resolution: 50, sampleRange: (0, 1)))
    /// ```
    public init(rips: RipsStage? = nil, dimension: Int = 1, selector: DiagramSelector = DiagramSelector(),
                clamping: Clamping? = nil, vectorizer: any Vectorizer) {
        self.rips = rips
        self.dimension = dimension
        self.selector = selector
        self.clamping = clamping
        self.vectorizer = vectorizer
    }

    /// The diagram the vectorizer sees for a barcode.
    public func diagram(of barcode: Barcode) -> [Bar] {
        let selected = selector.transform(barcode[dimension])
        return clamping?.transform(selected) ?? selected
    }

    /// Fits the vectorizer on training barcodes.
    public mutating func fit(barcodes: [Barcode]) throws {
        var v = vectorizer
        try v.fit(barcodes.map { diagram(of: $0) })
        vectorizer = v
    }

    /// The vector of one barcode.
    public func transform(barcode: Barcode) throws -> [Double] {
        try vectorizer.transform(diagram(of: barcode))
    }

    /// The vectors of many barcodes, in order.
    public func transform(barcodes: [Barcode], jobs: Int = 1) async throws -> [[Double]] {
        let copy = self
        return try await ParallelMap.map(barcodes, jobs: jobs) { try copy.transform(barcode: $0) }
    }

    /// The barcode of a point cloud (needs a Rips stage).
    public func barcode(of cloud: PointCloud) throws -> Barcode {
        guard let rips else { throw VectorizationError.invalidSpecification("the pipeline has no complex stage") }
        return try rips.barcode(of: cloud)
    }

    /// Fits on training point clouds (barcodes computed on up to `jobs` tasks).
    public mutating func fit(pointClouds: [PointCloud], jobs: Int = 1) async throws {
        let copy = self
        let barcodes = try await ParallelMap.map(pointClouds, jobs: jobs) { try copy.barcode(of: $0) }
        try fit(barcodes: barcodes)
    }

    /// The vectors of many point clouds, in order.
    public func transform(pointClouds: [PointCloud], jobs: Int = 1) async throws -> [[Double]] {
        let copy = self
        return try await ParallelMap.map(pointClouds, jobs: jobs) { try copy.transform(barcode: copy.barcode(of: $0)) }
    }
}
