import Foundation
import XCTest
@testable import SphericalHarmonics

final class CouplingTests: XCTestCase {
    func testWigner3jRecurrenceEqualsExactSympyValues() throws {
        let rows = (try reference("wigner3j")["rows"] as? [[Any]]) ?? []
        XCTAssertGreaterThan(rows.count, 600)
        var worst = 0.0
        for r in rows {
            let l = (0..<6).map { (r[$0] as? Int) ?? 0 }
            let exact = Double((r[6] as? String) ?? "") ?? .nan
            let ours = Wigner3j.symbol(l[0], l[1], l[2], l[3], l[4], l[5])
            // Absolute error against the scale of the row (values can be tiny at the edges).
            let scale = 1 / Double(2 * l[2] + 1).squareRoot()
            worst = max(worst, abs(ours - exact) / scale)
            XCTAssertEqual(ours, exact, accuracy: 1e-13 * scale, "3j\(l)")
        }
        print("3j worst error relative to 1/sqrt(2 l3 + 1): \(worst)")
    }

    func testExactWigner3jIsTheRationalSquareAndEqualsSympy() throws {
        let a = try XCTUnwrap(Wigner3j.exact(2, 2, 2, 0, 0, 0))
        XCTAssertEqual([a.squareNumerator, a.squareDenominator], ["2", "35"])
        XCTAssertTrue(a.isNegative)
        XCTAssertEqual(a.value, -(2.0 / 35).squareRoot(), accuracy: 2e-16)
        let b = try XCTUnwrap(Wigner3j.exact(1, 1, 2, 0, 0, 0))
        XCTAssertEqual([b.squareNumerator, b.squareDenominator], ["2", "15"])
        XCTAssertEqual(Wigner3j.exact(1, 1, 1, 0, 0, 0)?.squareNumerator, "0")   // odd sum, all m = 0
        XCTAssertEqual(Wigner3j.exact(1, 1, 3, 0, 0, 0)?.value, 0)               // triangle
        XCTAssertNil(Wigner3j.exact(200, 200, 200, 0, 0, 0))                     // beyond exactMaximumSum
        let c = try XCTUnwrap(Wigner3j.exactClebschGordan(1, 1, 1, -1, 0, 0))
        XCTAssertEqual([c.squareNumerator, c.squareDenominator], ["1", "3"])
        XCTAssertFalse(c.isNegative)
        for (j1, m1, j2, m2, j, m) in [(1, 0, 1, 0, 2, 0), (2, 1, 3, -2, 4, -1), (3, 3, 2, -1, 3, 2), (5, -2, 4, 1, 6, -1)] {
            XCTAssertEqual(Wigner3j.exactClebschGordan(j1, m1, j2, m2, j, m)?.value ?? .nan,
                           Wigner3j.clebschGordan(j1, m1, j2, m2, j, m), accuracy: 1e-15)
        }
        let rows = (try reference("wigner3j")["rows"] as? [[Any]]) ?? []
        var worst = 0.0
        for r in rows {
            let l = (0..<6).map { (r[$0] as? Int) ?? 0 }
            let ref = Double((r[6] as? String) ?? "") ?? .nan
            let e = try XCTUnwrap(Wigner3j.exact(l[0], l[1], l[2], l[3], l[4], l[5]))
            worst = max(worst, abs(e.value - ref) / max(abs(ref), 1e-300))
            XCTAssertEqual(e.value, ref, accuracy: 4e-16 * abs(ref), "3j\(l)")
        }
        print("exact 3j worst relative difference from sympy: \(worst)")
    }

    func testWigner3jRecurrenceEqualsExactValuesForSmallDegrees() {
        for l1 in 0...6 { for l2 in 0...6 { for l3 in abs(l1 - l2)...(l1 + l2) {
            for m1 in -l1...l1 { for m2 in -l2...l2 where abs(m1 + m2) <= l3 {
                let r = Wigner3j.symbol(l1, l2, l3, m1, m2, -m1 - m2)
                XCTAssertEqual(r, Wigner3j.exact(l1, l2, l3, m1, m2, -m1 - m2)?.value ?? .nan, accuracy: 1e-15,
                               "(\(l1) \(l2) \(l3); \(m1) \(m2) \(-m1 - m2))")
            } }
        } } }
        XCTAssertEqual(Wigner3j.symbol(1, 1, 2, 0, 0, 0), (2.0 / 15).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(Wigner3j.clebschGordan(1, 0, 1, 0, 2, 0), (2.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(Wigner3j.clebschGordan(1, 1, 1, -1, 0, 0), (1.0 / 3).squareRoot(), accuracy: 1e-15)
        XCTAssertEqual(Wigner3j.symbol(1, 1, 3, 0, 0, 0), 0)        // triangle
        XCTAssertEqual(Wigner3j.symbol(1, 1, 1, 0, 0, 0), 0, accuracy: 1e-16)  // odd sum with all m = 0
        XCTAssertEqual(Wigner3j.symbol(1, 1, 1, 1, 1, -1), 0)       // m's do not add to zero
    }

    func testGauntCoefficientsEqualQuadratureIntegrals() throws {
        let lmax = 4
        let q = SphereQuadrature(degree: 3 * lmax)
        let y = try RealSphericalHarmonics.evaluate(q.directions, lmax: lmax)
        let w = q.weights, d = y.dimension
        let table = GauntTable.cached(lmax1: lmax, lmax2: lmax, lmaxOut: lmax)
        var worst = 0.0, nonZero = 0
        for l1 in 0...lmax { for m1 in -l1...l1 { for l2 in 0...lmax { for m2 in -l2...l2 { for l3 in 0...lmax { for m3 in -l3...l3 {
            let i1 = l1 * l1 + l1 + m1, i2 = l2 * l2 + l2 + m2, i3 = l3 * l3 + l3 + m3
            var s = 0.0
            for i in 0..<q.count { s += w[i] * y.values[i * d + i1] * y.values[i * d + i2] * y.values[i * d + i3] }
            let g = table.coefficient(l1: l1, m1: m1, l2: l2, m2: m2, l3: l3, m3: m3)
            worst = max(worst, abs(g - s))
            XCTAssertEqual(RealCoupling.gaunt(l1, m1, l2, m2, l3, m3), g, accuracy: 1e-15)
            if abs(s) > 1e-12 { nonZero += 1 }
            // Selection rules: odd degree sums give zero.
            if (l1 + l2 + l3) % 2 == 1 { XCTAssertEqual(g, 0) }
        } } } } } }
        XCTAssertLessThan(worst, 1e-14)
        XCTAssertEqual(nonZero, table.entryCount, "the table holds exactly the non-zero coefficients")
    }

    func testRealGauntIsTheComplexFormulaForZeroOrders() {
        // With all m = 0 the real and complex harmonics agree.
        for (l1, l2, l3) in [(1, 1, 2), (2, 3, 3), (4, 4, 6), (10, 7, 11)] {
            let expected = (Double((2 * l1 + 1) * (2 * l2 + 1) * (2 * l3 + 1)) / (4 * Double.pi)).squareRoot()
                * pow(Wigner3j.symbol(l1, l2, l3, 0, 0, 0), 2)
            XCTAssertEqual(RealCoupling.gaunt(l1, 0, l2, 0, l3, 0), expected, accuracy: 1e-15)
        }
    }
}
