import PointClouds
import Persistence

/// The topological vector of Carrière, Oudot, Ovsjanikov, as
/// gudhi.representations' `TopologicalVector` computes it: the `threshold`
/// largest values min(||x_i - x_j||_inf, pers_j) over pairs i < j, with
/// pers = (d - b)/2, in decreasing order, padded with zeros.
///
/// GUDHI's code takes pers_j (its `min(pers, pers.T)` on a 1-D array is
/// pers itself, broadcast over columns), not min(pers_i, pers_j) as the
/// paper does; this matches GUDHI. `threshold == -1` uses the largest
/// diagram size seen by `fit`.
///
/// ```swift
/// let v = TopologicalVector(threshold: 3)
/// try v.transform([Bar(birth: 0, death: 4), Bar(birth: 1, death: 3)])  // [1, 0, 0]
/// ```
///
/// - Complexity: O(n^2 log t) per diagram.
///   Reference: M. Carrière, S. Oudot, M. Ovsjanikov, "Stable topological
///   signatures for points on 3D shapes", SGP 2015.
public struct TopologicalVector: Vectorizer {
    /// The number of values kept (GUDHI's `threshold`; -1: the largest diagram seen by `fit`).
    public var threshold: Int
    private var learnedThreshold: Int?

    /// Creates the vectorizer (GUDHI's default threshold 10).
    ///
    /// ```swift
    /// let v = TopologicalVector(threshold: 20)
    /// ```
    public init(threshold: Int = 10) {
        self.threshold = threshold
    }

    public mutating func fit(_ diagrams: [[Bar]]) throws {
        if threshold == -1 { learnedThreshold = diagrams.map(\.count).max() ?? 0 }
    }

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        let t: Int
        if threshold == -1 {
            guard let l = learnedThreshold else { throw VectorizationError.notFitted("TopologicalVector") }
            t = l
        } else {
            guard threshold >= 0 else {
                throw VectorizationError.invalidParameter(name: "threshold", reason: "\(threshold) must be -1 or at least 0")
            }
            t = threshold
        }
        guard t > 0 else { return [] }
        try MemoryBudget.elements([t], bytesEach: 8, what: "a topological vector of \(t) values", advice: "lower the threshold (--top)")
        // GUDHI sorts all n^2 entries of triu(min(dist, pers)): the pairs
        // i < j, the diagonal entries min(0, pers_i) (negative only for points
        // below the diagonal) and n(n - 1)/2 zeros below; pads with zeros.
        var top = [Double](repeating: -.infinity, count: t)  // descending
        let n = diagram.count
        for j in 0..<n {
            let pj = 0.5 * (diagram[j].death - diagram[j].birth)
            for i in 0..<j {
                let d = Swift.max(abs(diagram[i].birth - diagram[j].birth), abs(diagram[i].death - diagram[j].death))
                let v = Swift.min(d, pj)
                guard v > top[t - 1] else { continue }
                var s = t - 1
                while s > 0 && top[s - 1] < v { top[s] = top[s - 1]; s -= 1 }
                top[s] = v
            }
        }
        var rest = diagram.map { Swift.min(0, 0.5 * ($0.death - $0.birth)) }
        rest += [Double](repeating: 0, count: Swift.min(t, n * (n - 1) / 2))
        var all = top.filter { $0 > -.infinity } + rest
        all.sort(by: >)
        var out = [Double](repeating: 0, count: t)
        for k in 0..<Swift.min(t, all.count) { out[k] = all[k] }
        return out
    }
}
