import Persistence

/// An interval summand of a multiparameter persistence module: the points
/// above some birth corner and below some death corner.
///
/// `births` is a minimal antichain and `deaths` a maximal antichain, each
/// sorted lexicographically. A coordinate may be `-infinity` (a birth
/// below the box) or `+infinity` (a death above it); a corner of all
/// `-infinity` is "born everywhere", one of all `+infinity` "never dies".
///
/// ```swift
/// let s = Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])
/// s.contains([2, 2])                        // true
/// s.barcode(along: ParameterLine(basepoint: [0, 0]))  // (1.0, 3.0)
/// ```
public struct Summand: Sendable, Equatable, Codable {
    /// The homology degree.
    public var degree: Int
    /// Birth corners (minimal, sorted lexicographically).
    public private(set) var births: [[Double]]
    /// Death corners (maximal, sorted lexicographically).
    public private(set) var deaths: [[Double]]
    /// Where each birth coordinate comes from, when the module was computed
    /// with `ModuleApproximationOptions.recordsSources`: the index in the
    /// complex's `grades` of the value it was read from, -1 for none (an
    /// infinite coordinate). Shaped like `births`; empty otherwise.
    public private(set) var birthSources: [[Int]] = []
    /// Shaped like `deaths`, as `birthSources`.
    public private(set) var deathSources: [[Int]] = []

    private enum CodingKeys: String, CodingKey { case degree, births, deaths }

    /// A summand from its corners; the lists are reduced to a minimal
    /// (births) and a maximal (deaths) antichain and sorted.
    ///
    /// ```swift
    /// let s = Summand(degree: 0, births: [[0, 1], [1, 0]], deaths: [[.infinity, .infinity]])
    /// ```
    public init(degree: Int, births: [[Double]] = [], deaths: [[Double]] = []) {
        self.degree = degree
        self.births = []
        self.deaths = []
        for b in births { addBirth(b) }
        for d in deaths { addDeath(d) }
    }

    /// Whether no bar ever reached this summand (no birth corner).
    public var isEmpty: Bool { births.isEmpty }

    /// Adds a birth corner, keeping the minimal antichain (multipers'
    /// `Multi_critical_filtration::add_generator`).
    /// With `source`, the corner's sources are kept beside it (a summand
    /// takes sources for every corner or for none).
    mutating func addBirth(_ x: [Double], source: [Int]? = nil) {
        for e in births where Self.lessOrEqual(e, x) { return }
        guard let source else {
            births.removeAll { Self.lessOrEqual(x, $0) }
            let at = births.firstIndex { Self.lexicographicallyLess(x, $0) } ?? births.count
            births.insert(x, at: at)
            return
        }
        var kept = 0
        for i in births.indices where !Self.lessOrEqual(x, births[i]) {
            births[kept] = births[i]; birthSources[kept] = birthSources[i]; kept += 1
        }
        births.removeLast(births.count - kept); birthSources.removeLast(birthSources.count - kept)
        let at = births.firstIndex { Self.lexicographicallyLess(x, $0) } ?? births.count
        births.insert(x, at: at); birthSources.insert(source, at: at)
    }

    /// Adds a death corner, keeping the maximal antichain (and its sources, as `addBirth`).
    mutating func addDeath(_ x: [Double], source: [Int]? = nil) {
        for e in deaths where Self.lessOrEqual(x, e) { return }
        guard let source else {
            deaths.removeAll { Self.lessOrEqual($0, x) }
            let at = deaths.firstIndex { Self.lexicographicallyLess(x, $0) } ?? deaths.count
            deaths.insert(x, at: at)
            return
        }
        var kept = 0
        for i in deaths.indices where !Self.lessOrEqual(deaths[i], x) {
            deaths[kept] = deaths[i]; deathSources[kept] = deathSources[i]; kept += 1
        }
        deaths.removeLast(deaths.count - kept); deathSources.removeLast(deathSources.count - kept)
        let at = deaths.firstIndex { Self.lexicographicallyLess(x, $0) } ?? deaths.count
        deaths.insert(x, at: at); deathSources.insert(source, at: at)
    }

    /// Whether corner sources are recorded.
    var hasSources: Bool { !birthSources.isEmpty || !deathSources.isEmpty }

