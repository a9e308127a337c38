import XCTest
@testable import LinearAlgebra

final class DecompositionTests: XCTestCase {
    let methods: [DecompositionMethod] = [.closedForm, .lapack]

    func testSymmetricEigendecompositionReconstructsAndIsOrthonormalAtEverySize() throws {
        var rng = TestGenerator(1)
        for n in [1, 2, 3, 5, 8] {
            for _ in 0..<20 {
                let a = rng.symmetric(n)
                for method in (n == 2 ? methods : [.lapack]) {
                    let e = try a.symmetricEigendecomposition(method: method)
                    XCTAssertLessThan(try e.reconstructed().maxAbsoluteDifference(a), 1e-12, "n \(n) \(method)")
                    XCTAssertTrue(try isOrthogonal(e.eigenvectors, 1e-12))
                    XCTAssertEqual(e.eigenvalues, e.eigenvalues.sorted())
                }
                let f = try float(a).symmetricEigendecomposition()
                XCTAssertLessThan(try f.reconstructed().maxAbsoluteDifference(float(a)), 1e-5)
            }
        }
    }

    func testSVDReconstructsSquareAndRectangularMatrices() throws {
        var rng = TestGenerator(2)
        for (m, n) in [(1, 1), (2, 2), (3, 3), (2, 5), (6, 3), (7, 7)] {
            for _ in 0..<20 {
                let a = rng.matrix(m, n)
                for method in (m == 2 && n == 2 ? methods : [.lapack]) {
                    let s = try a.singularValueDecomposition(method: method)
                    XCTAssertLessThan(try s.reconstructed().maxAbsoluteDifference(a), 1e-12, "\(m) x \(n) \(method)")
                    XCTAssertTrue(try isOrthogonal(s.u, 1e-12) && isOrthogonal(s.v, 1e-12))
                    XCTAssertEqual(s.singularValues, s.singularValues.sorted(by: >))
                    XCTAssertTrue(s.singularValues.allSatisfy { $0 >= 0 })
                }
                let f = try float(a).singularValueDecomposition()
                XCTAssertLessThan(try f.reconstructed().maxAbsoluteDifference(float(a)), 2e-5)
            }
        }
    }

    func testPolarFactorsReconstructAndAreSymmetricPositiveAndOrthogonal() throws {
        var rng = TestGenerator(3)
        for n in [1, 2, 3, 6] {
            for _ in 0..<20 {
                let a = rng.matrix(n, n)
                for method in (n == 2 ? methods : [.lapack]) {
                    let p = try a.polarDecomposition(method: method)
                    XCTAssertLessThan(try (p.left * p.orthogonal).maxAbsoluteDifference(a), 1e-12)
                    XCTAssertLessThan(try (p.orthogonal * p.right).maxAbsoluteDifference(a), 1e-12)
                    XCTAssertTrue(try isOrthogonal(p.orthogonal, 1e-12))
                    XCTAssertEqual(p.left, p.left.transposed())
                    XCTAssertGreaterThanOrEqual(try p.left.symmetricEigendecomposition().eigenvalues[0], -1e-12)
                    XCTAssertGreaterThanOrEqual(try p.right.symmetricEigendecomposition().eigenvalues[0], -1e-12)
                    // P^2 = A A^T
                    XCTAssertLessThan(try (p.left * p.left).maxAbsoluteDifference(a * a.transposed()), 1e-11)
                }
            }
        }
    }

    func testClosedFormsEqualTheLAPACKRoutesOn2x2() throws {
        var rng = TestGenerator(4)
        for _ in 0..<200 {
            let a = rng.matrix(2, 2), s = rng.symmetric(2)
            let e1 = try s.symmetricEigendecomposition(method: .closedForm), e2 = try s.symmetricEigendecomposition(method: .lapack)
            XCTAssertLessThan(zip(e1.eigenvalues, e2.eigenvalues).map { abs($0 - $1) }.max() ?? 0, 1e-13)
            XCTAssertLessThan(e1.eigenvectors.maxAbsoluteDifference(e2.eigenvectors), 1e-10)
            let s1 = try a.singularValueDecomposition(method: .closedForm), s2 = try a.singularValueDecomposition(method: .lapack)
            XCTAssertLessThan(zip(s1.singularValues, s2.singularValues).map { abs($0 - $1) }.max() ?? 0, 1e-13)
            XCTAssertLessThan(s1.u.maxAbsoluteDifference(s2.u), 1e-10)
            XCTAssertLessThan(s1.v.maxAbsoluteDifference(s2.v), 1e-10)
            let p1 = try a.polarDecomposition(method: .closedForm), p2 = try a.polarDecomposition(method: .lapack)
            XCTAssertLessThan(p1.orthogonal.maxAbsoluteDifference(p2.orthogonal), 1e-11)
            XCTAssertLessThan(p1.left.maxAbsoluteDifference(p2.left), 1e-12)
            XCTAssertLessThan(p1.right.maxAbsoluteDifference(p2.right), 1e-12)
            let x1 = try a.exponential(method: .closedForm), x2 = try a.exponential(method: .lapack)
            XCTAssertLessThan(x1.maxAbsoluteDifference(x2), 1e-13 * max(1, x2.maxAbsEntry))
            // A matrix with a real logarithm: exp of something.
            let b = try rng.matrix(2, 2, scale: 1.5).exponential()
            let l1 = try b.logarithm(method: .closedForm), l2 = try b.logarithm(method: .lapack)
            XCTAssertLessThan(l1.maxAbsoluteDifference(l2), 1e-11 * max(1, l2.maxAbsEntry), "\(b.elements)")
        }
    }

