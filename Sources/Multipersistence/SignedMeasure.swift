/// A signed measure on R^n: finitely many points with non-zero integer
/// weights — the output of the Hilbert, Euler and rank decompositions
/// (Botnan, Oppermann, Oudot, Scoccola, "Signed barcodes for multi-parameter
/// persistence via rank decompositions and rank-exact resolutions", 2022).
///
/// For the rank invariant each atom is a rectangle [b, d) stored as the 2n
/// coordinates b1..bn, d1..dn (deaths exclusive, +infinity for never).
///
/// ```swift
/// let mu = try SignedMeasure(parameterCount: 2, points: [0, 1, 1, 0, 1, 1], weights: [1, 1, -1])
/// mu.totalMass     // 1
/// mu.csv           // "0.0,1.0,1\n1.0,0.0,1\n1.0,1.0,-1\n"
/// ```
public struct SignedMeasure: Sendable, Equatable, Codable {
    /// The number of parameters n.
    public let parameterCount: Int
    /// Whether the atoms are rectangles (rank invariant): 2n coordinates each.
    public let isRectangular: Bool
    /// Atom coordinates, flat: n (or 2n) per atom.
    public private(set) var points: [Double]
    /// The weight of each atom.
    public private(set) var weights: [Int]

    /// A measure from its atoms; equal atoms are merged and zero weights dropped, rows sorted.
    ///
    /// - Throws: `MultipersistenceError.invalidParameter` when the coordinates
    ///   do not come in groups of n (or 2n) per weight, or one is NaN.
    public init(parameterCount: Int, rectangles: Bool = false, points: [Double], weights: [Int]) throws {
        // Overflow-checked: a decoded parameterCount is user data.
        let (width, wide) = rectangles ? parameterCount.multipliedReportingOverflow(by: 2) : (parameterCount, false)
        let (needed, many) = width.multipliedReportingOverflow(by: weights.count)
        guard parameterCount >= 1, !wide, !many, points.count == needed else {
            throw MultipersistenceError.invalidParameter(name: "signed measure", reason: "\(points.count) coordinates for \(weights.count) atoms of \(width)")
        }
        guard !points.contains(where: \.isNaN) else {
            throw MultipersistenceError.invalidParameter(name: "signed measure", reason: "a coordinate is NaN")
        }
        self.parameterCount = parameterCount
        self.isRectangular = rectangles
        self.points = points
        self.weights = weights
        normalize()
    }

    private enum CodingKeys: String, CodingKey { case parameterCount, isRectangular, points, weights }

    /// Decodes and checks a measure as `init(parameterCount:rectangles:points:weights:)`
    /// does (a decoded measure whose coordinates and weights disagree is an
    /// error, not an index out of range in a later use).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(parameterCount: c.decode(Int.self, forKey: .parameterCount),
                      rectangles: c.decodeIfPresent(Bool.self, forKey: .isRectangular) ?? false,
                      points: c.decode([Double].self, forKey: .points), weights: c.decode([Int].self, forKey: .weights))
    }

    /// The number of coordinates per atom.
    public var width: Int { isRectangular ? 2 * parameterCount : parameterCount }

    /// The number of atoms.
    public var count: Int { weights.count }

    /// The coordinates of atom `i`.
    public subscript(i: Int) -> ArraySlice<Double> { points[i * width..<(i + 1) * width] }

    /// The sum of the weights.
    public var totalMass: Int { weights.reduce(0, +) }

    /// The positive part's total weight and the negative part's (as a positive number).
    public var positiveMass: Int { weights.filter { $0 > 0 }.reduce(0, +) }
    public var negativeMass: Int { -weights.filter { $0 < 0 }.reduce(0, +) }

    /// Sorts the atoms lexicographically, merges equal ones, drops zeros.
    mutating func normalize() {
        let w = width
        let order = (0..<weights.count).sorted { a, b in
            for k in 0..<w where points[a * w + k] != points[b * w + k] { return points[a * w + k] < points[b * w + k] }
            return false
        }
        var p: [Double] = [], ws: [Int] = []
        p.reserveCapacity(points.count); ws.reserveCapacity(weights.count)
        for i in order {
            let row = points[i * w..<(i + 1) * w]
            if let last = ws.indices.last, p[last * w..<(last + 1) * w].elementsEqual(row) {
                ws[last] += weights[i]
            } else {
                p.append(contentsOf: row); ws.append(weights[i])
            }
        }
        var keptP: [Double] = [], keptW: [Int] = []
        for i in ws.indices where ws[i] != 0 {
            keptP.append(contentsOf: p[i * w..<(i + 1) * w]); keptW.append(ws[i])
        }
        points = keptP
        weights = keptW
    }

    /// The measure's value on the box below `x` (all atoms u <= x): for a
    /// Hilbert measure, the Hilbert function at x; not defined for rectangles.
    ///
    /// ```swift
    /// mu.mass(below: [1, 1])  // 1
    /// ```
    public func mass(below x: [Double]) -> Int {
        var total = 0
        for i in 0..<count where (0..<parameterCount).allSatisfy({ points[i * width + $0] <= x[$0] }) { total += weights[i] }
        return total
    }

    /// For a rank measure: the rank of x <= y, the sum of the weights of
    /// rectangles [b, d) with b <= x and y < d.
    public func rank(_ x: [Double], _ y: [Double]) -> Int {
        var total = 0
        let n = parameterCount
        for i in 0..<count {
            let r = points[i * width..<(i + 1) * width]
            var ok = true
            for k in 0..<n where !(r[r.startIndex + k] <= x[k] && y[k] < r[r.startIndex + n + k]) { ok = false; break }
            if ok { total += weights[i] }
        }
        return total
    }
}
