import Foundation
import XCTest
@testable import SphericalHarmonics

final class GauntProductTests: XCTestCase {
    func testFourierEqualsDirectAndQuadratureForDegreesOneToSixteen() throws {
        var rng = TestRandom(10)
        for l in 1...16 {
            let shapes = [(l, l, l), (l, max(0, l / 2), 2 * l)]
            for (l1, l2, lout) in shapes {
                let x = rng.features(lmax: l1, count: 2), y = rng.features(lmax: l2, count: 2)
                let fourier = try GauntTensorProduct(lmax1: l1, lmax2: l2, lmaxOut: lout, method: .fourier)(x, y)
                let direct = try GauntTensorProduct(lmax1: l1, lmax2: l2, lmaxOut: lout, method: .direct)(x, y)
                for i in 0..<2 {
                    let quad = try quadratureProduct(x.feature(i), lmax1: l1, y.feature(i), lmax2: l2, lmaxOut: lout)
                    XCTAssertLessThan(relativeError(fourier.feature(i), quad), 1e-12, "fourier vs quadrature \(l1),\(l2)->\(lout)")
                    XCTAssertLessThan(relativeError(direct.feature(i), quad), 1e-12, "direct vs quadrature \(l1),\(l2)->\(lout)")
                    XCTAssertLessThan(relativeError(fourier.feature(i), direct.feature(i)), 1e-12, "fourier vs direct \(l1),\(l2)->\(lout)")
                }
            }
        }
    }

    func testProductIsEquivariantAtDegreeTwelve() throws {
        var rng = TestRandom(11)
        let l = 12
        let x = rng.features(lmax: l, count: 3), y = rng.features(lmax: l, count: 3)
        for method in [GauntTensorProduct.Method.fourier, .direct] {
            let tp = try GauntTensorProduct(lmax1: l, lmax2: l, lmaxOut: l, method: method)
            for _ in 0..<2 {
                let r = rng.rotation()
                let lhs = try tp(WignerD.rotate(x, by: r), WignerD.rotate(y, by: r))
                let rhs = try WignerD.rotate(tp(x, y), by: r)
                XCTAssertLessThan(relativeError(lhs.values, rhs.values), 1e-12, "\(method)")
            }
        }
    }

    func testOutputDegreesBeyondTheSumAreZeroAndTheRestUnchanged() throws {
        var rng = TestRandom(18)
        let x = rng.features(lmax: 3, count: 2), y = rng.features(lmax: 2, count: 2)
        for method in [GauntTensorProduct.Method.fourier, .direct] {
            let wide = try GauntTensorProduct(lmax1: 3, lmax2: 2, lmaxOut: 7, method: method)(x, y)
            let exact = try GauntTensorProduct(lmax1: 3, lmax2: 2, method: method)(x, y)
            for i in 0..<2 {
                XCTAssertLessThan(relativeError(Array(wide.feature(i).prefix(36)), exact.feature(i)), 1e-13)
                XCTAssertLessThan(wide.feature(i).dropFirst(36).map(abs).max() ?? 0, 1e-14)
            }
        }
    }

    func testProductOfConstantsAndUnitHarmonic() throws {
        // Y00 = 1 / sqrt(4 pi), so Y00 * f = f / sqrt(4 pi).
        var rng = TestRandom(12)
        let x = rng.features(lmax: 5, count: 1)
        var one = SphericalFeatures<Double>(lmax: 0, count: 1)
        one.values[0] = 1
        for method in [GauntTensorProduct.Method.fourier, .direct] {
            let z = try GauntTensorProduct(lmax1: 5, lmax2: 0, lmaxOut: 5, method: method)(x, one)
            XCTAssertLessThan(relativeError(z.values, x.values.map { $0 / (4 * Double.pi).squareRoot() }), 1e-13)
        }
    }

    func testWeightsScaleTheDegreeBlocks() throws {
        var rng = TestRandom(13)
        let x = rng.features(lmax: 3, count: 4), y = rng.features(lmax: 2, count: 4)
        let w = GauntWeights(input1: [1, 0.5, -2, 3], input2: [2, 1, 0.25], output: [1, 2, 3, 4, 5])
        let tp = try GauntTensorProduct(lmax1: 3, lmax2: 2, lmaxOut: 4, method: .fourier)
        let weighted = try tp(x, y, weights: w)
        var xs = x, ys = y
        for i in 0..<4 {
            for l in 0...3 { for m in -l...l { xs[i, l, m] *= w.input1![l] } }
            for l in 0...2 { for m in -l...l { ys[i, l, m] *= w.input2![l] } }
        }
        var expected = try GauntTensorProduct(lmax1: 3, lmax2: 2, lmaxOut: 4, method: .direct)(xs, ys)
        for i in 0..<4 { for l in 0...4 { for m in -l...l { expected[i, l, m] *= w.output![l] } } }
        XCTAssertLessThan(relativeError(weighted.values, expected.values), 1e-12)
        XCTAssertThrowsError(try tp(x, y, weights: GauntWeights(input1: [1, 2])))
    }

