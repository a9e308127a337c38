/// A diagram point in birth–persistence coordinates.
public struct BirthPersistence: Sendable, Hashable {
    public var birth: Double
    public var persistence: Double
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
    public init() {}

    /// The points in birth–persistence coordinates, in input order.
    public func transform(_ diagram: [Bar]) -> [BirthPersistence] {
        diagram.map { BirthPersistence(birth: $0.birth, persistence: $0.death - $0.birth) }
    }
}
