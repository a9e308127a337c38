/// Errors of the spectral bases: bad parameters or inputs, and sizes beyond
/// what the dense solver takes.
public enum SpectralBasesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A parameter outside its range, named as the caller typed it.
    case invalidParameter(name: String, reason: String)
    /// More points than the dense eigensolver takes.
    case tooLarge(String)
    /// The linear algebra underneath failed.
    case solver(String)

    public var description: String {
        switch self {
        case .invalidParameter(let name, let reason): return "\(name): \(reason)"
        case .tooLarge(let s): return s
        case .solver(let s): return "eigensolver: \(s)"
        }
    }
}
