import XCTest
import Complexes
import Multipersistence
import PointClouds

/// Identities every signed measure satisfies, on random function-Rips bifiltrations.
final class InvariantTests: XCTestCase {
    static func randomComplex(seed: UInt64, count: Int = 12) throws -> FilteredComplex {
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
            let c = try Self.randomComplex(seed: UInt64(seed))
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
        let c = try Self.randomComplex(seed: 9, count: 9)
        let h1 = try SignedMeasure.hilbert(c, degrees: [1], grid: .regular(6))[0]
        let r1 = try SignedMeasure.rank(c, degree: 1, grid: .regular(6), options: SignedMeasureOptions(threads: 2))
        let grid = try Grid(for: c, strategy: .regular(6))
        for x0 in grid.values[0] { for x1 in grid.values[1] {
            XCTAssertEqual(r1.rank([x0, x1], [x0, x1]), h1.mass(below: [x0, x1]))
        }}
    }

    func testThreadCountNeverChangesTheMeasure() throws {
        let c = try Self.randomComplex(seed: 4)
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

/// The dense tensors agree with the measures they integrate.
final class DenseTensorTests: XCTestCase {
    func testHilbertFunctionAndRankInvariantTensors() throws {
        // Ten points on the unit circle with random function values: the Rips
        // complex has its loop for radii in [0.62, 1.62) (Adamaszek), so the
        // 7 x 7 grid meets H1 at the top function values.
        var state: UInt64 = 11
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let angles = (0..<10).map { 2 * Double.pi * (Double($0) + 0.1 * next()) / 10 }
        let cloud = try PointCloud(rows: angles.map { [cos($0), sin($0)] })
        let complex = try Bifiltration.functionRips(points: cloud, functions: [angles.map { _ in next() }], maxDimension: 2)
        let grid = try Grid(for: complex, strategy: .regular(7))
        let squeezed = try SqueezedComplex(complex, grid: grid)
        let h1 = try SignedMeasure.hilbert(squeezed, degrees: [1])[0]
        let dense = try SignedMeasure.hilbertFunction(squeezed, degree: 1)
        XCTAssertEqual(dense.shape, [7, 7])
        let rank = try SignedMeasure.rankInvariant(squeezed, degree: 1)
        XCTAssertEqual(rank.shape, [7, 7, 7, 7])
        let rankMeasure = try SignedMeasure.rank(squeezed, degree: 1)
        var nonZero = 0
        for i in 0..<7 { for j in 0..<7 {
            let x = [grid.values[0][i], grid.values[1][j]]
            XCTAssertEqual(Int(dense[[i, j]]), h1.mass(below: x), "H at \(x)")
            XCTAssertEqual(rank[[i, j, i, j]], dense[[i, j]], "rk(x <= x) = H(x)")
            if dense[[i, j]] != 0 { nonZero += 1 }
            for k in i..<7 { for l in j..<7 {
                let y = [grid.values[0][k], grid.values[1][l]]
                XCTAssertEqual(Int(rank[[i, j, k, l]]), rankMeasure.rank(x, y), "rk(\(x) <= \(y))")
            }}
        }}
        XCTAssertGreaterThan(nonZero, 0, "the circle's loop is on the grid")
        XCTAssertThrowsError(try rankMeasure.integrated(on: grid))
        XCTAssertThrowsError(try h1.integrated(on: grid, memoryLimit: 8))
    }
}
