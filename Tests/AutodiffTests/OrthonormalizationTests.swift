import XCTest
import PointClouds
@testable import Autodiff

/// The differentiable thin QR (CholeskyQR2) against its definition and
/// against central finite differences.
final class OrthonormalizationTests: XCTestCase {
    var g = SeededGenerator(seed: 11)

    func testColumnsAreOrthonormalAndNested() throws {
        let a = GradientCheck.random([40, 6], &g)
        let tape = Tape<Double>()
        let q = try tape.constant(a).orthonormalizedColumns().value
        var worst = 0.0
        for i in 0..<6 { for j in 0..<6 {
            var s = 0.0
            for t in 0..<40 { s += q[t, i] * q[t, j] }
            worst = max(worst, abs(s - (i == j ? 1 : 0)))
        } }
        XCTAssertLessThan(worst, 1e-13, "QᵀQ = I")
        // Nested: Rᵢⱼ = q_iᵀ a_j is 0 below the diagonal and positive on it.
        for i in 0..<6 { for j in 0...i {
            var s = 0.0
            for t in 0..<40 { s += q[t, i] * a[t, j] }
            if j < i { XCTAssertEqual(s, 0, accuracy: 1e-12, "q\(i) against a\(j)") } else { XCTAssertGreaterThan(s, 0) }
        } }
    }

    func testCloseToOrthonormalEvenWhenIllConditioned() throws {
        var a = GradientCheck.random([200, 8], &g)
        // Column 7 almost equal to column 6: condition number about 1e6.
        for t in 0..<200 { a[t, 7] = a[t, 6] + 1e-6 * a[t, 7] }
        let q = try Tape<Double>().constant(a).orthonormalizedColumns().value
        var worst = 0.0
        for i in 0..<8 { for j in 0..<8 {
            var s = 0.0
            for t in 0..<200 { s += q[t, i] * q[t, j] }
            worst = max(worst, abs(s - (i == j ? 1 : 0)))
        } }
        XCTAssertLessThan(worst, 1e-12)
    }

    func testGradientMatchesFiniteDifferences() throws {
        for shape in [[5, 1], [7, 3], [12, 5], [6, 6]] {
            let a = GradientCheck.random(shape, &g)
            try GradientCheck.check([a], tolerance: 1e-6) { try $0[0].orthonormalizedColumns() }
        }
        // Through a nonlinear use of Q (the spectral loss squares and divides by its first column).
        let a = GradientCheck.random([9, 3], &g, in: 0.2...1)
        try GradientCheck.check([a], tolerance: 1e-6) { v in
            let q = try v[0].orthonormalizedColumns()
            let first = try q.sliced(0..<1, alongAxis: 1)
            return try q.squared() * first
        }
    }

    func testRejectsDependentColumnsAndWideMatrices() throws {
        let tape = Tape<Double>()
        var a = GradientCheck.random([10, 3], &g)
        for t in 0..<10 { a[t, 2] = 2 * a[t, 0] }
        XCTAssertThrowsError(try tape.constant(a).orthonormalizedColumns())
        XCTAssertThrowsError(try tape.constant(GradientCheck.random([2, 3], &g)).orthonormalizedColumns())
        var nan = GradientCheck.random([4, 2], &g)
        nan[1, 1] = .nan
        XCTAssertThrowsError(try tape.constant(nan).orthonormalizedColumns())
    }
}
