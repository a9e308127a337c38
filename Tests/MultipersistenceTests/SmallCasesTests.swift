import XCTest
import Complexes
import Multipersistence

/// The small cases with known answers of MULTIPERSISTENCE.md.
final class SmallCasesTests: XCTestCase {
    /// Two vertices at (0,1) and (1,0), edge at (1,1).
    func twoVertices() throws -> FilteredComplex {
        try FilteredComplex(dimensions: [0, 0, 1], grades: [0, 1, 1, 0, 1, 1], parameterCount: 2,
                            boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1], boundaryCoefficients: [-1, 1])
    }

    func atoms(_ m: SignedMeasure) -> [[Double]] {
        (0..<m.count).map { Array(m[$0]) + [Double(m.weights[$0])] }
    }

    func testTwoVerticesH0AndEulerAreTwoBirthsAndOneMerge() throws {
        let c = try twoVertices()
        let h0 = try SignedMeasure.hilbert(c, degrees: [0])[0]
        XCTAssertEqual(atoms(h0), [[0, 1, 1], [1, 0, 1], [1, 1, -1]])
        let chi = try SignedMeasure.euler(c)
        XCTAssertEqual(atoms(chi), [[0, 1, 1], [1, 0, 1], [1, 1, -1]])
    }

    func testMassDefaultMakesTotalMassZero() throws {
        let c = try twoVertices()
        let h0 = try SignedMeasure.hilbert(c, degrees: [0], options: SignedMeasureOptions(massDefault: .infinity))[0]
        XCTAssertEqual(h0.totalMass, 0)
        let chi = try SignedMeasure.euler(c, massDefault: .auto)
        XCTAssertEqual(chi.totalMass, 0)
    }

    func testFilledSquareHasOneH1AtomPairAndRankRectangles() throws {
        // Square 0-1-2-3 at (1,1), diagonal 02 and triangles 012, 023 at (3,3).
        // Cells: v0..v3, e01 e12 e23 e03 e02, t012 t023.
        let dims: [Int8] = [0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]
        var grades: [Double] = []
        for _ in 0..<4 { grades += [0, 0] }
        for _ in 0..<4 { grades += [1, 1] }
        grades += [3, 3, 3, 3, 3, 3]
        let offsets = [0, 0, 0, 0, 0, 2, 4, 6, 8, 10, 13, 16]
        let indices: [Int32] = [0, 1, 1, 2, 2, 3, 0, 3, 0, 2, 4, 5, 8, 6, 7, 8]
        let coefficients: [Int8] = [-1, 1, -1, 1, -1, 1, -1, 1, -1, 1, 1, 1, -1, 1, -1, -1]
        let c = try FilteredComplex(dimensions: dims, grades: grades, parameterCount: 2, boundaryOffsets: offsets,
                                    boundaryIndices: indices, boundaryCoefficients: coefficients)
        let h = try SignedMeasure.hilbert(c, degrees: [0, 1])
        XCTAssertEqual(atoms(h[0]), [[0, 0, 4], [1, 1, -3]])
        XCTAssertEqual(atoms(h[1]), [[1, 1, 1], [3, 3, -1]])
        let r = try SignedMeasure.rank(c, degree: 1)
        XCTAssertEqual(atoms(r), [[1, 1, 3, 3, -1], [1, 1, 3, .infinity, 1], [1, 1, .infinity, 3, 1]])
        XCTAssertEqual(r.rank([1, 1], [1, 3]), 1)
        XCTAssertEqual(r.rank([1, 1], [3, 3]), 0)
    }

    func testGridSqueezesToTheNearestValueTiesToTheLower() throws {
        let grid = try Grid(values: [[0, 2, 4, 8], [0, 3, 6, 9], [0, 4, 8, 16]])
        XCTAssertEqual(grid.squeeze([1, 7, 5]), [0, 2, 1])
        XCTAssertEqual(grid.pushUp(7, parameter: 1), 3)
    }

    func testInvalidComplexIsRefused() {
        XCTAssertThrowsError(try FilteredComplex(dimensions: [0, 1], grades: [0, 1], boundaryOffsets: [0, 0, 2],
                                                 boundaryIndices: [0, 5], boundaryCoefficients: [1, 1]))
        XCTAssertThrowsError(try FilteredComplex(dimensions: [0, 0, 1], grades: [0, 0, 2, 2, 1, 1], parameterCount: 2,
                                                 boundaryOffsets: [0, 0, 0, 2], boundaryIndices: [0, 1],
                                                 boundaryCoefficients: [-1, 1]))
    }
}
