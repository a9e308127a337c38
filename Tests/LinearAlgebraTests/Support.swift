import LinearAlgebra

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
    mutating func normal() -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self), v = Double.random(in: 0..<1, using: &self)
        return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
    }
    mutating func matrix(_ rows: Int, _ columns: Int, scale: Double = 1) -> Matrix<Double> {
        var m = Matrix<Double>(rows: rows, columns: columns)
        for k in m.elements.indices { m.elements[k] = scale * normal() }
        return m
    }
    mutating func symmetric(_ n: Int) -> Matrix<Double> {
        let g = matrix(n, n)
        var s = g
        for i in 0..<n { for j in 0..<n { s[i, j] = (g[i, j] + g[j, i]) / 2 } }
        return s
    }
}

func float(_ m: Matrix<Double>) -> Matrix<Float> {
    var f = Matrix<Float>(rows: m.rows, columns: m.columns)
    f.elements = m.elements.map { Float($0) }
    return f
}

func isOrthogonal<T: LAPACKScalar>(_ q: Matrix<T>, _ tolerance: T) throws -> Bool {
    try (q.transposed() * q).maxAbsoluteDifference(.identity(q.rows)) <= tolerance
}
