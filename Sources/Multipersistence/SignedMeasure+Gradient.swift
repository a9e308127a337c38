import Complexes

/// Where each coordinate of a signed measure's atoms comes from, and the
/// vector-Jacobian product that carries d(loss)/d(atom coordinates) back to
/// d(loss)/d(filtration values) of the complex (Scoccola, Setti, Loiseaux,
/// Carrière, Oudot, "Differentiability and optimization of multiparameter
/// persistent homology", ICML 2024).
///
/// On the exact grid (and on grids that pick existing values, such as
/// quantile grids), every finite atom coordinate x[a][p] is the p-th value of
/// some simplex's grade, and the invariant is locally constant in the order
/// of the values: moving that value moves the coordinate by the same amount.
/// So d x[a][p] / d(grade value) is 1 for one chosen grade entry and 0
/// elsewhere, and the pullback sums the cotangents of the coordinates that
/// chose each entry.
///
/// Ties: among the grade entries whose p-th value equals the coordinate, the
/// FIRST in the complex's order is chosen (cells by index, then a k-critical
/// cell's grades in order), so the answer is deterministic. multipers'
/// differentiable grids (`torch.unique` plus `searchsorted` on the sorted
/// values) keep the first of a tied run in SORTED order, which is the first
/// in simplex-tree order only under a stable sort; `torch.sort` is not
/// stable, so on exact ties multipers' choice is its sort's. For a
/// function-Rips complex from `Bifiltration.functionRips` (vertices by
/// index, then edges lexicographically, then higher simplices) our rule
/// picks the lowest-index vertex for a function value and the
/// lexicographically first edge for a length. Infinite coordinates (deaths of
/// rank rectangles, `MassDefault.infinity`), coordinates that are no
/// simplex's value (a regular grid's interior values, `MassDefault.auto`
/// atoms) and the integer weights get no gradient.
///
/// ```swift
/// let complex = try Bifiltration.functionRips(points: cloud, functions: [codensity])
/// let h1 = try SignedMeasure.hilbert(complex, degrees: [1])[0]
/// let gradient = try SignedMeasureGradient(h1, complex: complex)
/// let (loss, dAtoms) = SignedL1Loss().evaluate(h1)
/// let dGrades = try gradient.pullback(dAtoms)   // one number per entry of complex.grades
/// ```
/// - Complexity: O(grades x parameters) hash look-ups (stopping once every
///   atom coordinate is found), O(atoms x width) memory and per pullback.
public struct SignedMeasureGradient: Sendable, Equatable {
    /// The number of parameters n.
    public let parameterCount: Int
    /// Coordinates per atom: n, or 2n for rank rectangles.
    public let width: Int
    /// The number of entries of the complex's `grades` (the pullback's length).
    public let gradeEntryCount: Int
    /// For each atom coordinate (atom-major, `width` per atom) the index in
    /// the complex's `grades` of the value it is, or -1 for no gradient.
    public let sources: [Int]
    /// For each atom coordinate, the cell whose grade holds its source, or -1.
    public let sourceCells: [Int]

