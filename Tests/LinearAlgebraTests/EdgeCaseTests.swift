import XCTest
@testable import LinearAlgebra

final class EdgeCaseTests: XCTestCase {
    /// Special 2 x 2 matrices: zero, identity, repeated and tiny eigenvalue gaps, wide scales, nearly singular.
    let specials: [[Double]] = [
        [0, 0, 0, 0], [1, 0, 0, 1], [1, 1e-9, 1e-9, 1], [1e8, 0, 0, 1e-8], [1, 1, 1, 1 + 1e-10],
        [3, 0, 0, 3], [-2, 0.5, 0.5, 4], [1e-200, 0, 0, 1e-200], [5, 4, 4, 5], [2, -1e-12, -1e-12, 2],
    ]

    func testClosedFormsReconstructSpecialMatrices() throws {
        for e in specials {
            let a = try Matrix<Double>(rows: 2, columns: 2, elements: e)
            let scale = max(1e-300, a.maxAbsEntry)
            for method in [DecompositionMethod.closedForm, .lapack] {
                let eig = try a.symmetricEigendecomposition(method: method)
                XCTAssertLessThan(try eig.reconstructed().maxAbsoluteDifference(a), 4e-16 * scale * 4, "\(e) \(method)")
                XCTAssertTrue(try isOrthogonal(eig.eigenvectors, 1e-15))
                let svd = try a.singularValueDecomposition(method: method)
                XCTAssertLessThan(try svd.reconstructed().maxAbsoluteDifference(a), 1e-15 * scale * 4, "\(e) \(method)")
                let polar = try a.polarDecomposition(method: method)
                XCTAssertLessThan(try (polar.left * polar.orthogonal).maxAbsoluteDifference(a), 1e-15 * scale * 4, "\(e) \(method)")
            }
            // Non-symmetric variants: an upper-triangular shear of the same entries.
            let shear = try Matrix<Double>(rows: 2, columns: 2, elements: [e[0], e[1] + 1, e[2], e[3]])
            let s1 = try shear.singularValueDecomposition(method: .closedForm), s2 = try shear.singularValueDecomposition(method: .lapack)
            XCTAssertLessThan(zip(s1.singularValues, s2.singularValues).map { abs($0 - $1) }.max() ?? 0, 1e-14 * max(1, shear.maxAbsEntry))
        }
    }

    func testSmallSingularValueKeepsRelativeAccuracy() throws {
        // [[1, 1], [1, 1 + 1e-10]]: singular values ~2 and 5e-11; the closed form gets the small one from |det| / s1.
        let a = try Matrix<Double>(rows: 2, columns: 2, elements: [1, 1, 1, 1 + 1e-10])
        let s = try a.singularValueDecomposition(method: .closedForm).singularValues
        let det = 1 + 1e-10 - 1
        XCTAssertEqual(s[1], det / s[0], accuracy: 1e-15 * det)
    }

    func testExponentialAndLogarithmNearTheSeriesThresholds() throws {
        // delta = ((a - d)/2)^2 + b c around the closed forms' series switch (|delta| = 1/100) and near 0.
        for delta in [-0.0101, -0.0099, -1e-12, 0, 1e-12, 0.0099, 0.0101, 4, -4] {
            let b = 1.0, c = delta   // p = 0, so delta = b c
            let a = try Matrix<Double>(rows: 2, columns: 2, elements: [0.3, b, c, 0.3])
            let e1 = try a.exponential(method: .closedForm), e2 = try a.exponential(method: .lapack)
            XCTAssertLessThan(e1.maxAbsoluteDifference(e2), 1e-14 * max(1, e2.maxAbsEntry), "exp delta \(delta)")
            let l1 = try e1.logarithm(method: .closedForm), l2 = try e1.logarithm(method: .lapack)
            XCTAssertLessThan(l1.maxAbsoluteDifference(l2), 1e-12, "log delta \(delta)")
            XCTAssertLessThan(l1.maxAbsoluteDifference(a), 1e-12, "log exp delta \(delta)")
        }
    }

    func testFloatClosedFormsEqualFloatLAPACK() throws {
        var rng = TestGenerator(9)
        for _ in 0..<100 {
            let a = float(rng.matrix(2, 2))
            let s = float(rng.symmetric(2))
            XCTAssertLessThan(try a.exponential(method: .closedForm).maxAbsoluteDifference(a.exponential(method: .lapack)), 1e-5 * 10)
            let e1 = try s.symmetricEigendecomposition(method: .closedForm).eigenvalues
            let e2 = try s.symmetricEigendecomposition(method: .lapack).eigenvalues
            XCTAssertLessThan(zip(e1, e2).map { abs($0 - $1) }.max() ?? 0, 1e-5)
            let p1 = try a.polarDecomposition(method: .closedForm), p2 = try a.polarDecomposition(method: .lapack)
            XCTAssertLessThan(p1.left.maxAbsoluteDifference(p2.left), 1e-4)
        }
    }
}