    /// `a <= b` coordinatewise. Corners of different lengths (a file's
    /// ragged corner) are incomparable, so each is kept and the module's
    /// width check refuses it; they are never indexed past their end.
    @inline(__always)
    static func lessOrEqual(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count else { return false }
        for p in 0..<a.count where !(a[p] <= b[p]) { return false }
        return true
    }

    /// Lexicographic order; a shorter corner first when the lengths differ.
    @inline(__always)
    static func lexicographicallyLess(_ a: [Double], _ b: [Double]) -> Bool {
        guard a.count == b.count else { return a.count < b.count }
        for p in 0..<a.count where a[p] != b[p] { return a[p] < b[p] }
        return false
    }

    /// Merges corners closer than 0.99 `precision` in the sup norm
    /// (coordinatewise min for births, max for deaths), greedily in
    /// lexicographic order as multipers' `complete_birth` / `complete_death`
    /// do (including their skip after a merge and their NaN rule: a
    /// coordinate pair of equal infinities makes the distance undefined, so
    /// such corners merge only through later coordinates never).
    /// Sources follow the coordinate they belong to.
    mutating func mergeClose(precision: Double) {
        let tracked = hasSources
        let (mb, sb) = Self.merged(births, sources: birthSources, precision: precision, min: true)
        births = []; birthSources = []
        for (k, x) in mb.enumerated() { addBirth(x, source: tracked ? sb[k] : nil) }
        let (md, sd) = Self.merged(deaths, sources: deathSources, precision: precision, min: false)
        deaths = []; deathSources = []
        for (k, x) in md.enumerated() { addDeath(x, source: tracked ? sd[k] : nil) }
    }

    /// `corners` merged, and `sources` (empty, or shaped like `corners`) with them.
    static func merged(_ corners: [[Double]], sources: [[Int]], precision: Double, min: Bool) -> ([[Double]], [[Int]]) {
        guard corners.count > 1 else { return (corners, sources) }
        let tracked = !sources.isEmpty
        var c: [[Double]?] = corners
        var s = sources
        let n = corners.count
        var i = 0
        while i < n {
            var j = i + 1
            while j < n {
                if let a = c[i], let b = c[j], supDistance(a, b) < 0.99 * precision {
                    var m = a
                    // std::min / std::max: (b < a) ? b : a and (a < b) ? b : a.
                    for p in 0..<m.count {
                        let takeB = min ? b[p] < m[p] : m[p] < b[p]
                        if takeB { m[p] = b[p]; if tracked { s[i][p] = s[j][p] } }
                    }
                    c[i] = m
                    c[j] = nil
                    i += 1
                }
                j += 1
            }
            i += 1
        }
        let kept = c.indices.filter { c[$0] != nil }
        return (kept.compactMap { c[$0] }, tracked ? kept.map { s[$0] } : [])
    }

    /// max_p |a_p - b_p| with C++'s `std::max` on NaN (a NaN first term sticks, later NaNs are skipped).
    static func supDistance(_ a: [Double], _ b: [Double]) -> Double {
        var d = abs(a[0] - b[0])
        for p in 1..<a.count {
            let x = abs(a[p] - b[p])
            if d < x { d = x }
        }
        return d
    }

    /// Whether `x` lies in the summand's support.
    ///
    /// ```swift
    /// s.contains([2, 2])
    /// ```
    public func contains(_ x: [Double]) -> Bool {
        births.contains { Self.lessOrEqual($0, x) } && deaths.contains { Self.lessOrEqual(x, $0) }
    }

    /// The summand's bar on `line`: [min over births of the first time the
    /// line is above the corner, max over deaths of the last time it is
    /// below], or `nil` when empty there.
    ///
    /// ```swift
    /// if let (b, d) = s.barcode(along: line) { print(b, d) }
    /// ```
    public func barcode(along line: ParameterLine) -> (birth: Double, death: Double)? {
        var b = Double.infinity, d = -Double.infinity
        for x in births { b = Swift.min(b, line.entry(x)) }
        for x in deaths { d = Swift.max(d, line.exit(x)) }
        return b <= d ? (b, d) : nil
    }

