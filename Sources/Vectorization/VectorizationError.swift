/// Errors raised by vectorizers, pipelines and batch helpers.
///
/// ```swift
/// do { _ = try Landscape().transform([Bar(birth: 0, death: 1)]) }
/// catch { print(error) }  // Landscape is not fitted: call fit(_:) first or give an explicit range
/// ```
public enum VectorizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `transform` was called before `fit` and a parameter is still unknown.
    case notFitted(String)
    /// A parameter is outside its valid range.
    case invalidParameter(name: String, reason: String)
    /// `fit` found nothing to learn from.
    case emptyFit(String)
    /// `fit` of a signed-measure vectorizer found no atoms to learn from.
    case emptyMeasureFit(String)
    /// `fit` of a module vectorizer found no module (or no finite corner) to learn a box from.
    case emptyModuleFit(String)
    /// A pipeline or batch specification could not be understood.
    case invalidSpecification(String)
    /// A result file could not be written.
    case ioFailure(String)

    public var description: String {
        switch self {
        case .notFitted(let what): return "\(what) is not fitted: call fit(_:) first or give an explicit range"
        case let .invalidParameter(name, reason): return "invalid \(name): \(reason)"
        case .emptyFit(let what): return "cannot fit \(what): the training diagrams have no finite points"
        case .emptyMeasureFit(let what): return "cannot fit \(what): the training signed measures have no atoms with finite coordinates"
        case .emptyModuleFit(let what): return "cannot fit \(what): nothing to learn a box from; give an explicit box"
        case .invalidSpecification(let s): return "invalid pipeline: \(s)"
        case .ioFailure(let s): return s
        }
    }
}
