import XCTest
import Complexes
import Persistence
import PointClouds

final class SimplexTreeTests: XCTestCase {
    func testInsertAddsFacesAndLowersExistingOnes() throws {
        var tree = SimplexTree()
        XCTAssertTrue(try tree.insert([2, 0, 1], filtration: 2))
        XCTAssertEqual(tree.count, 7)
        XCTAssertFalse(try tree.insert([0, 1], filtration: 1))
        XCTAssertEqual(tree.filtration(of: [1, 0]), 1)
        XCTAssertEqual(tree.filtration(of: [0]), 1)
        XCTAssertEqual(tree.filtration(of: [2]), 2)
        XCTAssertEqual(tree.dimension, 2)
        XCTAssertThrowsError(try tree.insert([1, 1]))
        XCTAssertThrowsError(try tree.insert([]))
        XCTAssertThrowsError(try tree.insert([-1]))
    }

    func testInsertingANineSimplexAddsAllItsFacesOnce() throws {
        var tree = SimplexTree()
        try tree.insert(Array(0..<10), filtration: 1)
        XCTAssertEqual(tree.count, 1023)
        try tree.insert([3, 4], filtration: 0.5)
        XCTAssertEqual(tree.filtration(of: [4]), 0.5)
        XCTAssertEqual(tree.filtration(of: [3, 5]), 1)
        XCTAssertEqual(try tree.persistence(maxDimension: 9).count, 1)  // contractible: one essential H0 bar
    }

    func testFiltrationOrderPutsFacesFirstAndIsSortedByValue() throws {
        var tree = SimplexTree()
        try tree.insert([0, 1, 2], filtration: 1)
        try tree.insert([3], filtration: 0.5)
        let order = tree.filtration()
        XCTAssertEqual(order.first?.simplex, [3])
        XCTAssertEqual(order.last?.simplex, [0, 1, 2])
        XCTAssertEqual(order.map(\.filtration), order.map(\.filtration).sorted())
    }

    func testMakeFiltrationNonDecreasingRaisesCofaces() throws {
        var tree = SimplexTree()
        try tree.insert([0, 1], filtration: 1)
        tree.assignFiltration([0], 3)
        XCTAssertNotNil(tree.invariantViolation())
        XCTAssertTrue(tree.makeFiltrationNonDecreasing())
        XCTAssertNil(tree.invariantViolation())
        XCTAssertEqual(tree.filtration(of: [0, 1]), 3)
        XCTAssertFalse(tree.makeFiltrationNonDecreasing())
    }

    func testLowerStarTakesTheMaximumOverVertices() throws {
        var tree = SimplexTree()
        try tree.insert([0, 1, 2])
        try tree.applyLowerStar([0, 2, 1])
        XCTAssertEqual(tree.filtration(of: [0, 2]), 1)
        XCTAssertEqual(tree.filtration(of: [0, 1, 2]), 2)
        XCTAssertThrowsError(try tree.applyLowerStar([0, 1]))
    }

    func testExpansionBuildsTheFlagComplex() throws {
        var tree = SimplexTree()
        for (e, f) in [([0, 1], 1.0), ([1, 2], 2.0), ([0, 2], 3.0), ([2, 3], 1.0), ([0, 3], 1.0), ([1, 3], 1.0)] {
            try tree.insert(e, filtration: f)
        }
        tree.expand(to: 3)
        XCTAssertNil(tree.invariantViolation())
        XCTAssertEqual(tree.filtration(of: [0, 1, 2]), 3)
        XCTAssertEqual(tree.filtration(of: [0, 1, 3]), 1)
        XCTAssertEqual(tree.filtration(of: [0, 1, 2, 3]), 3)
        XCTAssertEqual(tree.count, 15)
    }

    func testHollowTriangleHasOneEssentialH1Bar() throws {
        var tree = SimplexTree()
        try tree.insert([0, 1], filtration: 1)
        try tree.insert([1, 2], filtration: 2)
        try tree.insert([0, 2], filtration: 3)
        let barcode = try tree.persistence(maxDimension: 1)
        XCTAssertEqual(barcode[1], [Bar(birth: 3, death: .infinity)])
        // Vertices enter at 1, 1, 2 and are joined at once: only the essential H0 bar is left.
        XCTAssertEqual(barcode[0], [Bar(birth: 1, death: .infinity)])
    }

    func testZeroLengthBarsAreDroppedUnlessMinPersistenceIsNegative() throws {
        // GUDHI: persistence() gives [(0, (1, inf))]; min_persistence=-1 adds (0, (1, 1)).
        var tree = SimplexTree()
        try tree.insert([0, 1], filtration: 1)
        XCTAssertEqual(try tree.persistence(maxDimension: 0)[0], [Bar(birth: 1, death: .infinity)])
        XCTAssertEqual(try tree.persistence(maxDimension: 0, minPersistence: -1)[0].sorted(),
                       [Bar(birth: 1, death: 1), Bar(birth: 1, death: .infinity)])
        XCTAssertThrowsError(try tree.persistence(modulus: 4))
    }

    func testPersistenceEqualsGUDHIOnRandomTreesAndRP2() throws {
        for c in try referenceCases("simplex_tree") {
            var tree = SimplexTree()
            for entry in (c["simplices"] as? [[Any]]) ?? [] {
                let s = (entry[0] as? [NSNumber])?.map(\.intValue) ?? []
                try tree.insert(s, filtration: real(entry[1]))
            }
            XCTAssertNil(tree.invariantViolation())
            let p = (c["modulus"] as? NSNumber)?.intValue ?? 2
            let barcode = try tree.persistence(maxDimension: tree.dimension, modulus: p)
            assertSameBars(barcode, referenceBars(c), c["name"] as? String ?? "?")
        }
    }

    func testSimplexTreePersistenceEqualsTheRipsEngine() throws {
        for seed in 0..<4 as Range<UInt64> {
            var g = SeededGenerator(seed: seed)
            let n = 14
            let rows = (0..<n).map { _ in [g.uniform(), g.uniform(), g.uniform()] }
            let cloud = try PointCloud(rows: rows)
            let distances = DistanceMatrix(cloud)
            let tree = SimplexTree.rips(count: n, maxDimension: 3) { distances[$0, $1] }
            let ours = try tree.persistence(maxDimension: 2)
            let rips = try VietorisRips(distances: distances).barcode(maxDimension: 2)
            XCTAssertEqual(ours.sorted(), rips.sorted(), "seed \(seed)")
        }
    }

    func testReductionMatrixSatisfiesRIsDTimesV() throws {
        var tree = SimplexTree()
        try tree.insert([0, 1, 2], filtration: 2)
        try tree.insert([1, 2, 3], filtration: 3)
        try tree.insert([0, 3], filtration: 1)
        let complex = tree.filteredComplex()
        for p in [2, 5] {
            let reduced = try BoundaryMatrix.reduce(complex, modulus: p, keepReductionMatrix: true)
            XCTAssertTrue(reduced.keepsReductionMatrix)
            for j in 0..<complex.count {
                var column = [Int: Int]()
                for e in try XCTUnwrap(reduced.reductionColumn(j)) {
                    for (cell, c) in complex.boundary(of: Int(e.row)) {
                        column[cell, default: 0] = ((column[cell, default: 0] + c * Int(e.coefficient)) % p + p) % p
                    }
                }
                let r = Dictionary(uniqueKeysWithValues: reduced.reducedColumn(j).map { (Int($0.row), Int($0.coefficient)) })
                XCTAssertEqual(column.filter { $0.value != 0 }, r, "column \(j) mod \(p)")
            }
        }
    }
}
