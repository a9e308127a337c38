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

extension VineyardTests {
    /// Random values walked to by `reorder(toValues:)` (cells grouped by
    /// dimension, as MMA uses it): the decomposition stays valid, the pairs
    /// equal a fresh reduction's and every bar matches the pairing.
    func testReorderToValuesMatchesFreshReductions() throws {
        var g = SeededGenerator(seed: 11)
        for trial in 0..<5 {
            var tree = SimplexTree()
            for _ in 0..<40 {
                let k = 1 + Int(g.next() % 4)
                var s = Set<Int>()
                while s.count < k { s.insert(Int(g.next() % 9)) }
                try tree.insert(Array(s), filtration: 0)
            }
            let complex = tree.filteredComplex()
            let n = complex.count
            func sortedOrder(_ values: [Double]) -> [Int] {
                (0..<n).sorted { a, b in
                    let da = complex.dimensions[a], db = complex.dimensions[b]
                    if da != db { return da < db }
                    if values[a] != values[b] { return values[a] < values[b] }
                    return a < b
                }
            }
            var values = (0..<n).map { _ in Double(g.next() % 1000) / 1000 }
            var vine = try Vineyard(complex, firstOrder: sortedOrder(values))
            XCTAssertNil(vine.invariantViolation())
            let bars = vine.barCount
            for step in 0..<15 {
                for c in 0..<n where g.next() % 3 == 0 { values[c] = Double(g.next() % 1000) / 1000 }
                vine.reorder(toValues: values)
                if let problem = vine.invariantViolation() { XCTFail("trial \(trial) step \(step): \(problem)"); return }
                XCTAssertEqual(vine.barCount, bars)
                let order = vine.cellOrder
                for p in 1..<n where complex.dimensions[order[p]] == complex.dimensions[order[p - 1]] {
                    XCTAssertLessThanOrEqual(values[order[p - 1]], values[order[p]])
                }
                let fresh = try BoundaryMatrix.reduce(reordered(complex, order), modulus: 2)
                let expected: Set<[Int]> = Set(fresh.pairs.map { [order[$0.birth], order[$0.death]] })
                let got: Set<[Int]> = Set(vine.pairs.map { [$0.birth, $0.death] })
                XCTAssertEqual(got, expected)
            }
        }
    }

    /// Two essential vertices swapped keep their bars (the bars follow the
    /// cells); a switch keeps the bars' places in the order.
    func testBarIdentity() throws {
        var tree = SimplexTree()
        try tree.insert([0], filtration: 0); try tree.insert([1], filtration: 0); try tree.insert([2], filtration: 0)
        try tree.insert([0, 1], filtration: 0)
        let complex = tree.filteredComplex()
        let e = (0..<complex.count).first { complex.dimensions[$0] == 1 }!
        let v = (0..<complex.count).filter { complex.dimensions[$0] == 0 }
        var vine = try Vineyard(complex, firstOrder: v + [e])
        // Bars in first-order birth order: v0 (essential), v1 (dies at the edge), v2 (essential).
        XCTAssertEqual(vine.bar(0).birth, v[0]); XCTAssertNil(vine.bar(0).death)
        XCTAssertEqual(vine.bar(1).birth, v[1]); XCTAssertEqual(vine.bar(1).death, e)
        XCTAssertTrue(try vine.transpose(0))   // v1 first: now v0 dies; bar 1 keeps its place
        XCTAssertEqual(vine.bar(1).birth, v[0]); XCTAssertEqual(vine.bar(1).death, e)
        XCTAssertEqual(vine.bar(0).birth, v[1])
        XCTAssertFalse(try vine.transpose(1))  // v0 (paired) past v2 (essential): no switch
        XCTAssertEqual(vine.bar(1).birth, v[0])
        XCTAssertFalse(try vine.transpose(0))  // v1, v2 both essential: they keep their bars
        XCTAssertEqual(vine.bar(0).birth, v[1]); XCTAssertEqual(vine.bar(2).birth, v[2])
        XCTAssertNil(vine.invariantViolation())
    }
}
