import Foundation
import Persistence

/// ATOL, "automatic topologically-oriented learning", as
/// gudhi.representations' `Atol`: a diagram becomes the k values
/// sum_i w_i c(|x_i - z_j| / s_j), j = 1...k, for k centres z_j in the
/// (birth, death) plane, each with a scale s_j.
///
/// How the centres are found: `fit` pools the finite points of all the
/// training diagrams (each weighted 1, or 1/N in its diagram of N points
/// with `.iidproba`) and runs weighted ``KMeans`` on them (k-means++ seeding
/// from `seed`, `restarts` runs, the least inertia kept), then orders the
/// centres by (death, birth), as GUDHI's `lexsort` does. Give `centers` to
/// skip the clustering (for example GUDHI's fitted `atol.centers`): then
/// the output equals GUDHI's given the same centres. With fewer training
/// points than `clusters`, as many centres as points are fitted and the
/// rest are placed at infinity with scale 0 (their values are 0), as GUDHI
/// does.
///
/// The scales (GUDHI's `inertias`): half the distance from each centre to
/// its nearest other centre (coinciding centres ignored); with one centre,
/// half the largest distance between two training points (1 if that is 0).
///
/// Contrast functions c of t = |x - z| / s: Gaussian exp(-t^2), Laplacian
/// exp(-t), indicator clip(2 - t, 0, 1).
///
/// ```swift
/// var atol = Atol(clusters: 4, contrast: .laplacian, seed: 17)
/// try atol.fit(trainingDiagrams)
/// let v = try atol.transform(diagram)   // 4 values
/// atol.centers                          // [[birth, death], ...]
/// ```
///
/// Points with an infinite coordinate are not fitted and contribute 0.
///
/// - Complexity: fit O(restarts * iterations * N k) for N pooled points;
///   transform O(n k).
///   Reference: M. Royer, F. Chazal, C. Levrard, Y. Umeda, Y. Ike, "ATOL:
///   measure vectorization for automatic topologically-oriented learning",
///   AISTATS 2021.
public struct Atol: Vectorizer {
    /// The contrast function of the normalised distance t.
    public enum Contrast: String, Sendable, Hashable, CaseIterable {
        /// exp(-t^2) (GUDHI's default).
        case gaussian
        /// exp(-t).
        case laplacian
        /// clip(2 - t, 0, 1).
        case indicator
    }

    /// The weight of each point of a diagram.
    public enum Weighting: String, Sendable, Hashable, CaseIterable {
        /// 1 (GUDHI's default, "cloud").
        case cloud
        /// 1/N in a diagram of N points ("iidproba").
        case iidproba
    }

    /// The number of centres k (GUDHI's default quantiser has 2).
    public var clusters: Int
    /// The contrast function.
    public var contrast: Contrast
    /// The point weights.
    public var weighting: Weighting
    /// The seed of the k-means++ seeding.
    public var seed: UInt64
    /// The number of k-means runs (GUDHI's example uses `n_init=10`).
    public var restarts: Int
    /// Centres given by the user, [birth, death] each; `fit` then only
    /// computes the scales.
    public private(set) var givenCenters: [[Double]]?
    /// The centres, after `fit` (or given).
    public private(set) var centers: [[Double]]?
    /// The scale of each centre (GUDHI's `inertias`), after `fit` (or given).
    public private(set) var inertias: [Double]?

    /// The largest number of centres accepted.
    public static let maximumClusters = 1_000_000

    /// Creates ATOL with k-means centres to be fitted.
    ///
    /// ```swift
    /// let atol = Atol(clusters: 8, contrast: .gaussian, weighting: .cloud, seed: 1)
    /// ```
    public init(clusters: Int = 2, contrast: Contrast = .gaussian, weighting: Weighting = .cloud, seed: UInt64 = 0,
                restarts: Int = 10) {
        self.clusters = clusters
        self.contrast = contrast
        self.weighting = weighting
        self.seed = seed
        self.restarts = restarts
    }

