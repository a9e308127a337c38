import XCTest
import Foundation
import Complexes
import Multipersistence
import PointClouds

/// Gradients of signed measures: provenance and ties, the VJPs of the
/// builders against central finite differences, multipers + torch references.
final class GradientTests: XCTestCase {
    // MARK: helpers

    static func uniformCloud(_ n: Int, seed: UInt64) throws -> PointCloud {
        var rng = SeededGenerator(seed: seed)
        return try PointCloud(count: n, dimension: 2, coordinates: (0..<(2 * n)).map { _ in rng.uniform() })
    }

    static func moved(_ cloud: PointCloud, _ k: Int, by e: Double) throws -> PointCloud {
        var x = cloud.coordinates
        x[k] += e
        return try PointCloud(count: cloud.count, dimension: cloud.dimension, coordinates: x)
    }

    /// The paper's example cloud at a smaller size: `ring` points uniform (in
    /// area) on the annulus 0.85 <= r <= 1, `centre` uniform in [-0.1, 0.2]^2.
    static func annulusWithCentre(ring: Int, centre: Int, seed: UInt64) throws -> PointCloud {
        var rng = SeededGenerator(seed: seed)
        var x: [Double] = []
        for _ in 0..<ring {
            let r = (0.85 * 0.85 + (1 - 0.85 * 0.85) * rng.uniform()).squareRoot(), t = 2 * Double.pi * rng.uniform()
            x += [r * cos(t), r * sin(t)]
        }
        for _ in 0..<(2 * centre) { x.append(-0.1 + 0.3 * rng.uniform()) }
        return try PointCloud(count: ring + centre, dimension: 2, coordinates: x)
    }

