import Complexes

/// A finite grid in R^n: one strictly increasing array of values per
/// parameter. Multiparameter invariants are computed on a grid: every grade
/// is squeezed onto it first, as multipers' `grid_squeeze` does.
///
/// ```swift
/// let grid = try Grid(values: [[0, 2, 4, 8], [0, 3, 6, 9], [0, 4, 8, 16]])
/// grid.squeeze([1, 7, 5])        // indices [0, 2, 1]: nearest value, ties to the lower
/// grid.pushUp(7, parameter: 1)   // 3: the first value >= 7
/// ```
public struct Grid: Sendable, Equatable, Codable {
    /// The values of each parameter, strictly increasing and finite.
    public let values: [[Double]]

    /// How a grid is chosen from a complex's grades (multipers' `strategy`).
    public enum Strategy: Sendable, Equatable {
        /// The sorted distinct finite values of all grades, per parameter.
        case exact
        /// `r` evenly spaced values from the smallest to the largest finite grade value (numpy's `linspace`).
        case regular(Int)
        /// The distinct values among the `r` quantiles (0, 1/(r-1), ..., 1) of
        /// the distinct grade values, numpy's `method='closest_observation'`.
        case quantile(Int)
        /// A grid given by the user.
        case precomputed([[Double]])
    }

    /// A grid from its values.
    ///
    /// ```swift
    /// let grid = try Grid(values: [[0, 1, 3], [0, 1, 3]])
    /// ```
    /// - Throws: `MultipersistenceError.invalidGrid` for an empty parameter,
    ///   a non-finite value or values that do not strictly increase.
    public init(values: [[Double]]) throws {
        guard !values.isEmpty else { throw MultipersistenceError.invalidGrid("no parameters") }
        for (p, v) in values.enumerated() {
            guard !v.isEmpty else { throw MultipersistenceError.invalidGrid("parameter \(p) has no values") }
            guard v.allSatisfy(\.isFinite) else { throw MultipersistenceError.invalidGrid("parameter \(p) has a non-finite value") }
            guard zip(v, v.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw MultipersistenceError.invalidGrid("parameter \(p) is not strictly increasing")
            }
            guard v.count < 1 << 24 else { throw MultipersistenceError.invalidGrid("parameter \(p) has \(v.count) values (at most 2^24)") }
        }
        self.values = values
    }

    private enum CodingKeys: String, CodingKey { case values }

    /// Decodes and checks a grid as `init(values:)` does.
    public init(from decoder: any Decoder) throws {
        try self.init(values: decoder.container(keyedBy: CodingKeys.self).decode([[Double]].self, forKey: .values))
    }

