/// The group a Lie-group classifier is equivariant to: R^2 x| GL+(2),
/// R^2 x| SL(2), or translations alone (a plain CNN). Translations are
/// handled by the spatial convolution, so the sampled part is linear.
///
/// ```swift
/// let g = ModelGroup(rawValue: "affine-sl2")       // .affineSL2
/// print(ModelGroup.affineGL2.featureCount)        // 5: log P (3) and (cos, sin) of the angle
/// ```
public enum ModelGroup: String, Codable, Sendable, CaseIterable {
    /// R^2 x| GL+(2).
    case affineGL2 = "affine-gl2"
    /// R^2 x| SL(2).
    case affineSL2 = "affine-sl2"
    /// R^2 alone: one sample, the identity.
    case translation

    /// The number of kernel inputs describing a relative linear element
    /// h^-1 h' (its chart coordinates, the angle as cos and sin):
    /// GL+(2): (a, sqrt 2 b, c) of log P = [[a, b], [b, c]] and (cos, sin) of
    /// the angle; SL(2): (sqrt 2 b, sqrt 2 a) and (cos, sin); translation: 0.
    public var featureCount: Int {
        switch self {
        case .affineGL2: return 5
        case .affineSL2: return 4
        case .translation: return 0
        }
    }
}
