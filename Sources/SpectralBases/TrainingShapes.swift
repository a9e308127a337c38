import Foundation
import PointClouds

/// Seeded 3D clouds to train learned spectral bases on: the family the
/// issue names (spheres, tori, ellipsoids, noisy spheres, spheres sampled
/// with varying density).
///
/// ```swift
/// let torus = try TrainingShapes.sample(.torus, count: 512, seed: 3)
/// let mix = try TrainingShapes.family([.sphere, .torus, .ellipsoid], clouds: 12, count: 512, seed: 1)
/// ```
public enum TrainingShapes {
    /// The shape kinds.
    public enum Kind: String, CaseIterable, Sendable {
        /// The unit sphere, uniform.
        case sphere
        /// A torus with radii 1 and r in [0.3, 0.5], uniform in area.
        case torus
        /// An ellipsoid with semi-axes in [0.5, 1.5], points uniform on the sphere then stretched.
        case ellipsoid
        /// The unit sphere with Gaussian noise of deviation in [0.01, 0.05] on each coordinate.
        case noise
        /// The unit sphere with density growing from one pole to the other (a factor up to 4).
        case density
    }

    /// `count` points of `kind`, seeded.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` unless 1 <= count <= 10,000,000.
    public static func sample(_ kind: Kind, count: Int, seed: UInt64) throws -> PointCloud {
        guard count >= 1, count <= 10_000_000 else {
            throw SpectralBasesError.invalidParameter(name: "--points", reason: "must be between 1 and 10000000, got \(count)")
        }
        var g = SeededGenerator(seed: seed ^ 0x5eed_5bec)
        func u() -> Double { Double(g.next() >> 11) * 0x1.0p-53 }
        func gauss() -> Double {
            var a = u()
            while a == 0 { a = u() }
            return (-2 * Foundation.log(a)).squareRoot() * Foundation.cos(2 * Double.pi * u())
        }
        func onSphere() -> (Double, Double, Double) {
            let z = 2 * u() - 1, t = 2 * Double.pi * u(), r = (1 - z * z).squareRoot()
            return (r * Foundation.cos(t), r * Foundation.sin(t), z)
        }
        var x = [Double]()
        x.reserveCapacity(3 * count)
        switch kind {
        case .sphere:
            for _ in 0..<count { let p = onSphere(); x += [p.0, p.1, p.2] }
        case .torus:
            let r = 0.3 + 0.2 * u()
            var taken = 0
            while taken < count {
                let a = 2 * Double.pi * u(), b = 2 * Double.pi * u()
                // Area element (1 + r cos b): rejection keeps the sample uniform in area.
                guard u() * (1 + r) <= 1 + r * Foundation.cos(b) else { continue }
                let w = 1 + r * Foundation.cos(b)
                x += [w * Foundation.cos(a), w * Foundation.sin(a), r * Foundation.sin(b)]
                taken += 1
            }
        case .ellipsoid:
            let axes = (0.5 + u(), 0.5 + u(), 0.5 + u())
            for _ in 0..<count { let p = onSphere(); x += [axes.0 * p.0, axes.1 * p.1, axes.2 * p.2] }
        case .noise:
            let s = 0.01 + 0.04 * u()
            for _ in 0..<count { let p = onSphere(); x += [p.0 + s * gauss(), p.1 + s * gauss(), p.2 + s * gauss()] }
        case .density:
            let factor = 1 + 3 * u()
            var taken = 0
            while taken < count {
                let p = onSphere()
                // Density proportional to 1 + (factor - 1)(z + 1)/2.
                guard u() * factor <= 1 + (factor - 1) * (p.2 + 1) / 2 else { continue }
                x += [p.0, p.1, p.2]
                taken += 1
            }
        }
        return try PointCloud(count: count, dimension: 3, coordinates: x)
    }

    /// `clouds` clouds cycling through `kinds`, seeds `seed`, `seed + 1`, ...
    public static func family(_ kinds: [Kind], clouds: Int, count: Int, seed: UInt64) throws -> [PointCloud] {
        guard !kinds.isEmpty, clouds >= 1, clouds <= 100_000 else {
            throw SpectralBasesError.invalidParameter(name: "--shapes", reason: "need at least one kind and 1...100000 clouds")
        }
        return try (0..<clouds).map { try sample(kinds[$0 % kinds.count], count: count, seed: seed &+ UInt64($0)) }
    }
}
