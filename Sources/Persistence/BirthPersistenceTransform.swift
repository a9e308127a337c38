/// A diagram point in birth–persistence coordinates.
public struct BirthPersistence: Sendable, Hashable {
    /// The birth.
    public var birth: Double
    /// death - birth.
    public var persistence: Double
    /// Creates a point from its birth and persistence.
    public init(birth: Double, persistence: Double) {
        self.birth = birth
        self.persistence = persistence
    }
}

/// Maps (birth, death) to (birth, death - birth), as GUDHI's
/// `BirthPersistenceTransform`; persistence images and entropy work in these
/// coordinates.
///
/// ```swift
/// BirthPersistenceTransform().transform([Bar(birth: 1, death: 3)])
/// // [BirthPersistence(birth: 1, persistence: 2)]
/// ```
public struct BirthPersistenceTransform: Sendable, Hashable {
    /// Creates the transform (it has no parameters).
    public init() {}

    /// The points in birth–persistence coordinates, in input order.
    public func transform(_ diagram: [Bar]) -> [BirthPersistence] {
        diagram.map { BirthPersistence(birth: $0.birth, persistence: $0.death - $0.birth) }
    }
}
