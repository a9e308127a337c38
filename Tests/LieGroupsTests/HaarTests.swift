import XCTest
import LinearAlgebra
@testable import LieGroups

final class HaarTests: XCTestCase {
    /// The left-invariant volume at u: |det| of the columns g^-1 dg/du_k (central differences)
    /// in an orthonormal basis of the Lie algebra (gl(2): the four entries; sl(2): (E00 - E11)/sqrt2, E01, E10).
    func maurerCartanVolume(_ u: [Double], unimodular: Bool, _ g: ([Double]) -> Matrix2<Double>) -> Double {
        let step = 1e-5
        let gInverse = g(u).inverse ?? .identity
        var columns: [[Double]] = []
        for k in u.indices {
            var up = u, down = u
            up[k] += step; down[k] -= step
            let d = gInverse * ((1 / (2 * step)) * (g(up) - g(down)))
            columns.append(unimodular ? [(d.a - d.d) / 2.0.squareRoot(), d.b, d.c] : [d.a, d.b, d.c, d.d])
        }
        let m = (try? Matrix<Double>(rows: u.count, columns: u.count, elements: columns.flatMap { $0 })) ?? Matrix(rows: 0, columns: 0)
        return (try? m.singularValueDecomposition().singularValues.reduce(1, *)) ?? .nan
    }

    func testSPDDensityEqualsTheNumericalJacobianOfHaarMeasure() {
        var rng = TestGenerator(21)
        // GL+(2): g = exp(Y / 2) rot(t), Y = [[a, b], [b, c]]; Haar / (da db dc dt) proportional to sinh(d/2)/(d/2).
        var ratios: [Double] = [], wrong: [Double] = []
        for _ in 0..<40 {
            let u = [rng.normal(), rng.normal(), rng.normal(), rng.uniform(-3, 3)]
            let volume = maurerCartanVolume(u, unimodular: false) {
                GLPlus2(logS: .symmetric($0[0], $0[1], $0[2]), rotation: SO2(angle: $0[3])).matrix
            }
            let y = Matrix2<Double>.symmetric(u[0], u[1], u[2])
            ratios.append(volume / HaarDensity.spd(logarithm: y))
            wrong.append(volume / HaarDensity.chartDensity(logP: y))   // the density with the gap not halved
        }
        let spread = (ratios.max() ?? 0) / (ratios.min() ?? 1) - 1
        XCTAssertLessThan(spread, 1e-7, "GL+(2) ratios \(ratios.prefix(4))")
        XCTAssertGreaterThan((wrong.max() ?? 0) / (wrong.min() ?? 1) - 1, 0.1)
        // The chart's coordinates (log P = Y / 2, so u = chart coordinates): sinh(d_P) / d_P.
        var chartRatios: [Double] = []
        for _ in 0..<40 {
            let x = SIMD4(rng.normal(), rng.normal(), rng.normal(), rng.uniform(-4, 4))
            let volume = maurerCartanVolume([x.x, x.y, x.z, x.w], unimodular: false) {
                GLPlus2(chartCoordinates: SIMD4($0[0], $0[1], $0[2], $0[3])).matrix
            }
            let logP = Matrix2<Double>.symmetric(x.x, x.y / 2.0.squareRoot(), x.z)
            chartRatios.append(volume / HaarDensity.chartDensity(logP: logP))
        }
        XCTAssertLessThan((chartRatios.max() ?? 0) / (chartRatios.min() ?? 1) - 1, 1e-7)
        // SL(2): Y = [[a, b], [b, -a]]: sinh(r) / r, r = sqrt(a^2 + b^2).
        var slRatios: [Double] = []
        for _ in 0..<40 {
            let u = [rng.normal(), rng.normal(), rng.uniform(-3, 3)]
            let volume = maurerCartanVolume(u, unimodular: true) {
                SL2(logS: .symmetric($0[0], $0[1], -$0[0]), rotation: SO2(angle: $0[2])).matrix
            }
            slRatios.append(volume / HaarDensity.traceless(logarithm: .symmetric(u[0], u[1], -u[0])))
        }
        XCTAssertLessThan((slRatios.max() ?? 0) / (slRatios.min() ?? 1) - 1, 1e-7, "SL(2) ratios \(slRatios.prefix(4))")
        XCTAssertEqual(HaarDensity.spd(logarithm: Matrix2<Double>.identity), 1)
        XCTAssertEqual(HaarDensity.traceless(logarithm: Matrix2<Double>.symmetric(0.6, 0.8, -0.6)), Double.sinh(1), accuracy: 1e-15)
    }

