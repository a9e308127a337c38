import Foundation
import Complexes
import Persistence

/// Options of a matching-distance estimate (``MatchingDistance``).
///
/// ```swift
/// let options = MatchingDistanceOptions(lineCount: 200, degrees: [0, 1])
/// ```
public struct MatchingDistanceOptions: Sendable {
    /// The number of sampled lines (multipers' `num`, default 100).
    public var lineCount: Int
    /// The box the lines cross; `nil`: the union of both inputs' boxes
    /// (bounding boxes of the finite grades, or the modules' boxes).
    public var box: (lower: [Double], upper: [Double])?
    /// The homology degrees; the estimate is the largest over them.
    public var degrees: [Int]
    /// Worker threads (lines are split in contiguous blocks).
    public var threads: Int
    /// The largest amount of work accepted, counted as lines x cells (both
    /// complexes) for bifiltrations and lines x summands for modules.
    public var maxWork: Int

    /// Options with multipers' defaults: 100 diagonal lines, degree 1.
    public init(lineCount: Int = 100, box: (lower: [Double], upper: [Double])? = nil, degrees: [Int] = [1],
                threads: Int = 1, maxWork: Int = 4_000_000_000) {
        self.lineCount = lineCount
        self.box = box
        self.degrees = degrees
        self.threads = threads
        self.maxWork = maxWork
    }
}

/// The result of a matching-distance estimate.
///
/// `value` is the largest bottleneck distance between the two fibered
/// barcodes over the sampled lines. It is a **lower bound** of the matching
/// distance (the supremum over all lines); for module approximations it is
/// moreover an estimate up to the modules' approximation precision.
///
/// ```swift
/// let e = try MatchingDistance.estimate(a, b)
/// print(e.value, e.lineCount, e.argmax.basepoint)
/// ```
public struct MatchingDistanceEstimate: Sendable, Equatable {
    /// max over sampled lines and degrees of the slice bottleneck distance
    /// (a lower bound of the matching distance).
    public var value: Double
    /// The number of lines sampled.
    public var lineCount: Int
    /// The first line reaching `value`.
    public var argmax: ParameterLine
    /// The degree reaching `value` on `argmax`.
    public var argmaxDegree: Int
    /// The box the lines were sampled in.
    public var lower: [Double]
    public var upper: [Double]
    /// Always true: sampled lines give a lower bound of the matching distance.
    public var isLowerBound: Bool { true }
}

