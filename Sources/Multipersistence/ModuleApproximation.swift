import Complexes
import Foundation
import Persistence

/// The interval-decomposable approximation of a multiparameter persistence
/// module (MMA: Loiseaux, Carrière, Blumberg, "Fast, stable and efficient
/// approximation of multi-parameter persistence modules with MMA"), as
/// multipers 2.3.2's `module_approximation` computes it.
///
/// Lines parallel to the direction (the diagonal by default) sweep the
/// lower faces of the box on a grid of step `precision`; the first line is
/// reduced once, every next line is reached by vineyard transpositions, and
/// bar `j` of the vineyard adds its birth and death corners to summand `j`.
/// Corners closer than the precision are merged at the end.
///
/// ```swift
/// let complex = try Bifiltration.functionRips(points: cloud, functions: [codensity], threshold: 0.5)
/// let module = try ModuleApproximation(complex)          // 557 lines, all degrees
/// for s in module.summands(degree: 1) { print(s.births, s.deaths) }
/// let bars = module.barcode(along: ParameterLine(basepoint: [0, 0]), degree: 1)
/// ```
///
/// Cost: one reduction plus, per line, the transpositions between
/// consecutive orders (each at most two column additions of R and V).
/// Memory: the vineyard's R and V (a few times the boundary for flag
/// complexes) plus the corners, at most two per bar and line.
public struct ModuleApproximation: Sendable, Equatable, Codable {
    /// The number of parameters.
    public let parameterCount: Int
    /// The box's lower and upper corners.
    public let lower: [Double]
    public let upper: [Double]
    /// The line step (multipers' `max_error`).
    public let precision: Double
    /// The line direction (`nil`: all ones).
    public let direction: [Double]?
    /// The summands of every degree, in vineyard bar order.
    public private(set) var summands: [Summand]
    /// The number of lines computed.
    public let lineCount: Int

    /// The summands of one homology degree.
    ///
    /// ```swift
    /// let loops = module.summands(degree: 1)
    /// ```
    public func summands(degree: Int) -> [Summand] { summands.filter { $0.degree == degree } }

    /// The degrees present, ascending.
    public var degrees: [Int] { Array(Set(summands.map(\.degree))).sorted() }

    /// The barcode of the approximation along `line` in `degree`: each
    /// summand's bar (summands the line misses give none), sorted.
    ///
    /// ```swift
    /// let bars = module.barcode(along: ParameterLine(basepoint: [0, -1]), degree: 0)
    /// ```
    public func barcode(along line: ParameterLine, degree: Int) -> [Bar] {
        summands.compactMap { s in
            guard s.degree == degree, let (b, d) = s.barcode(along: line) else { return nil }
            return Bar(birth: b, death: d)
        }.sorted { ($0.birth, $0.death) < ($1.birth, $1.death) }
    }

    /// The barcodes along several lines (fibered barcodes), one array per line.
    ///
    /// ```swift
    /// let fibered = module.barcodes(along: lines, degree: 1)
    /// ```
    public func barcodes(along lines: [ParameterLine], degree: Int) -> [[Bar]] {
        lines.map { barcode(along: $0, degree: degree) }
    }

    /// Each summand's sup-norm distance to `x` (0 inside), in summand order.
    ///
    /// ```swift
    /// let d = module.distances(to: [0.5, 0.5])
    /// ```
    public func distances(to x: [Double]) -> [Double] { summands.map { $0.distance(to: x) } }

