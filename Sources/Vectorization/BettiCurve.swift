import Persistence

/// Betti curves, as gudhi.representations' `BettiCurve`:
/// beta(t) = #{b_i <= t} - #{d_i <= t} (closed-open bars) at each grid point.
/// The grid is, as in GUDHI: `predefinedGrid` if given; else with a
/// resolution the grids of ``Landscape``; else (`resolution: nil`, the exact
/// curve) every birth and death seen by `fit`, sorted and deduplicated, after
/// a first point at -infinity.
///
/// ```swift
/// var curve = BettiCurve(resolution: 3, sampleRange: (0, 2))
/// try curve.fit([])
/// try curve.transform([Bar(birth: 0, death: 1), Bar(birth: 0.5, death: 2)])  // [1, 1, 0]
/// ```
///
/// - Complexity: O(n log n + R) per diagram (sorted events, one sweep).
///   Reference: Y. Umeda, "Time series classification via topological data
///   analysis" (2017).
public struct BettiCurve: Vectorizer {
    /// The number of samples (grid points); nil for the exact curve.
    public var resolution: Int?
    /// Grid points to use as they are (GUDHI's `predefined_grid`).
    public var predefinedGrid: [Double]?
    /// Explicit ends of the sampled interval; nil ends are learned by `fit`.
    public var sampleRange: (Double?, Double?)
    /// Sample the learned ends too (GUDHI's `keep_endpoints`).
    public var keepEndpoints: Bool
    /// The sampling grid, once known (after `fit`, or at once with an explicit range).
    public private(set) var grid: [Double]?

    /// Creates a Betti curve with GUDHI's defaults (100 samples, learned range).
    ///
    /// ```swift
    /// let v = BettiCurve(resolution: 50, sampleRange: (0, 2))
    /// ```
    public init(resolution: Int? = 100, sampleRange: (Double?, Double?) = (nil, nil), predefinedGrid: [Double]? = nil,
                keepEndpoints: Bool = false) {
        self.resolution = resolution
        self.sampleRange = sampleRange
        self.predefinedGrid = predefinedGrid
        self.keepEndpoints = keepEndpoints
        if let predefinedGrid {
            grid = predefinedGrid
        } else if let resolution, let a = sampleRange.0, let b = sampleRange.1 {
            grid = try? SampleGrid.grid(range: (a, b), resolution: resolution, learned: nil, owner: "BettiCurve").grid
        }
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        if let predefinedGrid { grid = predefinedGrid; return }
        guard let resolution else {
            // The exact curve: every value where a Betti number can change.
            var values = diagrams.flatMap { $0.flatMap { [$0.birth, $0.death] } }
            values.append(-.infinity)
            values.sort()
            var unique: [Double] = []
            for v in values where unique.last != v { unique.append(v) }
            grid = unique
            return
        }
        grid = try SampleGrid.grid(range: sampleRange, resolution: resolution, learned: SampleGrid.learnedRange(diagrams),
                                   keepEndpoints: keepEndpoints, owner: "BettiCurve").grid
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let grid else { throw VectorizationError.notFitted("BettiCurve") }
        let births = diagram.map(\.birth).sorted(), deaths = diagram.map(\.death).sorted()
        var out = [Double](repeating: 0, count: grid.count)
        var ib = 0, id = 0
        // GUDHI sweeps the grid in order; a non-increasing grid is evaluated point by point.
        let increasing = zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 }
        for (j, t) in grid.enumerated() {
            if !increasing { ib = 0; id = 0 }
            while ib < births.count && births[ib] <= t { ib += 1 }
            while id < deaths.count && deaths[id] <= t { id += 1 }
            out[j] = Double(ib - id)
        }
        return out
    }
}
