import Foundation

/// A small seeded pseudo-random generator (SplitMix64), so data sets and
/// tests are the same on every machine and Swift version.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let x = Double.random(in: 0..<1, using: &rng)  // the same on every run
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    ///
    /// ```swift
    /// var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
    /// a.next() == b.next()  // true
    /// ```
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits (SplitMix64: Steele, Lea and Flood,
    /// "Fast splittable pseudorandom number generators", OOPSLA 2014).
    ///
    /// ```swift
    /// var rng = SeededGenerator(seed: 0)
    /// let bits = rng.next()  // 0xE220A8397B1DCDAF
    /// ```
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform number in [0, 1) with 53 random bits.
    ///
    /// ```swift
    /// var rng = SeededGenerator(seed: 1)
    /// let t = 2 * Double.pi * rng.uniform()  // a uniform angle
    /// ```
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A standard normal number (Box–Muller, one of the pair).
    ///
    /// ```swift
    /// var rng = SeededGenerator(seed: 1)
    /// let noise = 0.05 * rng.normal()  // Gaussian, standard deviation 0.05
    /// ```
    public mutating func normal() -> Double {
        var u = uniform()
        while u == 0 { u = uniform() }
        let v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }
}

/// Seeded samplers of shapes with known topology, for examples, tests and
/// the `Datasets/` folder.
///
/// ```swift
/// let circle = try Samplers.sample(.circle, count: 100, noise: 0.05, seed: 1)
/// circle.dimension  // 2
/// ```
public enum Samplers {
    /// The shapes that can be sampled, with their Betti numbers.
    public enum Shape: String, CaseIterable, Sendable {
        /// The unit circle in R^2 (b0 = 1, b1 = 1).
        case circle
        /// Two disjoint circles of radius 1 centred at (0, 0) and (3, 0) (b0 = 2, b1 = 2).
        case twoCircles = "two-circles"
        /// The unit 2-sphere in R^3 (b0 = 1, b2 = 1).
        case sphere
        /// A torus in R^3 with radii 2 and 1 (b0 = 1, b1 = 2, b2 = 1).
        case torus
        /// Two unit circles touching at the origin (b0 = 1, b1 = 2).
        case figureEight = "figure-eight"
        /// Two thirds of the points uniform (in area) on the annulus 1 <= r <= 2,
        /// one third uniform noise on [-2.2, 2.2]^2 (multipers' `noisy_annulus`).
        case noisyAnnulus = "noisy-annulus"
    }

    /// `count` points drawn uniformly from the shape (uniform in angle; on
    /// the sphere and the torus, uniform in area), each coordinate moved by
    /// Gaussian noise of standard deviation `noise`.
    ///
    /// - Throws: `PointCloudError.invalidParameter` for a count below 1 or a
    ///   negative or non-finite noise level.
    public static func sample(_ shape: Shape, count: Int, noise: Double = 0, seed: UInt64 = 0) throws -> PointCloud {
        guard count >= 1, count <= 10_000_000 else {
            throw PointCloudError.invalidParameter(name: "count", reason: "must be between 1 and 10000000")
        }
        guard noise.isFinite, noise >= 0 else {
            throw PointCloudError.invalidParameter(name: "noise", reason: "must be a non-negative number")
        }
        var rng = SeededGenerator(seed: seed)
        var rows: [[Double]] = []
        rows.reserveCapacity(count)
        for k in 0..<count {
            var p: [Double]
            switch shape {
            case .circle:
                let t = 2 * Double.pi * rng.uniform()
                p = [cos(t), sin(t)]
            case .twoCircles:
                let t = 2 * Double.pi * rng.uniform()
                p = [cos(t) + (k % 2 == 0 ? 0 : 3), sin(t)]
            case .sphere:
                let z = 2 * rng.uniform() - 1
                let t = 2 * Double.pi * rng.uniform()
                let r = (1 - z * z).squareRoot()
                p = [r * cos(t), r * sin(t), z]
            case .torus:
                // Rejection sampling for uniform area: density ~ (R + r cos v).
                var u = 0.0, v = 0.0
                repeat {
                    u = 2 * Double.pi * rng.uniform()
                    v = 2 * Double.pi * rng.uniform()
                } while rng.uniform() * 3 > 2 + cos(v)
                p = [(2 + cos(v)) * cos(u), (2 + cos(v)) * sin(u), sin(v)]
            case .figureEight:
                let t = 2 * Double.pi * rng.uniform()
                p = k % 2 == 0 ? [1 - cos(t), sin(t)] : [cos(t) - 1, sin(t)]
            case .noisyAnnulus:
                if k < (2 * count) / 3 {
                    let r = (1 + 3 * rng.uniform()).squareRoot(), t = 2 * Double.pi * rng.uniform()
                    p = [r * cos(t), r * sin(t)]
                } else {
                    p = [4.4 * rng.uniform() - 2.2, 4.4 * rng.uniform() - 2.2]
                }
            }
            if noise > 0 { for i in p.indices { p[i] += noise * rng.normal() } }
            rows.append(p)
        }
        return try PointCloud(rows: rows)
    }
}

extension PointCloud {
    /// The cloud as CSV with a header row `x,y,z,...` (or `x1,...,xd` above
    /// three dimensions), numbers in shortest round-trip form.
    ///
    /// ```swift
    /// let cloud = try PointCloud(rows: [[0, 0.5], [1, 2]])
    /// cloud.csv  // "x,y\n0.0,0.5\n1.0,2.0\n"
    /// ```
    public var csv: String {
        let names = dimension <= 3 ? Array(["x", "y", "z"].prefix(dimension)) : (1...dimension).map { "x\($0)" }
        var out = names.joined(separator: ",") + "\n"
        for i in 0..<count {
            out += self[i].map { $0.description }.joined(separator: ",") + "\n"
        }
        return out
    }
}
