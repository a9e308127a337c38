import Foundation
import Complexes

/// What a signed-measure computation will cost, before it runs: the number of
/// one-parameter sub-problems, the memory the invariant needs, and a time
/// measured on one sample sub-problem (the largest: the slice at the top of
/// the grid) and scaled. multipers and RIVET users meet the cliff this is
/// for: a fine grid on a large complex runs for hours or exhausts memory.
///
/// ```swift
/// let cost = try CostEstimate(squeezed, invariant: "hilbert", maxDegree: 1, threads: 2)
/// print(cost.report)              // cells, grid, sub-problems, memory, time
/// try cost.check(budget: "60s")   // throws .overBudget with a suggestion
/// ```
public struct CostEstimate: Sendable {
    /// Cells per dimension.
    public let cellsByDimension: [Int]
    /// The grid's shape.
    public let gridShape: [Int]
    /// The number of one-parameter reductions the invariant runs.
    public let subProblems: Int
    /// Bytes the invariant's own arrays need beyond the complex (estimate).
    public let memoryBytes: Int
    /// Seconds for one sample sub-problem (the largest), measured.
    public let sampleSeconds: Double
    /// Estimated seconds in all, on the given threads.
    public let estimatedSeconds: Double
    let invariant: String

    /// Measures one sub-problem and scales it.
    ///
    /// - Throws: `MultipersistenceError.unsupported` for an unknown invariant or rank with n != 2.
    public init(_ squeezed: SqueezedComplex, invariant: String, maxDegree: Int, threads: Int, modulus: Int = 11) throws {
        let complex = squeezed.complex
        var byDim = [Int](repeating: 0, count: Swift.max(1, complex.dimension + 1))
        for d in complex.dimensions { byDim[Int(d)] += 1 }
        cellsByDimension = byDim
        let shape = squeezed.grid.shape
        gridShape = shape
        self.invariant = invariant
        let cellBytes = complex.count * 48
        switch invariant {
        case "euler":
            subProblems = 0
            memoryBytes = complex.count * (8 * shape.count + 16) * (1 << shape.count)
            sampleSeconds = 0
            estimatedSeconds = Double(complex.count) * 1e-7
            return
        case "hilbert":
            let sweep = shape.indices.max { shape[$0] < shape[$1] } ?? 0
            subProblems = shape.enumerated().filter { $0.offset != sweep }.reduce(1) { $0 &* $1.element }
            memoryBytes = cellBytes * Swift.max(1, threads) + Swift.min(subProblems, 1 << 40) * 64
        case "rank":
            guard shape.count == 2 else { throw MultipersistenceError.unsupported("the rank invariant needs 2 parameters") }
            subProblems = shape[0] * shape[1]
            memoryBytes = (SignedMeasure.rankTensorBytes(shape: shape) ?? Int.max / 2) + cellBytes * Swift.max(1, threads)
        default:
            throw MultipersistenceError.unsupported("unknown invariant '\(invariant)' (hilbert, euler, rank)")
        }
        // The largest sub-problem: every cell at its first grade coordinate.
        var reducer = SliceReducer(squeezed, maxDegree: maxDegree, modulus: modulus)
        let gi = squeezed.gradeIndices, n = squeezed.parameterCount
        let start = Date()
        _ = try reducer.bars { c in
            var best = Int32.max
            for g in complex.gradeRange(of: c) where gi[g * n] < best { best = gi[g * n] }
            return best
        }
        sampleSeconds = Date().timeIntervalSince(start)
        // Slices hold fewer cells on average than the top one: count it as half.
        estimatedSeconds = sampleSeconds * Double(subProblems) / Double(Swift.max(1, threads)) * 0.5
    }

    /// The estimate as lines of text.
    public var report: String {
        let cells = cellsByDimension.enumerated().map { "\($1) of dimension \($0)" }.joined(separator: ", ")
        return """
            cells: \(cellsByDimension.reduce(0, +)) (\(cells))
            grid: \(gridShape.map(String.init).joined(separator: " x "))
            invariant: \(invariant), \(subProblems) one-parameter sub-problems (reductions)
            memory: about \(SignedMeasure.bytesText(memoryBytes)) beyond the complex
            time: about \(String(format: "%.3g", estimatedSeconds)) s (one sample reduction: \(String(format: "%.3g", sampleSeconds)) s)
            """ + "\n"
    }

    /// Throws when the estimate exceeds `budget`: seconds ("90", "60s", "10m",
    /// "1h") or memory ("500MiB", "2GiB", "800MB").
    ///
    /// - Throws: `MultipersistenceError.overBudget` naming the estimate and a
    ///   coarser grid to try, `.invalidParameter` for a budget it cannot read.
    public func check(budget: String) throws {
        let b = budget.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double, Bool)] = [("GiB", 1_073_741_824, true), ("MiB", 1_048_576, true), ("GB", 1e9, true),
                                               ("MB", 1e6, true), ("h", 3600, false), ("m", 60, false), ("s", 1, false)]
        var value: Double?, memory = false
        for (suffix, scale, isMemory) in units where b.hasSuffix(suffix) {
            if let x = Double(b.dropLast(suffix.count)), x > 0, x.isFinite { value = x * scale; memory = isMemory }
            break
        }
        if value == nil, let x = Double(b), x > 0, x.isFinite { value = x }
        guard let limit = value else {
            throw MultipersistenceError.invalidParameter(name: "budget", reason: "'\(budget)': use seconds (60s, 10m, 1h) or memory (500MiB, 2GiB)")
        }
        let coarser = gridShape.map { Swift.max(2, Swift.min($0, 100) / 2) }
        let suggestion = "try a coarser grid such as --grid regular:\(coarser.max() ?? 50)"
        if memory, Double(memoryBytes) > limit {
            throw MultipersistenceError.overBudget("needs about \(SignedMeasure.bytesText(memoryBytes)), more than the budget \(budget); \(suggestion)")
        }
        if !memory, estimatedSeconds > limit {
            throw MultipersistenceError.overBudget("needs about \(String(format: "%.3g", estimatedSeconds)) s (\(subProblems) reductions), more than the budget \(budget); \(suggestion)")
        }
    }
}