    func testManyBodyEqualsIteratedProducts() throws {
        var rng = TestRandom(14)
        let a = rng.features(lmax: 3, count: 2), b = rng.features(lmax: 2, count: 2), c = rng.features(lmax: 4, count: 2)
        let fourier = try GauntTensorProduct.manyBody([a, b, c], lmaxOut: 5, method: .fourier)
        let direct = try GauntTensorProduct.manyBody([a, b, c], lmaxOut: 5, method: .direct)
        XCTAssertLessThan(relativeError(fourier.values, direct.values), 1e-12)
        // Four factors, Fourier (two packed inverse transforms).
        let d = rng.features(lmax: 1, count: 2)
        let f4 = try GauntTensorProduct.manyBody([a, b, c, d], lmaxOut: 6, method: .fourier)
        let d4 = try GauntTensorProduct.manyBody([a, b, c, d], lmaxOut: 6, method: .direct)
        XCTAssertLessThan(relativeError(f4.values, d4.values), 1e-12)
        // Eight factors of degree 6: the running degree (48) is past the direct table's range,
        // so .automatic takes the Fourier route; .direct says why it cannot.
        let many = (0..<8).map { _ in rng.features(lmax: 6, count: 1) }
        XCTAssertEqual(try GauntTensorProduct.manyBody(many, lmaxOut: 4).count, 1)
        XCTAssertThrowsError(try GauntTensorProduct.manyBody(many, lmaxOut: 4, method: .direct))
    }

    func testConvolutionIsTheProductWithEdgeHarmonics() throws {
        var rng = TestRandom(15)
        let x = rng.features(lmax: 4, count: 3)
        let dirs = (0..<3).map { _ in SIMD3(rng.normal(), rng.normal(), rng.normal()) }
        let radial = (0..<3).map { _ in (0...3).map { _ in rng.normal() } }
        let tp = try GauntTensorProduct(lmax1: 4, lmax2: 3, lmaxOut: 4)
        let conv = try tp.convolution(x, directions: dirs, radialWeights: radial)
        var y = try RealSphericalHarmonics.evaluate(dirs, lmax: 3)
        for i in 0..<3 { for l in 0...3 { for m in -l...l { y[i, l, m] *= radial[i][l] } } }
        XCTAssertLessThan(relativeError(conv.values, try tp(x, y).values), 1e-14)
        XCTAssertThrowsError(try tp.convolution(x, directions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(1, 0, 0)]))
    }

    func testFloatEqualsDoubleRoundedAndThreadsDoNotChangeTheResult() throws {
        var rng = TestRandom(16)
        let x = rng.features(lmax: 8, count: 37), y = rng.features(lmax: 8, count: 37)
        let tp = try GauntTensorProduct(lmax1: 8, lmax2: 8, lmaxOut: 8)
        let one = try tp(x, y, threads: 1), two = try tp(x, y, threads: 2)
        XCTAssertEqual(one, two)
        let single = try tp(x.converted(to: Float.self), y.converted(to: Float.self))
        let fromDouble = try tp(x.converted(to: Float.self).converted(to: Double.self), y.converted(to: Float.self).converted(to: Double.self))
        XCTAssertEqual(single, fromDouble.converted(to: Float.self))
    }

    func testBroadcastAndBadBatches() throws {
        var rng = TestRandom(17)
        let x = rng.features(lmax: 2, count: 5), y = rng.features(lmax: 2, count: 1)
        let tp = try GauntTensorProduct(lmax1: 2, lmax2: 2)
        XCTAssertEqual(tp.lmaxOut, 4)
        let z = try tp(x, y)
        XCTAssertEqual(z.count, 5)
        var y5 = SphericalFeatures<Double>(lmax: 2, count: 5)
        for i in 0..<5 { for k in 0..<9 { y5.values[i * 9 + k] = y.values[k] } }
        XCTAssertEqual(z, try tp(x, y5))
        XCTAssertThrowsError(try tp(x, rng.features(lmax: 2, count: 3))) { XCTAssertTrue(String(describing: $0).contains("batch sizes differ")) }
        XCTAssertThrowsError(try tp(x, rng.features(lmax: 3, count: 5)))
        XCTAssertThrowsError(try GauntTensorProduct(lmax1: -1, lmax2: 2))
        XCTAssertThrowsError(try GauntTensorProduct(lmax1: 1000, lmax2: 2))
        XCTAssertThrowsError(try GauntTensorProduct(lmax1: 64, lmax2: 64, method: .direct))
        XCTAssertEqual(try GauntTensorProduct(lmax1: 2, lmax2: 2).resolvedMethod, .direct)
        // Empty batches give empty products, for every method.
        let empty = SphericalFeatures<Double>(lmax: 2, count: 0)
        for method in [GauntTensorProduct.Method.fourier, .direct] {
            XCTAssertEqual(try GauntTensorProduct(lmax1: 2, lmax2: 2, method: method)(empty, empty).count, 0)
        }
        XCTAssertEqual(try ClebschGordanTensorProduct(lmax1: 2, lmax2: 2)(empty, empty).count, 0)
        XCTAssertTrue(Wigner3j.symbol(2_000_000, 2_000_000, 0, 0, 0, 0).isNaN)
        XCTAssertTrue(RealCoupling.gaunt(2_000_000, 0, 2_000_000, 0, 0, 0).isNaN)
        XCTAssertNil(Wigner3j.symbols(l2: Int.max, l3: 1, m2: 0, m3: 0))
        XCTAssertEqual(try GauntTensorProduct(lmax1: 16, lmax2: 16).resolvedMethod, .fourier)
    }
}

