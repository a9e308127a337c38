import XCTest
import Complexes
import Multipersistence
import PointClouds

/// The bifiltration builders: graphs, user-filled multi-filtrations (k-critical),
/// cubical images with channels, alpha with a function; and their bad inputs.
final class BuilderTests: XCTestCase {
    func testGraphIsExpandedAndEdgesRaisedAboveTheirVertices() throws {
        // A triangle graph; edge (0, 1) is given below vertex 1 and must be raised.
        let g = try Bifiltration.graph(vertexGrades: [[0, 0], [1, 0], [0, 1]],
                                       edges: [(0, 1, [0.5, 0]), (1, 2, [2, 2]), (0, 2, [1, 1])], maxDimension: 2)
        XCTAssertEqual(g.count, 7)
        XCTAssertEqual(g.dimensions.filter { $0 == 2 }.count, 1)
        let edge01 = try XCTUnwrap(g.dimensions.indices.first { g.dimensions[$0] == 1 && g.grades(of: $0) == [[1, 0]] })
        XCTAssertEqual(g.dimensions[edge01], 1)
        XCTAssertEqual(g.grades(of: 6), [[2, 2]], "the triangle enters with its last edge")
        // Euler: 3 vertices - 3 edges + 1 triangle; H1 never appears (the triangle fills it at once).
        let h1 = try SignedMeasure.hilbert(g, degrees: [1])[0]
        XCTAssertEqual(h1.count, 0)
        let euler = try SignedMeasure.euler(g)
        XCTAssertEqual(euler.totalMass, 1)
        let open = try Bifiltration.graph(vertexGrades: [[0, 0], [1, 0], [0, 1]],
                                          edges: [(0, 1, [0.5, 0]), (1, 2, [2, 2]), (0, 2, [1, 1])], maxDimension: 1)
        XCTAssertEqual(try SignedMeasure.hilbert(open, degrees: [1])[0].totalMass, 1)
    }

    func testMultiFiltrationKCriticalVertexCountsOnce() throws {
        var m = MultiFiltration(parameterCount: 2)
        try m.insert([0], grades: [[0, 1], [1, 0]])
        try m.insert([1], grade: [0, 0])
        try m.insert([0, 1], grade: [2, 2])
        XCTAssertEqual(m.count, 3)
        let complex = m.filteredComplex()
        XCTAssertTrue(complex.isMultiCritical)
        // H0 of vertex 0: births at (0,1) and (1,0), the overlap (1,1) counted once (-1).
        let h0 = try SignedMeasure.hilbert(complex, degrees: [0])[0]
        XCTAssertEqual(h0.mass(below: [1, 1]), 2)
        XCTAssertEqual(h0.mass(below: [0.5, 0.5]), 1)
        XCTAssertEqual(h0.mass(below: [2, 2]), 1)
        XCTAssertEqual(try SignedMeasure.euler(complex).mass(below: [1, 1]), 2)
        // A face inserted above its coface is lowered with it.
        var n = MultiFiltration(parameterCount: 2)
        try n.insert([0], grade: [5, 5])
        try n.insert([0, 1], grade: [1, 1])
        XCTAssertEqual(n.grades(of: [0]), [[1, 1]])
        XCTAssertNoThrow(try n.filteredComplex().validate())
        XCTAssertThrowsError(try n.insert([0, 0], grade: [1, 1]))
        XCTAssertThrowsError(try n.insert([2], grade: [1]))
        XCTAssertThrowsError(try n.insert([2], grade: [1, .nan]))
    }

    func testCubicalTwoChannelsIsLowerStarOnVertices() throws {
        // A 3 x 3 image: 9 vertices, 12 edges, 4 squares; channel 1 has a hole in the middle.
        let a = [Double](repeating: 0, count: 9)
        let b: [Double] = [0, 0, 0, 0, 1, 0, 0, 0, 0]
        let c = try Bifiltration.cubical(shape: [3, 3], channels: [a, b])
        try c.validate()
        XCTAssertEqual(c.count, 25)
        XCTAssertEqual(c.parameterCount, 2)
        let h1 = try SignedMeasure.hilbert(c, degrees: [1])[0]
        // A ring of 8 vertices at (0, 0): one class born at (0, 0), killed at (0, 1) when the centre enters.
        XCTAssertEqual(h1.mass(below: [0, 0]), 1)
        XCTAssertEqual(h1.mass(below: [0, 1]), 0)
        XCTAssertThrowsError(try Bifiltration.cubical(shape: [3, 3], channels: [a, [0, 1]]))
        XCTAssertThrowsError(try Bifiltration.cubical(shape: [3, 3], channels: []))
    }

    func testAlphaFunctionRefusesBadFunctions() throws {
        let cloud = try PointCloud(rows: [[0, 0], [1, 0], [0, 1], [1, 1.2]])
        let ok = try Bifiltration.alphaFunction(points: cloud, function: [0, 1, 2, 3])
        try ok.validate()
        XCTAssertEqual(try SignedMeasure.euler(ok).totalMass, 1, "the alpha complex of points in general position is contractible")
        XCTAssertThrowsError(try Bifiltration.alphaFunction(points: cloud, function: [0, 1]))
        XCTAssertThrowsError(try Bifiltration.alphaFunction(points: cloud, function: [0, .nan, 1, 2]))
        XCTAssertThrowsError(try Bifiltration.functionRips(points: cloud, functions: [[0, 1, 2]]))
        XCTAssertThrowsError(try Bifiltration.functionRips(points: cloud, functions: [[0, 1, .nan, 2]]))
        XCTAssertThrowsError(try Bifiltration.graph(vertexGrades: [[0], [1]], edges: [(0, 2, [1])]))
        XCTAssertThrowsError(try Bifiltration.graph(vertexGrades: [[0], [1]], edges: [(0, 1, [1, 2])]))
    }
}
