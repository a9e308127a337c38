import Foundation
import XCTest
@testable import Persistence
import PointClouds

/// Point sets with known homology, made by formula (no files, no ../shared).
enum Shapes {
    static func circle(_ n: Int, radius: Double = 1) -> [[Double]] {
        (0..<n).map { k in
            let t = 2 * Double.pi * Double(k) / Double(n)
            return [radius * cos(t), radius * sin(t)]
        }
    }

    /// Fibonacci points on the unit 2-sphere.
    static func sphere(_ n: Int) -> [[Double]] {
        let golden = Double.pi * (3 - 5.0.squareRoot())
        return (0..<n).map { k in
            let z = 1 - 2 * (Double(k) + 0.5) / Double(n)
            let r = (1 - z * z).squareRoot()
            let t = golden * Double(k)
            return [r * cos(t), r * sin(t), z]
        }
    }

    /// The flat (Clifford) torus in R^4 on an a x b grid.
    static func cliffordTorus(_ a: Int, _ b: Int) -> [[Double]] {
        var points: [[Double]] = []
        for i in 0..<a {
            for j in 0..<b {
                let s = 2 * Double.pi * Double(i) / Double(a), t = 2 * Double.pi * Double(j) / Double(b)
                points.append([cos(s), sin(s), cos(t), sin(t)])
            }
        }
        return points
    }

    /// Two unit circles touching at the origin (a wedge, figure eight).
    static func figureEight(_ n: Int) -> [[Double]] {
        var points: [[Double]] = []
        for k in 0..<n {
            let t = 2 * Double.pi * Double(k) / Double(n)
            points.append([1 - cos(t), sin(t)])
            if k != 0 { points.append([cos(t) - 1, sin(t)]) }
        }
        return points
    }

    /// The real projective plane: unit vectors of the upper hemisphere with
    /// d(x, y) = min(|x - y|, |x + y|).
    static func projectivePlane(_ n: Int) throws -> DistanceMatrix {
        let points = sphere(2 * n).filter { $0[2] > 0 }
        var rows = [[Double]](repeating: [Double](repeating: 0, count: points.count), count: points.count)
        for i in 0..<points.count {
            for j in 0..<points.count where i != j {
                let a = points[i], b = points[j]
                let minus = zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
                let plus = zip(a, b).map { ($0 + $1) * ($0 + $1) }.reduce(0, +).squareRoot()
                rows[i][j] = min(minus, plus)
            }
        }
        return try DistanceMatrix(full: rows)
    }
}

final class RipsAnalyticTests: XCTestCase {
    func long(_ bars: [Bar], _ minimum: Double) -> [Bar] { bars.filter { $0.persistence > minimum } }

    func testCircleHasOneLongH1Bar() throws {
        let barcode = try VietorisRips(points: PointCloud(rows: Shapes.circle(40))).barcode(maxDimension: 1)
        XCTAssertEqual(barcode[1].count, 1)
        let bar = try XCTUnwrap(barcode[1].first)
        XCTAssertEqual(bar.birth, 2 * sin(Double.pi / 40), accuracy: 1e-12)  // the chord between neighbours
        XCTAssertGreaterThan(bar.persistence, 1.4)
        // H0: one essential bar, 39 bars dying at the chord length.
        XCTAssertEqual(barcode[0].filter(\.isEssential).count, 1)
        XCTAssertEqual(barcode[0].count, 40)
    }

    func testSphereHasOneH2Bar() throws {
        let barcode = try VietorisRips(points: PointCloud(rows: Shapes.sphere(40))).barcode(maxDimension: 2)
        XCTAssertEqual(long(barcode[2], 0.5).count, 1)
        XCTAssertEqual(long(barcode[1], 0.5).count, 0)
    }

    func testTorusHasTwoLongH1BarsAndOneH2Bar() throws {
        let barcode = try VietorisRips(points: PointCloud(rows: Shapes.cliffordTorus(9, 9))).barcode(maxDimension: 2)
        // The grid's squares give short H1 bars (persistence 0.28); the torus's
        // two circles and its 2-cycle last about 1.
        XCTAssertEqual(long(barcode[1], 0.5).count, 2)
        XCTAssertEqual(long(barcode[2], 0.5).count, 1)
    }

    func testWedgeOfCirclesHasTwoH1Bars() throws {
        let barcode = try VietorisRips(points: PointCloud(rows: Shapes.figureEight(24))).barcode(maxDimension: 1)
        XCTAssertEqual(long(barcode[1], 0.5).count, 2)
    }

