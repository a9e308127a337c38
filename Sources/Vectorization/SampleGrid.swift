import Persistence
import PointClouds

/// The sampling grids of gudhi.representations: numpy's `linspace`, the
/// range learned by `fit`, and GUDHI's `keep_endpoints=False` trimming.
///
/// ```swift
/// SampleGrid.linspace(0, 1, 5)  // [0, 0.25, 0.5, 0.75, 1]
/// ```
public enum SampleGrid {
    /// numpy's `linspace(start, stop, num, endpoint)`, value for value:
    /// `k * step + start`, with the last point `stop` exactly when
    /// `endpoint` is true.
    public static func linspace(_ start: Double, _ stop: Double, _ num: Int, endpoint: Bool = true) -> [Double] {
        guard num > 0 else { return [] }
        let div = endpoint ? num - 1 : num
        let delta = stop - start
        var out = [Double](repeating: start, count: num)
        if div > 0 {
            let step = delta / Double(div)
            if step == 0 {
                for k in 0..<num { out[k] = Double(k) / Double(div) * delta + start }
            } else {
                for k in 0..<num { out[k] = Double(k) * step + start }
            }
        }
        if endpoint && num > 1 { out[num - 1] = stop }
        return out
    }

    /// [min of all births, max of all deaths] over the diagrams, as GUDHI's
    /// `_automatic_sample_range`; nil when there are no points.
    public static func learnedRange(_ diagrams: [[Bar]]) -> (Double, Double)? {
        var lo = Double.infinity, hi = -Double.infinity
        var any = false
        for d in diagrams {
            for bar in d {
                any = true
                lo = Swift.min(lo, bar.birth)
                hi = Swift.max(hi, bar.death)
            }
        }
        return any ? (lo, hi) : nil
    }

    /// The grid GUDHI's `_grid_from_sample_range` builds: an explicit end
    /// is sampled; a learned end is not (`R + 2` points, trimmed). With
    /// nothing to learn from (no points in the fit) the range is [v, v], v
    /// the explicit end or -infinity, as GUDHI's: R copies of v.
    ///
    /// - Parameters:
    ///   - range: the user's range, `nil` ends to be learned.
    ///   - learned: the learned range (needed if an end is nil).
    public static func grid(range: (Double?, Double?), resolution: Int, learned: (Double, Double)?,
                            keepEndpoints: Bool = false, owner: String) throws -> (grid: [Double], lo: Double, hi: Double) {
        guard resolution >= 1 else {
            throw VectorizationError.invalidParameter(name: "resolution", reason: "\(resolution) must be at least 1")
        }
        // Checked before the + 2 below and before anything is allocated.
        try MemoryBudget.elements([resolution, 2], bytesEach: 8, what: "\(owner) with resolution \(resolution)",
                                  advice: "lower the resolution")
        var lo = range.0, hi = range.1
        var nothingLearned = false
        if lo == nil || hi == nil {
            if let learned {
                lo = lo ?? learned.0
                hi = hi ?? learned.1
            } else {
                // GUDHI's `_automatic_sample_range` on diagrams without
                // points: the range [v, v], v the explicit end or -infinity
                // (every curve sampled there is zero).
                let v = [range.0, range.1].compactMap { $0 }.max() ?? -.infinity
                lo = v; hi = v
                nothingLearned = true
            }
        }
        guard let a = lo, let b = hi, (a.isFinite && b.isFinite) || (nothingLearned && a == b && !a.isNaN) else {
            throw VectorizationError.invalidParameter(name: "sample range", reason: "ends must be finite numbers")
        }
        var newResolution = resolution
        if !keepEndpoints {
            if range.0 == nil { newResolution += 1 }
            if range.1 == nil { newResolution += 1 }
        }
        var g = a != b ? linspace(a, b, newResolution) : [Double](repeating: a, count: newResolution)
        if !keepEndpoints {
            if range.0 == nil { g.removeFirst() }
            if range.1 == nil { g.removeLast() }
        }
        return (g, a, b)
    }
}
