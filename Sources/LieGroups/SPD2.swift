import LinearAlgebra

/// A symmetric positive-definite 2 x 2 matrix: the factor P of the polar
/// decomposition g = P R, and its action x -> P x.
///
/// SPD(2) is closed under inverses but not under products (P Q is not
/// symmetric in general), so it is a `PlanarTransformation`, not a group;
/// it is the homogeneous space GL+(2) / SO(2) (SL(2) / SO(2) when det = 1,
/// the hyperbolic plane).
///
/// ```swift
/// let p = try SPD2<Double>(Matrix2.symmetric(2, 1, 2))
/// let x = p.logarithm                    // symmetric, exp(x) == p
/// let q = SPD2<Double>(logarithm: x)     // p again, to rounding
/// ```
public struct SPD2<Scalar: LAPACKScalar>: PlanarTransformation {
    /// The matrix (exactly symmetric).
    public let matrix: Matrix2<Scalar>

    /// The positive-definite matrix `matrix`; throws unless finite,
    /// symmetric to 64 ulp, and with positive trace and determinant.
    public init(_ matrix: Matrix2<Scalar>) throws {
        guard matrix.isFinite else { throw LieGroupError.notInGroup(group: "SPD(2)", reason: "an entry is not finite") }
        guard abs(matrix.b - matrix.c) <= 64 * Scalar.ulpOfOne * matrix.maxAbs else {
            throw LieGroupError.notInGroup(group: "SPD(2)", reason: "the matrix is not symmetric")
        }
        let s = matrix.symmetricPart
        guard s.determinant > 0, s.trace > 0 else {
            throw LieGroupError.notInGroup(group: "SPD(2)", reason: "the matrix is not positive definite (determinant \(s.determinant))")
        }
        self.matrix = s
    }

    /// exp(X) for a symmetric X (its symmetric part is used).
    public init(logarithm x: Matrix2<Scalar>) {
        // The closed form throws only for non-finite input; a non-finite X gives non-finite entries.
        self.matrix = ((try? x.symmetricPart.exponential()) ?? Matrix2(a: .nan, b: .nan, c: .nan, d: .nan)).symmetricPart
    }

    init(unchecked matrix: Matrix2<Scalar>) { self.matrix = matrix.symmetricPart }

    public static var identity: SPD2 { SPD2(unchecked: .identity) }
    public var inverse: SPD2 { SPD2(unchecked: matrix.inverse ?? .identity) }
    public var linearPart: Matrix2<Scalar> { matrix }

    /// log P, symmetric (closed form).
    public var logarithm: Matrix2<Scalar> {
        ((try? matrix.logarithm()) ?? Matrix2(a: .nan, b: .nan, c: .nan, d: .nan)).symmetricPart
    }

    /// P^(1/2), positive definite.
    public var squareRoot: SPD2 { SPD2(unchecked: (try? matrix.symmetricSquareRoot()) ?? matrix) }

    /// P as an element of GL+(2).
    public var asGLPlus2: GLPlus2<Scalar> { GLPlus2(unchecked: matrix) }
}