    func testProjectivePlaneShowsTorsionOverZ2ButNotZ3() throws {
        let rips = VietorisRips(distances: try Shapes.projectivePlane(30))
        let z2 = try rips.barcode(maxDimension: 2, modulus: 2)
        let z3 = try rips.barcode(maxDimension: 2, modulus: 3)
        // Over Z/2: H1 = H2 = Z/2 for a long range; over Z/3 both vanish
        // (the longest H1 bar over Z/3 has persistence 0.28 here).
        XCTAssertEqual(long(z2[1], 0.3).count, 1)
        XCTAssertEqual(long(z2[2], 0.3).count, 1)
        XCTAssertEqual(long(z3[1], 0.3).count, 0)
        XCTAssertEqual(long(z3[2], 0.3).count, 0)
        // H0 does not depend on the field.
        XCTAssertEqual(z2[0], z3[0])
    }

    func testThresholdBelowEnclosingRadiusGivesEssentialBars() throws {
        let rips = try VietorisRips(points: PointCloud(rows: Shapes.circle(30)))
        let barcode = try rips.barcode(maxDimension: 1, threshold: 1.0)
        XCTAssertEqual(barcode[1].filter(\.isEssential).count, 1)
        XCTAssertEqual(barcode[0].filter(\.isEssential).count, 1)
    }

    func testSparseAndDenseEnginesGiveTheSameBarsByValue() throws {
        // Deterministic jittered points in the unit cube.
        let rows = (0..<60).map { k -> [Double] in
            let x = Double((k * 7919) % 101) / 101, y = Double((k * 104729) % 97) / 97
            return [x, y, Double((k * 31) % 13) / 13]
        }
        let matrix = DistanceMatrix(try PointCloud(rows: rows))
        let n = matrix.count
        let maxDistance = try XCTUnwrap(matrix.entries.max())
        let never = RipsOptions(collapse: .never)
        // The dense engine: the matrix at its largest entry (no edge is dropped, so no sparse lists).
        let dense = try VietorisRips(distances: matrix).barcode(maxDimension: 2, threshold: maxDistance, options: never)
        // The sparse engine: the same complex given as the complete weighted graph.
        var edges: [NeighborPair] = []
        for i in 1..<n { for j in 0..<i { edges.append(NeighborPair(i: Int32(i), j: Int32(j), distance: matrix[i, j])) } }
        let graph = try VietorisRips(vertexCount: n, edges: edges)
        let sparse = try graph.barcode(maxDimension: 2, options: never)
        let collapsed = try graph.barcode(maxDimension: 2, options: RipsOptions(collapse: .always))
        XCTAssertFalse(dense[1].isEmpty, "the case must have H1 bars to compare")
        XCTAssertFalse(dense[2].isEmpty, "the case must have H2 bars to compare")
        for d in 0...2 {
            // Equal births and deaths, bar for bar (both sorted), not only equal counts.
            XCTAssertEqual(dense[d], sparse[d], "dimension \(d): dense and sparse engines differ")
            XCTAssertEqual(dense[d], collapsed[d], "dimension \(d): the collapsed sparse engine differs")
        }
        // Under a threshold below the largest entry (the sparse lists) the bars agree with
        // the graph cut at that threshold, and without one (enclosing radius) the finite bars agree.
        let cut = maxDistance * 0.6
        let thresholded = try VietorisRips(distances: matrix).barcode(maxDimension: 2, threshold: cut, options: never)
        let graphCut = try graph.barcode(maxDimension: 2, threshold: cut, options: never)
        for d in 0...2 { XCTAssertEqual(thresholded[d], graphCut[d], "dimension \(d) at threshold \(cut)") }
        XCTAssertEqual(try VietorisRips(distances: matrix).barcode(maxDimension: 2).finite.bars, dense.finite.bars)
    }

    func testZeroLengthBarsAreNotReported() throws {
        // Duplicate points and equilateral structure: many ties.
        let rows: [[Double]] = [[0, 0], [0, 0], [1, 0], [0.5, 0.8660254037844386], [1, 0]]
        let barcode = try VietorisRips(points: PointCloud(rows: rows)).barcode(maxDimension: 2)
        for d in 0...2 { XCTAssertTrue(barcode[d].allSatisfy { $0.death > $0.birth }) }
        XCTAssertEqual(barcode[0].count, 3)
    }