    /// A module from its summands and box, as read back from a file
    /// (`tda mma` output) or built by hand; summands keep their order.
    ///
    /// ```swift
    /// let m = try ModuleApproximation(summands: [Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])],
    ///                                 lower: [0, 0], upper: [4, 4])
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` when the box is not
    ///   finite with lower <= upper, has fewer than two parameters, or a
    ///   corner has another number of coordinates (or a NaN).
    public init(summands: [Summand], lower: [Double], upper: [Double], precision: Double = 0,
                lineCount: Int = 0, direction: [Double]? = nil) throws {
        let n = lower.count
        guard n >= 2, upper.count == n else {
            throw MultipersistenceError.invalidParameter(name: "box", reason: "needs n >= 2 lower and n upper coordinates, got \(lower.count) and \(upper.count)")
        }
        for p in 0..<n where !(lower[p].isFinite && upper[p].isFinite && lower[p] <= upper[p]) {
            throw MultipersistenceError.invalidParameter(name: "box", reason: "parameter \(p): need finite lower <= upper, got \(lower[p]), \(upper[p])")
        }
        for (k, s) in summands.enumerated() {
            for c in s.births + s.deaths where c.count != n || c.contains(where: \.isNaN) {
                throw MultipersistenceError.invalidParameter(name: "summand \(k)", reason: "corner \(c) is not \(n) numbers")
            }
        }
        if let direction, direction.count != n || !direction.allSatisfy({ $0.isFinite && $0 >= 0 }) {
            throw MultipersistenceError.invalidParameter(name: "direction", reason: "needs \(n) finite non-negative numbers, got \(direction)")
        }
        parameterCount = n
        self.lower = lower
        self.upper = upper
        self.precision = precision
        self.direction = direction
        self.lineCount = lineCount
        self.summands = summands
    }

    private enum CodingKeys: String, CodingKey { case parameterCount, lower, upper, precision, direction, summands, lineCount }

    /// Decodes a module and checks it as `init(summands:lower:upper:...)`
    /// does: a decoded box or corner of the wrong shape is a
    /// `MultipersistenceError`, not an index out of range in a later use.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let lower = try c.decode([Double].self, forKey: .lower)
        if let n = try c.decodeIfPresent(Int.self, forKey: .parameterCount), n != lower.count {
            throw MultipersistenceError.invalidParameter(name: "parameterCount", reason: "\(n), but the box has \(lower.count) lower coordinates")
        }
        try self.init(summands: c.decode([Summand].self, forKey: .summands), lower: lower,
                      upper: c.decode([Double].self, forKey: .upper),
                      precision: c.decodeIfPresent(Double.self, forKey: .precision) ?? 0,
                      lineCount: c.decodeIfPresent(Int.self, forKey: .lineCount) ?? 0,
                      direction: c.decodeIfPresent([Double].self, forKey: .direction))
    }

    /// Each summand's weight in the module's box (the largest diagonal of a
    /// rectangle inside it), in summand order.
    ///
    /// ```swift
    /// let w = module.weights()
    /// ```
    public func weights() -> [Double] { summands.map { $0.weight(lower: lower, upper: upper) } }
}

/// How `ModuleApproximation` chooses its lines.
///
/// ```swift
/// var options = ModuleApproximationOptions(lineCount: 200)
/// options.box = (lower: [0, 0], upper: [2, 3])
/// ```
public struct ModuleApproximationOptions: Sendable {
    /// The box; default the grades' bounding box (a zero-width side gets width 1).
    public var box: (lower: [Double], upper: [Double])?
    /// The line step; default from `lineCount` by multipers' rule
    /// delta = (sum_i prod_{j != i} w_j / lineCount)^(1/(n-1)).
    public var precision: Double?
    /// The target number of lines (multipers' `nlines`).
    public var lineCount: Int
    /// The line direction (non-negative, not all zero); default all ones.
    public var direction: [Double]?
    /// Merge corners closer than the precision (multipers' `complete`).
    public var complete: Bool
    /// Refuse when the walk would exceed this many lines.
    public var maxLines: Int
    /// Worker threads: the walks along the box's faces run in parallel.
    public var threads: Int
    /// Record, for every corner coordinate, which filtration value it was
    /// read from (`Summand.birthSources`, `deathSources`), so that
    /// `ModuleApproximation.pullback(_:gradeCount:)` can turn a loss's
    /// gradient with respect to corners into one with respect to the
    /// complex's filtration values.
    public var recordsSources = false

    public init(lineCount: Int = 557, precision: Double? = nil, box: (lower: [Double], upper: [Double])? = nil,
                direction: [Double]? = nil, complete: Bool = true, maxLines: Int = 2_000_000, threads: Int = 1) {
        self.lineCount = lineCount
        self.precision = precision
        self.box = box
        self.direction = direction
        self.complete = complete
        self.maxLines = maxLines
        self.threads = threads
    }
}

