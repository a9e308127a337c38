/// Clips every birth and death into `[minimum, maximum]`, as GUDHI's
/// `Clamping` (numpy `clip`) does; infinite deaths become `maximum` when it
/// is finite.
///
/// ```swift
/// Clamping(maximum: 2).transform([Bar(birth: 0, death: .infinity)])  // [(0, 2)]
/// ```
public struct Clamping: Sendable, Hashable {
    public var minimum: Double
    public var maximum: Double

    public init(minimum: Double = -.infinity, maximum: Double = .infinity) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The clipped bars, in input order.
    public func transform(_ diagram: [Bar]) -> [Bar] {
        diagram.map {
            Bar(birth: Swift.min(Swift.max($0.birth, minimum), maximum),
                death: Swift.min(Swift.max($0.death, minimum), maximum))
        }
    }
}