/// A matching-distance estimate between two bifiltrations or two module
/// approximations, as multipers 2.3.2 computes it
/// (`multipers.distances.estimate_matching` on `mod.barcodes(degree, basepoints)`).
///
/// Lines have slope 1 (direction (1, 1), whose matching-distance weight
/// min_i d_i / max_i d_i is 1, so no weighting is applied). Their basepoints
/// are multipers' default for `barcodes`: with the box [L, U] and
/// h = U_1 - L_1, `linspace((L_0 - h, L_1), (U_0, L_1), lineCount)`: every
/// diagonal line that meets the box, from the one through its top-left
/// corner to the one through its bottom-right corner. Bars are not clipped
/// to the box (multipers' `threshold=False`); essential bars must match
/// essential bars (else the distance is infinite).
///
/// For bifiltrations each slice barcode is exact: one vineyard per thread,
/// started by a reduction on the first line of its block and walked to the
/// next lines by `Vineyard.reorder(toValues:)`.
///
/// ```swift
/// let e = try MatchingDistance.estimate(complexA, complexB, options: .init(lineCount: 50, degrees: [1]))
/// print("matching distance >= \(e.value) over \(e.lineCount) lines")
/// ```
public enum MatchingDistance {
    /// multipers' default lines through the box [lower, upper] (two parameters).
    ///
    /// ```swift
    /// let lines = try MatchingDistance.lines(lower: [0, 0], upper: [1, 1], count: 3)
    /// // basepoints (-1, 0), (0, 0), (1, 0)
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` for a count below 1
    ///   or a box that is not finite with lower <= upper,
    ///   `.unsupported` for a box of other than two parameters.
    public static func lines(lower: [Double], upper: [Double], count: Int) throws -> [ParameterLine] {
        try checkBox(lower, upper)
        guard count >= 1 else {
            throw MultipersistenceError.invalidParameter(name: "nlines", reason: "must be at least 1, got \(count)")
        }
        let h = upper[1] - lower[1]
        let start = lower[0] - h, stop = upper[0]
        let delta = stop - start
        // numpy.linspace with a zero step in the second coordinate: (k / div) * delta + start, last = stop.
        return (0..<count).map { k in
            let x: Double
            if count == 1 { x = start } else if k == count - 1 { x = stop } else {
                x = (Double(k) / Double(count - 1)) * delta + start
            }
            return ParameterLine(basepoint: [x, lower[1]])
        }
    }

    static func checkBox(_ lower: [Double], _ upper: [Double]) throws {
        guard lower.count == upper.count else {
            throw MultipersistenceError.invalidParameter(name: "box", reason: "has \(lower.count) lower and \(upper.count) upper coordinates")
        }
        guard lower.count == 2 else {
            throw MultipersistenceError.unsupported("the matching-distance estimate samples lines for two parameters, got \(lower.count)")
        }
        for p in 0..<2 {
            guard lower[p].isFinite, upper[p].isFinite, lower[p] <= upper[p] else {
                throw MultipersistenceError.invalidParameter(name: "box", reason: "parameter \(p): need finite lower <= upper, got \(lower[p]), \(upper[p])")
            }
        }
    }

    static func checkOptions(_ options: MatchingDistanceOptions, itemsPerLine: Int, what: String) throws {
        guard options.lineCount >= 1 else {
            throw MultipersistenceError.invalidParameter(name: "nlines", reason: "must be at least 1, got \(options.lineCount)")
        }
        guard !options.degrees.isEmpty, options.degrees.allSatisfy({ $0 >= 0 }) else {
            throw MultipersistenceError.invalidParameter(name: "degree", reason: "give at least one degree, each >= 0")
        }
        guard options.threads >= 1 else {
            throw MultipersistenceError.invalidParameter(name: "threads", reason: "must be at least 1, got \(options.threads)")
        }
        let (work, overflow) = options.lineCount.multipliedReportingOverflow(by: Swift.max(1, itemsPerLine))
        guard !overflow, work <= options.maxWork else {
            let estimate = overflow ? "more than \(Int.max)" : "\(work)"
            throw MultipersistenceError.overBudget("\(options.lineCount) lines x \(itemsPerLine) \(what) = \(estimate) line values; the limit is \(options.maxWork): lower nlines")
        }
    }

    /// The box asked for, or the union of the two given ones.
    static func box(_ options: MatchingDistanceOptions, _ a: ([Double], [Double]), _ b: ([Double], [Double])) throws -> ([Double], [Double]) {
        if let box = options.box {
            try checkBox(box.lower, box.upper)
            return (box.lower, box.upper)
        }
        let lower = zip(a.0, b.0).map { Swift.min($0, $1) }, upper = zip(a.1, b.1).map { Swift.max($0, $1) }
        try checkBox(lower, upper)
        return (lower, upper)
    }

    /// The bounding box of a complex's finite grades ([0, 0] for a parameter without any).
    static func gradeBox(_ c: FilteredComplex) -> ([Double], [Double]) {
        let n = c.parameterCount
        var lo = [Double](repeating: .infinity, count: n), hi = [Double](repeating: -.infinity, count: n)
        for (k, g) in c.grades.enumerated() where g.isFinite {
            lo[k % n] = Swift.min(lo[k % n], g); hi[k % n] = Swift.max(hi[k % n], g)
        }
        for p in 0..<n where lo[p] > hi[p] { lo[p] = 0; hi[p] = 0 }
        return (lo, hi)
    }

    /// The estimate between two bifiltrations, from exact slice barcodes.
    ///
    /// ```swift
    /// let e = try MatchingDistance.estimate(a, b, options: .init(lineCount: 100, degrees: [0, 1], threads: 2))
    /// ```
    /// - Throws: `MultipersistenceError.unsupported` unless both complexes
    ///   have two parameters; `.invalidParameter` for different parameter
    ///   counts, a line count below 1, no or negative degrees, threads below
    ///   1 or a bad box; `.overBudget` when lines x cells exceeds
    ///   `options.maxWork` (the message gives the count); the complexes'
    ///   own validation errors.
    /// - Complexity: one reduction per thread, then one vineyard walk per
    ///   line, plus one bottleneck distance per line and degree.
    public static func estimate(_ a: FilteredComplex, _ b: FilteredComplex,
                                options: MatchingDistanceOptions = .init()) throws -> MatchingDistanceEstimate {
        guard a.parameterCount == b.parameterCount else {
            throw MultipersistenceError.invalidParameter(name: "parameters", reason: "the bifiltrations have \(a.parameterCount) and \(b.parameterCount) parameters")
        }
        guard a.parameterCount == 2 else {
            throw MultipersistenceError.unsupported("the matching-distance estimate needs two parameters, got \(a.parameterCount)")
        }
        let (cells, overflow) = a.count.addingReportingOverflow(b.count)
        try checkOptions(options, itemsPerLine: overflow ? Int.max : cells, what: "cells")
        try a.validate(); try b.validate()
        let (lower, upper) = try box(options, gradeBox(a), gradeBox(b))
        let lines = try Self.lines(lower: lower, upper: upper, count: options.lineCount)
        let degrees = options.degrees
        let blocks = Swift.min(options.threads, lines.count)
        let size = (lines.count + blocks - 1) / blocks
        let results = try ParallelWalks.run(count: blocks, threads: options.threads) { k -> Result<[[Double]], Error> in
            let range = (k * size)..<Swift.min(lines.count, (k + 1) * size)
            do {
                var walkA = try SliceWalk(a), walkB = try SliceWalk(b)
                var out: [[Double]] = []
                for i in range {
                    let ba = try walkA.barcodes(along: lines[i], degrees: degrees)
                    let bb = try walkB.barcodes(along: lines[i], degrees: degrees)
                    out.append(degrees.indices.map { bottleneckDistance(ba[$0], bb[$0]) })
                }
                return .success(out)
            } catch { return .failure(error) }
        }
        var distances: [[Double]] = []
        for r in results { distances += try r.get() }
        return summarize(distances, lines: lines, degrees: degrees, lower: lower, upper: upper)
    }

