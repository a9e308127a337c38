import XCTest
import Complexes
import Multipersistence
import PointClouds

/// Identities every signed measure satisfies, on random function-Rips bifiltrations.
final class InvariantTests: XCTestCase {
    func randomComplex(seed: UInt64, count: Int = 12) throws -> FilteredComplex {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let cloud = try PointCloud(rows: (0..<count).map { _ in [next(), next()] })
        let f = (0..<count).map { _ in next() }
        let complex = try Bifiltration.functionRips(points: cloud, functions: [f], maxDimension: 2)
        try complex.validate()
        return complex
    }

    func testTotalMassIsTheBettiNumberAndEulerIsTheAlternatingSum() throws {
        for seed in 1...3 {
            let c = try randomComplex(seed: UInt64(seed))
            let grid = try Grid(for: c, strategy: .exact)
            let h = try SignedMeasure.hilbert(c, degrees: [0, 1, 2], grid: .exact, options: SignedMeasureOptions(threads: 2))
            XCTAssertEqual(h[0].totalMass, 1)   // the full complex is connected
            XCTAssertEqual(h[1].totalMass, 0)   // and a full flag complex: contractible to dimension 1
            let chi = try SignedMeasure.euler(c)
            // Compare the functions on every grid point.
            for x0 in grid.values[0].enumerated() where x0.offset % 7 == 0 {
                for x1 in grid.values[1] {
                    let x = [x0.element, x1]
                    XCTAssertEqual(chi.mass(below: x), h[0].mass(below: x) - h[1].mass(below: x) + h[2].mass(below: x))
                }
            }
        }
    }

    func testRankOnTheDiagonalIsTheHilbertFunction() throws {
        let c = try randomComplex(seed: 9, count: 9)
        let h1 = try SignedMeasure.hilbert(c, degrees: [1], grid: .regular(6))[0]
        let r1 = try SignedMeasure.rank(c, degree: 1, grid: .regular(6), options: SignedMeasureOptions(threads: 2))
        let grid = try Grid(for: c, strategy: .regular(6))
        for x0 in grid.values[0] { for x1 in grid.values[1] {
            XCTAssertEqual(r1.rank([x0, x1], [x0, x1]), h1.mass(below: [x0, x1]))
        }}
    }

    func testThreadCountNeverChangesTheMeasure() throws {
        let c = try randomComplex(seed: 4)
        let a = try SignedMeasure.hilbert(c, degrees: [0, 1], options: SignedMeasureOptions(threads: 1))
        let b = try SignedMeasure.hilbert(c, degrees: [0, 1], options: SignedMeasureOptions(threads: 2))
        XCTAssertEqual(a, b)
    }

    func testBadInputsThrow() throws {
        let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0, 1]])
        XCTAssertThrowsError(try Bifiltration.functionRips(points: cloud, functions: [[0, 1]]))
        XCTAssertThrowsError(try Bifiltration.functionRips(points: cloud, functions: [[0, .nan, 1]]))
        let c = try Bifiltration.functionRips(points: cloud, functions: [[0, 1, 2]])
        XCTAssertThrowsError(try SignedMeasure.hilbert(c, degrees: [1], grid: .regular(0)))
        XCTAssertThrowsError(try SignedMeasure.hilbert(c, degrees: [1], grid: .regular(1_000_000_000)))
        let c3 = try Bifiltration.functionRips(points: cloud, functions: [[0, 1, 2], [2, 1, 0]])
        XCTAssertThrowsError(try SignedMeasure.rank(c3, degree: 1))
        XCTAssertThrowsError(try Bifiltration.functionRips(points: cloud, functions: [[0, 1, 2]], maxCells: 4))
    }
}
