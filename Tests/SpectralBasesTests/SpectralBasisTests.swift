import XCTest
import Foundation
import PointClouds
import SpectralBases

/// Graph-Laplacian bases against analytic spectra: a cycle graph, and the
/// sphere whose first non-trivial eigenspace is spanned by x, y, z.
final class SpectralBasisTests: XCTestCase {
    func testCycleGraphHasTheCycleSpectrum() throws {
        // n evenly spaced points on a circle, 2 neighbours each, binary weights: the cycle C_n.
        let n = 24
        let cloud = try PointCloud(rows: (0..<n).map { k in let t = 2 * Double.pi * Double(k) / Double(n); return [cos(t), sin(t)] })
        for laplacian in GraphLaplacian.allCases {
            let basis = try SpectralBasis.graph(cloud, count: n, neighbors: 2, weights: .binary, laplacian: laplacian)
            // Combinatorial: 2 - 2 cos(2 pi j / n); the normalised ones: half of that (every degree is 2).
            let scale = laplacian == .combinatorial ? 1.0 : 0.5
            let expected = (0..<n).map { j in scale * (2 - 2 * cos(2 * Double.pi * Double(j) / Double(n))) }.sorted()
            for (a, b) in zip(basis.eigenvalues, expected) { XCTAssertEqual(a, b, accuracy: 1e-12, "\(laplacian)") }
            // M-orthonormal.
            for a in 0..<n { for b in 0..<n {
                let dot = (0..<n).reduce(0.0) { $0 + basis.mass[$1] * basis.vectors[$1][a] * basis.vectors[$1][b] }
                XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-10, "\(laplacian) <v\(a), v\(b)>")
            }}
        }
    }

    func testSphereFirstEigenspaceIsTheLinearFunctions() throws {
        // Fibonacci sphere: the Laplace-Beltrami eigenfunctions of degree 1 are x, y, z.
        let n = 600
        let golden = Double.pi * (3 - 5.0.squareRoot())
        let rows = (0..<n).map { i -> [Double] in
            let z = 1 - 2 * (Double(i) + 0.5) / Double(n), r = (1 - z * z).squareRoot(), t = golden * Double(i)
            return [r * cos(t), r * sin(t), z]
        }
        let basis = try SpectralBasis.graph(try PointCloud(rows: rows), count: 4)
        XCTAssertEqual(basis.eigenvalues[0], 0, accuracy: 1e-10)
        XCTAssertGreaterThan(basis.eigenvalues[1], 1e-4)
        // The three next values nearly equal, and x, y, z nearly in their span.
        XCTAssertLessThan((basis.eigenvalues[3] - basis.eigenvalues[1]) / basis.eigenvalues[1], 0.1)
        for c in 0..<3 {
            let f = rows.map { $0[c] }
            let norm = f.reduce(0) { $0 + $1 * $1 }
            // Projection of f on span(v1, v2, v3) (orthonormal in the plain inner product up to the D^-1/2 scaling of L_sym's eigenvectors: close for a near-regular graph).
            var projected = 0.0
            for a in 1...3 {
                let v = basis.vectors.map { $0[a] }
                let dot = zip(f, v).reduce(0) { $0 + $1.0 * $1.1 }
                projected += dot * dot / v.reduce(0) { $0 + $1 * $1 }
            }
            XCTAssertGreaterThan(projected / norm, 0.98, "coordinate \(c)")
        }
    }

    func testBadParametersAreTypedErrors() throws {
        let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0, 1]])
        XCTAssertThrowsError(try SpectralBasis.graph(cloud, count: 0))
        XCTAssertThrowsError(try SpectralBasis.graph(cloud, count: 4))
        XCTAssertThrowsError(try SpectralBasis.graph(cloud, count: 2, neighbors: 3))
        XCTAssertThrowsError(try KNNGraph(cloud, neighbors: 1, weights: .gaussian(sigma: .nan)))
        XCTAssertThrowsError(try KNNGraph(try PointCloud(rows: [[0, 0]]), neighbors: 1))
        // Far points under a tiny sigma: zero degrees, refused by the normalised Laplacians only.
        let graph = try KNNGraph(cloud, neighbors: 1, weights: .gaussian(sigma: 1e-3))
        XCTAssertThrowsError(try GraphLaplacian.symmetric.matrix(of: graph))
        XCTAssertNoThrow(try GraphLaplacian.combinatorial.matrix(of: graph))
    }
}
