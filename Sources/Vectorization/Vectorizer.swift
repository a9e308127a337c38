import Persistence

/// Turns persistence diagrams (the bars of one homology dimension) into
/// fixed-length vectors, scikit-learn style: `fit` learns what the
/// parameters leave open (a sample range, an image window, the training
/// diagrams of a kernel), `transform` maps a diagram to a vector.
///
/// ```swift
/// var landscape = Landscape(numLandscapes: 3, resolution: 50)
/// try landscape.fit(trainingDiagrams)
/// let features: [[Double]] = try landscape.transform(testDiagrams)
/// let floats: [[Float]] = try landscape.transform(testDiagrams, as: Float.self)
/// ```
///
/// Implementations follow gudhi.representations' formulas and defaults
/// (GUDHI 3.13) and drop nothing themselves: select finite points first with
/// `DiagramSelector` (``Pipeline`` does).
public protocol Vectorizer: Sendable {
    /// Learns the open parameters from training diagrams.
    mutating func fit(_ diagrams: [[Bar]]) throws
    /// The vector of one diagram.
    func transform(_ diagram: [Bar]) throws -> [Double]
}

extension Vectorizer {
    /// The vectors of several diagrams, in order, on the calling thread.
    ///
    /// ```swift
    /// let rows = try silhouette.transform([d1, d2])
    /// ```
    public func transform(_ diagrams: [[Bar]]) throws -> [[Double]] {
        try diagrams.map { try transform($0) }
    }

    /// The vectors of several diagrams as `Float` or `Double`.
    ///
    /// ```swift
    /// let rows: [[Float]] = try image.transform(diagrams, as: Float.self)
    /// ```
    public func transform<T: BinaryFloatingPoint>(_ diagrams: [[Bar]], as type: T.Type) throws -> [[T]] {
        try diagrams.map { try transform($0).map { T($0) } }
    }

    /// The vectors of many diagrams on up to `jobs` concurrent tasks
    /// (structured concurrency); the result is in input order and identical
    /// to the sequential one.
    ///
    /// ```swift
    /// let rows = try await landscape.transform(diagrams, jobs: 8)
    /// ```
    public func transform(_ diagrams: [[Bar]], jobs: Int) async throws -> [[Double]] {
        try await ParallelMap.map(diagrams, jobs: jobs) { try self.transform($0) }
    }

    /// `fit` then `transform` on the same diagrams.
    ///
    /// ```swift
    /// let rows = try entropy.fitTransform(diagrams)
    /// ```
    public mutating func fitTransform(_ diagrams: [[Bar]]) throws -> [[Double]] {
        try fit(diagrams)
        return try transform(diagrams)
    }
}
