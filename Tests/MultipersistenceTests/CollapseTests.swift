import XCTest
import Complexes
import Multipersistence
import PointClouds

/// Removing strongly filtration-dominated edges keeps every Hilbert and rank
/// signed measure (the grid taken from the full complex's values).
final class CollapseTests: XCTestCase {
    func cloud(seed: UInt64, count: Int) throws -> (PointCloud, [Double]) {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let rows = (0..<count).map { _ in [next(), next()] }
        return (try PointCloud(rows: rows), (0..<count).map { _ in next() })
    }

    func testCollapseKeepsHilbertAndRankMeasures() throws {
        var removedSomething = false
        for seed in 1...6 as ClosedRange<UInt64> {
            let (points, f) = try cloud(seed: seed, count: 16 + Int(seed) * 3)
            let distances = DistanceMatrix(points)
            let threshold: Double? = seed % 2 == 0 ? distances.enclosingRadius : nil
            let full = try Bifiltration.functionRips(distances: distances, functions: [f], threshold: threshold)
            let small = try Bifiltration.functionRips(distances: distances, functions: [f], threshold: threshold, collapse: true)
            XCTAssertLessThanOrEqual(small.count, full.count)
            if small.count < full.count { removedSomething = true }
            try small.validate()
            let options = SignedMeasureOptions(threads: 2)
            // Exact grid: the collapsed complex's own values give the same atoms.
            let a = try SignedMeasure.hilbert(full, degrees: [0, 1], options: options)
            let b = try SignedMeasure.hilbert(small, degrees: [0, 1], options: options)
            XCTAssertEqual(a, b, "seed \(seed): Hilbert on the exact grid")
            // Regular grid from the full complex's values.
            let values = Bifiltration.functionRipsValues(distances: distances, functions: [f], threshold: threshold)
            let grid = try Grid(distinctValues: values, strategy: .regular(12))
            XCTAssertEqual(grid, try Grid(for: full, strategy: .regular(12)))
            let ra = try SignedMeasure.rank(SqueezedComplex(full, grid: grid), degree: 1, options: options)
            let rb = try SignedMeasure.rank(SqueezedComplex(small, grid: grid), degree: 1, options: options)
            XCTAssertEqual(ra, rb, "seed \(seed): rank H1 on a regular grid")
            let ha = try SignedMeasure.hilbert(SqueezedComplex(full, grid: grid), degrees: [1], options: options)
            let hb = try SignedMeasure.hilbert(SqueezedComplex(small, grid: grid), degrees: [1], options: options)
            XCTAssertEqual(ha, hb, "seed \(seed): Hilbert H1 on a regular grid")
        }
        XCTAssertTrue(removedSomething, "the collapse should remove edges of these clouds")
    }

    func testDominatedEdgeOfASquareWithACentre() throws {
        // A square with its centre joined to every corner at the same grade
        // and both diagonals later: each diagonal is dominated by the centre.
        let s = 1.0, d = 2.0.squareRoot()
        let distances = try DistanceMatrix(full: [
            [0, s, d, s, d / 2], [s, 0, s, d, d / 2], [d, s, 0, s, d / 2], [s, d, s, 0, d / 2], [d / 2, d / 2, d / 2, d / 2, 0]])
        let f = [Double](repeating: 0, count: 5)
        let full = try Bifiltration.functionRips(distances: distances, functions: [f], maxDimension: 1)
        let small = try Bifiltration.functionRips(distances: distances, functions: [f], maxDimension: 1, collapse: true)
        XCTAssertEqual(full.dimensions.filter { $0 == 1 }.count, 10)
        XCTAssertLessThan(small.dimensions.filter { $0 == 1 }.count, 10)
        XCTAssertFalse(small.grades.contains(d), "the diagonals are removed")
        XCTAssertEqual(try SignedMeasure.hilbert(small, degrees: [0])[0].totalMass, 1)
    }
}
