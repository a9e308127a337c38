import LinearAlgebra

/// GL+(2) or SL(2): a linear group whose elements are S^(1/2) R for S in
/// its positive-definite factor (all of SPD(2), or det S = 1) and R in SO(2).
/// The samplers build elements through it.
///
/// ```swift
/// let g = GLPlus2<Double>(logS: .symmetric(0.2, 0.1, -0.3), rotation: SO2(angle: 1))
/// ```
public protocol PolarGroup: LinearPlanarGroup {
    /// True for SL(2): log S is traceless (2 coordinates), else 3.
    static var isUnimodular: Bool { get }
    /// exp(Y / 2) rot(theta).
    init(logS y: Matrix2<Scalar>, rotation: SO2<Scalar>)
}

extension GLPlus2: PolarGroup {
    public static var isUnimodular: Bool { false }
    public init(logS y: Matrix2<Scalar>, rotation: SO2<Scalar>) {
        self.init(p: SPD2(logarithm: Scalar(1) / 2 * y), r: rotation)
    }
}

extension SL2: PolarGroup {
    public static var isUnimodular: Bool { true }
    public init(logS y: Matrix2<Scalar>, rotation: SO2<Scalar>) {
        let s = y.symmetricPart
        let m = (s.a + s.d) / 2
        self.init(p: SPD2(logarithm: Scalar(1) / 2 * (s - Matrix2.diagonal(m, m))), r: rotation)
    }
}
