/// Uniform and standard normal numbers from any (seeded) generator.
enum RandomNormal {
    /// Uniform in [0, 1), 53 bits.
    static func uniform(_ g: inout some RandomNumberGenerator) -> Double {
        Double(g.next() >> 11) * 0x1.0p-53
    }

    /// A standard normal number (Box–Muller, one of the pair).
    static func normal(_ g: inout some RandomNumberGenerator) -> Double {
        var u = uniform(&g)
        while u == 0 { u = uniform(&g) }
        let v = uniform(&g)
        return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
    }
}