    func testBadParametersThrowTypedErrors() throws {
        let rips = try VietorisRips(points: PointCloud(rows: Shapes.circle(8)))
        XCTAssertThrowsError(try rips.barcode(modulus: 4)) { XCTAssertEqual($0 as? PersistenceError, .notPrime(4)) }
        XCTAssertThrowsError(try rips.barcode(modulus: 65537)) { XCTAssertEqual($0 as? PersistenceError, .notPrime(65537)) }
        XCTAssertThrowsError(try rips.barcode(maxDimension: -1))
        XCTAssertThrowsError(try rips.barcode(threshold: -1))
        XCTAssertThrowsError(try rips.barcode(threshold: .nan))
        // One point: one essential H0 bar, as Ripser and ripser.py give.
        let single = try VietorisRips(points: PointCloud(rows: [[1, 2]]))
        XCTAssertEqual(try single.barcode().bars, [[Bar(birth: 0, death: .infinity)], []])
    }

    func testLargePrimeModulusWorks() throws {
        let rips = try VietorisRips(points: PointCloud(rows: Shapes.circle(20)))
        XCTAssertEqual(try rips.barcode(maxDimension: 1, modulus: 65521), try rips.barcode(maxDimension: 1, modulus: 2))
    }

    func testProblemsBeyondTheMemoryLimitStopWithAnError() throws {
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let rips = try VietorisRips(points: PointCloud(rows: (0..<60).map { _ in [next(), next()] }))
        XCTAssertThrowsError(try rips.barcode(maxDimension: 4, options: RipsOptions(memoryLimit: 200_000))) { error in
            guard case .tooLarge(let message) = error as? PersistenceError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("dimension"), message)
        }
        // The distance matrix alone: 3,000 points need 36 MB.
        let many = try VietorisRips(points: PointCloud(rows: (0..<3000).map { [Double($0), 0] }))
        XCTAssertThrowsError(try many.barcode(maxDimension: 1, options: RipsOptions(memoryLimit: 10_000_000)))
        // Under a threshold only the pairs within it are stored.
        XCTAssertNoThrow(try many.barcode(maxDimension: 1, threshold: 1.5, options: RipsOptions(memoryLimit: 10_000_000)))
    }

    func testMaxDimensionBeyondWhatCanBeIndexedIsAnError() throws {
        let d = DistanceMatrix(try PointCloud(rows: (0..<3000).map { [Double($0), 0] }))
        XCTAssertThrowsError(try VietorisRips(distances: d).barcode(maxDimension: 12)) { error in
            guard case .tooLarge = error as? PersistenceError else { return XCTFail("\(error)") }
        }
    }
}

final class BarcodeTests: XCTestCase {
    func testCSVRoundTrip() throws {
        let barcode = Barcode(bars: [[Bar(birth: 0, death: 0.5), Bar(birth: 0, death: .infinity)],
                                     [Bar(birth: 0.25, death: 1.0 / 3)]])
        XCTAssertEqual(barcode.csv, "dim,birth,death\n0,0.0,0.5\n0,0.0,inf\n1,0.25,0.3333333333333333\n")
        XCTAssertEqual(try Barcode(csv: barcode.csv), barcode)
    }

    func testBettiNumbersAndFacets() {
        let barcode = Barcode(bars: [[Bar(birth: 0, death: 1), Bar(birth: 0, death: .infinity)],
                                     [Bar(birth: 0.5, death: 2)]])
        XCTAssertEqual(barcode.bettiNumbers(at: 0.75), [2, 1])
        XCTAssertEqual(barcode.bettiNumbers(at: 1), [1, 1])
        XCTAssertEqual(barcode.essential[0].count, 1)
        XCTAssertEqual(barcode.finite[0].count, 1)
        XCTAssertEqual(barcode.persistence[1], [1.5])
    }

    func testCodableRoundTrip() throws {
        let barcode = Barcode(bars: [[Bar(birth: 0, death: 2)], [Bar(birth: 1, death: 1.5)]])
        let data = try JSONEncoder().encode(barcode)
        XCTAssertEqual(try JSONDecoder().decode(Barcode.self, from: data), barcode)
    }

    func testMalformedCSVNamesTheLine() {
        XCTAssertThrowsError(try Barcode(csv: "dim,birth,death\n0,0,1\n1,x,2\n")) { error in
            XCTAssertEqual(error as? PersistenceError, .malformedBarcode(line: 3, reason: "'x' is not a finite birth"))
        }
        XCTAssertThrowsError(try Barcode(csv: "0,2,1\n", allowsBelowDiagonal: false))
        XCTAssertEqual(try Barcode(csv: "0,2,1\n")[0], [Bar(birth: 2, death: 1)])
    }
}
