import XCTest
import Foundation
import PointClouds
@testable import SpectralBases

/// The sparse route (nested-dissection Cholesky, shift-invert Lanczos)
/// against the dense one, and the bad inputs of the spectral bases.
final class GeneralizedEigensolverTests: XCTestCase {
    static func torus(_ n: Int, seed: UInt64) -> [[Double]] {
        var rng = SeededGenerator(seed: seed)
        return (0..<n).map { _ in
            let u = 2 * Double.pi * rng.uniform(), w = 2 * Double.pi * rng.uniform()
            return [(1 + 0.4 * cos(w)) * cos(u), (1 + 0.4 * cos(w)) * sin(u), 0.4 * sin(w)]
        }
    }

    func testCholeskySolvesAShiftedLaplacian() throws {
        let cloud = try PointCloud(rows: Self.torus(800, seed: 3))
        let l = try PointCloudLaplacian(cloud, neighbors: 12)
        var triplets: [(Int, Int, Double)] = []
        for i in 0..<l.stiffness.order {
            for t in l.stiffness.rowStart[i]..<l.stiffness.rowStart[i + 1] { triplets.append((i, Int(l.stiffness.columns[t]), l.stiffness.values[t])) }
            triplets.append((i, i, 0.1 * l.mass[i]))
        }
        let a = try SparseSymmetricMatrix(order: l.stiffness.order, triplets: triplets)
        let chol = try SparseCholesky(a)
        XCTAssertEqual(Set(chol.permutation).count, a.order, "a permutation")
        let x = (0..<a.order).map { sin(Double($0)) }
        let back = chol.solve(a.multiply(x))
        XCTAssertLessThan(zip(back, x).map { abs($0 - $1) }.max() ?? 1, 1e-9)
        XCTAssertThrowsError(try SparseCholesky(l.stiffness.negated()), "indefinite")
    }

    func testLanczosMatchesTheDenseSolver() throws {
        let cloud = try PointCloud(rows: Self.torus(900, seed: 5))
        for (l, mass) in [try { () throws -> (SparseSymmetricMatrix, [Double]) in let r = try PointCloudLaplacian(cloud); return (r.stiffness, r.mass) }(),
                          try GraphLaplacian.randomWalk.generalizedPair(of: try KNNGraph(cloud))] {
            let k = 20
            let (dv, dx) = try GeneralizedEigensolver.dense(k, l, mass)
            let (lv, lx) = try GeneralizedEigensolver.lanczos(k, l, mass, tolerance: 1e-10, seed: 1)
            for (a, b) in zip(dv, lv) { XCTAssertEqual(a, b, accuracy: 1e-8 * max(1, abs(a))) }
            // The same subspace: every principal cosine 1 (the torus has distinct eigenvalues but near pairs).
            let n = cloud.count
            let rowsD = (0..<n).map { Array(dx[($0 * k)..<(($0 + 1) * k)]) }, rowsL = (0..<n).map { Array(lx[($0 * k)..<(($0 + 1) * k)]) }
            let cos = try PrincipalAngles.cosines(rowsD, rowsL, mass: mass)
            XCTAssertGreaterThan(cos.min() ?? 0, 1 - 1e-8)
            for a in 0..<k { for b in a..<k {
                let s = (0..<n).reduce(0.0) { $0 + mass[$1] * lx[$1 * k + a] * lx[$1 * k + b] }
                XCTAssertEqual(s, a == b ? 1 : 0, accuracy: 1e-10, "Lanczos vectors M-orthonormal")
            }}
        }
    }

    func testBadInputsAreTypedErrorsNeverNaN() throws {
        let sphere = try PointCloud(rows: SphereSpectrumTests.fibonacci(100))
        // Fewer points than K; k larger than n.
        XCTAssertThrowsError(try SpectralBasis.robust(sphere, count: 101))
        XCTAssertThrowsError(try SpectralBasis.robust(sphere, count: 4, neighbors: 100))
        XCTAssertThrowsError(try SpectralBasis.graph(sphere, count: 4, neighbors: 100))
        XCTAssertThrowsError(try SpectralBasis.robust(try PointCloud(rows: [[0, 0], [1, 0], [0, 1]]), count: 1), "2D points")
        // Collinear: no triangle anywhere, a clear error.
        let line = try PointCloud(rows: (0..<50).map { [Double($0), 2 * Double($0), 0] })
        XCTAssertThrowsError(try SpectralBasis.robust(line, count: 3, neighbors: 10)) { error in
            XCTAssertTrue("\(error)".contains("degenerate"), "\(error)")
        }
        // Duplicate points (every point twice): finite values, a valid basis.
        let doubled = try PointCloud(rows: SphereSpectrumTests.fibonacci(300).flatMap { [$0, $0] })
        let basis = try SpectralBasis.robust(doubled, count: 9)
        XCTAssertTrue(basis.eigenvalues.allSatisfy { $0.isFinite })
        XCTAssertTrue(basis.vectors.allSatisfy { $0.allSatisfy { $0.isFinite } })
        XCTAssertEqual(basis.eigenvalues[0], 0, accuracy: 1e-8)
        let graph = try SpectralBasis.graph(doubled, count: 9)
        XCTAssertTrue(graph.vectors.allSatisfy { $0.allSatisfy { $0.isFinite } })
        // A planar patch (with boundary) works.
        let plane = try PointCloud(rows: (0..<400).map { [Double($0 % 20) + 0.01 * sin(Double($0)), Double($0 / 20), 0] })
        let patch = try SpectralBasis.robust(plane, count: 4)
        XCTAssertEqual(patch.eigenvalues[0], 0, accuracy: 1e-8)
        XCTAssertGreaterThan(patch.eigenvalues[1], 0)
    }
}

extension SparseSymmetricMatrix {
    func negated() throws -> SparseSymmetricMatrix {
        var triplets: [(Int, Int, Double)] = []
        for i in 0..<order { for t in rowStart[i]..<rowStart[i + 1] { triplets.append((i, Int(columns[t]), -values[t] - (Int(columns[t]) == i ? 1 : 0))) } }
        return try SparseSymmetricMatrix(order: order, triplets: triplets)
    }
}
