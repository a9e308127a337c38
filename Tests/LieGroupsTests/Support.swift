import LinearAlgebra
@testable import LieGroups

/// SplitMix64, seeded: the same numbers on every machine.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func normal() -> Double { RandomNormal.normal(&self) }
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * RandomNormal.uniform(&self) }

    /// A random element of GL+(2): a normal matrix, its determinant made positive.
    mutating func glPlus2() -> GLPlus2<Double> {
        while true {
            var m = Matrix2<Double>(a: normal(), b: normal(), c: normal(), d: normal())
            if m.determinant < 0 { m.a = -m.a; m.b = -m.b }
            if m.determinant > 0.05, let g = try? GLPlus2(m) { return g }
        }
    }
    mutating func sl2() -> SL2<Double> {
        let g = glPlus2()
        return (try? SL2(normalizing: g.matrix)) ?? .identity
    }
    mutating func so2() -> SO2<Double> { SO2(angle: uniform(-4, 4)) }
    mutating func point() -> SIMD2<Double> { SIMD2(normal(), normal()) }
}

func distance<G: PlanarTransformation>(_ g: G, _ h: G) -> G.Scalar where G.Scalar == Double {
    max(g.linearPart.maxAbsoluteDifference(h.linearPart), absMax(g.translationPart - h.translationPart))
}

/// The largest absolute component.
func absMax<V: SIMD>(_ v: V) -> Double where V.Scalar == Double {
    v.indices.map { Swift.abs(v[$0]) }.max() ?? 0
}
