import Persistence

/// Persistence silhouettes sampled on a grid, as gudhi.representations'
/// `Silhouette`: s(t) = sqrt(2) * sum w_i tent_i(t) / sum w_i, zeros for an
/// empty diagram.
///
/// `power` p means w = (d - b)^p (giotto-tda's convention); p = 0 is
/// GUDHI's default constant weight. Grids as in ``Landscape``.
///
/// ```swift
/// var s = Silhouette(power: 1, resolution: 3, sampleRange: (0, 2))
/// try s.fit([])
/// try s.transform([Bar(birth: 0, death: 2)])  // sqrt(2) * [0, 1, 0]
/// ```
///
/// Reference: F. Chazal, B. T. Fasy, F. Lecci, A. Rinaldo, L. Wasserman,
/// "Stochastic convergence of persistence landscapes and silhouettes" (2014).
public struct Silhouette: Vectorizer {
    /// The weight of each point.
    public var weight: DiagramWeight
    /// The number of samples (grid points).
    public var resolution: Int
    /// Explicit ends of the sampled interval; nil ends are learned by `fit`.
    public var sampleRange: (Double?, Double?)
    /// Sample the learned ends too (GUDHI's `keep_endpoints`).
    public var keepEndpoints: Bool
    /// The sampling grid, once known (after `fit`, or at once with an explicit range).
    public private(set) var grid: [Double]?

    /// - Parameter power: w = (d - b)^power; 0 gives GUDHI's default.
    public init(power: Double = 0, resolution: Int = 100, sampleRange: (Double?, Double?) = (nil, nil),
                keepEndpoints: Bool = false) {
        self.init(weight: power == 0 ? .constant : .persistencePower(power), resolution: resolution,
                  sampleRange: sampleRange, keepEndpoints: keepEndpoints)
    }

    /// Creates a silhouette with any point weight.
    ///
    /// ```swift
    /// let s = Silhouette(weight: .custom { b, d in (d - b) * (d - b) })
    /// ```
    public init(weight: DiagramWeight, resolution: Int = 100, sampleRange: (Double?, Double?) = (nil, nil),
                keepEndpoints: Bool = false) {
        self.weight = weight
        self.resolution = resolution
        self.sampleRange = sampleRange
        self.keepEndpoints = keepEndpoints
        if let a = sampleRange.0, let b = sampleRange.1 {
            grid = try? SampleGrid.grid(range: (a, b), resolution: resolution, learned: nil, owner: "Silhouette").grid
        }
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        grid = try SampleGrid.grid(range: sampleRange, resolution: resolution, learned: SampleGrid.learnedRange(diagrams),
                                   keepEndpoints: keepEndpoints, owner: "Silhouette").grid
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let grid else { throw VectorizationError.notFitted("Silhouette") }
        var total = 0.0
        let w = diagram.map { weight.value($0) }
        for x in w { total += x }
        var out = [Double](repeating: 0, count: grid.count)
        guard total != 0, total.isFinite else { return out }
        for (i, bar) in diagram.enumerated() {
            let mid = (bar.birth + bar.death) / 2, height = (bar.death - bar.birth) / 2
            let c = w[i] / total
            for j in 0..<grid.count {
                let v = height - abs(grid[j] - mid)
                if v > 0 { out[j] += c * v }
            }
        }
        let root2 = 2.0.squareRoot()
        for j in 0..<out.count { out[j] *= root2 }
        return out
    }
}
