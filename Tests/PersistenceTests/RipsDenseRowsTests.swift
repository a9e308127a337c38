import XCTest
@testable import Persistence
import PointClouds

/// The dense engine's row-major fast paths (edge cofacets, edge apparent
/// pairs, batched coboundary pushes) and the radix edge sort against the
/// generic enumerator and the comparison sort, on inputs full of ties.
final class RipsDenseRowsTests: XCTestCase {
    /// Small integers: most distances tie with many others.
    func tiedMatrix(_ n: Int, values: UInt64, seed: UInt64) throws -> DistanceMatrix {
        var g = SeededGenerator(seed: seed)
        return try DistanceMatrix(lowerTriangle: (0..<(n * (n - 1) / 2)).map { _ in Double(1 + g.next() % values) })
    }

    func barcode(_ matrix: DistanceMatrix, dimMax: Int, modulus: Int, threads: Int, rows: Bool,
                 cocycles: Bool) throws -> Barcode {
        try matrix.entries.withUnsafeBufferPointer { buffer in
            let base = try XCTUnwrap(buffer.baseAddress)
            let geometry = DenseGeometry(n: matrix.count, borrowing: base, squareLimit: rows ? DenseGeometry.squareLimit : 0)
            XCTAssertEqual(geometry.square != nil, rows)
            let reducer = try RipsReducer<DenseCofacets>(geometry: geometry, dimMax: dimMax,
                                                         threshold: matrix.enclosingRadius, modulus: modulus,
                                                         threads: threads)
            reducer.recordsCocycles = cocycles
            let edges = VietorisRips.denseEdges(matrix, threshold: matrix.enclosingRadius, reducer: reducer,
                                                threads: threads)
            return try reducer.run(edges: edges)
        }
    }

    func testRowMajorPathsGiveTheGenericBarcodesAndCocycles() throws {
        for (n, values, seed) in [(36, 3 as UInt64, 1 as UInt64), (48, 5, 2), (40, 40, 3), (52, 1000, 4)] {
            let matrix = try tiedMatrix(n, values: values, seed: seed)
            for (dimMax, modulus, threads) in [(1, 2, 1), (1, 3, 2), (2, 2, 2), (2, 5, 1)] {
                let generic = try barcode(matrix, dimMax: dimMax, modulus: modulus, threads: threads, rows: false,
                                          cocycles: true)
                let rows = try barcode(matrix, dimMax: dimMax, modulus: modulus, threads: threads, rows: true,
                                       cocycles: true)
                XCTAssertEqual(rows.bars, generic.bars, "n \(n), values \(values), dim \(dimMax), p \(modulus)")
                XCTAssertEqual(rows.cocycles, generic.cocycles, "n \(n), values \(values), dim \(dimMax)")
                XCTAssertFalse(generic.bars[1].isEmpty, "a case without H1 bars tests little")
            }
        }
    }

    func testRadixSortEqualsTheComparisonSortWithTies() {
        var g = SeededGenerator(seed: 7)
        // Index descending within each value, as denseEdges lays them out.
        let count = 5000
        var entries = (0..<count).reversed().map { k in
            DiameterEntry(diameter: [0.0, 0.5, 1.25, 1e-300, 3e10][Int(g.next() % 5)] + Double(g.next() % 3),
                          entry: Int64(k) << 1 | 1)
        }
        var expected = entries
        VietorisRips.sortEdges(&expected)
        XCTAssertTrue(radixSortByDiameter(&entries))
        XCTAssertEqual(entries.map(\.diameter), expected.map(\.diameter))
        XCTAssertEqual(entries.map(\.entry), expected.map(\.entry))
        // A negative zero or a NaN: no radix sort, the entries untouched.
        var odd = [DiameterEntry(diameter: 1, entry: 3), DiameterEntry(diameter: -0.0, entry: 1)]
        XCTAssertFalse(radixSortByDiameter(&odd))
        XCTAssertEqual(odd.map(\.entry), [3, 1])
        var nan = [DiameterEntry(diameter: .nan, entry: 3), DiameterEntry(diameter: 0, entry: 1)]
        XCTAssertFalse(radixSortByDiameter(&nan))
    }
}
