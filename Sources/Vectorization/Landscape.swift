import PointClouds
import Persistence

/// Persistence landscapes sampled on a grid, as gudhi.representations'
/// `Landscape` computes them.
///
/// lambda_k(t) is the k-th largest tent value max(0, (d - b)/2 - |t - (b + d)/2|)
/// at t (zero with fewer than k bars). The output is sqrt(2) times
/// [lambda_1 on the grid, lambda_2 on the grid, ...]: index (k - 1) R + j.
/// Without `sampleRange` the fit learns [min birth, max death] and samples
/// R interior points (`keep_endpoints=False`); with it, `linspace(a, b, R)`.
///
/// ```swift
/// var l = Landscape(numLandscapes: 2, resolution: 4, sampleRange: (0, 2))
/// try l.fit([])
/// try l.transform([Bar(birth: 0, death: 2)])
/// // sqrt(2) * [0, 2/3, 2/3, 0,  0, 0, 0, 0]
/// ```
///
/// - Complexity: O(n (R_bar + k)) per diagram where R_bar is the number of
///   grid points under a bar; top-k per grid point kept in a sorted buffer.
///   Reference: P. Bubenik, "Statistical topological data analysis using
///   persistence landscapes", JMLR 16 (2015).
public struct Landscape: Vectorizer {
    /// The number of landscapes lambda_1 ... lambda_k.
    public var numLandscapes: Int
    /// The number of samples (grid points).
    public var resolution: Int
    /// Explicit ends of the sampled interval; nil ends are learned by `fit`.
    public var sampleRange: (Double?, Double?)
    /// Sample the learned ends too (GUDHI's `keep_endpoints`).
    public var keepEndpoints: Bool
    /// The grid, once known.
    public private(set) var grid: [Double]?

    /// Creates landscapes with GUDHI's defaults (5 landscapes, 100 samples, learned range).
    ///
    /// ```swift
    /// let v = Landscape(numLandscapes: 3, resolution: 50, sampleRange: (0, 2))
    /// ```
    public init(numLandscapes: Int = 5, resolution: Int = 100, sampleRange: (Double?, Double?) = (nil, nil),
                keepEndpoints: Bool = false) {
        self.numLandscapes = numLandscapes
        self.resolution = resolution
        self.sampleRange = sampleRange
        self.keepEndpoints = keepEndpoints
        if let a = sampleRange.0, let b = sampleRange.1 {
            grid = try? SampleGrid.grid(range: (a, b), resolution: resolution, learned: nil, owner: "Landscape").grid
        }
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        grid = try SampleGrid.grid(range: sampleRange, resolution: resolution, learned: SampleGrid.learnedRange(diagrams),
                                   keepEndpoints: keepEndpoints, owner: "Landscape").grid
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard let grid else { throw VectorizationError.notFitted("Landscape") }
        guard numLandscapes >= 1 else {
            throw VectorizationError.invalidParameter(name: "number of landscapes", reason: "\(numLandscapes) must be at least 1")
        }
        try MemoryBudget.elements([grid.count, numLandscapes], bytesEach: 8,
                                  what: "\(numLandscapes) landscapes of \(grid.count) samples",
                                  advice: "lower the number of landscapes or the resolution")
        return Landscape.sample(diagram, grid: grid, k: numLandscapes)
    }

    /// The hot loop. Cost model: for each bar, only grid points within one
    /// step of (b, d) are evaluated (elsewhere the tent is 0); each value is
    /// inserted into that point's descending top-k buffer.
    static func sample(_ diagram: [Bar], grid: [Double], k: Int) -> [Double] {
        let r = grid.count
        var top = [Double](repeating: 0, count: r * k)  // top[j * k + s], descending in s
        guard r > 0 else { return [] }
        let lo = grid[0], hi = grid[r - 1]
        let step = r > 1 ? (hi - lo) / Double(r - 1) : 0
        top.withUnsafeMutableBufferPointer { top in
            grid.withUnsafeBufferPointer { g in
                for bar in diagram {
                    let mid = (bar.birth + bar.death) / 2, height = (bar.death - bar.birth) / 2
                    guard height > 0 else { continue }
                    var first = 0, last = r - 1
                    if step > 0 {
                        let f = ((bar.birth - lo) / step).rounded(.down) - 1
                        let l = ((bar.death - lo) / step).rounded(.up) + 1
                        if f > Double(r - 1) || l < 0 { continue }
                        first = f <= 0 ? 0 : Int(f)
                        last = l >= Double(r - 1) ? r - 1 : Int(l)
                    }
                    if first > last { continue }
                    for j in first...last {
                        let v = height - abs(g[j] - mid)
                        let base = j * k
                        guard v > top[base + k - 1] else { continue }
                        var s = k - 1
                        while s > 0 && top[base + s - 1] < v { top[base + s] = top[base + s - 1]; s -= 1 }
                        top[base + s] = v
                    }
                }
            }
        }
        let root2 = 2.0.squareRoot()
        var out = [Double](repeating: 0, count: r * k)
        for s in 0..<k { for j in 0..<r { out[s * r + j] = root2 * top[j * k + s] } }
        return out
    }
}