    func assertClose(_ a: [Double], _ b: [Double], tolerance: Double, _ message: String = "",
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, message, file: file, line: line)
        for (k, (x, y)) in zip(a, b).enumerated() where !((x - y).magnitude <= tolerance * Swift.max(1, y.magnitude)) {
            XCTFail("\(message) entry \(k): \(x) vs \(y)", file: file, line: line)
            return
        }
    }

    // MARK: the loss

    func testSignedL1LossWeightsAndAtomsNormalisations() throws {
        let mu = try SignedMeasure(parameterCount: 2, points: [1, 2, 3, -1, 0, 0.5], weights: [2, -1, 1])
        // Sorted: (0, 0.5, 1), (1, 2, 2), (3, -1, -1).
        let (l, g) = SignedL1Loss().evaluate(mu)
        let expected: Double = (0.5 + 6.0 - 4.0) / 4.0
        XCTAssertEqual(l, expected, accuracy: 1e-15)
        let expectedGradient: [Double] = [0, 0.25, 0.5, 0.5, -0.25, 0.25]
        XCTAssertEqual(g, expectedGradient)
        let (l2, g2) = SignedL1Loss(normalization: .atoms).evaluate(mu)
        let expected2: Double = (0.5 + 3.0 - 4.0) / 3.0, third: Double = 1.0 / 3.0
        XCTAssertEqual(l2, expected2, accuracy: 1e-15)
        XCTAssertEqual(g2, [0, third, third, third, -third, third])
        let empty = try SignedMeasure(parameterCount: 2, points: [], weights: [])
        XCTAssertEqual(SignedL1Loss().evaluate(empty).value, 0)
    }

    // MARK: provenance

    func testTiedValuesGoToTheFirstCellInComplexOrder() throws {
        // v0 at (0, 1), v1 at (1, 0), the edge at (1, 1): H0 = +(0,1) +(1,0) -(1,1).
        let c = try FilteredComplex(dimensions: [0, 0, 1], grades: [0, 1, 1, 0, 1, 1], parameterCount: 2,
                                    boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1], boundaryCoefficients: [-1, 1])
        let h0 = try SignedMeasure.hilbert(c, degrees: [0])[0]
        XCTAssertEqual(h0.points, [0, 1, 1, 0, 1, 1])
        let g = try SignedMeasureGradient(h0, complex: c)
        // (1, 1): its 1 in parameter 0 is v1's (before the edge), its 1 in parameter 1 is v0's.
        XCTAssertEqual(g.sourceCells, [0, 0, 1, 1, 1, 0])
        XCTAssertEqual(g.sources, [0, 1, 2, 3, 2, 1])
        XCTAssertEqual(try g.pullback([1, 1, 1, 1, 1, 1]), [1, 2, 2, 1, 0, 0])
        // The same again: deterministic.
        XCTAssertEqual(try SignedMeasureGradient(h0, complex: c), g)
        XCTAssertThrowsError(try g.pullback([1, 2]))
    }

    func testInfiniteAndMassDefaultCoordinatesGetNoGradient() throws {
        // The filled square of SmallCasesTests: rank H1 has deaths at +infinity.
        let dims: [Int8] = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]
        var grades: [Double] = []
        for _ in 0..<4 { grades += [0, 0] }
        for _ in 0..<4 { grades += [1, 1] }
        grades += [3, 3, 3, 3, 3, 3]
        let c = try FilteredComplex(dimensions: dims, grades: grades, parameterCount: 2,
                                    boundaryOffsets: [0, 0, 0, 0, 0, 2, 4, 6, 8, 10, 13, 16],
                                    boundaryIndices: [0, 1, 1, 2, 2, 3, 0, 3, 0, 2, 4, 5, 8, 6, 7, 8],
                                    boundaryCoefficients: [-1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1, -1])
        let rank = try SignedMeasure.rank(c, degree: 1)
        let g = try SignedMeasureGradient(rank, complex: c)
        XCTAssertEqual(g.width, 4)
        for (k, x) in rank.points.enumerated() {
            if x.isInfinite { XCTAssertEqual(g.sources[k], -1) } else { XCTAssertGreaterThanOrEqual(g.sources[k], 0) }
        }
        // Births (1, 1) are the first edge's, deaths 3 the diagonal's (cell 8).
        XCTAssertEqual(Set(g.sourceCells.filter { $0 >= 0 }), [4, 8])
        let auto = try SignedMeasure.hilbert(c, degrees: [1], options: SignedMeasureOptions(massDefault: .auto))[0]
        let ga = try SignedMeasureGradient(auto, complex: c)
        for (k, x) in auto.points.enumerated() where x != 1 && x != 3 { XCTAssertEqual(ga.sources[k], -1, "coordinate \(x)") }
        let inf = try SignedMeasure.hilbert(c, degrees: [1], options: SignedMeasureOptions(massDefault: .infinity))[0]
        let gi = try SignedMeasureGradient(inf, complex: c)
        let dGrades = try gi.pullback(SignedL1Loss().evaluate(inf).gradient)
        XCTAssertTrue(dGrades.allSatisfy(\.isFinite))
        for (k, x) in inf.points.enumerated() where x.isInfinite { XCTAssertEqual(gi.sources[k], -1) }
    }

    // MARK: d(loss)/d(filtration values)

    /// A random 2-parameter complex whose values are all distinct and every
    /// face strictly below its cofaces, so each value can move both ways.
    static func randomComplex(_ grades: [[Double]], simplices: [[Int]]) throws -> FilteredComplex {
        var m = MultiFiltration(parameterCount: 2)
        for (s, g) in zip(simplices, grades) { try m.insert(s, grade: g) }
        return m.filteredComplex()
    }

    func testFiltrationValueGradientsEqualCentralDifferences() throws {
        var rng = SeededGenerator(seed: 5)
        let n = 7
        var simplices: [[Int]] = [], grades: [[Double]] = []
        var gradeOf: [[Int]: [Double]] = [:]
        for v in 0..<n { simplices.append([v]); grades.append([rng.uniform(), rng.uniform()]); gradeOf[[v]] = grades[v] }
        for i in 0..<n { for j in (i + 1)..<n where rng.uniform() < 0.6 {
            let g = (0..<2).map { max(gradeOf[[i]]![$0], gradeOf[[j]]![$0]) + 0.05 + rng.uniform() }
            simplices.append([i, j]); grades.append(g); gradeOf[[i, j]] = g
        } }
        for i in 0..<n { for j in (i + 1)..<n { for k in (j + 1)..<n where rng.uniform() < 0.5 {
            guard let a = gradeOf[[i, j]], let b = gradeOf[[i, k]], let c = gradeOf[[j, k]] else { continue }
            let g = (0..<2).map { max(a[$0], b[$0], c[$0]) + 0.05 + rng.uniform() }
            simplices.append([i, j, k]); grades.append(g); gradeOf[[i, j, k]] = g
        } } }
        let complex = try Self.randomComplex(grades, simplices: simplices)
        XCTAssertEqual(complex.count, simplices.count)
        XCTAssertEqual(complex.grades, grades.flatMap { $0 })
        // (rank: every 19th value, its grid tensor is the slow part)
        let invariants: [(String, Int, (FilteredComplex) throws -> SignedMeasure)] = [
            ("H0", 1, { try SignedMeasure.hilbert($0, degrees: [0])[0] }),
            ("H1", 1, { try SignedMeasure.hilbert($0, degrees: [1])[0] }),
            ("Euler", 1, { try SignedMeasure.euler($0) }),
            ("rank H1", 19, { try SignedMeasure.rank($0, degree: 1) }),
        ]
        let loss = SignedL1Loss()
        for (name, step, invariant) in invariants {
            let clock = Date()
            let mu = try invariant(complex)
            XCTAssertGreaterThan(mu.count, 0, name)
            let analytic = try SignedMeasureGradient(mu, complex: complex).pullback(loss.evaluate(mu).gradient)
            let e = 1e-6
            var numeric = analytic
            for k in stride(from: 0, to: analytic.count, by: step) {
                var plus = grades, minus = grades
                plus[k / 2][k % 2] += e
                minus[k / 2][k % 2] -= e
                let lp = loss.evaluate(try invariant(Self.randomComplex(plus, simplices: simplices))).value
                let lm = loss.evaluate(try invariant(Self.randomComplex(minus, simplices: simplices))).value
                numeric[k] = (lp - lm) / (2 * e)
            }
            assertClose(analytic, numeric, tolerance: 1e-6, name)
            XCTAssertTrue(analytic.contains { $0 != 0 }, name)
            print(name, "finite differences:", Date().timeIntervalSince(clock), "s")
        }
    }

    // MARK: the builders' VJPs

    func testCodensityPullbackEqualsCentralDifferences() throws {
        let cloud = try Self.uniformCloud(10, seed: 2)
        var rng = SeededGenerator(seed: 9)
        let c = (0..<10).map { _ in rng.uniform() - 0.5 }
        for h in [0.05, 0.3, 2.0] {
            func loss(_ p: PointCloud) throws -> Double {
                zip(try Density.gaussianCodensity(p, bandwidth: h), c).reduce(0) { $0 + $1.0 * $1.1 }
            }
            let analytic = try Density.gaussianCodensityPullback(cloud, bandwidth: h, cotangent: c)
            let e = 1e-6
            let numeric = try (0..<20).map { k in
                (try loss(Self.moved(cloud, k, by: e)) - loss(Self.moved(cloud, k, by: -e))) / (2 * e)
            }
            assertClose(analytic, numeric, tolerance: 1e-6, "h = \(h)")
        }
        // DTM and k-NN distance (their neighbour sets are locally constant).
        let pullbacks: [(String, (PointCloud) throws -> [Double], [Double])] = [
            ("DTM 0.3", { try Density.distanceToMeasure($0, mass: 0.3) }, try Density.distanceToMeasurePullback(cloud, mass: 0.3, cotangent: c)),
            ("DTM 1", { try Density.distanceToMeasure($0, mass: 1) }, try Density.distanceToMeasurePullback(cloud, mass: 1, cotangent: c)),
            ("3-NN", { try Density.kNearestDistance($0, k: 3) }, try Density.kNearestDistancePullback(cloud, k: 3, cotangent: c)),
        ]
        for (name, f, analytic) in pullbacks {
            let e = 1e-6
            let numeric = try (0..<20).map { k -> Double in
                let p = zip(try f(Self.moved(cloud, k, by: e)), c).reduce(0) { $0 + $1.0 * $1.1 }
                let m = zip(try f(Self.moved(cloud, k, by: -e)), c).reduce(0) { $0 + $1.0 * $1.1 }
                return (p - m) / (2 * e)
            }
            assertClose(analytic, numeric, tolerance: 1e-6, name)
        }
        XCTAssertThrowsError(try Density.distanceToMeasurePullback(cloud, mass: 0, cotangent: c))
        XCTAssertThrowsError(try Density.kNearestDistancePullback(cloud, k: 10, cotangent: c))
        XCTAssertThrowsError(try Density.gaussianCodensityPullback(cloud, bandwidth: 0, cotangent: c))
        XCTAssertThrowsError(try Density.gaussianCodensityPullback(cloud, bandwidth: 1, cotangent: [1]))
        XCTAssertThrowsError(try Density.gaussianCodensityPullback(cloud, bandwidth: 1, cotangent: c.map { _ in .nan }))
    }

    func testRipsCodensityPointGradientsEqualCentralDifferences() throws {
        let cloud = try Self.uniformCloud(12, seed: 4)
        for degree in [0, 1] {
            for collapse in [false, true] {
                let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.3), degree: degree,
                                                            collapse: collapse)
                let e0 = try objective.evaluate(cloud)
                XCTAssertGreaterThan(e0.measure.count, 0)
                let e = 1e-6
                let numeric = try (0..<24).map { k in
                    (try objective.evaluate(Self.moved(cloud, k, by: e)).value
                        - objective.evaluate(Self.moved(cloud, k, by: -e)).value) / (2 * e)
                }
                assertClose(e0.pointGradient, numeric, tolerance: 1e-6, "H\(degree) collapse \(collapse)")
                XCTAssertTrue(e0.pointGradient.contains { $0 != 0 })
            }
        }
    }

    func testFunctionRipsFunctionGradientsEqualCentralDifferences() throws {
        let cloud = try Self.uniformCloud(10, seed: 8)
        var rng = SeededGenerator(seed: 1)
        let f = (0..<10).map { _ in rng.uniform() }
        func objective(_ f: [Double]) -> PointCloudSignedMeasureLoss {
            PointCloudSignedMeasureLoss(function: .given([f]), degree: 1, collapse: true)
        }
        let e0 = try objective(f).evaluate(cloud)
        let e = 1e-6
        let numeric = try (0..<10).map { k -> Double in
            var p = f, m = f
            p[k] += e; m[k] -= e
            return (try objective(p).evaluate(cloud).value - objective(m).evaluate(cloud).value) / (2 * e)
        }
        assertClose(e0.functionGradient[0], numeric, tolerance: 1e-6, "df")
        let numericX = try (0..<20).map { k in
            (try objective(f).evaluate(Self.moved(cloud, k, by: e)).value
                - objective(f).evaluate(Self.moved(cloud, k, by: -e)).value) / (2 * e)
        }
        assertClose(e0.pointGradient, numericX, tolerance: 1e-6, "dx (edge lengths only)")
    }

    func testProvenanceOnTheComplexEqualsProvenanceByValue() throws {
        let cloud = try Self.uniformCloud(11, seed: 6)
        let h = 0.25
        let f = try Density.gaussianCodensity(cloud, bandwidth: h)
        let complex = try Bifiltration.functionRips(points: cloud, functions: [f])
        for degree in [0, 1] {
            let mu = try SignedMeasure.hilbert(complex, degrees: [degree])[0]
            let dAtoms = SignedL1Loss().evaluate(mu).gradient
            let dGrades = try SignedMeasureGradient(mu, complex: complex).pullback(dAtoms)
            let viaComplex = try Bifiltration.ripsCodensityPullback(complex, points: cloud, bandwidth: h, gradeCotangent: dGrades)
            let viaValues = try PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: h), degree: degree,
                                                            collapse: false).evaluate(cloud).pointGradient
            assertClose(viaComplex, viaValues, tolerance: 1e-12, "H\(degree)")
        }
        // A complex from other points is refused, not differentiated.
        let other = try Self.uniformCloud(11, seed: 7)
        let mu = try SignedMeasure.hilbert(complex, degrees: [1])[0]
        let dGrades = try SignedMeasureGradient(mu, complex: complex).pullback(SignedL1Loss().evaluate(mu).gradient)
        XCTAssertThrowsError(try Bifiltration.ripsCodensityPullback(complex, points: other, bandwidth: h, gradeCotangent: dGrades))
        XCTAssertThrowsError(try Bifiltration.functionRipsPullback(complex, points: cloud, functions: [f], gradeCotangent: [1]))
    }

    func testThresholdAndThreeParameterGradientsEqualCentralDifferences() throws {
        let cloud = try Self.uniformCloud(10, seed: 12)
        var rng = SeededGenerator(seed: 3)
        let f = (0..<10).map { _ in rng.uniform() }, g = (0..<10).map { _ in rng.uniform() }
        let objectives: [(String, PointCloudSignedMeasureLoss)] = [
            ("threshold 0.5", PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.3), degree: 0, threshold: 0.5)),
            ("two functions", PointCloudSignedMeasureLoss(function: .given([f, g]), degree: 0)),
        ]
        for (name, objective) in objectives {
            let e0 = try objective.evaluate(cloud)
            XCTAssertGreaterThan(e0.measure.count, 0, name)
            let e = 1e-6
            let numeric = try (0..<20).map { k in
                (try objective.evaluate(Self.moved(cloud, k, by: e)).value - objective.evaluate(Self.moved(cloud, k, by: -e)).value) / (2 * e)
            }
            assertClose(e0.pointGradient, numeric, tolerance: 1e-6, name)
            XCTAssertTrue(e0.pointGradient.contains { $0 != 0 }, name)
        }
        // The second function's gradient, by differences.
        let objective = PointCloudSignedMeasureLoss(function: .given([f, g]), degree: 0)
        let e0 = try objective.evaluate(cloud)
        XCTAssertEqual(e0.functionGradient.count, 2)
        for k in [0, 3, 7] {
            var p = g, m = g
            p[k] += 1e-6; m[k] -= 1e-6
            let numeric = (try PointCloudSignedMeasureLoss(function: .given([f, p]), degree: 0).evaluate(cloud).value
                - PointCloudSignedMeasureLoss(function: .given([f, m]), degree: 0).evaluate(cloud).value) / 2e-6
            XCTAssertEqual(e0.functionGradient[1][k], numeric, accuracy: 1e-6)
        }
    }

    func testKCriticalCellsGiveTheirFirstMatchingGrade() throws {
        // Vertex 1 is 2-critical: (1, 0) and (0, 2); the edge at (2, 2).
        var m = MultiFiltration(parameterCount: 2)
        try m.insert([0], grade: [0, 0])
        try m.insert([1], grades: [[1, 0], [0, 2]])
        try m.insert([0, 1], grade: [2, 2])
        let c = m.filteredComplex()
        XCTAssertTrue(c.isMultiCritical)
        let h0 = try SignedMeasure.hilbert(c, degrees: [0])[0]
        let g = try SignedMeasureGradient(h0, complex: c)
        for (k, x) in h0.points.enumerated() {
            let s = g.sources[k]
            XCTAssertGreaterThanOrEqual(s, 0, "coordinate \(x)")
            XCTAssertEqual(c.grades[s], x)
            XCTAssertEqual(s % 2, k % 2)
            // The first entry of that value in the complex's grade order.
            XCTAssertEqual(c.grades.indices.first { $0 % 2 == k % 2 && c.grades[$0] == x }, s)
        }
        // (2, 2): the edge is the first with 2 in parameter 0, vertex 1's second grade in parameter 1.
        XCTAssertEqual(Set(g.sourceCells), [0, 1, 2])
    }

    func testTiesOnALatticeGoToTheFirstEdgeAndTheLowestVertex() throws {
        // A 3 x 3 integer lattice: lengths 1, sqrt 2, 2, ... tied exactly; f tied too.
        let cloud = try PointCloud(rows: (0..<9).map { [Double($0 / 3), Double($0 % 3)] })
        let f: [Double] = [0, 1, 0, 1, 2, 1, 0, 1, 0]
        let complex = try Bifiltration.functionRips(points: cloud, functions: [f])
        for degree in [0, 1] {
            let mu = try SignedMeasure.hilbert(complex, degrees: [degree])[0]
            let dAtoms = SignedL1Loss().evaluate(mu).gradient
            let g = try SignedMeasureGradient(mu, complex: complex)
            // Every length-1 coordinate is edge {0, 1} (cell 9, the first edge), every f = 1 vertex 1.
            for (k, x) in mu.points.enumerated() {
                if k % 2 == 0 && x == 1 { XCTAssertEqual(g.sourceCells[k], 9) }
                if k % 2 == 1 && x == 1 { XCTAssertEqual(g.sourceCells[k], 1) }
                if k % 2 == 1 && x == 0 { XCTAssertEqual(g.sourceCells[k], 0) }
            }
            let (dx, df) = try Bifiltration.functionRipsPullback(complex, points: cloud, functions: [f],
                                                                 gradeCotangent: g.pullback(dAtoms))
            for collapse in [false, true] {
                let e = try PointCloudSignedMeasureLoss(function: .given([f]), degree: degree, collapse: collapse).evaluate(cloud)
                XCTAssertEqual(e.measure, mu)
                XCTAssertEqual(e.pointGradient, dx, "H\(degree) collapse \(collapse)")
                XCTAssertEqual(e.functionGradient, df, "H\(degree) collapse \(collapse)")
            }
            // Only the first of each tied run moves.
            XCTAssertEqual([3, 5, 7].map { df[0][$0] }, [0, 0, 0], "H\(degree): f = 1 is vertex 1's")
            XCTAssertEqual([2, 6, 8].map { df[0][$0] }, [0, 0, 0], "H\(degree): f = 0 is vertex 0's")
            XCTAssertGreaterThan(mu.count, 0)
        }
    }

    func testGridsThatPickValuesKeepGradientsRegularGridsAreRefused() throws {
        let cloud = try Self.uniformCloud(12, seed: 4)
        let quantile = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.3), degree: 1, grid: .quantile(20))
        let e0 = try quantile.evaluate(cloud)
        let e = 1e-6
        let numeric = try (0..<24).map { k in
            (try quantile.evaluate(Self.moved(cloud, k, by: e)).value - quantile.evaluate(Self.moved(cloud, k, by: -e)).value) / (2 * e)
        }
        assertClose(e0.pointGradient, numeric, tolerance: 1e-6, "quantile grid")
        let regular = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.3), degree: 1, grid: .regular(20))
        XCTAssertThrowsError(try regular.evaluate(cloud)) { XCTAssertTrue($0 is MultipersistenceError) }
        var mass = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.3), degree: 1)
        mass.options.massDefault = .auto
        XCTAssertThrowsError(try mass.evaluate(cloud))
    }

    // MARK: multipers + torch

    func testGradientsEqualMultipersTorchAutograd() throws {
        guard let url = Bundle.module.url(forResource: "Reference", withExtension: nil)?
            .appendingPathComponent("gradients/rips_codensity.json") else { return XCTFail("no reference folder") }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        let cases = json["cases"] as? [[String: Any]] ?? []
        XCTAssertEqual(cases.count, 3)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let points = try XCTUnwrap(c["points"] as? [[Double]], name)
            let h = try XCTUnwrap(c["bandwidth"] as? Double), degree = try XCTUnwrap(c["degree"] as? Int)
            let cloud = try PointCloud(rows: points)
            let e0 = try PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: h), degree: degree).evaluate(cloud)
            let atoms = try XCTUnwrap(c["atoms"] as? [[Double]]), weights = try XCTUnwrap(c["weights"] as? [Int])
            let expected = try SignedMeasure(parameterCount: 2, points: atoms.flatMap { $0 }, weights: weights)
            XCTAssertEqual(e0.measure.weights, expected.weights, name)
            assertClose(e0.measure.points, expected.points, tolerance: 1e-12, "\(name) atoms")
            XCTAssertEqual(e0.value, try XCTUnwrap(c["loss"] as? Double), accuracy: 1e-12, name)
            let gradient = try XCTUnwrap(c["gradient"] as? [[Double]]).flatMap { $0 }
            assertClose(e0.pointGradient, gradient, tolerance: 1e-9, "\(name) gradient")
        }
    }

    // MARK: optimisation

    func testAdamStepIsTorchsFormula() throws {
        var adam = AdamOptimizer(count: 3, learningRate: 0.01)
        var x = [1.0, 2.0, 3.0]
        let g = [0.5, -2.0, 0.0]
        try adam.step(&x, gradient: g)
        // First step: x - lr g / (|g| + eps).
        XCTAssertEqual(x[0], 1 - 0.01 * 0.5 / (0.5 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(x[1], 2 + 0.01 * 2 / (2 + 1e-8), accuracy: 1e-15)
        XCTAssertEqual(x[2], 3)
        try adam.step(&x, gradient: g)
        XCTAssertEqual(adam.steps, 2)
        XCTAssertThrowsError(try adam.step(&x, gradient: [1]))
        XCTAssertThrowsError(try adam.step(&x, gradient: [.nan, 0, 0]))
    }

    /// The point-cloud example, small: a few Adam steps lower the loss.
    func testAdamOnTheExampleLossLowersIt() throws {
        var cloud = try Self.annulusWithCentre(ring: 30, centre: 10, seed: 1)
        let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.1), degree: 1,
                                                    loss: SignedL1Loss(normalization: .atoms))
        var adam = AdamOptimizer(count: cloud.coordinates.count, learningRate: 0.01)
        var losses: [Double] = []
        for _ in 0..<10 {
            let e = try objective.evaluate(cloud)
            losses.append(e.value)
            var x = cloud.coordinates
            try adam.step(&x, gradient: e.pointGradient)
            cloud = try PointCloud(count: cloud.count, dimension: 2, coordinates: x)
        }
        losses.append(try objective.evaluate(cloud).value)
        XCTAssertLessThan(losses.last ?? 0, losses[0], "\(losses)")
    }

    /// The paper's example at full size (300 + 100 points, 100 Adam steps);
    /// TDA_LONG_TESTS=1 to run it. Prints the loss curve and time per step.
    func testLongAnnulusOptimisation() throws {
        guard ProcessInfo.processInfo.environment["TDA_LONG_TESTS"] == "1" else { throw XCTSkip("TDA_LONG_TESTS=1 to run") }
        var cloud = try Self.annulusWithCentre(ring: 300, centre: 100, seed: 1)
        let objective = PointCloudSignedMeasureLoss(function: .gaussianCodensity(bandwidth: 0.1), degree: 1,
                                                    loss: SignedL1Loss(normalization: .atoms))
        var adam = AdamOptimizer(count: cloud.coordinates.count, learningRate: 0.01)
        var losses: [Double] = []
        let start = Date()
        for step in 0..<100 {
            let e = try objective.evaluate(cloud)
            losses.append(e.value)
            print("step \(step) loss \(e.value) atoms \(e.measure.count)")
            var x = cloud.coordinates
            try adam.step(&x, gradient: e.pointGradient)
            cloud = try PointCloud(count: cloud.count, dimension: 2, coordinates: x)
        }
        print("seconds per step", Date().timeIntervalSince(start) / 100)
        XCTAssertLessThan(losses.last ?? 0, losses[0])
    }
}
