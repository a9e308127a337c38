extension ModuleApproximation {
    /// dL/d(filtration values) from dL/d(corner coordinates): one
    /// vector-Jacobian product through the corners' sources.
    ///
    /// A finite corner coordinate q read on a line b + t d from a cell's
    /// value g_e in parameter p (t = (g_e - b_p) / d_p) is b_q + t d_q, so
    /// its derivative with respect to g_e is d_q / d_p (1 on the diagonal).
    /// Infinite coordinates get no gradient. Lines, box and precision are
    /// constants: give the box explicitly when the filtration values move, so
    /// that it does not follow them. Where a value is tied between cells or
    /// parameters, the first in the complex's order (then the first
    /// parameter) is the source; the derivative is that of the order that is
    /// locally constant around the values.
    ///
    /// ```swift
    /// var options = ModuleApproximationOptions(precision: 0.1)
    /// options.box = (lower: [0, 0], upper: [2, 2])
    /// options.recordsSources = true
    /// let module = try ModuleApproximation(complex, options: options)
    /// // L = sum of all finite birth coordinates:
    /// let births = module.summands.map { $0.births.map { $0.map { $0.isFinite ? 1.0 : 0 } } }
    /// let deaths = module.summands.map { $0.deaths.map { $0.map { _ in 0.0 } } }
    /// let dL = try module.pullback(births: births, deaths: deaths, gradeCount: complex.grades.count)
    /// ```
    /// - Parameters:
    ///   - births: per summand, per birth corner, per coordinate, dL/d(coordinate).
    ///   - deaths: the same for death corners.
    ///   - gradeCount: the complex's `grades.count`; the result has this many entries.
    /// - Throws: `MultipersistenceError.invalidParameter` when the module was
    ///   computed without `recordsSources` or the cotangents are not shaped
    ///   like the corners.
    public func pullback(births: [[[Double]]], deaths: [[[Double]]], gradeCount: Int) throws -> [Double] {
        guard gradeCount >= 0 else {
            throw MultipersistenceError.invalidParameter(name: "gradeCount", reason: "must be non-negative, got \(gradeCount)")
        }
        guard births.count == summands.count, deaths.count == summands.count else {
            throw MultipersistenceError.invalidParameter(name: "cotangent",
                reason: "\(births.count) and \(deaths.count) summands given, the module has \(summands.count)")
        }
        let n = parameterCount
        let d = direction ?? [Double](repeating: 1, count: n)
        var gradient = [Double](repeating: 0, count: gradeCount)
        func add(_ cotangent: [[Double]], _ corners: [[Double]], _ sources: [[Int]], summand: Int, kind: String) throws {
            guard cotangent.count == corners.count else {
                throw MultipersistenceError.invalidParameter(name: "cotangent",
                    reason: "summand \(summand) has \(corners.count) \(kind) corners, \(cotangent.count) given")
            }
            guard corners.isEmpty || sources.count == corners.count else {
                throw MultipersistenceError.invalidParameter(name: "module",
                    reason: "computed without corner sources; set ModuleApproximationOptions.recordsSources")
            }
            for (k, row) in cotangent.enumerated() {
                guard row.count == n else {
                    throw MultipersistenceError.invalidParameter(name: "cotangent",
                        reason: "summand \(summand), \(kind) corner \(k): \(row.count) coordinates, expected \(n)")
                }
                for q in 0..<n where row[q] != 0 {
                    let e = sources[k][q]
                    guard e >= 0 else { continue }
                    guard e < gradeCount else {
                        throw MultipersistenceError.invalidParameter(name: "gradeCount",
                            reason: "\(gradeCount) is smaller than the complex this module came from")
                    }
                    gradient[e] += row[q] * d[q] / d[e % n]
                }
            }
        }
        for (j, s) in summands.enumerated() {
            try add(births[j], s.births, s.birthSources, summand: j, kind: "birth")
            try add(deaths[j], s.deaths, s.deathSources, summand: j, kind: "death")
        }
        return gradient
    }
}
