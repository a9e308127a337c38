import XCTest
@testable import Complexes
import PointClouds

final class DelaunayTests: XCTestCase {
    func triangulate(_ rows: [[Double]]) -> (Delaunay, [Int32]) {
        let d = rows[0].count
        let g = ExactGeometry(dimension: d, coordinates: rows.flatMap { $0 })
        var t = Delaunay(geometry: g)
        let order = AlphaComplex.mortonOrder(rows.flatMap { $0 }, d)
        t.build(order)
        return (t, order)
    }

    func testRandomAndDegenerateTriangulationsAreDelaunay() {
        var g = SeededGenerator(seed: 11)
        var sets: [(String, [[Double]])] = []
        sets.append(("random 2D", (0..<150).map { _ in [g.uniform(), g.uniform()] }))
        sets.append(("random 3D", (0..<120).map { _ in [g.uniform(), g.uniform(), g.uniform()] }))
        var grid2: [[Double]] = [], grid3: [[Double]] = [], plane: [[Double]] = [], line: [[Double]] = [], tiny: [[Double]] = []
        for i in 0..<49 { grid2.append([Double(i % 7), Double(i / 7)]) }
        for i in 0..<64 { grid3.append([Double(i % 4), Double(i / 4 % 4), Double(i / 16)]) }
        for _ in 0..<30 { let x = g.uniform(), y = g.uniform(); plane.append([x, y, x - 2 * y]) }
        for i in 0..<12 { line.append([Double(i), 2 * Double(i), 0.5]) }
        for _ in 0..<40 { tiny.append([1e-200 * g.uniform(), 1e-200 * g.uniform(), 1e-200 * g.uniform()]) }
        sets += [("grid 2D", grid2), ("grid 3D", grid3), ("coplanar 3D", plane), ("collinear 3D", line), ("tiny scale 3D", tiny)]
        for (name, rows) in sets {
            let (t, order) = triangulate(rows)
            XCTAssertNil(t.invariantViolation(points: order), name)
        }
    }

    func testIntrinsicDimensionFollowsTheAffineHull() {
        XCTAssertEqual(triangulate([[0, 0, 0], [1, 1, 1], [2, 2, 2], [5, 5, 5]]).0.k, 1)
        XCTAssertEqual(triangulate([[0, 0, 1], [1, 0, 1], [0, 1, 1], [1, 1, 1]]).0.k, 2)
        XCTAssertEqual(triangulate([[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]).0.k, 3)
    }

    func testExactRadiiAreTheCorrectlyRoundedRationals() {
        // Expected values: Python's float(Fraction(...)) of the exact rational
        // with the binary inputs (correctly rounded).
        let g = ExactGeometry(dimension: 2, coordinates: [0.1, 0, 0.3, 0, 0.1, 0.7, 0.35, 0.2, 0.9, 0.45])
        XCTAssertEqual(g.squaredRadius(Verts([0, 1]), exact: true), 0.009999999999999998)
        XCTAssertEqual(g.squaredRadius(Verts([2, 3, 4]), exact: true), 0.1758659122085048)
    }

    func testDoubleDoubleRadiiEqualTheGMPOnesBitForBit() {
        var g = SeededGenerator(seed: 99)
        for d in [2, 3] {
            // Random points, plus near-degenerate ones (tiny offsets from a line).
            var xs: [Double] = []
            for _ in 0..<200 { for _ in 0..<d { xs.append(g.uniform() * 10 - 5) } }
            for i in 0..<100 { let t = g.uniform(); for c in 0..<d { xs.append(t * Double(c + 1) + (i % 2 == 0 ? 1e-9 : 1e-14) * g.uniform()) } }
            let geometry = ExactGeometry(dimension: d, coordinates: xs)
            let n = xs.count / d
            var proved = 0, total = 0
            for _ in 0..<3000 {
                let m = 1 + Int(g.next() % UInt64(d))
                var ids = Set<Int32>()
                let pool = g.next() % 2 == 0 ? 0..<200 : 200..<n
                while ids.count < m + 1 { ids.insert(Int32(pool.lowerBound + Int(g.next() % UInt64(pool.count)))) }
                let v = Verts(Array(ids))
                total += 1
                if let fast = geometry.squaredRadiusFiltered(v) {
                    proved += 1
                    XCTAssertEqual(fast, geometry.squaredRadiusGMP(v), "simplex \(v.array)")
                }
            }
            XCTAssertGreaterThan(proved, total / 2)
        }
    }
}
