import Multipersistence

/// Turns signed measures (the Hilbert, Euler and rank decompositions of
/// `Multipersistence`) into fixed-length vectors, scikit-learn style, as
/// ``Vectorizer`` does for persistence diagrams: `fit` learns what the
/// parameters leave open (a grid, the training measures of a kernel),
/// `transform` maps one measure to a vector.
///
/// ```swift
/// var conv = SignedMeasureConvolution(bandwidth: 0.1, resolution: 50)
/// try conv.fit(trainingMeasures)                 // learns the grid
/// let features: [[Double]] = try conv.transform(testMeasures)
/// let floats: [[Float]] = try conv.transform(testMeasures, as: Float.self)
/// ```
///
/// Implementations follow multipers 2.3.2 (`multipers.ml.signed_measures`),
/// whose inputs are (data) x (degree) x (signed measure): one
/// `SignedMeasure` here is one degree of one datum. multipers' convolution
/// learns a single grid from every degree and puts the degrees' images end
/// to end, so fit on the measures of all degrees and concatenate the
/// degrees' rows; its kernels are fitted per degree and averaged.
public protocol SignedMeasureVectorizer: Sendable {
    /// Learns the open parameters from training measures.
    mutating func fit(_ measures: [SignedMeasure]) throws
    /// The vector of one measure.
    func transform(_ measure: SignedMeasure) throws -> [Double]
}

extension SignedMeasureVectorizer {
    /// The vectors of several measures, in order, on the calling thread.
    ///
    /// ```swift
    /// let rows = try conv.transform([mu, nu])
    /// ```
    public func transform(_ measures: [SignedMeasure]) throws -> [[Double]] {
        try measures.map { try transform($0) }
    }

    /// The vectors of several measures as `Float` or `Double`.
    ///
    /// ```swift
    /// let rows: [[Float]] = try conv.transform(measures, as: Float.self)
    /// ```
    public func transform<T: BinaryFloatingPoint>(_ measures: [SignedMeasure], as type: T.Type) throws -> [[T]] {
        try measures.map { try transform($0).map { T($0) } }
    }

    /// The vectors of many measures on up to `jobs` concurrent tasks
    /// (structured concurrency); the result is in input order and identical
    /// to the sequential one.
    ///
    /// ```swift
    /// let rows = try await kernel.transform(measures, jobs: 8)
    /// ```
    public func transform(_ measures: [SignedMeasure], jobs: Int) async throws -> [[Double]] {
        try await ParallelMap.map(measures, jobs: jobs) { try self.transform($0) }
    }

    /// `fit` then `transform` on the same measures.
    ///
    /// ```swift
    /// let rows = try conv.fitTransform(measures)
    /// ```
    public mutating func fitTransform(_ measures: [SignedMeasure]) throws -> [[Double]] {
        try fit(measures)
        return try transform(measures)
    }
}
