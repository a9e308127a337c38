import PointClouds
import Foundation

/// The sliced Wasserstein distance between two persistence diagrams, as
/// gudhi.representations computes it (`SlicedWassersteinDistance`).
///
/// GUDHI's conventions, quirk included: the directions are
/// `linspace(-pi/2, pi/2, num_directions, endpoint=False)` with the last one
/// dropped, so `directions - 1` lines are used. On each line the points of A
/// with the diagonal projections of B's points are sorted and compared, in
/// L1, with the points of B and the projections of A's points; the result is
/// the mean over the lines. Essential bars are ignored (GUDHI's formula has
/// no meaning for them).
///
/// ```swift
/// let a = [Bar(birth: 0, death: 1)], b = [Bar(birth: 0, death: 2)]
/// slicedWassersteinDistance(a, b, directions: 10)
/// ```
///
/// - Complexity: O(k (n + m) log(n + m)) for k directions.
///   Reference: M. Carrière, M. Cuturi, S. Oudot, "Sliced Wasserstein kernel
///   for persistence diagrams", ICML 2017.
public func slicedWassersteinDistance(_ a: [Bar], _ b: [Bar], directions: Int = 10) throws -> Double {
    try SlicedWassersteinProjections.checkSize(directions: directions, points: a.count + b.count)
    let projA = SlicedWassersteinProjections(a, directions: directions)
    let projB = SlicedWassersteinProjections(b, directions: directions)
    return try projA.distance(to: projB)
}

/// A diagram's projections on GUDHI's sliced-Wasserstein lines, computed
/// once and reused for many distances (what the kernel does).
///
/// ```swift
/// let p = SlicedWassersteinProjections(diagram, directions: 10)
/// let q = SlicedWassersteinProjections(other, directions: 10)
/// let d = try p.distance(to: q)
/// ```
public struct SlicedWassersteinProjections: Sendable, Hashable {
    /// The number of GUDHI directions asked for (`directions - 1` are used).
    public let directions: Int
    /// Point projections, line-major: `points[k * count + i]`.
    public let points: [Double]
    /// Diagonal-projection projections, same layout.
    public let diagonal: [Double]
    /// The number of finite points.
    public let count: Int

    /// Checks, before anything is allocated, that `directions` lines over
    /// `points` points (two projections each) fit in the memory budget.
    ///
    /// ```swift
    /// try SlicedWassersteinProjections.checkSize(directions: 10, points: 200)
    /// ```
    /// - Throws: `MemoryBudgetError` when the size overflows or is over
    ///   `MemoryBudget.defaultLimit`; `PersistenceError.invalidParameter`
    ///   for fewer than 1 direction.
    public static func checkSize(directions: Int, points: Int) throws {
        guard directions >= 1 else {
            throw PersistenceError.invalidParameter(name: "directions", reason: "\(directions) must be at least 1")
        }
        try MemoryBudget.elements([directions, Swift.max(points, 1), 2], bytesEach: 8,
                                  what: "\(directions) sliced-Wasserstein directions over \(points) points",
                                  advice: "use fewer directions")
    }

    /// Projects the finite bars of `diagram`.
    public init(_ diagram: [Bar], directions: Int = 10) {
        self.directions = directions
        let finite = diagram.filter { !$0.isEssential }
        count = finite.count
        let lines = SlicedWassersteinProjections.lines(directions)
        var pts = [Double](repeating: 0, count: lines.count * finite.count)
        var diag = pts
        for (k, (c, s)) in lines.enumerated() {
            for (i, bar) in finite.enumerated() {
                pts[k * count + i] = bar.birth * c + bar.death * s
                let mid = (bar.birth + bar.death) / 2
                diag[k * count + i] = mid * c + mid * s
            }
        }
        points = pts
        diagonal = diag
    }

    /// (cos, sin) of GUDHI's angles.
    static func lines(_ directions: Int) -> [(Double, Double)] {
        guard directions >= 2 else { return [] }
        let step = Double.pi / Double(directions)
        return (0..<(directions - 1)).map { k in
            let theta = Double(k) * step + (-Double.pi / 2)
            return (cos(theta), sin(theta))
        }
    }

    /// The sliced Wasserstein distance to another projected diagram.
    ///
    /// - Throws: `PersistenceError.invalidParameter` if the direction counts
    ///   differ or are below 2.
    public func distance(to other: SlicedWassersteinProjections) throws -> Double {
        guard directions >= 2 else {
            throw PersistenceError.invalidParameter(name: "number of directions", reason: "\(directions) must be at least 2 (GUDHI uses directions - 1 lines)")
        }
        guard directions == other.directions else {
            throw PersistenceError.invalidParameter(name: "number of directions", reason: "\(directions) and \(other.directions) differ")
        }
        let lineCount = directions - 1
        let n = count, m = other.count
        var left = [Double](repeating: 0, count: n + m)
        var right = left
        var total = 0.0
        for k in 0..<lineCount {
            for i in 0..<n { left[i] = points[k * n + i]; right[m + i] = diagonal[k * n + i] }
            for j in 0..<m { right[j] = other.points[k * m + j]; left[n + j] = other.diagonal[k * m + j] }
            left.sort(); right.sort()
            var l1 = 0.0
            for t in 0..<(n + m) { l1 += abs(left[t] - right[t]) }
            total += l1
        }
        return total / Double(lineCount)
    }
}
