/// Clips every birth and death into `[minimum, maximum]`, as GUDHI's
/// `Clamping` (numpy `clip`) does; infinite deaths become `maximum` when it
/// is finite.
///
/// ```swift
/// Clamping(maximum: 2).transform([Bar(birth: 0, death: .infinity)])  // [(0, 2)]
/// ```
public struct Clamping: Sendable, Hashable {
    /// Values below become this.
    public var minimum: Double
    /// Values above (infinite deaths included) become this.
    public var maximum: Double

    /// Creates a clamping to [minimum, maximum].
    ///
    /// ```swift
    /// let v = Clamping(minimum: 0, maximum: 3)
    /// ```
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
