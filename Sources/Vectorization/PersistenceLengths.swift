import Persistence

/// The `numLengths` longest bar lengths d - b of a diagram, in decreasing
/// order and padded with zeros, as gudhi.representations'
/// `PersistenceLengths`.
///
/// Points below the diagonal give negative lengths and are kept, as GUDHI
/// keeps them: with fewer bars than `numLengths` they sort before the
/// zero padding.
///
/// ```swift
/// let v = PersistenceLengths(numLengths: 3)
/// try v.transform([Bar(birth: 0, death: 1), Bar(birth: 0.5, death: 2)])  // [1.5, 1, 0]
/// ```
///
/// - Complexity: O(n log n) per diagram.
public struct PersistenceLengths: Vectorizer {
    /// The number of lengths kept (GUDHI's `num_lengths`, at least 1).
    public var numLengths: Int

    /// Creates the vectorizer (GUDHI's default: 5 lengths).
    ///
    /// ```swift
    /// let v = PersistenceLengths(numLengths: 10)
    /// ```
    public init(numLengths: Int = 5) {
        self.numLengths = numLengths
    }

    /// The largest `numLengths` accepted (a row of 80 MB).
    public static let maximumLengths = 10_000_000

    /// Nothing to learn (GUDHI's `fit` does nothing either).
    public mutating func fit(_ diagrams: [[Bar]]) throws {}

    public func transform(_ diagram: [Bar]) throws -> [Double] {
        guard numLengths >= 1, numLengths <= Self.maximumLengths else {
            throw VectorizationError.invalidParameter(name: "number of lengths", reason: "\(numLengths) must be between 1 and \(Self.maximumLengths)")
        }
        let lengths = diagram.map { $0.death - $0.birth }.sorted(by: >)
        var out = [Double](repeating: 0, count: numLengths)
        for k in 0..<Swift.min(numLengths, lengths.count) { out[k] = lengths[k] }
        return out
    }
}
