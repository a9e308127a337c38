import Complexes

extension SignedMeasure {
    /// The signed measure of the Euler characteristic x -> chi(K_x) on a
    /// grid: (-1)^dim at each cell's squeezed grade (for a k-critical cell,
    /// the inclusion-exclusion over the joins of its grades), equal points
    /// merged, zeros dropped. Equal to multipers' `invariant="euler"`.
    /// The identity mu_chi = sum_d (-1)^d mu_{H_d} holds on any grid.
    ///
    /// ```swift
    /// let chi = try SignedMeasure.euler(complex, grid: .exact)
    /// chi.totalMass  // the Euler characteristic of the whole complex
    /// ```
    /// - Complexity: O(cells x 2^k) for k grades per cell.
    public static func euler(_ complex: FilteredComplex, grid strategy: Grid.Strategy = .exact,
                             massDefault: MassDefault = .none) throws -> SignedMeasure {
        let grid = try Grid(for: complex, strategy: strategy)
        return try euler(SqueezedComplex(complex, grid: grid), massDefault: massDefault)
    }

    /// The Euler signed measure of a complex already squeezed onto its grid.
    public static func euler(_ squeezed: SqueezedComplex, massDefault: MassDefault = .none) throws -> SignedMeasure {
        let n = squeezed.parameterCount, complex = squeezed.complex, gi = squeezed.gradeIndices
        var measure = IndexMeasure(width: n)
        var join = [Int32](repeating: 0, count: n)
        for c in 0..<complex.count {
            let sign = complex.dimensions[c] & 1 == 0 ? 1 : -1
            let grades = complex.gradeRange(of: c).filter { g in !(0..<n).contains { gi[g * n + $0] == Int32.max } }
            guard !grades.isEmpty else { continue }
            guard grades.count <= 20 else {
                throw MultipersistenceError.overBudget("cell \(c) has \(grades.count) grades (at most 20 for the Euler measure)")
            }
            for mask in 1..<(1 << grades.count) {
                for k in 0..<n { join[k] = Int32.min }
                var bits = 0
                for (b, g) in grades.enumerated() where mask & (1 << b) != 0 {
                    bits += 1
                    for k in 0..<n { join[k] = Swift.max(join[k], gi[g * n + k]) }
                }
                measure.append(join, bits & 1 == 1 ? sign : -sign)
            }
        }
        let mass = try massDefault.point(for: squeezed.grid)
        return try (mass == nil ? measure : measure.restricted(toBelow: squeezed.grid.shape))
            .values(grid: squeezed.grid, mass: mass)
    }
}