extension ModuleApproximation {
    /// Approximates the persistence module of `complex` (n >= 2 parameters,
    /// one- or k-critical) in every homology degree.
    ///
    /// ```swift
    /// let module = try ModuleApproximation(complex, options: .init(lineCount: 100))
    /// ```
    /// - Throws: `MultipersistenceError.unsupported` for one parameter (use
    ///   `tda barcode`), `.invalidParameter` for a box that does not contain
    ///   the grades, a precision or line count <= 0 or a bad direction,
    ///   `.overBudget` when the line count exceeds `maxLines`.
    public init(_ complex: FilteredComplex, options: ModuleApproximationOptions = .init()) throws {
        var none: Vineyard?, report = FirstLine()
        try self.init(complex, options: options, kept: &none, maxReorderSwaps: -1, firstLine: &report)
    }

    /// The same, starting from `kept` when it holds a vineyard of a complex
    /// with this one's cells (`ModuleApproximationSession`); `kept` leaves
    /// with the first line's state, and `firstLine` says how it was reached.
    init(_ complex: FilteredComplex, options: ModuleApproximationOptions, kept: inout Vineyard?,
         maxReorderSwaps: Int, firstLine: inout FirstLine) throws {
        let plan = try Self.plan(complex, options: options)
        parameterCount = complex.parameterCount
        lower = plan.lower
        upper = plan.upper
        precision = plan.delta
        direction = options.direction
        lineCount = plan.lines
        summands = try Self.compute(complex, lower: plan.lower, upper: plan.upper, delta: plan.delta,
                                    direction: options.direction, walks: plan.walks, complete: options.complete,
                                    threads: options.threads, sources: options.recordsSources,
                                    kept: &kept, maxReorderSwaps: maxReorderSwaps, firstLine: &firstLine)
    }

    /// How the first line's vineyard was reached: the transpositions from a
    /// kept one (-1: a fresh reduction) and the seconds it took.
    struct FirstLine {
        var transpositions = -1
        var seconds = 0.0
    }

    /// The box, the step and the walks `options` give for `complex`, checked.
    struct Plan {
        var lower: [Double]
        var upper: [Double]
        var delta: Double
        var lines: Int
        var walks: [Walk]
    }