    /// The grid a strategy picks for a complex's grades.
    ///
    /// ```swift
    /// let grid = try Grid(for: complex, strategy: .regular(100))
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` for a resolution
    ///   below 1 or above 2^24, `.invalidGrid` for a complex without finite grades
    ///   or a precomputed grid of the wrong number of parameters.
    public init(for complex: FilteredComplex, strategy: Strategy) throws {
        let n = complex.parameterCount
        if case .precomputed(let v) = strategy {
            guard v.count == n else {
                throw MultipersistenceError.invalidGrid("\(v.count) parameters given, the complex has \(n)")
            }
            try self.init(values: v)
            return
        }
        var perParameter: [[Double]] = []
        for p in 0..<n {
            var column: [Double] = []
            column.reserveCapacity(complex.grades.count / n)
            var i = p
            while i < complex.grades.count {
                let x = complex.grades[i]
                if x.isFinite { column.append(x) }
                i += n
            }
            column.sort()
            var unique: [Double] = []
            unique.reserveCapacity(column.count)
            for x in column where unique.last != x { unique.append(x) }
            guard !unique.isEmpty else { throw MultipersistenceError.invalidGrid("parameter \(p) has no finite grade") }
            perParameter.append(unique)
        }
        try self.init(values: perParameter.map { try Self.pick(strategy, from: $0) })
    }

    /// The grid a strategy picks from the values each parameter takes (any
    /// order, repeats allowed, non-finite values ignored): the grid of a
    /// complex whose grades take these values, e.g. the full function-Rips
    /// complex before a collapse (`Bifiltration.functionRipsValues`).
    ///
    /// - Throws: as `init(for:strategy:)`.
    public init(distinctValues perParameter: [[Double]], strategy: Strategy) throws {
        if case .precomputed(let v) = strategy {
            guard v.count == perParameter.count else {
                throw MultipersistenceError.invalidGrid("\(v.count) parameters given, the complex has \(perParameter.count)")
            }
            try self.init(values: v)
            return
        }
        let unique = try perParameter.enumerated().map { p, column -> [Double] in
            var u: [Double] = []
            for x in column.filter(\.isFinite).sorted() where u.last != x { u.append(x) }
            guard !u.isEmpty else { throw MultipersistenceError.invalidGrid("parameter \(p) has no finite grade") }
            return u
        }
        try self.init(values: unique.map { try Self.pick(strategy, from: $0) })
    }

    /// Applies a strategy to the sorted distinct values of one parameter.
    static func pick(_ strategy: Strategy, from unique: [Double]) throws -> [Double] {
        switch strategy {
        case .exact, .precomputed:
            return unique
        case .regular(let r):
            try checkResolution(r)
            return linspace(unique[0], unique[unique.count - 1], r)
        case .quantile(let r):
            try checkResolution(r)
            let q = linspace(0, 1, r)
            var out: [Double] = []
            for x in q {
                let v = unique[closestObservationIndex(count: unique.count, quantile: x)]
                if out.last != v { out.append(v) }
            }
            return Array(Set(out)).sorted()
        }
    }

    static func checkResolution(_ r: Int) throws {
        guard r >= 1, r <= 1 << 24 else {
            throw MultipersistenceError.invalidParameter(name: "grid resolution", reason: "\(r) must be between 1 and 16777216")
        }
    }

    /// numpy's `linspace(a, b, r)`: a + i (b - a)/(r - 1), the last value exactly b.
    static func linspace(_ a: Double, _ b: Double, _ r: Int) -> [Double] {
        if r == 1 { return [a] }
        let step = (b - a) / Double(r - 1)
        var out = (0..<r).map { step == 0 ? a + Double($0) / Double(r - 1) * (b - a) : Double($0) * step + a }
        out[r - 1] = b
        var unique: [Double] = []
        for x in out where unique.last.map({ $0 < x }) ?? true { unique.append(x) }
        return unique
    }

    /// numpy's `closest_observation` quantile index (Hyndman and Fan type 3):
    /// virtual index n q - 1.5, rounded up unless it is an odd integer.
    static func closestObservationIndex(count n: Int, quantile q: Double) -> Int {
        let index = Double(n) * q - 1 - 0.5
        let previous = index.rounded(.down)
        let gamma = index - previous
        var r = (gamma == 0 && Int(previous) & 1 == 1) ? Int(previous) : Int(previous) + 1
        r = Swift.max(0, Swift.min(n - 1, r))
        return r
    }

    /// The number of parameters.
    public var parameterCount: Int { values.count }

    /// The number of values of each parameter.
    public var shape: [Int] { values.map(\.count) }

    /// The number of grid points (nil if it overflows).
    public var pointCount: Int? {
        var total = 1
        for s in shape {
            let (t, o) = total.multipliedReportingOverflow(by: s)
            if o { return nil }
            total = t
        }
        return total
    }

    /// The index of the grid value nearest to `x` (ties to the lower value),
    /// clamped into the grid; +infinity gives `Grid.never` (not present anywhere).
    ///
    /// ```swift
    /// try Grid(values: [[0, 2, 4, 8]]).index(nearest: 3, parameter: 0)  // 1 (a tie: the lower)
    /// ```
    @inlinable public func index(nearest x: Double, parameter p: Int) -> Int {
        let v = values[p]
        if x == .infinity { return Grid.never }
        // First index with v[i] >= x.
        var lo = 0, hi = v.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if v[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        if lo == 0 { return 0 }
        if lo == v.count { return v.count - 1 }
        return (v[lo] - x) < (x - v[lo - 1]) ? lo : lo - 1
    }

    /// The index of the first grid value >= `x` (multipers' `push_to_grid`);
    /// `values[p].count` when `x` is above the grid.
    ///
    /// ```swift
    /// try Grid(values: [[0, 2, 4, 8]]).pushUp(3, parameter: 0)  // 2
    /// ```
    public func pushUp(_ x: Double, parameter p: Int) -> Int {
        let v = values[p]
        var lo = 0, hi = v.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if v[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A grade squeezed onto the grid: the nearest index per parameter.
    ///
    /// ```swift
    /// grid.squeeze([1, 7, 5])  // [0, 2, 1]
    /// ```
    public func squeeze(_ grade: [Double]) -> [Int] {
        grade.enumerated().map { index(nearest: $1, parameter: $0) }
    }

    /// The index standing for "never present" (a grade of +infinity).
    public static let never = Int(Int32.max)
}