final class ClebschGordanProductTests: XCTestCase {
    func testCGProductWithGauntPathWeightsEqualsTheGauntProduct() throws {
        var rng = TestRandom(20)
        let x = rng.features(lmax: 4, count: 3), y = rng.features(lmax: 3, count: 3)
        let cg = try ClebschGordanTensorProduct(lmax1: 4, lmax2: 3, lmaxOut: 5)
        let z = try cg(x, y, pathWeights: cg.gauntPathWeights)
        let g = try GauntTensorProduct(lmax1: 4, lmax2: 3, lmaxOut: 5, method: .direct)(x, y)
        XCTAssertLessThan(relativeError(z.values, g.values), 1e-13)
    }

    func testCGProductIsEquivariantOnEveryPathOddOnesToo() throws {
        var rng = TestRandom(21)
        let x = rng.features(lmax: 5, count: 2), y = rng.features(lmax: 4, count: 2)
        let cg = try ClebschGordanTensorProduct(lmax1: 5, lmax2: 4, lmaxOut: 6)
        XCTAssertTrue(cg.paths.contains(CouplingPath(1, 1, 1)))
        for path in [CouplingPath(1, 1, 1), CouplingPath(3, 2, 4), CouplingPath(5, 4, 2), CouplingPath(2, 2, 2)] {
            var weights = [CouplingPath: Double]()
            for p in cg.paths { weights[p] = p == path ? 1 : 0 }
            let r = rng.rotation()
            let lhs = try cg(WignerD.rotate(x, by: r), WignerD.rotate(y, by: r), pathWeights: weights)
            let plain = try cg(x, y, pathWeights: weights)
            let rhs = try WignerD.rotate(plain, by: r)
            XCTAssertGreaterThan(plain.values.map(abs).max() ?? 0, 1e-3, "path \(path) is not empty")
            XCTAssertLessThan(relativeError(lhs.values, rhs.values), 1e-12, "path \(path)")
        }
    }

    func testRealCGCoefficientsAreOrthogonal() {
        // sum over m1, m2 of C(l1 m1, l2 m2 -> l3 m3) C(l1 m1, l2 m2 -> l3' m3') = delta, as in the complex basis.
        let (l1, l2) = (3, 2)
        let block = RealCoupling.Block(l1: l1, l2: l2, lmaxOut: 5, kind: .clebschGordan)
        var c: [[Int]: Double] = [:]
        for k in block.value.indices { c[[Int(block.m1[k]), Int(block.m2[k]), Int(block.l3[k]), Int(block.m3[k])]] = block.value[k] }
        for k in [0, block.value.count / 2, block.value.count - 1] {
            XCTAssertEqual(block.value[k], RealCoupling.clebschGordan(l1, Int(block.m1[k]), l2, Int(block.m2[k]), Int(block.l3[k]), Int(block.m3[k])), accuracy: 1e-15)
        }
        for l3 in 1...5 { for l3b in 1...5 { for m3 in -l3...l3 { for m3b in -l3b...l3b {
            var s = 0.0
            for m1 in -l1...l1 { for m2 in -l2...l2 {
                s += (c[[m1, m2, l3, m3]] ?? 0) * (c[[m1, m2, l3b, m3b]] ?? 0)
            } }
            XCTAssertEqual(s, l3 == l3b && m3 == m3b ? 1 : 0, accuracy: 1e-13, "\(l3) \(m3) / \(l3b) \(m3b)")
        } } } }
    }
}