    /// The provenance of every atom coordinate of `measure`, computed on the
    /// complex whose values the coordinates are.
    ///
    /// ```swift
    /// let g = try SignedMeasureGradient(h1, complex: complex)
    /// g.sourceCells[0]  // the cell whose value is atom 0's first coordinate
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` when the measure
    ///   and the complex have different numbers of parameters.
    public init(_ measure: SignedMeasure, complex: FilteredComplex) throws {
        let n = complex.parameterCount
        guard measure.parameterCount == n else {
            throw MultipersistenceError.invalidParameter(
                name: "signed measure", reason: "\(measure.parameterCount) parameters, the complex has \(n)")
        }
        let width = measure.width
        // The first (cell, grade entry) of each coordinate value, per
        // parameter, in complex order; only the values the atoms take are kept.
        var first = [[Double: (cell: Int, entry: Int)]](repeating: [:], count: n)
        var missing = 0
        for (k, x) in measure.points.enumerated() where x.isFinite {
            let p = (k % width) % n
            if first[p][x] == nil { first[p][x] = (-1, -1); missing += 1 }
        }
        scan: for cell in 0..<complex.count {
            for g in complex.gradeRange(of: cell) {
                for p in 0..<n {
                    let v = complex.grades[g * n + p]
                    if let found = first[p][v], found.cell < 0 {
                        first[p][v] = (cell, g * n + p)
                        missing -= 1
                        if missing == 0 { break scan }
                    }
                }
            }
        }
        var sources = [Int](repeating: -1, count: measure.points.count)
        var cells = [Int](repeating: -1, count: measure.points.count)
        for (k, x) in measure.points.enumerated() where x.isFinite {
            if let s = first[(k % width) % n][x], s.cell >= 0 {
                sources[k] = s.entry
                cells[k] = s.cell
            }
        }
        self.parameterCount = n
        self.width = width
        self.gradeEntryCount = complex.grades.count
        self.sources = sources
        self.sourceCells = cells
    }

    /// The vector-Jacobian product: d(loss)/d(grade entries) from
    /// d(loss)/d(atom coordinates), laid out as the complex's `grades`.
    ///
    /// ```swift
    /// let dGrades = try gradient.pullback(dAtoms)
    /// dGrades[3 * 2 + 1]  // d(loss)/d(second value of cell 3), a 1-critical bifiltration
    /// ```
    /// - Throws: `MultipersistenceError.invalidParameter` for a cotangent of
    ///   the wrong length or with a NaN.
    public func pullback(_ cotangent: [Double]) throws -> [Double] {
        guard cotangent.count == sources.count else {
            throw MultipersistenceError.invalidParameter(
                name: "cotangent", reason: "\(cotangent.count) values for \(sources.count) atom coordinates")
        }
        guard !cotangent.contains(where: \.isNaN) else {
            throw MultipersistenceError.invalidParameter(name: "cotangent", reason: "a value is NaN")
        }
        var out = [Double](repeating: 0, count: gradeEntryCount)
        for (k, s) in sources.enumerated() where s >= 0 { out[s] += cotangent[k] }
        return out
    }
}

/// The signed L1 loss of a signed measure and its gradient with respect to
/// the atom coordinates: the loss of the point-cloud example of Scoccola et
/// al. (ICML 2024), which pushes positive atoms towards the origin and
/// negative ones away from it.
///
/// `.weights` (the `tda signed-measure --loss signed-l1` loss):
/// L = (sum over atoms of w_i |x_i|_1) / (sum of |w_i|);
/// `.atoms` (the paper's example as written):
/// L = (sum over w_i > 0 of |x_i|_1 - sum over w_i < 0 of |x_i|_1) / (number of atoms).
/// Both equal when every weight is +-1. Only finite coordinates count; the
/// derivative of |x| at 0 is taken as 0 (as torch's `abs`).
///
/// ```swift
/// let (loss, dAtoms) = SignedL1Loss(normalization: .weights).evaluate(h1)
/// ```
public struct SignedL1Loss: Sendable, Equatable {
    /// How the sum is weighted and normalised.
    public enum Normalization: Sendable, Equatable {
        /// Weighted by w_i, divided by the sum of |w_i|.
        case weights
        /// Weighted by the sign of w_i, divided by the number of atoms.
        case atoms
    }

    /// The normalisation (`.weights` by default).
    public var normalization: Normalization

    /// A loss with this normalisation.
    ///
    /// ```swift
    /// let paper = SignedL1Loss(normalization: .atoms)
    /// ```
    public init(normalization: Normalization = .weights) {
        self.normalization = normalization
    }

    /// The loss of `measure` and its gradient (one number per atom
    /// coordinate, atom-major as `measure.points`); 0 and zeros for an empty measure.
    ///
    /// ```swift
    /// let mu = try SignedMeasure(parameterCount: 2, points: [1, 2, 3, -1], weights: [2, -1])
    /// SignedL1Loss().evaluate(mu).value  // (2 * 3 - 4) / 3
    /// ```
    public func evaluate(_ measure: SignedMeasure) -> (value: Double, gradient: [Double]) {
        let w = measure.width
        var gradient = [Double](repeating: 0, count: measure.points.count)
        guard measure.count > 0 else { return (0, gradient) }
        var denominator = 0.0
        switch normalization {
        case .weights: for x in measure.weights { denominator += Double(x.magnitude) }
        case .atoms: denominator = Double(measure.count)
        }
        var total = 0.0
        for a in 0..<measure.count {
            let wa = measure.weights[a]
            let factor = normalization == .weights ? Double(wa) : (wa > 0 ? 1.0 : -1.0)
            for k in a * w..<(a + 1) * w {
                let x = measure.points[k]
                guard x.isFinite else { continue }
                total += factor * x.magnitude
                gradient[k] = x > 0 ? factor / denominator : (x < 0 ? -factor / denominator : 0)
            }
        }
        return (total / denominator, gradient)
    }
}