    /// Mean and standard error of x.
    func meanAndError(_ x: [Double]) -> (Double, Double) {
        let n = Double(x.count), m = x.reduce(0, +) / n
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        return (m, (v / n).squareRoot())
    }

    func testSO2HaarSamplesAreExactUniformAndGridsHaveNoRepeatedEndpoint() throws {
        var rng = TestGenerator(22)
        let angles = (0..<20_000).map { _ in SO2<Double>.haarRandom(using: &rng).angle }
        XCTAssertTrue(angles.allSatisfy { $0 > -Double.pi && $0 <= Double.pi })
        // f(theta) = exp(cos(theta - 1)), left-translated by 2: the paired difference is 0 within 4 standard errors.
        let f = { (t: Double) in Double.exp(Double.cos(t - 1)) }
        let (d, e) = meanAndError(angles.map { f(Angle.principal($0 + 2)) - f($0) })
        XCTAssertLessThan(abs(d), 4 * e, "difference \(d), standard error \(e)")
        // Grids: n distinct rotations; a trigonometric polynomial of degree < n integrates exactly, at any phase and translation.
        for n in [3, 4, 7, 10] {
            let grid = try SO2<Double>.haarGrid(count: n, using: &rng)
            XCTAssertEqual(Set(grid.map { ($0.angle * 1e9).rounded() }).count, n)
            let p = { (t: Double) in 0.3 + Double.cos(t) + 0.5 * Double.sin(2 * t) }
            let shift = rng.uniform(-3, 3)
            XCTAssertEqual(grid.map { p($0.angle) }.reduce(0, +) / Double(n), 0.3, accuracy: 1e-14)
            XCTAssertEqual(grid.map { p($0.angle + shift) }.reduce(0, +) / Double(n), 0.3, accuracy: 1e-14)
        }
        XCTAssertEqual(try SO2<Double>.equispaced(count: 4).map(\.angle), [Double.pi, -Double.pi / 2, 0, Double.pi / 2])
        // rgenn's linspace(-pi, pi, 4) has the half-turn twice: the mean of cos is -1/4, not 0.
        let rgenn = GaussianChartSampler<GLPlus2<Double>>.rgennAngles(count: 4)
        XCTAssertEqual(rgenn.map { Double.cos($0) }.reduce(0, +) / 4, -0.25, accuracy: 1e-15)
    }

    /// f(g) = exp(-|log(g g^T) - Y0|_F^2 / (2 tau^2)) (1.5 + cos(theta - 0.5)), theta the angle of g's polar rotation:
    /// compact in the polar coordinates, so integrable against Haar measure (a bump in g's entries is not:
    /// it stays positive at g = 0, where Haar measure is infinite).
    func bump(_ m: Matrix2<Double>, y0: Matrix2<Double>) -> Double {
        guard let g = try? GLPlus2(m) else { return 0 }
        let (p, r) = g.polar
        let d = 2 * p.logarithm - y0
        return Double.exp(-(d.a * d.a + d.b * d.b + d.c * d.c + d.d * d.d) / (2 * 0.5 * 0.5)) * (1.5 + Double.cos(r.angle - 0.5))
    }