    /// Creates ATOL with given centres; with `inertias` too it needs no fit.
    ///
    /// ```swift
    /// let atol = try Atol(centers: [[0.1, 0.5], [0.3, 1.2]], contrast: .laplacian)
    /// ```
    ///
    /// - Throws: `VectorizationError.invalidParameter` for no centres, a
    ///   centre that is not a finite (birth, death) pair, or scales that are
    ///   not one non-negative number per centre.
    public init(centers: [[Double]], inertias: [Double]? = nil, contrast: Contrast = .gaussian,
                weighting: Weighting = .cloud) throws {
        guard !centers.isEmpty, centers.count <= Self.maximumClusters, centers.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isFinite) }) else {
            throw VectorizationError.invalidParameter(name: "Atol centres", reason: "give at least one centre, each two finite numbers (birth, death)")
        }
        if let inertias {
            guard inertias.count == centers.count, inertias.allSatisfy({ !$0.isNaN && $0 >= 0 }) else {
                throw VectorizationError.invalidParameter(name: "Atol scales", reason: "give one non-negative scale per centre (\(centers.count))")
            }
        }
        self.init(clusters: centers.count, contrast: contrast, weighting: weighting)
        givenCenters = centers
        self.centers = centers
        self.inertias = inertias
    }

    /// The finite points of the diagrams, flattened (birth, death), with their weights.
    func pooled(_ diagrams: [[Bar]]) -> (points: [Double], weights: [Double]) {
        var points: [Double] = [], weights: [Double] = []
        for d in diagrams {
            let w = weighting == .cloud ? 1 : 1 / Double(d.count)
            for bar in d where bar.birth.isFinite && bar.death.isFinite {
                points.append(bar.birth); points.append(bar.death); weights.append(w)
            }
        }
        return (points, weights)
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        guard clusters >= 1, clusters <= Self.maximumClusters else {
            throw VectorizationError.invalidParameter(name: "number of clusters", reason: "\(clusters) must be between 1 and \(Self.maximumClusters)")
        }
        guard restarts >= 1 else {
            throw VectorizationError.invalidParameter(name: "k-means runs", reason: "\(restarts) must be at least 1")
        }
        let (points, weights) = pooled(diagrams)
        let n = points.count / 2
        if let givenCenters {
            centers = givenCenters
            if givenCenters.count == 1 {
                guard n > 0 else { throw VectorizationError.emptyFit("Atol") }
                inertias = [Self.singleScale(points)]
            } else {
                inertias = Self.scales(givenCenters)
            }
            return
        }
        guard n > 0 else { throw VectorizationError.emptyFit("Atol") }
        let k = Swift.min(clusters, n)
        let fitted = try KMeans(clusters: k, seed: seed, restarts: restarts).fit(points: points, dimension: 2, weights: weights)
        // GUDHI: centers[np.lexsort(centers.T)], death first, then birth.
        var c = fitted.centers.sorted { $0[1] != $1[1] ? $0[1] < $1[1] : $0[0] < $1[0] }
        var s = k == 1 ? [Self.singleScale(points)] : Self.scales(c)
        if k < clusters {
            c += [[Double]](repeating: [.infinity, .infinity], count: clusters - k)
            s += [Double](repeating: 0, count: clusters - k)
        }
        centers = c
        inertias = s
    }

    /// Half the distance from each centre to its nearest other one (0-distance pairs ignored; inf if none).
    static func scales(_ c: [[Double]]) -> [Double] {
        c.indices.map { j in
            var best = Double.infinity
            for i in c.indices where i != j {
                let d = hypot(c[i][0] - c[j][0], c[i][1] - c[j][1])
                if d > 0 && d < best { best = d }
            }
            return best / 2
        }
    }

    /// Half the largest distance between two points (1 if that is 0). O(n^2).
    static func singleScale(_ p: [Double]) -> Double {
        let n = p.count / 2
        var far = 0.0
        p.withUnsafeBufferPointer { q in
            for i in 0..<n { for j in 0..<i { far = Swift.max(far, hypot(q[2 * i] - q[2 * j], q[2 * i + 1] - q[2 * j + 1])) } }
        }
        return far / 2 > 0 ? far / 2 : 1
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let centers, let inertias else { throw VectorizationError.notFitted("Atol") }
        let w = weighting == .cloud ? 1 : 1 / Double(diagram.count)
        var out = [Double](repeating: 0, count: centers.count)
        for (j, z) in centers.enumerated() {
            let s = inertias[j]
            var sum = 0.0
            for bar in diagram where bar.birth.isFinite && bar.death.isFinite {
                let dx = bar.birth - z[0], dy = bar.death - z[1]
                let value: Double
                switch contrast {
                case .gaussian: value = exp(-(dx * dx + dy * dy) / (s * s))
                case .laplacian: value = exp(-(dx * dx + dy * dy).squareRoot() / s)
                case .indicator: value = Swift.min(Swift.max(2 - (dx * dx + dy * dy).squareRoot() / s, 0), 1)
                }
                if !value.isNaN { sum += w * value }
            }
            out[j] = sum
        }
        return out
    }
}