    /// The sup-norm distance from `x` to the support: max(distance to the
    /// upset of the births, distance to the downset of the deaths), each
    /// clamped at 0 (multipers' `distance_to`).
    ///
    /// ```swift
    /// s.distance(to: [0, 0])
    /// ```
    public func distance(to x: [Double]) -> Double {
        var below = Double.infinity
        for b in births {
            var t = 0.0
            for p in 0..<x.count { t = Swift.max(t, b[p] - x[p]) }
            below = Swift.min(below, t)
        }
        var above = Double.infinity
        for d in deaths {
            var t = 0.0
            for p in 0..<x.count { t = Swift.max(t, x[p] - d[p]) }
            above = Swift.min(above, t)
        }
        return Swift.max(below, above)
    }

    /// The interleaving-style weight in the box [lower, upper]: the largest
    /// diagonal of a rectangle [b, d] inside the summand and the box,
    /// max over b, d of max(0, min_p(min(d_p, U_p) - max(b_p, L_p))).
    ///
    /// ```swift
    /// s.weight(lower: [0, 0], upper: [4, 4])   // 2 for births (1,1), deaths (3,3)
    /// ```
    public func weight(lower: [Double], upper: [Double]) -> Double {
        var w = 0.0
        for b in births {
            for d in deaths {
                var s = Double.infinity
                for p in 0..<lower.count {
                    s = Swift.min(s, Swift.min(d[p], upper[p]) - Swift.max(b[p], lower[p]))
                }
                w = Swift.max(w, s)
            }
        }
        return w
    }

    /// The summand's landscape value at `x`: the largest r with a cube of
    /// radius r around x inside the support,
    /// max over b, d of max(0, min(min_p(x_p - b_p), min_p(d_p - x_p))).
    ///
    /// ```swift
    /// s.landscape(at: [2, 2])   // 1 for births (1,1), deaths (3,3)
    /// ```
    public func landscape(at x: [Double]) -> Double {
        var out = 0.0
        for b in births {
            for d in deaths {
                var s = Double.infinity
                for p in 0..<x.count { s = Swift.min(s, Swift.min(x[p] - b[p], d[p] - x[p])) }
                out = Swift.max(out, s)
            }
        }
        return out
    }
}

/// A line x(t) = basepoint + t direction in parameter space, with a
/// direction of non-negative entries (all ones by default: the diagonal).
///
/// ```swift
/// let line = ParameterLine(basepoint: [0, 0.5])
/// line.point(at: 1)      // [1, 1.5]
/// line.entry([2, 1])     // 2: the first t with x(t) >= (2, 1)
/// ```
public struct ParameterLine: Sendable, Equatable, Codable {
    /// A point of the line.
    public var basepoint: [Double]
    /// The direction (`nil`: all ones).
    public var direction: [Double]?

    /// A line through `basepoint`.
    public init(basepoint: [Double], direction: [Double]? = nil) {
        self.basepoint = basepoint
        self.direction = direction
    }

    /// The point at parameter `t`.
    public func point(at t: Double) -> [Double] {
        (0..<basepoint.count).map { basepoint[$0] + t * (direction?[$0] ?? 1) }
    }

    /// The first t with x(t) >= g: max_p (g_p - b_p)/d_p (+infinity if a
    /// zero-direction coordinate is above the basepoint).
    public func entry(_ g: [Double]) -> Double {
        var t = -Double.infinity
        if let direction {
            for p in 0..<g.count {
                if direction[p] == 0 { if g[p] > basepoint[p] { return .infinity } }
                else { t = Swift.max(t, (g[p] - basepoint[p]) / direction[p]) }
            }
        } else {
            for p in 0..<g.count { t = Swift.max(t, g[p] - basepoint[p]) }
        }
        return t
    }

    /// The last t with x(t) <= g: min_p (g_p - b_p)/d_p.
    public func exit(_ g: [Double]) -> Double {
        var t = Double.infinity
        if let direction {
            for p in 0..<g.count {
                if direction[p] == 0 { if g[p] <= basepoint[p] { return -.infinity } }
                else { t = Swift.min(t, (g[p] - basepoint[p]) / direction[p]) }
            }
        } else {
            for p in 0..<g.count { t = Swift.min(t, g[p] - basepoint[p]) }
        }
        return t
    }
}