    static func plan(_ complex: FilteredComplex, options: ModuleApproximationOptions) throws -> Plan {
        let n = complex.parameterCount
        guard n >= 2 else {
            throw MultipersistenceError.unsupported("a module approximation needs at least two parameters; for one, compute a barcode (tda barcode)")
        }
        try complex.validate()
        // The grades' bounding box (finite values).
        var lo = [Double](repeating: .infinity, count: n), hi = [Double](repeating: -.infinity, count: n)
        for (k, g) in complex.grades.enumerated() where g.isFinite {
            let p = k % n
            lo[p] = Swift.min(lo[p], g); hi[p] = Swift.max(hi[p], g)
        }
        for p in 0..<n where lo[p] > hi[p] { lo[p] = 0; hi[p] = 0 }
        var lower = lo, upper = hi
        if let box = options.box {
            guard box.lower.count == n, box.upper.count == n else {
                throw MultipersistenceError.invalidParameter(name: "box", reason: "needs \(n) lower and \(n) upper coordinates")
            }
            for p in 0..<n {
                guard box.lower[p].isFinite, box.upper[p].isFinite, box.lower[p] <= box.upper[p] else {
                    throw MultipersistenceError.invalidParameter(name: "box", reason: "parameter \(p): need finite lower <= upper, got \(box.lower[p]), \(box.upper[p])")
                }
                guard box.lower[p] <= lo[p], box.upper[p] >= hi[p] else {
                    throw MultipersistenceError.invalidParameter(name: "box",
                        reason: "parameter \(p): [\(box.lower[p]), \(box.upper[p])] does not contain the grades' range [\(lo[p]), \(hi[p])]")
                }
            }
            lower = box.lower; upper = box.upper
        }
        for p in 0..<n where upper[p] == lower[p] { upper[p] += 1 }
        if let d = options.direction {
            guard d.count == n, d.allSatisfy({ $0.isFinite && $0 >= 0 }), d.contains(where: { $0 > 0 }) else {
                throw MultipersistenceError.invalidParameter(name: "direction", reason: "needs \(n) finite non-negative entries, not all zero")
            }
        }
        // multipers' delta rule, rounded to float32 as its wrapper does.
        let widths = (0..<n).map { abs(upper[$0] - lower[$0]) }
        let delta: Double
        if let given = options.precision {
            guard given.isFinite, given > 0 else {
                throw MultipersistenceError.invalidParameter(name: "precision", reason: "must be a positive number, got \(given)")
            }
            delta = Double(Float(given))
        } else {
            guard options.lineCount >= 1 else {
                throw MultipersistenceError.invalidParameter(name: "nlines", reason: "must be at least 1, got \(options.lineCount)")
            }
            var prod = 0.0
            for i in 0..<n {
                var term = 1.0
                for j in 0..<n where j != i { term *= widths[j] }
                prod += term
            }
            delta = Double(Float(Foundation.pow(prod / Double(options.lineCount), 1 / Double(n - 1))))
        }
        guard delta > 0, delta.isFinite else {
            throw MultipersistenceError.invalidParameter(name: "precision", reason: "the box gives a step of \(delta)")
        }
        var gridSize = [Int](repeating: 0, count: n)
        for p in 0..<n {
            let steps = (widths[p] / delta).rounded(.up)
            guard steps < 1e9 else {
                throw MultipersistenceError.overBudget("parameter \(p) would need \(steps) lines at precision \(delta); raise the precision or lower nlines")
            }
            gridSize[p] = Int(steps) + 1
        }
        // The line count first, in checked arithmetic: the walks themselves
        // are only listed once they are known to fit the budget.
        let counted = Self.lineCount(gridSize: gridSize, direction: options.direction)
        guard let lines = counted, lines <= options.maxLines else {
            let estimate = counted.map(String.init) ?? "more than \(Int.max)"
            throw MultipersistenceError.overBudget("\(estimate) lines over \(complex.count) cells (about \(estimate) x \(complex.count) line values); the limit is \(options.maxLines) lines: raise the precision or lower nlines")
        }
        let walks = Self.walks(gridSize: gridSize, lower: lower, delta: delta, direction: options.direction)
        assert(lines == 1 + walks.reduce(0) { $0 + $1.steps }, "lineCount(gridSize:direction:) disagrees with walks")
        return Plan(lower: lower, upper: upper, delta: delta, lines: lines, walks: walks)
    }

    /// One walk: lines basepoint + k delta e_axis, k = 1...steps, from the first line's state.
    struct Walk: Sendable {
        var basepoint: [Double]
        var axis: Int
        var steps: Int
    }

    /// The number of lines `walks` gives (the first line included), or nil
    /// when it overflows `Int`: the same recursion, counted.
    static func lineCount(gridSize: [Int], direction: [Double]?) -> Int? {
        let n = gridSize.count
        func count(_ axis: Int, _ sizes: [Int], _ dim: Int) -> Int? {
            if dim <= axis { return sizes[axis] }
            guard let inner = count(axis, sizes, dim - 1) else { return nil }
            if sizes[dim] == 0 { return inner }
            let (p, overflow) = inner.multipliedReportingOverflow(by: sizes[dim])
            return overflow ? nil : p
        }
        var total = 1
        func add(_ x: Int?) -> Bool {
            guard let x else { return false }
            let (s, overflow) = total.addingReportingOverflow(x)
            total = s
            return !overflow
        }
        for i in 1..<n {
            if let direction, direction[i] == 0 { continue }
            var sizes = gridSize
            sizes[i] = 0
            guard add(count(0, sizes, n - 1)) else { return nil }
        }
        if direction == nil || direction![0] > 0 {
            var sizes = gridSize
            sizes[0] = 0
            guard add(count(1, sizes, n - 1)) else { return nil }
        }
        return total
    }

