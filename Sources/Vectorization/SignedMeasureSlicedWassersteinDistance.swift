import Multipersistence

/// Sliced Wasserstein distances of a signed measure to the fitted ones, as
/// multipers 2.3.2's `SignedMeasure2SlicedWassersteinDistance` for one
/// degree: `fit` keeps the training measures (projected once), `transform`
/// gives a measure's distances to each of them, in order — one row of
/// multipers' (transform) x (fit) matrix. See ``SignedMeasureSlicedWasserstein``
/// for the distance.
///
/// ```swift
/// var swd = SignedMeasureSlicedWassersteinDistance(numDirections: 10)
/// try swd.fit(training)                 // measures of equal total mass
/// let row = try swd.transform(measure)  // training.count distances
/// ```
///
/// With `directions` nil the K directions are
/// ``SignedMeasureSlicedWasserstein/seededDirections(count:dimension:seed:)``
/// of the fitted measures' dimension; give multipers' own directions to
/// reproduce its numbers.
///
/// - Complexity: `fit` O(K m log m) per measure; each distance O(K (m + m')).
public struct SignedMeasureSlicedWassersteinDistance: SignedMeasureVectorizer {
    /// The number of seeded directions K (multipers' `num_directions`), when `directions` is nil.
    public var numDirections: Int
    /// The seed of the directions, when `directions` is nil.
    public var seed: UInt64
    /// Explicit directions (each with one coordinate per atom coordinate); they override `numDirections` and `seed`.
    public var directions: [[Double]]?
    /// The slicer in use, once fitted.
    public private(set) var slicer: SignedMeasureSlicedWasserstein?
    /// The projected training measures kept by `fit`.
    public private(set) var training: [SignedMeasureSlicedWasserstein.Projection]?

    /// Creates the distance with multipers' default of 10 directions.
    ///
    /// ```swift
    /// let swd = SignedMeasureSlicedWassersteinDistance(directions: [[1, 0], [0, 1]])
    /// ```
    public init(numDirections: Int = 10, seed: UInt64 = 42, directions: [[Double]]? = nil) {
        self.numDirections = numDirections
        self.seed = seed
        self.directions = directions
    }

    /// Projects and keeps the training measures.
    ///
    /// - Throws: `VectorizationError.emptyMeasureFit` for no measures;
    ///   `invalidParameter` for measures of different widths, directions of
    ///   the wrong length, or infinite coordinates.
    public mutating func fit(_ measures: [SignedMeasure]) throws {
        guard let width = measures.first?.width else {
            throw VectorizationError.emptyMeasureFit("SignedMeasureSlicedWassersteinDistance")
        }
        if let other = measures.first(where: { $0.width != width }) {
            throw VectorizationError.invalidParameter(
                name: "signed measures", reason: "atoms of \(width) and of \(other.width) coordinates in one fit")
        }
        let s = try directions.map { try SignedMeasureSlicedWasserstein(directions: $0) }
            ?? SignedMeasureSlicedWasserstein(numDirections: numDirections, dimension: width, seed: seed)
        guard s.dimension == width else {
            throw VectorizationError.invalidParameter(
                name: "directions", reason: "they have \(s.dimension) coordinates, the measures' atoms \(width)")
        }
        training = try measures.map { try s.project($0) }
        slicer = s
    }

    /// The distances of `measure` to the fitted measures, in order.
    ///
    /// - Throws: `notFitted` before `fit`; `invalidParameter` when a total
    ///   mass differs from the measure's.
    public func transform(_ measure: SignedMeasure) throws -> [Double] {
        guard let slicer, let training else { throw VectorizationError.notFitted("SignedMeasureSlicedWassersteinDistance") }
        let p = try slicer.project(measure)
        return try training.enumerated().map { j, t in
            guard t.totalMass == p.totalMass else {
                throw VectorizationError.invalidParameter(
                    name: "signed measure",
                    reason: "its total mass is \(p.totalMass), fitted measure \(j)'s (0-based) \(t.totalMass): the sliced Wasserstein distance compares measures of equal mass")
            }
            return try p.distance(to: t)
        }
    }
}
