import Foundation
import XCTest
@testable import SphericalHarmonics
import LinearAlgebra

final class HarmonicsTests: XCTestCase {
    func testHarmonicsEqualClosedFormsUpToDegreeThree() throws {
        var rng = TestRandom(1)
        let pi = Double.pi
        for _ in 0..<50 {
            let v = try RealSphericalHarmonics.normalised(SIMD3(rng.normal(), rng.normal(), rng.normal()), row: 1)
            let (x, y, z) = (v.x, v.y, v.z)
            let y3 = try RealSphericalHarmonics.evaluate([v], lmax: 3)
            // Standard real harmonics without the Condon–Shortley phase.
            let expected: [Double] = [
                0.5 * (1 / pi).squareRoot(),
                (3 / (4 * pi)).squareRoot() * y, (3 / (4 * pi)).squareRoot() * z, (3 / (4 * pi)).squareRoot() * x,
                0.5 * (15 / pi).squareRoot() * x * y, 0.5 * (15 / pi).squareRoot() * y * z,
                0.25 * (5 / pi).squareRoot() * (3 * z * z - 1),
                0.5 * (15 / pi).squareRoot() * x * z, 0.25 * (15 / pi).squareRoot() * (x * x - y * y),
                0.25 * (35 / (2 * pi)).squareRoot() * y * (3 * x * x - y * y),
                0.5 * (105 / pi).squareRoot() * x * y * z,
                0.25 * (21 / (2 * pi)).squareRoot() * y * (5 * z * z - 1),
                0.25 * (7 / pi).squareRoot() * z * (5 * z * z - 3),
                0.25 * (21 / (2 * pi)).squareRoot() * x * (5 * z * z - 1),
                0.25 * (105 / pi).squareRoot() * z * (x * x - y * y),
                0.25 * (35 / (2 * pi)).squareRoot() * x * (x * x - 3 * y * y),
            ]
            for k in 0..<16 { XCTAssertEqual(y3.values[k], expected[k], accuracy: 1e-14, "component \(k) at \(v)") }
        }
    }

    func testHarmonicsAreOrthonormalByQuadrature() throws {
        for lmax in [4, 20, 64] {
            let q = SphereQuadrature(degree: 2 * lmax)
            let y = try RealSphericalHarmonics.evaluate(q.directions, lmax: lmax)
            let w = q.weights, d = y.dimension
            var worst = 0.0
            // Every pair at lmax <= 20; a band of pairs near the top degree at 64.
            let rows = lmax <= 20 ? Array(0..<d) : Array((d - 60)..<d) + Array(0..<10)
            for a in rows {
                for b in rows where b >= a {
                    var s = 0.0
                    for i in 0..<q.count { s += w[i] * y.values[i * d + a] * y.values[i * d + b] }
                    worst = max(worst, abs(s - (a == b ? 1 : 0)))
                }
            }
            XCTAssertLessThan(worst, 1e-12, "lmax \(lmax)")
        }
    }

    func testPolesAndTinyVectorsAreFinite() throws {
        let y = try RealSphericalHarmonics.evaluate([SIMD3(0, 0, 1), SIMD3(0, 0, -1), SIMD3(1e-300, 0, 0), SIMD3(1e300, 1e300, 0)], lmax: 64)
        XCTAssertTrue(y.values.allSatisfy(\.isFinite))
        // At the north pole only m = 0 survives: Y(l, 0) = sqrt((2l + 1) / (4 pi)).
        for l in 0...64 { XCTAssertEqual(y[0, l, 0], (Double(2 * l + 1) / (4 * Double.pi)).squareRoot(), accuracy: 1e-13) }
    }

    func testRotatedHarmonicsAreTheWignerDTimesTheHarmonics() throws {
        var rng = TestRandom(2)
        let r = rng.rotation()
        let lmax = 6
        let d = try WignerD.matrices(rotation: r, lmax: lmax)
        for _ in 0..<5 {
            let v = try RealSphericalHarmonics.normalised(SIMD3(rng.normal(), rng.normal(), rng.normal()), row: 1)
            let rv = SIMD3((r[0] * v).sum(), (r[1] * v).sum(), (r[2] * v).sum())
            let y = try RealSphericalHarmonics.evaluate([v], lmax: lmax), yr = try RealSphericalHarmonics.evaluate([rv], lmax: lmax)
            for l in 0...lmax {
                for a in 0..<(2 * l + 1) {
                    var s = 0.0
                    for b in 0..<(2 * l + 1) { s += d[l][a, b] * y[0, l, b - l] }
                    XCTAssertEqual(yr[0, l, a - l], s, accuracy: 1e-13)
                }
                // D is orthogonal.
                let dd = try d[l] * d[l].transposed()
                XCTAssertLessThan(dd.maxAbsoluteDifference(.identity(2 * l + 1)), 1e-13)
            }
        }
    }