    func testHaarWeightedStatisticIsUnchangedByLeftTranslationAndTheGaussianOneIsNot() throws {
        var rng = TestGenerator(23)
        let h = Matrix2<Double>(a: 1.4, b: 0.3, c: -0.2, d: 0.8)
        let n = 20_000
        // GL+(2), Gaussian proposal, weighted: the paired difference is 0 within 4 standard errors.
        let samples = try HaarImportanceSampler<GLPlus2<Double>>(proposal: .gaussian(standardDeviation: 1))
            .samples(count: n, using: &rng)
        let y0 = Matrix2<Double>.symmetric(0.3, 0.2, -0.1)
        let before = samples.map { $0.weight * bump($0.element.matrix, y0: y0) }
        let after = samples.map { $0.weight * bump(h * $0.element.matrix, y0: y0) }
        let (m0, e0) = meanAndError(before), (m1, _) = meanAndError(after)
        let (d, e) = meanAndError(zip(after, before).map { $0 - $1 })
        print("GL+(2) Haar statistic \(m0) +- \(e0), translated \(m1); difference \(d) +- \(e)")
        XCTAssertGreaterThan(m0, 10 * e0)
        XCTAssertLessThan(abs(d), 4 * e)
        // The uniform-ball proposal estimates the same integral (the bump lies well inside radius 4).
        let ball = try HaarImportanceSampler<GLPlus2<Double>>(proposal: .uniformBall(radius: 4)).samples(count: n, using: &rng)
        let (m2, e2) = meanAndError(ball.map { $0.weight * bump($0.element.matrix, y0: y0) })
        XCTAssertLessThan(abs(m2 - m0), 4 * (e0 * e0 + e2 * e2).squareRoot(), "ball \(m2) +- \(e2)")
        // SL(2) with a traceless translation.
        let hs = try SL2<Double>(normalizing: h)
        let sl = try HaarImportanceSampler<SL2<Double>>(proposal: .gaussian(standardDeviation: 1)).samples(count: n, using: &rng)
        let slBump = { (m: Matrix2<Double>) in self.bump(m, y0: .symmetric(0.3, 0.2, -0.3)) }
        let (ds, es) = meanAndError(sl.map { $0.weight * (slBump(hs.matrix * $0.element.matrix) - slBump($0.element.matrix)) })
        XCTAssertLessThan(abs(ds), 4 * es, "SL(2) difference \(ds) +- \(es)")
        // rgenn's Gaussian sampler, unweighted: the same statistic moves by many standard errors.
        let gaussian = try GaussianChartSampler<GLPlus2<Double>>(rgennRotations: false).samples(count: n, using: &rng)
        let (dg, eg) = meanAndError(gaussian.map { bump(h * $0.matrix, y0: y0) - bump($0.matrix, y0: y0) })
        print("rgenn Gaussian sampler: difference after translation \(dg) +- \(eg)")
        XCTAssertGreaterThan(abs(dg), 10 * eg)
    }

    func testGaussianSamplerMatchesRgennsSetup() throws {
        var rng = TestGenerator(24)
        let s = try GaussianChartSampler<GLPlus2<Double>>().samples(count: 5, using: &rng)
        // Rotations linspace(-pi, pi, 5): -pi (held as pi), -pi/2, 0, pi/2, pi.
        XCTAssertEqual(s.map { $0.polar.r.angle }, [Double.pi, -Double.pi / 2, 0, Double.pi / 2, Double.pi].map { $0 }, accuracy: 1e-9)
        // log S = 2 log P has variance 0.1 per orthonormal coordinate.
        let many = try GaussianChartSampler<GLPlus2<Double>>().samples(count: 20_000, using: &rng)
        let a = many.map { 2 * $0.polar.p.logarithm.a }
        let (m, _) = meanAndError(a)
        let variance = a.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(a.count - 1)
        XCTAssertEqual(variance, 0.1, accuracy: 0.006)
    }
}

func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
