import Complexes
import PointClouds

/// A signed-L1 loss of the Hilbert signed measure of a point cloud's
/// function-Rips bifiltration (Rips-codensity by default), with its exact
/// gradient with respect to the point coordinates: the objective of the
/// point-cloud example of Scoccola et al., "Differentiability and
/// optimization of multiparameter persistent homology" (ICML 2024), as
/// multipers' `function_rips_signed_measure` computes it, natively.
///
/// The chain: atom coordinates -> the simplex each is the value of (the
/// first in the full complex's order; `Bifiltration.functionRipsPullback(points:...)`)
/// -> edge lengths and vertex function values -> points (edge lengths
/// directly, the codensity through `Density.gaussianCodensityPullback`,
/// every point moving every codensity). The edge collapse (on by default,
/// as multipers) only removes cells, so the measure and its provenance are
/// those of the full complex.
///
/// ```swift
/// var cloud = try PointCloud(rows: rows)
/// let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.1), degree: 1)
/// var adam = AdamOptimizer(count: cloud.coordinates.count, learningRate: 0.01)
/// for _ in 0..<100 {
///     let e = try objective.evaluate(cloud)
///     var x = cloud.coordinates
///     try adam.step(&x, gradient: e.pointGradient)
///     cloud = try PointCloud(count: cloud.count, dimension: cloud.dimension, coordinates: x)
/// }
/// ```
/// - Complexity: one Hilbert signed measure (the dominant cost) plus O(N^2 d).
public struct PointCloudSignedMeasureLoss: Sendable {
    /// The second parameter of the bifiltration.
    public enum Function: Sendable, Equatable {
        /// f = -log of the Gaussian KDE (`Density.gaussianCodensity`), differentiated through.
        case gaussianCodensity(bandwidth: Double)
        /// The distance to measure with this mass (`Density.distanceToMeasure`), differentiated through.
        case distanceToMeasure(mass: Double)
        /// The distance to the k-th nearest other point (`Density.kNearestDistance`), differentiated through.
        case kNearestDistance(k: Int)
        /// Given values, one array per extra parameter (their gradient is reported too).
        case given([[Double]])
    }

    /// The result of one evaluation.
    public struct Evaluation: Sendable {
        /// The loss.
        public var value: Double
        /// d(loss)/d(point coordinates), flat like `PointCloud.coordinates`.
        public var pointGradient: [Double]
        /// d(loss)/d(function values) per extra parameter (for `.given`; for the
        /// codensities, d(loss)/d(codensity), already chained into `pointGradient`).
        public var functionGradient: [[Double]]
        /// The signed measure.
        public var measure: SignedMeasure
    }

    /// The function of the second (and further) parameters.
    public var function: Function
    /// The homology degree of the Hilbert signed measure.
    public var degree: Int
    /// The loss of the measure.
    public var loss: SignedL1Loss
    /// The Rips threshold (nil: the full complex).
    public var threshold: Double?
    /// The flag complex's top dimension (at least degree + 1).
    public var maxDimension: Int
    /// Collapse filtration-dominated edges first (same measure, faster).
    public var collapse: Bool
    /// The grid: `.exact` (default) or one that picks existing values (`.quantile`, `.precomputed` values of the complex).
    public var grid: Grid.Strategy
    /// Threads and coefficients of the signed-measure computation (its mass default must be `.none`).
    public var options: SignedMeasureOptions

    /// An objective; the defaults are the paper's example but the bandwidth.
    ///
    /// ```swift
    /// let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.1), degree: 1,
    ///                                             loss: SignedL1Loss(normalization: .atoms))
    /// ```
    public init(function: Function, degree: Int = 1, loss: SignedL1Loss = SignedL1Loss(), threshold: Double? = nil,
                maxDimension: Int? = nil, collapse: Bool = true, grid: Grid.Strategy = .exact,
                options: SignedMeasureOptions = SignedMeasureOptions()) {
        self.function = function
        self.degree = degree
        self.loss = loss
        self.threshold = threshold
        self.maxDimension = maxDimension ?? Swift.max(2, degree + 1)
        self.collapse = collapse
        self.grid = grid
        self.options = options
    }

    /// The loss at `cloud` and its gradient.
    ///
    /// ```swift
    /// let e = try objective.evaluate(cloud)
    /// print(e.value, e.pointGradient.count)  // the loss, 2N numbers for N points in the plane
    /// ```
    /// - Throws: `MultipersistenceError.unsupported` for a regular grid (its
    ///   values are no simplex's) or a mass default, `.invalidParameter` for
    ///   a degree outside 0...64 or a dimension below degree + 1; the
    ///   builders' `ComplexError` and `PointCloudError` for bad input.
    public func evaluate(_ cloud: PointCloud) throws -> Evaluation {
        if case .regular = grid {
            throw MultipersistenceError.unsupported("a regular grid's values are no simplex's: gradients need the exact grid or one that picks existing values (quantile)")
        }
        guard options.massDefault == .none else {
            throw MultipersistenceError.unsupported("the mass-default atoms are no simplex's values: gradients need massDefault .none")
        }
        guard degree >= 0, degree <= 64, maxDimension >= degree + 1, maxDimension <= 30 else {
            throw MultipersistenceError.invalidParameter(name: "degree", reason: "degree \(degree) needs 0 <= degree <= 64 and an expansion (\(maxDimension)) of at least degree + 1, at most 30")
        }
        let functions: [[Double]]
        switch function {
        case .gaussianCodensity(let h): functions = [try Density.gaussianCodensity(cloud, bandwidth: h)]
        case .distanceToMeasure(let m): functions = [try Density.distanceToMeasure(cloud, mass: m)]
        case .kNearestDistance(let k): functions = [try Density.kNearestDistance(cloud, k: k)]
        case .given(let f): functions = f
        }
        let distances = DistanceMatrix(cloud)
        let complex = try Bifiltration.functionRips(distances: distances, functions: functions, threshold: threshold,
                                                    maxDimension: maxDimension, collapse: collapse)
        let g: Grid
        if collapse, grid != .exact {
            g = try Grid(distinctValues: Bifiltration.functionRipsValues(distances: distances, functions: functions, threshold: threshold),
                         strategy: grid)
        } else {
            g = try Grid(for: complex, strategy: grid)
        }
        let measure = try SignedMeasure.hilbert(SqueezedComplex(complex, grid: g), degrees: [degree], options: options)[0]
        let (value, dAtoms) = loss.evaluate(measure)
        var (dx, df) = try Bifiltration.functionRipsPullback(points: cloud, distances: distances, functions: functions,
                                                             threshold: threshold, atomCoordinates: measure.points,
                                                             width: measure.width, cotangent: dAtoms)
        let chained: [Double]?
        switch function {
        case .gaussianCodensity(let h): chained = try Density.gaussianCodensityPullback(cloud, bandwidth: h, cotangent: df[0])
        case .distanceToMeasure(let m): chained = try Density.distanceToMeasurePullback(cloud, mass: m, cotangent: df[0])
        case .kNearestDistance(let k): chained = try Density.kNearestDistancePullback(cloud, k: k, cotangent: df[0])
        case .given: chained = nil
        }
        if let chained { for i in dx.indices { dx[i] += chained[i] } }
        return Evaluation(value: value, pointGradient: dx, functionGradient: df, measure: measure)
    }
}