    func testHarmonicsEqualE3NNAtPermutedVectors() throws {
        let ref = try reference("e3nn_harmonics")
        let lmax = (ref["lmax"] as? Int) ?? -1
        let vectors = ((ref["vectors"] as? [[String]]) ?? []).map { SIMD3(Double($0[0])!, Double($0[1])!, Double($0[2])!) }
        let values = ((ref["values"] as? [[String]]) ?? []).map { $0.map { Double($0)! } }
        XCTAssertEqual(vectors.count, 20)
        let ours = try RealSphericalHarmonics.evaluate(vectors.map(E3NNConversion.fromE3NN), lmax: lmax)
        for i in vectors.indices {
            XCTAssertLessThan(relativeError(ours.feature(i), values[i]), 1e-13, "vector \(i)")
            XCTAssertEqual(E3NNConversion.toE3NN(E3NNConversion.fromE3NN(vectors[i])), vectors[i])
        }
        let signed = E3NNConversion.paperSigns(ours)
        XCTAssertEqual(signed[0, 2, -1], -ours[0, 2, -1])
        XCTAssertEqual(signed[0, 2, 2], ours[0, 2, 2])
        XCTAssertEqual(E3NNConversion.paperSigns(signed), ours)
    }

    func testBadInputIsATypedError() {
        XCTAssertThrowsError(try RealSphericalHarmonics.evaluate([SIMD3(0, 0, 0)], lmax: 2)) {
            XCTAssertEqual($0 as? SphericalHarmonicsError, .zeroVector(row: 1))
        }
        XCTAssertThrowsError(try RealSphericalHarmonics.evaluate([SIMD3(1, 0, 0), SIMD3(.nan, 0, 0)], lmax: 2)) {
            XCTAssertEqual($0 as? SphericalHarmonicsError, .nonFinite(row: 2, column: 1))
        }
        XCTAssertThrowsError(try RealSphericalHarmonics.evaluate([SIMD3(1, 0, 0)], lmax: -1))
        XCTAssertThrowsError(try RealSphericalHarmonics.evaluate([SIMD3(1, 0, 0)], lmax: 1_000_000))
        XCTAssertThrowsError(try SphericalFeatures<Double>(lmax: 1, values: [1, 2, 3]))
        XCTAssertThrowsError(try SphericalFeatures<Double>(rows: [[1, 2, 3, 4], [1, 2]]))
        XCTAssertThrowsError(try SphericalFeatures<Double>(rows: [[1, 2, 3]]))
        XCTAssertThrowsError(try SphericalFeatures<Double>(lmax: 0, values: [.infinity]))
        XCTAssertEqual(SphericalFeatures<Double>.degree(forLength: 16), 3)
        XCTAssertNil(SphericalFeatures<Double>.degree(forLength: 15))
        XCTAssertThrowsError(try WignerD.matrices(rotation: [SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, -1)], lmax: 1))
    }

    func testFourierTransformEqualsThePlainSumOnEveryColumn() {
        var rng = TestRandom(3)
        for n in [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 25, 30, 49, 50, 60, 64, 72, 77, 97, 100] {
            let plan = FourierTransform(count: n)
            for width in [1, 2, 3, 6] {
                let xr = (0..<(n * width)).map { _ in rng.normal() }, xi = (0..<(n * width)).map { _ in rng.normal() }
                for inverse in [false, true] {
                    var re = xr, im = xi
                    plan.transform(re: &re, im: &im, width: width, inverse: inverse)
                    var worst = 0.0
                    for c in 0..<width {
                        for k in 0..<n {
                            var sr = 0.0, si = 0.0
                            for j in 0..<n {
                                let a = (inverse ? 2 : -2) * Double.pi * Double((j * k) % n) / Double(n)
                                sr += xr[j * width + c] * cos(a) - xi[j * width + c] * sin(a)
                                si += xr[j * width + c] * sin(a) + xi[j * width + c] * cos(a)
                            }
                            worst = max(worst, abs(sr - re[k * width + c]), abs(si - im[k * width + c]))
                        }
                    }
                    XCTAssertLessThan(worst, 1e-12 * Double(n), "n = \(n), width \(width), inverse \(inverse)")
                }
            }
        }
        XCTAssertEqual(FourierTransform.goodSize(atLeast: 65), 80)
        for n in 1...300 {
            let g = FourierTransform.goodSize(atLeast: n)
            var r = g
            for p in [2, 3, 5] { while r % p == 0 { r /= p } }
            XCTAssertTrue(g >= n && g % 2 == 0 && r == 1 && g <= max(n + 8, n * 13 / 10), "\(n) -> \(g)")
        }
    }
}
