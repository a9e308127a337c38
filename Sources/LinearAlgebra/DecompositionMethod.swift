/// Which route a decomposition or matrix function takes.
///
/// ```swift
/// let a = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 1, 2])
/// let viaClosedForm = try a.exponential(method: .closedForm)
/// let viaLAPACK = try a.exponential(method: .lapack)       // equal to rounding
/// ```
public enum DecompositionMethod: Sendable, Hashable {
    /// The closed form for 2 x 2 matrices, LAPACKE otherwise.
    case automatic
    /// The 2 x 2 closed form (`Matrix2`); throws `closedFormNeeds2x2` for other sizes.
    case closedForm
    /// LAPACKE (and OpenBLAS products) at every size.
    case lapack

    /// Whether a rows x columns matrix takes the closed form; throws when the closed form is asked of another size.
    func usesClosedForm(rows: Int, columns: Int) throws -> Bool {
        switch self {
        case .automatic: return rows == 2 && columns == 2
        case .lapack: return false
        case .closedForm:
            guard rows == 2, columns == 2 else { throw LinearAlgebraError.closedFormNeeds2x2(rows: rows, columns: columns) }
            return true
        }
    }
}
