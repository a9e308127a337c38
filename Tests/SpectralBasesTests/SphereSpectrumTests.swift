import XCTest
import Foundation
import PointClouds
import SphericalHarmonics
import SpectralBases

/// Spectral bases of Fibonacci spheres against the Laplace-Beltrami truth
/// (eigenvalues l(l + 1), eigenspaces the spherical harmonics of degree l)
/// and against scipy on the same construction
/// (scripts/make_spectral_sphere_reference.py): 600 points (the dense
/// solver) and 2,000 (shift-invert Lanczos).
final class SphereSpectrumTests: XCTestCase {
    struct Reference: Decodable {
        struct Method: Decodable { let eigenvalues: [Double]; let cosines: [Double] }
        let n: Int
        let robust: Method
        let graph: Method
    }

    static func fibonacci(_ n: Int) -> [[Double]] {
        let golden = Double.pi * (3 - 5.0.squareRoot())
        return (0..<n).map { i in
            let z = 1 - 2 * (Double(i) + 0.5) / Double(n), r = (1 - z * z).squareRoot(), t = golden * Double(i)
            return [r * cos(t), r * sin(t), z]
        }
    }

    /// Per degree l <= 6, the smallest principal cosine between eigenvectors l^2 ..< (l+1)^2 and the harmonics of degree l.
    static func degreeCosines(_ basis: SpectralBasis, _ points: [[Double]]) throws -> [Double] {
        let y = try RealSphericalHarmonics.evaluate(points.map { SIMD3($0[0], $0[1], $0[2]) }, lmax: 6)
        return try (0...6).map { l in
            let range = (l * l)..<((l + 1) * (l + 1))
            let harmonics = (0..<points.count).map { i in range.map { y.values[i * y.dimension + $0] } }
            let vectors = basis.vectors.map { Array($0[range]) }
            return try PrincipalAngles.cosines(vectors, harmonics, mass: basis.mass).min() ?? 0
        }
    }

    func reference(_ n: Int) throws -> Reference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Reference/sphere_\(n)", withExtension: "json"))
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func check(_ n: Int) throws {
        let ref = try reference(n)
        let points = Self.fibonacci(n)
        let cloud = try PointCloud(rows: points)
        // Robust Laplacian: eigenvalues near l(l+1), eigenspaces the harmonics.
        let robust = try SpectralBasis.robust(cloud, count: 49)
        let cos = try Self.degreeCosines(robust, points)
        for l in 0...6 {
            XCTAssertEqual(cos[l], ref.robust.cosines[l], accuracy: 0.002, "robust degree \(l)")
            if n >= 2000 { XCTAssertGreaterThanOrEqual(cos[l], 0.999, "robust degree \(l)") }
        }
        for l in 1...6 {
            let cluster = robust.eigenvalues[(l * l)..<((l + 1) * (l + 1))]
            let exact = Double(l * (l + 1))
            let mean = cluster.reduce(0, +) / Double(cluster.count)
            if n >= 2000 || l <= 2 { XCTAssertEqual(mean, exact, accuracy: 0.02 * exact, "robust degree \(l) mean eigenvalue") }
            for (a, b) in zip(cluster, ref.robust.eigenvalues[(l * l)..<((l + 1) * (l + 1))]) {
                XCTAssertEqual(a, b, accuracy: 3e-3 * b, "robust eigenvalue of degree \(l) against robust_laplacian + eigsh")
            }
        }
        XCTAssertEqual(robust.eigenvalues[0], 0, accuracy: 1e-8)
        // M-orthonormal.
        var worst = 0.0
        for a in 0..<49 { for b in a..<49 {
            var s = 0.0
            for i in 0..<n { s += robust.mass[i] * robust.vectors[i][a] * robust.vectors[i][b] }
            worst = max(worst, abs(s - (a == b ? 1 : 0)))
        }}
        XCTAssertLessThan(worst, 1e-10, "V^T M V = I")
        // Graph Laplacian: the same cosines as scipy on the same graph, within 0.01.
        let graph = try SpectralBasis.graph(cloud, count: 49)
        let gcos = try Self.degreeCosines(graph, points)
        for l in 0...6 { XCTAssertEqual(gcos[l], ref.graph.cosines[l], accuracy: 0.01, "graph degree \(l)") }
        for (a, b) in zip(graph.eigenvalues, ref.graph.eigenvalues) { XCTAssertEqual(a, b, accuracy: 1e-9) }
    }

    func testFibonacciSphere600() throws { try check(600) }

    /// The case (about 1.5 s in a debug build): the sparse solver's path.
    func testFibonacciSphere2000() throws { try check(2000) }
}
