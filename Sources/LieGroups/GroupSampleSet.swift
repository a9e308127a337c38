import LinearAlgebra

/// The linear parts h_1, ..., h_N of the group samples a lifting or group
/// convolution layer integrates over, held in Double, with what the
/// kernels need precomputed: h_i^-1, |det h_i|, and the chart features of
/// every relative element h_i^-1 h_j.
///
/// Samples are drawn as in the paper's code (rgenn): P = exp(Y / 2) with
/// the orthonormal coordinates of Y ~ N(0, variance I) (traceless on SL(2)),
/// times a rotation. Rotations are an equispaced grid -pi + 2 pi (k + u) / N
/// with a random phase u (a stratified Haar sample of SO(2); rgenn uses
/// linspace(-pi, pi, N), both ends), or independent uniform angles
/// (`.independent`, plain Monte Carlo). For translations the set is the
/// identity alone.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let s = try GroupSampleSet.draw(group: .affineGL2, count: 6, using: &rng)
/// let quarter = Matrix2<Double>.rotation(.pi / 2)
/// let moved = s.leftTranslated(by: quarter)        // h_i -> R h_i: relative elements unchanged
/// ```
public struct GroupSampleSet: Sendable, Equatable {
    /// How the rotation parts are drawn.
    public enum Rotations: String, Sendable, Codable {
        /// An equispaced grid with one uniform random phase.
        case stratified
        /// Independent uniform angles.
        case independent
    }

    /// The group.
    public let group: ModelGroup
    /// The linear parts h_i.
    public let elements: [Matrix2<Double>]
    /// h_i^-1.
    public let inverses: [Matrix2<Double>]

    /// The number of samples N.
    public var count: Int { elements.count }

    /// A set from given elements; throws for an empty set, a non-finite
    /// element or one outside the group (det <= 0; det != 1 on SL(2) to 1e-9;
    /// anything but the identity for translations).
    public init(group: ModelGroup, elements: [Matrix2<Double>]) throws {
        guard !elements.isEmpty else { throw LieGroupError.nonPositiveCount(0) }
        var inverses: [Matrix2<Double>] = []
        for m in elements {
            guard m.isFinite, m.determinant > 0, let inv = m.inverse else {
                throw LieGroupError.notInGroup(group: group.rawValue, reason: "a sample has determinant \(m.determinant)")
            }
            if group == .affineSL2, abs(m.determinant - 1) > 1e-9 {
                throw LieGroupError.notInGroup(group: group.rawValue, reason: "a sample has determinant \(m.determinant)")
            }
            if group == .translation, m.maxAbsoluteDifference(.identity) > 0 {
                throw LieGroupError.notInGroup(group: group.rawValue, reason: "translation models sample the identity only")
            }
            inverses.append(inv)
        }
        self.group = group
        self.elements = elements
        self.inverses = inverses
    }

    /// The identity alone.
    public static func identity(group: ModelGroup) -> GroupSampleSet {
        GroupSampleSet(unchecked: group, [.identity])
    }

    init(unchecked group: ModelGroup, _ elements: [Matrix2<Double>]) {
        self.group = group
        self.elements = elements
        self.inverses = elements.map { $0.inverse ?? .identity }
    }

    /// `count` seeded samples (translation: the identity, whatever the count).
    ///
    /// - Parameters:
    ///   - variance: the variance of each orthonormal coordinate of Y = log(P^2) (rgenn: 0.1).
    ///   - rotations: stratified grid (default) or independent angles.
    ///   - phase: the stratified grid's phase in [0, 1) (nil: drawn uniformly).
    public static func draw(group: ModelGroup, count: Int, variance: Double = 0.1, rotations: Rotations = .stratified,
                            phase: Double? = nil, using generator: inout some RandomNumberGenerator) throws -> GroupSampleSet {
        guard count > 0 else { throw LieGroupError.nonPositiveCount(count) }
        guard count <= 4096 else { throw LieGroupError.invalidParameter("\(count) samples is more than 4096") }
        guard variance.isFinite, variance >= 0 else { throw LieGroupError.invalidParameter("variance \(variance) must be non-negative") }
        if group == .translation { return .identity(group: group) }
        if let phase, !(phase >= 0 && phase < 1) { throw LieGroupError.invalidParameter("phase \(phase) must be in [0, 1)") }
        let phase = phase ?? RandomNormal.uniform(&generator)
        let sd = variance.squareRoot(), r2 = 2.0.squareRoot()
        var elements: [Matrix2<Double>] = []
        for k in 0..<count {
            let u = rotations == .stratified ? (Double(k) + phase) / Double(count) : RandomNormal.uniform(&generator)
            let rotation = SO2<Double>(angle: -Double.pi + 2 * Double.pi * u)
            let element: Matrix2<Double>
            if group == .affineSL2 {
                let v0 = sd * RandomNormal.normal(&generator), v1 = sd * RandomNormal.normal(&generator)
                element = SL2<Double>(logS: .symmetric(v0 / r2, v1 / r2, -v0 / r2), rotation: rotation).matrix
            } else {
                let v0 = sd * RandomNormal.normal(&generator), v1 = sd * RandomNormal.normal(&generator)
                let v2 = sd * RandomNormal.normal(&generator)
                element = GLPlus2<Double>(logS: .symmetric(v0, v1 / r2, v2), rotation: rotation).matrix
            }
            elements.append(element)
        }
        return GroupSampleSet(unchecked: group, elements)
    }

    /// The set g h_1, ..., g h_N: the sample set "transformed with the input".
    /// Relative elements h_i^-1 h_j do not change; h_i^-1 x becomes h_i^-1 g^-1 x.
    public func leftTranslated(by g: Matrix2<Double>) -> GroupSampleSet {
        GroupSampleSet(unchecked: group, elements.map { g * $0 })
    }

    /// The kernel features of the relative elements h_i^-1 h'_j for h_i in
    /// `self` (output samples) and h'_j in `input`: row-major [N, N', F],
    /// F = `group.featureCount` (see `ModelGroup`).
    public func relativeFeatures(from input: GroupSampleSet) -> [Double] {
        let f = group.featureCount
        var out = [Double](repeating: 0, count: count * input.count * f)
        guard f > 0 else { return out }
        let r2 = 2.0.squareRoot()
        for i in 0..<count {
            for j in 0..<input.count {
                let rel = inverses[i] * input.elements[j]
                let (p, r) = GLPlus2<Double>(unchecked: rel).polar
                let x = p.logarithm
                let o = (i * input.count + j) * f
                let cosine = Double.cos(r.angle), sine = Double.sin(r.angle)
                if group == .affineSL2 {
                    out[o] = r2 * x.b; out[o + 1] = r2 * (x.a - x.d) / 2
                    out[o + 2] = cosine; out[o + 3] = sine
                } else {
                    out[o] = x.a; out[o + 1] = r2 * x.b; out[o + 2] = x.d
                    out[o + 3] = cosine; out[o + 4] = sine
                }
            }
        }
        return out
    }

    /// |det h_i| for each sample.
    public var determinants: [Double] { elements.map { abs($0.determinant) } }
}
