import XCTest
import Complexes
import Persistence
import PointClouds

final class VineyardTests: XCTestCase {
    /// The complex with its cells listed in `order` (cell indices of `complex`).
    func reordered(_ complex: FilteredComplex, _ order: [Int]) throws -> FilteredComplex {
        var rank = [Int](repeating: 0, count: order.count)
        for (p, c) in order.enumerated() { rank[c] = p }
        var offsets = [0], indices = [Int32](), coefficients = [Int8]()
        for c in order {
            let entries = complex.boundary(of: c).map { (Int32(rank[$0.cell]), Int8($0.coefficient)) }.sorted { $0.0 < $1.0 }
            for (r, k) in entries { indices.append(r); coefficients.append(k) }
            offsets.append(indices.count)
        }
        return try FilteredComplex(dimensions: order.map { complex.dimensions[$0] }, grades: order.map { complex.grades[$0] },
                               boundaryOffsets: offsets, boundaryIndices: indices, boundaryCoefficients: coefficients)
    }

    func testTranspositionsKeepTheDecompositionAndMatchAFreshReduction() throws {
        var g = SeededGenerator(seed: 3)
        for trial in 0..<6 {
            var tree = SimplexTree()
            for _ in 0..<25 {
                let k = 1 + Int(g.next() % 3)
                var s = Set<Int>()
                while s.count < k { s.insert(Int(g.next() % 8)) }
                try tree.insert(Array(s), filtration: Double(g.next() % 5))
            }
            let complex = tree.filteredComplex()
            var vine = try Vineyard(complex)
            XCTAssertNil(vine.invariantViolation())
            var swaps = 0
            for _ in 0..<200 {
                let i = Int(g.next() % UInt64(complex.count - 1))
                let a = vine.cell(at: i), b = vine.cell(at: i + 1)
                if complex.boundary(of: b).contains(where: { $0.cell == a }) {
                    XCTAssertThrowsError(try vine.transpose(i))
                    continue
                }
                try vine.transpose(i)
                swaps += 1
                if let problem = vine.invariantViolation() { XCTFail("trial \(trial): \(problem)"); return }
            }
            let order = (0..<complex.count).map { vine.cell(at: $0) }
            let fresh = try BoundaryMatrix.reduce(reordered(complex, order), modulus: 2)
            let expected = Set(fresh.pairs.map { [order[$0.birth], order[$0.death]] })
            XCTAssertEqual(Set(vine.pairs.map { [$0.birth, $0.death] }), expected, "trial \(trial) after \(swaps) swaps")
        }
    }

    func testSwappingTwoVerticesSwitchesWhichOneDies() throws {
        // Two vertices joined by an edge: the younger vertex dies.
        var tree = SimplexTree()
        try tree.insert([0], filtration: 0); try tree.insert([1], filtration: 1); try tree.insert([0, 1], filtration: 2)
        let complex = tree.filteredComplex()
        var vine = try Vineyard(complex)
        XCTAssertEqual(vine.pairs.map(\.birth), [1])
        XCTAssertTrue(try vine.transpose(0))
        XCTAssertEqual(vine.pairs.map(\.birth), [0])
        XCTAssertEqual(vine.essentialCells, [1])
        XCTAssertThrowsError(try vine.transpose(1))  // vertex 0 is a face of the edge
    }
}
