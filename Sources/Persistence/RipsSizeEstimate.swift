import Foundation

/// The size of a flag (Vietoris–Rips) complex estimated from its vertex and
/// edge counts, before the expansion: the expected number of k-simplices of
/// a random graph with the same density, C(n, k + 1) p^C(k + 1, 2), p the
/// fraction of pairs that are edges.
///
/// Geometric graphs have more cliques than random graphs of the same density
/// (their edges cluster), so the estimate is usually low, never a reason to
/// refuse a problem that fits: the engine refuses up front only when the
/// simplices it must store in full (all (k-1)-simplices, for the columns of
/// dimension k) are estimated above twice its budget, and otherwise enforces
/// the budget while it assembles each dimension.
///
/// ```swift
/// RipsSizeEstimate.simplices(vertices: 3000, edges: 4_498_500, dimension: 3)  // ~3.4e12
/// ```
public enum RipsSizeEstimate {
    /// The expected number of `dimension`-simplices (`dimension + 1`
    /// vertices) of a random flag complex with these counts.
    public static func simplices(vertices n: Int, edges: Int, dimension k: Int) -> Double {
        guard n >= 1, k >= 0 else { return 0 }
        if k == 0 { return Double(n) }
        if k == 1 { return Double(edges) }
        let pairs = Double(n) * Double(n - 1) / 2
        guard pairs > 0, k + 1 <= n else { return 0 }
        let p = Swift.min(1, Double(edges) / pairs)
        // log C(n, k + 1) + C(k + 1, 2) log p, in logs to stay finite.
        let m = Double(k + 1)
        let logBinomial = lgamma(Double(n) + 1) - lgamma(m + 1) - lgamma(Double(n) - m + 1)
        let logP = p > 0 ? Foundation.log(p) : -Double.infinity
        return Foundation.exp(logBinomial + m * (m - 1) / 2 * logP)
    }

    /// ", about N simplices estimated from E edges" for messages, or "".
    static func note(vertices n: Int, edges: Int, dimension k: Int) -> String {
        guard edges > 0 else { return "" }
        let s = simplices(vertices: n, edges: edges, dimension: k)
        return "; about \(format(s)) \(k)-simplices estimated from \(edges) edges"
    }

    /// A count in three significant digits ("3.37e+12", "45100").
    static func format(_ x: Double) -> String {
        if x < 1e6 { return String(Int(x.rounded())) }
        return String(format: "%.3g", x)
    }

    /// Refuses, before the expansion, a complex whose (maxDimension - 1)-simplices
    /// (stored in full to enumerate the columns of maxDimension, 16 bytes
    /// each) are estimated above twice the budget.
    ///
    /// - Throws: `PersistenceError.tooLarge` with the estimate and the memory it needs.
    static func check(vertices n: Int, edges: Int, maxDimension: Int, entryBudget: Int) throws {
        guard maxDimension >= 2, entryBudget < Int.max / 64 else { return }
        let stored = simplices(vertices: n, edges: edges, dimension: maxDimension - 1)
        guard stored > 2 * Double(entryBudget) else { return }
        let bytes = stored * 16
        let limit = Double(entryBudget) * 32
        throw PersistenceError.tooLarge(
            "the Rips complex of \(n) points with \(edges) edges has about \(format(stored)) \(maxDimension - 1)-simplices "
            + "to expand to dimension \(maxDimension) (\(MemoryBudgetText.text(bytes)) at 16 bytes each, limit "
            + "\(MemoryBudgetText.text(limit))); lower --max-dim, give a smaller --threshold, or raise --memory-limit")
    }
}

/// Byte counts as doubles for messages (estimates may exceed `Int`).
enum MemoryBudgetText {
    static func text(_ bytes: Double) -> String {
        let units: [(Double, String)] = [(1e18, "EB"), (1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (scale, unit) in units where bytes >= scale { return String(format: "%.3g", bytes / scale) + " " + unit }
        return "\(Int(bytes)) bytes"
    }
}