    /// multipers' `_rec_mma2` recursion, flattened: for each face i >= 1 of
    /// the lower box (skipped if the direction is 0 there), walks along
    /// axis 0 from every basepoint of the grid over the other axes >= 1
    /// (axis i excluded); then, if the direction allows, the face of axis 0,
    /// walking along axis 1.
    static func walks(gridSize: [Int], lower: [Double], delta: Double, direction: [Double]?) -> [Walk] {
        let n = gridSize.count
        var out: [Walk] = []
        func recurse(_ axis: Int, _ basepoint: [Double], _ sizes: [Int], _ dim: Int) {
            if dim <= axis { out.append(Walk(basepoint: basepoint, axis: axis, steps: sizes[axis])); return }
            if sizes[dim] == 0 { recurse(axis, basepoint, sizes, dim - 1); return }
            var b = basepoint
            for _ in 0..<sizes[dim] {
                recurse(axis, b, sizes, dim - 1)
                b[dim] += delta
            }
        }
        for i in 1..<n {
            if let direction, direction[i] == 0 { continue }
            var sizes = gridSize
            sizes[i] = 0
            recurse(0, lower, sizes, n - 1)
        }
        if direction == nil || direction![0] > 0 {
            var sizes = gridSize
            sizes[0] = 0
            recurse(1, lower, sizes, n - 1)
        }
        return out
    }

    /// The values of every cell on the line through `basepoint`: the first
    /// t at which the line is above one of the cell's grades.
    /// Each cell's entry time on the line; with `sources` (one slot per
    /// cell), also the index in `grades` of the value that time was read
    /// from (the first maximising parameter of the first minimising grade), -1 for none.
    static func lineValues(_ complex: FilteredComplex, basepoint: [Double], direction: [Double]?, into values: inout [Double],
                           sources: UnsafeMutableBufferPointer<Int>? = nil) {
        let n = complex.parameterCount
        complex.grades.withUnsafeBufferPointer { g in
            for c in 0..<complex.count {
                var best = Double.infinity, bestEntry = -1
                for k in complex.gradeRange(of: c) {
                    var t = -Double.infinity, entry = -1
                    if let direction {
                        for p in 0..<n {
                            if direction[p] == 0 { if g[k * n + p] > basepoint[p] { t = .infinity; entry = -1; break } }
                            else {
                                let u = (g[k * n + p] - basepoint[p]) / direction[p]
                                if u > t { t = u; entry = k * n + p }
                            }
                        }
                    } else {
                        for p in 0..<n where g[k * n + p] - basepoint[p] > t { t = g[k * n + p] - basepoint[p]; entry = k * n + p }
                    }
                    if t < best { best = t; bestEntry = entry }
                }
                values[c] = best
                sources?[c] = bestEntry
            }
        }
    }

    /// Corners of one line's bars, added to `summands` (multipers' `_add_bar_with_threshold`, threshold off).
    static func addBars(_ vine: Vineyard, values: [Double], basepoint: [Double], direction: [Double]?,
                        lower: [Double], upper: [Double], to summands: inout [Summand], sources: [Int]? = nil) {
        let n = basepoint.count
        // Two scratch corners per line: a summand stores a copy only when the corner is new.
        var birth = [Double](repeating: 0, count: n), death = [Double](repeating: .infinity, count: n)
        var birthSource = [Int](repeating: -1, count: n), deathSource = [Int](repeating: -1, count: n)
        for j in 0..<vine.barCount {
            let (bc, dc) = vine.bar(j)
            var b = values[bc], d = dc.map { values[$0] } ?? .infinity
            if !(b <= d) { b = .infinity; d = .infinity }
            guard b < d else { continue }
            if b == -.infinity {
                for p in 0..<n { birth[p] = -.infinity }
            } else {
                for p in 0..<n {
                    let x = basepoint[p] + b * (direction?[p] ?? 1)
                    birth[p] = x < lower[p] - 1e-10 ? -.infinity : x
                }
            }
            if d == .infinity {
                for p in 0..<n { death[p] = .infinity }
            } else {
                for p in 0..<n {
                    let x = basepoint[p] + d * (direction?[p] ?? 1)
                    death[p] = x > upper[p] + 1e-10 ? .infinity : x
                }
            }
            guard let sources else {
                summands[j].addBirth(birth)
                summands[j].addDeath(death)
                continue
            }
            for p in 0..<n {
                birthSource[p] = birth[p].isFinite ? sources[bc] : -1
                deathSource[p] = death[p].isFinite ? dc.map { sources[$0] } ?? -1 : -1
            }
            summands[j].addBirth(birth, source: birthSource)
            summands[j].addDeath(death, source: deathSource)
        }
    }