    /// The estimate between two module approximations, from their summands'
    /// bars along the lines (multipers' `estimate_matching(mod1.barcodes(degree,
    /// basepoints), mod2.barcodes(degree, basepoints))`). An estimate of the
    /// modules' matching distance up to their approximation precision, and a
    /// lower bound of the distance between the approximations.
    ///
    /// ```swift
    /// let e = try MatchingDistance.estimate(moduleA, moduleB, options: .init(degrees: [1]))
    /// ```
    /// - Throws: as the bifiltration estimate, with summands in place of cells.
    public static func estimate(_ a: ModuleApproximation, _ b: ModuleApproximation,
                                options: MatchingDistanceOptions = .init()) throws -> MatchingDistanceEstimate {
        guard a.parameterCount == b.parameterCount else {
            throw MultipersistenceError.invalidParameter(name: "parameters", reason: "the modules have \(a.parameterCount) and \(b.parameterCount) parameters")
        }
        guard a.parameterCount == 2 else {
            throw MultipersistenceError.unsupported("the matching-distance estimate needs two parameters, got \(a.parameterCount)")
        }
        let (items, overflow) = a.summands.count.addingReportingOverflow(b.summands.count)
        try checkOptions(options, itemsPerLine: overflow ? Int.max : items, what: "summands")
        let (lower, upper) = try box(options, (a.lower, a.upper), (b.lower, b.upper))
        let lines = try Self.lines(lower: lower, upper: upper, count: options.lineCount)
        let degrees = options.degrees
        let blocks = Swift.min(options.threads, lines.count)
        let size = (lines.count + blocks - 1) / blocks
        let results = ParallelWalks.run(count: blocks, threads: options.threads) { k -> [[Double]] in
            ((k * size)..<Swift.min(lines.count, (k + 1) * size)).map { i in
                degrees.map { d in
                    bottleneckDistance(a.barcode(along: lines[i], degree: d), b.barcode(along: lines[i], degree: d))
                }
            }
        }
        return summarize(results.flatMap { $0 }, lines: lines, degrees: degrees, lower: lower, upper: upper)
    }

    static func summarize(_ distances: [[Double]], lines: [ParameterLine], degrees: [Int],
                          lower: [Double], upper: [Double]) -> MatchingDistanceEstimate {
        var best = -Double.infinity, at = 0, degree = degrees[0]
        for (i, row) in distances.enumerated() {
            for (k, d) in row.enumerated() where d > best {
                best = d; at = i; degree = degrees[k]
            }
        }
        return MatchingDistanceEstimate(value: Swift.max(best, 0), lineCount: lines.count, argmax: lines[at],
                                        argmaxDegree: degree, lower: lower, upper: upper)
    }
}

/// Exact slice barcodes of one complex along successive lines: a vineyard
/// reduced on the first line, then walked.
struct SliceWalk {
    let complex: FilteredComplex
    var vine: Vineyard?
    var values: [Double]

    init(_ complex: FilteredComplex) throws {
        self.complex = complex
        values = [Double](repeating: 0, count: complex.count)
    }

    /// The barcode (line parameter t) in each of `degrees` along `line`.
    mutating func barcodes(along line: ParameterLine, degrees: [Int]) throws -> [[Bar]] {
        ModuleApproximation.lineValues(complex, basepoint: line.basepoint, direction: line.direction, into: &values)
        if vine == nil {
            let v = values, c = complex
            let first = (0..<c.count).sorted { x, y in
                let dx = c.dimensions[x], dy = c.dimensions[y]
                if dx != dy { return dx < dy }
                if v[x] != v[y] { return v[x] < v[y] }
                return x < y
            }
            vine = try Vineyard(complex, firstOrder: first)
        } else {
            vine?.reorder(toValues: values)
        }
        guard let vine else { return degrees.map { _ in [] } }
        var out = degrees.map { _ in [Bar]() }
        for j in 0..<vine.barCount {
            guard let k = degrees.firstIndex(of: vine.barDimension(j)) else { continue }
            let (bc, dc) = vine.bar(j)
            let birth = values[bc], death = dc.map { values[$0] } ?? .infinity
            if birth < death { out[k].append(Bar(birth: birth, death: death)) }
        }
        return out
    }
}
