import Complexes
import Persistence

/// Module approximations of a complex whose filtration values change from
/// call to call while its cells stay the same (an optimisation loop): the
/// first line's vineyard is kept between calls, and the next call walks it
/// to the new first order by transpositions instead of reducing again.
///
/// Every call returns the module a fresh `ModuleApproximation(complex,
/// options:)` gives, summand for summand and in the same order: the walked
/// vineyard's bars are renumbered as a fresh reduction numbers them
/// (`Vineyard.renumberBars()`). When the cells differ from the last call's
/// (another complex, a collapse that removed other edges), or the walk
/// would take more than `maxReorderSwaps` transpositions, the call reduces
/// afresh and keeps that state instead.
///
/// ```swift
/// var options = ModuleApproximationOptions(lineCount: 200)
/// options.box = (lower: [0, 0], upper: [2, 2])
/// options.recordsSources = true
/// var session = ModuleApproximationSession(options: options)
/// for _ in 0..<steps {
///     let complex = try Bifiltration.functionRips(points: cloud, functions: [f], threshold: 0.5)
///     let module = try session.approximate(complex)
///     // ... loss, module.pullback(...), step f
/// }
/// print(session.lastTranspositions)   // -1 after a fresh reduction
/// ```
///
/// What it saves is the first reduction of each call; the walk along the
/// lines (most of an MMA run) is the same work either way. Memory: one
/// vineyard (R and V of the first line) between calls.
public struct ModuleApproximationSession: Sendable {
    /// The options of every call (give the box explicitly when the values move).
    public var options: ModuleApproximationOptions
    /// The most transpositions a call walks before it reduces afresh
    /// instead; `nil`: eight per cell of the complex (measured with
    /// `tda-bench mma-gradient`: 57,000 transpositions on 5,283 cells took
    /// half the time of a reduction); negative: never walk.
    public var maxReorderSwaps: Int?
    /// The transpositions the last call made to reach its first order, or
    /// -1 when it reduced afresh.
    public private(set) var lastTranspositions = -1
    /// The seconds the last call spent reaching its first line's vineyard
    /// (the walk, or the fresh reduction): the only part a kept state changes.
    public private(set) var lastFirstLineSeconds = 0.0
    /// How many calls walked the kept vineyard, and how many reduced afresh.
    public private(set) var walkedCalls = 0
    public private(set) var freshCalls = 0

    var kept: Vineyard?
    var dimensions: [Int8] = []
    var boundaryOffsets: [Int] = []
    var boundaryIndices: [Int32] = []

    /// A session that has not computed anything yet.
    ///
    /// ```swift
    /// var session = ModuleApproximationSession(options: .init(lineCount: 100))
    /// ```
    public init(options: ModuleApproximationOptions = .init(), maxReorderSwaps: Int? = nil) {
        self.options = options
        self.maxReorderSwaps = maxReorderSwaps
    }

    /// The module approximation of `complex`, from the kept vineyard when
    /// `complex` has the last call's cells.
    ///
    /// ```swift
    /// let module = try session.approximate(complex)
    /// ```
    /// - Throws: what `ModuleApproximation(_:options:)` throws.
    public mutating func approximate(_ complex: FilteredComplex) throws -> ModuleApproximation {
        let sameCells = kept != nil && complex.dimensions == dimensions
            && complex.boundaryOffsets == boundaryOffsets && complex.boundaryIndices == boundaryIndices
        if !sameCells {
            kept = nil
            dimensions = complex.dimensions
            boundaryOffsets = complex.boundaryOffsets
            boundaryIndices = complex.boundaryIndices
        }
        var report = ModuleApproximation.FirstLine()
        let module: ModuleApproximation
        do {
            module = try ModuleApproximation(complex, options: options, kept: &kept,
                                             maxReorderSwaps: maxReorderSwaps ?? 8 * complex.count, firstLine: &report)
        } catch {
            kept = nil
            throw error
        }
        lastTranspositions = report.transpositions
        lastFirstLineSeconds = report.seconds
        if report.transpositions >= 0 { walkedCalls += 1 } else { freshCalls += 1 }
        return module
    }
}