    func testExponentialOfLogarithmGivesTheMatrixBack() throws {
        var rng = TestGenerator(5)
        for n in [1, 2, 3, 4, 6] {
            for _ in 0..<20 {
                // Eigenvalues away from the closed negative axis: exp of a random matrix, or a shifted one.
                let a = try rng.matrix(n, n).exponential()
                for method in (n == 2 ? methods : [.lapack]) {
                    let back = try a.logarithm(method: method).exponential(method: method)
                    XCTAssertLessThan(back.maxAbsoluteDifference(a), 1e-12 * max(1, a.maxAbsEntry), "n \(n) \(method)")
                }
                let spd = try (a * a.transposed()).addingIdentity(0.1)
                let back = try spd.logarithm().exponential()
                XCTAssertLessThan(back.maxAbsoluteDifference(spd), 1e-12 * max(1, spd.maxAbsEntry))
                let f = float(a)
                XCTAssertLessThan(try f.logarithm().exponential().maxAbsoluteDifference(f), 1e-4 * max(1, f.maxAbsEntry))
            }
        }
    }

    func testExponentialAndLogarithmAnalyticCases() throws {
        // exp of the quarter-turn generator times t is the rotation by t.
        for t in [0.0, 1e-9, 0.3, 1, 3, 10] {
            let x = try Matrix<Double>(rows: 2, columns: 2, elements: [0, -t, t, 0])
            for method in methods {
                let r = try x.exponential(method: method)
                XCTAssertLessThan(r.maxAbsoluteDifference(Matrix2.rotation(t).matrix), 1e-13, "t \(t) \(method)")
            }
        }
        // A Jordan block: log [[2, 1], [0, 2]] = [[log 2, 1/2], [0, log 2]].
        let j = try Matrix<Double>(rows: 2, columns: 2, elements: [2, 1, 0, 2])
        let expected = try Matrix<Double>(rows: 2, columns: 2, elements: [Double.log(2), 0.5, 0, Double.log(2)])
        for method in methods { XCTAssertLessThan(try j.logarithm(method: method).maxAbsoluteDifference(expected), 1e-13) }
        // Rotation by 3 radians (complex eigenvalues near -1): log is 3 J.
        let r3 = Matrix2<Double>.rotation(3).matrix
        for method in methods {
            XCTAssertLessThan(try r3.logarithm(method: method).maxAbsoluteDifference(
                Matrix(rows: 2, columns: 2, elements: [0, -3, 3, 0])), 1e-12)
        }
        XCTAssertLessThan(try Matrix<Double>.identity(4).exponential().maxAbsoluteDifference(
            Matrix<Double>.identity(4).combined(Double.exp(1), .identity(4), 0)), 1e-14)
    }

    func testBadInputThrowsTypedErrors() throws {
        let rect = try Matrix<Double>(rows: 2, columns: 3, elements: [1, 2, 3, 4, 5, 6])
        XCTAssertThrowsError(try rect.exponential()) { XCTAssertEqual($0 as? LinearAlgebraError, .notSquare(rows: 2, columns: 3)) }
        XCTAssertThrowsError(try rect.logarithm()) { XCTAssertEqual($0 as? LinearAlgebraError, .notSquare(rows: 2, columns: 3)) }
        XCTAssertThrowsError(try rect.polarDecomposition()) { XCTAssertEqual($0 as? LinearAlgebraError, .notSquare(rows: 2, columns: 3)) }
        XCTAssertThrowsError(try rect.symmetricEigendecomposition())
        let nan = try Matrix<Double>(rows: 2, columns: 2, elements: [1, .nan, 0, 1])
        for method in methods {
            XCTAssertThrowsError(try nan.exponential(method: method)) { XCTAssertEqual($0 as? LinearAlgebraError, .notFinite(row: 0, column: 1)) }
            XCTAssertThrowsError(try nan.singularValueDecomposition(method: method))
            XCTAssertThrowsError(try nan.logarithm(method: method))
        }
        let notSymmetric = try Matrix<Double>(rows: 2, columns: 2, elements: [1, 2, 3, 1])
        for method in methods {
            XCTAssertThrowsError(try notSymmetric.symmetricEigendecomposition(method: method)) {
                XCTAssertEqual($0 as? LinearAlgebraError, .notSymmetric(row: 0, column: 1))
            }
        }
        // Real eigenvalues <= 0: -1 and 2, a zero eigenvalue, and -I (3 x 3).
        for elements in [[-1.0, 0, 0, 2], [1, 1, 1, 1], [0, 0, 0, 0]] {
            let m = try Matrix<Double>(rows: 2, columns: 2, elements: elements)
            for method in methods {
                XCTAssertThrowsError(try m.logarithm(method: method), "\(elements) \(method)") {
                    guard case .nonPositiveRealEigenvalue = $0 as? LinearAlgebraError else { return XCTFail("\($0)") }
                }
            }
        }
        let minusI = Matrix<Double>.identity(3).combined(-1, .identity(3), 0)
        XCTAssertThrowsError(try minusI.logarithm()) { XCTAssertEqual($0 as? LinearAlgebraError, .nonPositiveRealEigenvalue(-1)) }
        XCTAssertThrowsError(try Matrix<Double>.identity(3).exponential(method: .closedForm)) {
            XCTAssertEqual($0 as? LinearAlgebraError, .closedFormNeeds2x2(rows: 3, columns: 3))
        }
        XCTAssertEqual(LinearAlgebraError.nonPositiveRealEigenvalue(-1).description,
                       "the real logarithm needs every real eigenvalue positive, found -1.0")
    }

    func testLAPACKELoadsHere() {
        XCTAssertTrue(LAPACKE.isLoaded, "liblapacke.so.3 should be installed (scripts/install-deps.sh)")
    }
}