    static func compute(_ complex: FilteredComplex, lower: [Double], upper: [Double], delta: Double, direction: [Double]?,
                        walks: [Walk], complete: Bool, threads: Int, sources tracked: Bool = false,
                        kept: inout Vineyard?, maxReorderSwaps: Int, firstLine: inout FirstLine) throws -> [Summand] {
        var values = [Double](repeating: 0, count: complex.count)
        var sources = [Int](repeating: -1, count: tracked ? complex.count : 0)
        sources.withUnsafeMutableBufferPointer { src in
            lineValues(complex, basepoint: lower, direction: direction, into: &values, sources: tracked ? src : nil)
        }
        // The first order: by dimension, then value (ties by cell index; multipers' std::sort leaves them unspecified).
        let first = (0..<complex.count).sorted { a, b in
            let da = complex.dimensions[a], db = complex.dimensions[b]
            if da != db { return da < db }
            if values[a] != values[b] { return values[a] < values[b] }
            return a < b
        }
        // A kept vineyard of the same cells walks to the first order when that is cheaper than a
        // reduction; renumbered, its bars are a fresh reduction's, so the module is the same.
        let clock = DispatchTime.now().uptimeNanoseconds
        let start: Vineyard
        if var old = kept, old.count == complex.count, let swaps = old.transpositions(to: first), swaps <= maxReorderSwaps {
            try old.reorder(to: first)
            old.renumberBars()
            start = old
            firstLine.transpositions = swaps
        } else {
            start = try Vineyard(complex, firstOrder: first)
            firstLine.transpositions = -1
        }
        firstLine.seconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
        kept = start
        var summands = (0..<start.barCount).map { Summand(degree: start.barDimension($0)) }
        addBars(start, values: values, basepoint: lower, direction: direction, lower: lower, upper: upper, to: &summands,
                sources: tracked ? sources : nil)
        // Each walk starts from the first line's state; walks are independent, so they run in parallel.
        let template = summands.map { Summand(degree: $0.degree) }
        let results = ParallelWalks.run(count: walks.count, threads: threads) { w -> [Summand] in
            var vine = start
            var mine = template
            var line = [Double](repeating: 0, count: complex.count)
            var lineSources = [Int](repeating: -1, count: tracked ? complex.count : 0)
            var basepoint = walks[w].basepoint
            for _ in 0..<walks[w].steps {
                basepoint[walks[w].axis] += delta
                lineSources.withUnsafeMutableBufferPointer { src in
                    lineValues(complex, basepoint: basepoint, direction: direction, into: &line, sources: tracked ? src : nil)
                }
                vine.reorder(toValues: line)
                addBars(vine, values: line, basepoint: basepoint, direction: direction, lower: lower, upper: upper, to: &mine,
                        sources: tracked ? lineSources : nil)
            }
            return mine
        }
        for part in results {
            for j in 0..<summands.count {
                for (k, b) in part[j].births.enumerated() { summands[j].addBirth(b, source: tracked ? part[j].birthSources[k] : nil) }
                for (k, d) in part[j].deaths.enumerated() { summands[j].addDeath(d, source: tracked ? part[j].deathSources[k] : nil) }
            }
        }
        summands.removeAll { $0.isEmpty }
        if complete {
            for _ in 0..<complex.parameterCount {
                for j in 0..<summands.count { summands[j].mergeClose(precision: delta) }
            }
        }
        return summands
    }
}

/// Runs `count` independent jobs on up to `threads` threads, results in job order.
enum ParallelWalks {
    static func run<T: Sendable>(count: Int, threads: Int, _ job: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let box = ResultBox<T>(count: count)
        let workers = Swift.max(1, Swift.min(threads, count))
        if workers == 1 {
            for i in 0..<count { box.set(i, job(i)) }
        } else {
            let next = ResultBox<Int>(count: 0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = next.take(limit: count) { box.set(i, job(i)) }
            }
        }
        return box.values()
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private var slots: [T?]
        private var counter = 0
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
        func take(limit: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard counter < limit else { return nil }
            counter += 1
            return counter - 1
        }
        func values() -> [T] { slots.compactMap { $0 } }
    }
}
