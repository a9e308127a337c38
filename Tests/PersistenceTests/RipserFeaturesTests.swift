import Foundation
import XCTest
import Persistence
import PointClouds

/// Vertex births, Ripser's input formats and greedy subsampling against
/// ripser.py 0.6.15 (references from scripts/make_ripser_features_reference.py).
final class RipserFeaturesTests: XCTestCase {
    struct Manifest: Decodable {
        struct Input: Decodable {
            var file: String
            var input: String
            var vertex_values: String?
            var subsample: Int?
        }
        struct Case: Decodable {
            var name: String
            var inputs: [Input]
            var max_dim: Int
            var threshold: Double?
            var modulus: Int
            var relative_tolerance: Double
            var counts: [Int]
        }
        struct Greedy: Decodable {
            var file: String
            var count: Int
            var idx_perm: [Int]
            var r_cover: Double
            var idx_perm_matrix: [Int]
            var r_cover_matrix: Double
        }
        var cases: [Case]
        var greedy: Greedy
    }

    static func url(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Reference/ripser_features"))
    }

    static func manifest() throws -> Manifest {
        try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url("manifest.json")))
    }

    static func bytes(_ name: String) throws -> [UInt8] { try FileInput.bytes(atPath: url(name).path) }

    /// The Rips filtration a manifest input describes, read the way `tda barcode --input` reads it.
    static func rips(_ input: Manifest.Input) throws -> (VietorisRips, GreedyPermutation?) {
        let data = try bytes(input.file)
        let nonZero = { (d: [Double]) in d.contains { $0 != 0 } ? d : nil }
        switch input.input {
        case "distance":
            let (matrix, diagonal) = try DistanceMatrix.withDiagonal(fullBytes: data)
            if let births = nonZero(diagonal) { return (try VietorisRips(distances: matrix, vertexBirths: births), nil) }
            return (VietorisRips(distances: matrix), nil)
        case "lower-distance": return (VietorisRips(distances: try DistanceMatrix(lowerTriangularBytes: data)), nil)
        case "upper-distance": return (VietorisRips(distances: try DistanceMatrix(upperTriangularBytes: data)), nil)
        case "binary": return (VietorisRips(distances: try DistanceMatrix(binaryBytes: data)), nil)
        case "dipha":
            let (matrix, diagonal) = try DistanceMatrix.withDiagonal(diphaBytes: data)
            XCTAssertNil(nonZero(diagonal))
            return (VietorisRips(distances: matrix), nil)
        case "sparse":
            let graph = try SparseDistanceMatrix(tripletBytes: data)
            return (try VietorisRips(vertexCount: graph.count, edges: graph.edges, vertexBirths: graph.diagonal), nil)
        case "point-cloud", "matrix-from-points":
            var cloud = try PointCloud(textBytes: data)
            var births = try input.vertex_values.map { try PointCloud(textBytes: bytes($0)).coordinates }
            var sample: GreedyPermutation?
            if let k = input.subsample {
                let s = input.input == "point-cloud" ? try GreedyPermutation(points: cloud, count: k)
                    : try GreedyPermutation(distances: DistanceMatrix(cloud), count: k)
                cloud = try cloud.subset(s.indices)
                births = births.map { b in s.indices.map { b[$0] } }
                sample = s
            }
            if input.input == "matrix-from-points" { return (VietorisRips(distances: DistanceMatrix(cloud)), sample) }
            if let births { return (try VietorisRips(points: cloud, vertexBirths: births), sample) }
            return (try VietorisRips(points: cloud), sample)
        default:
            throw PersistenceError.invalidParameter(name: "input", reason: input.input)
        }
    }

    func testEveryCaseEqualsRipserPy() throws {
        let manifest = try Self.manifest()
        XCTAssertEqual(manifest.cases.count, 10)
        for c in manifest.cases {
            let reference = try Barcode(csv: String(contentsOf: Self.url(c.name + ".csv"), encoding: .utf8))
            for input in c.inputs {
                let (rips, _) = try Self.rips(input)
                for options in [RipsOptions(threads: 1, collapse: .never), RipsOptions(threads: 2, collapse: .always)] {
                    let ours = try rips.barcode(maxDimension: c.max_dim, threshold: c.threshold, modulus: c.modulus,
                                                options: options)
                    let what = "\(c.name) from \(input.file) (\(input.input)), collapse \(options.collapse)"
                    assertClose(ours, reference, tolerance: c.relative_tolerance, what)
                    XCTAssertEqual((0...c.max_dim).map { ours[$0].count }, c.counts, what)
                }
            }
        }
    }

    func testSparseGraphUnderAThresholdDropsTheLongerEdges() throws {
        // All 780 pairs cut at 1.9 give the file holding only the pairs within 1.9.
        let all = try SparseDistanceMatrix(tripletBytes: Self.bytes("formats.sparse"))
        let within = try Barcode(csv: String(contentsOf: Self.url("formats_within.csv"), encoding: .utf8))
        let cut = try VietorisRips(vertexCount: all.count, edges: all.edges).barcode(maxDimension: 2, threshold: 1.9)
        assertClose(cut, within, tolerance: 0, "formats.sparse at threshold 1.9")
    }

    func testNonZeroDiagonalGivesVertexBirthsAsRipserPy() throws {
        // ripser.py's test_full_nonzerobirths: D = [[1, 3], [3, 2]] gives H0 = [2, 3) and [1, inf).
        let (d, births) = try DistanceMatrix.withDiagonal(full: [[1, 3], [3, 2]])
        let h0 = try VietorisRips(distances: d, vertexBirths: births).barcode(maxDimension: 0)[0]
        XCTAssertEqual(h0, [Bar(birth: 1, death: .infinity), Bar(birth: 2, death: 3)])
        // An edge below its vertices' births enters with the later vertex: no zero-length or negative bar.
        let low = try DistanceMatrix.withDiagonal(full: [[1, 0.5], [0.5, 2]])
        XCTAssertEqual(try VietorisRips(distances: low.matrix, vertexBirths: low.diagonal).barcode(maxDimension: 0)[0],
                       [Bar(birth: 1, death: .infinity)])
        // Births move H0 only: H1 of a square with raised vertices is the square's.
        let square = try PointCloud(rows: [[0, 0], [1, 0], [1, 1], [0, 1]])
        let plain = try VietorisRips(points: square).barcode(maxDimension: 1)
        let raised = try VietorisRips(points: square, vertexBirths: [0, 0.25, 0.5, 0.75]).barcode(maxDimension: 1)
        XCTAssertEqual(raised[1], plain[1])
        XCTAssertEqual(raised[0], [Bar(birth: 0, death: .infinity), Bar(birth: 0.25, death: 1), Bar(birth: 0.5, death: 1),
                                   Bar(birth: 0.75, death: 1)])
    }

    func testBadBirthsAndGraphsAreTypedErrors() throws {
        let d = try DistanceMatrix(lowerTriangle: [1])
        XCTAssertThrowsError(try VietorisRips(distances: d, vertexBirths: [0])) { error in
            XCTAssertEqual(error as? PersistenceError, .invalidParameter(name: "vertex births", reason: "1 values for 2 points"))
        }
        XCTAssertThrowsError(try VietorisRips(distances: d, vertexBirths: [0, .nan]))
        let e = { (i: Int32, j: Int32) in NeighborPair(i: i, j: j, distance: 1) }
        XCTAssertThrowsError(try VietorisRips(vertexCount: 2, edges: [e(0, 2)]))
        XCTAssertThrowsError(try VietorisRips(vertexCount: 2, edges: [e(1, 1)]))
        XCTAssertThrowsError(try VietorisRips(vertexCount: 3, edges: [e(0, 1), e(1, 0)])) { error in
            XCTAssertTrue("\(error)".contains("given twice"), "\(error)")
        }
        XCTAssertThrowsError(try VietorisRips(vertexCount: 2, edges: [NeighborPair(i: 0, j: 1, distance: .infinity)]))
        XCTAssertThrowsError(try SparseDistanceMatrix(tripletBytes: Array("0 1 1\n1 0 2\n".utf8))) { error in
            XCTAssertTrue("\(error)".contains("line 2"), "\(error)")
        }
        XCTAssertThrowsError(try SparseDistanceMatrix(tripletBytes: Array("0 1\n".utf8)))
        XCTAssertThrowsError(try SparseDistanceMatrix(tripletBytes: Array("0 2000000000 1\n".utf8)))
        // A huge vertex count is refused before anything is allocated for it.
        let far = try VietorisRips(vertexCount: 100_000_000, edges: [e(0, 99_999_999)])
        XCTAssertThrowsError(try far.barcode(maxDimension: 1, options: RipsOptions(memoryLimit: 100_000_000))) { error in
            guard case .tooLarge = error as? PersistenceError else { return XCTFail("\(error)") }
        }
        XCTAssertThrowsError(try SparseDistanceMatrix(tripletBytes: Array("0 -1 2\n".utf8)))
        XCTAssertThrowsError(try DistanceMatrix(binaryBytes: [0, 0, 128]))
        XCTAssertThrowsError(try DistanceMatrix(upperTriangularBytes: Array("1 2\n".utf8)))
        XCTAssertThrowsError(try DistanceMatrix.withDiagonal(diphaBytes: [UInt8](repeating: 0, count: 24)))
        var header = [UInt8](repeating: 0, count: 24)
        for (k, v) in [Int64(8_067_171_840), 7, Int64.max].enumerated() {
            for t in 0..<8 { header[8 * k + t] = UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> (8 * UInt64(t))) }
        }
        XCTAssertThrowsError(try DistanceMatrix.withDiagonal(diphaBytes: header)) { error in
            XCTAssertTrue("\(error)".contains("DIPHA header"), "\(error)")
        }
    }

    func testGreedyPermutationEqualsRipserPy() throws {
        let g = try Self.manifest().greedy
        let cloud = try PointCloud(textBytes: Self.bytes(g.file))
        let fromPoints = try GreedyPermutation(points: cloud, count: g.count)
        XCTAssertEqual(fromPoints.indices, g.idx_perm)
        XCTAssertEqual(fromPoints.coveringRadius, g.r_cover, accuracy: 1e-12)
        let fromMatrix = try GreedyPermutation(distances: DistanceMatrix(cloud), count: g.count)
        XCTAssertEqual(fromMatrix.indices, g.idx_perm_matrix)
        XCTAssertEqual(fromMatrix.coveringRadius, g.r_cover_matrix, accuracy: 1e-12)
        // The radii shrink, and the last is the largest distance to the sample.
        XCTAssertEqual(fromPoints.coveringRadii, fromPoints.coveringRadii.sorted(by: >))
        let d = DistanceMatrix(cloud)
        let far = (0..<cloud.count).map { i in fromPoints.indices.map { d[i, $0] }.min()! }.max()!
        XCTAssertEqual(far, fromPoints.coveringRadius)
        XCTAssertThrowsError(try GreedyPermutation(points: cloud, count: cloud.count + 1))
        XCTAssertThrowsError(try GreedyPermutation(points: cloud, count: 0))
        XCTAssertEqual(try GreedyPermutation(points: cloud, count: cloud.count).coveringRadius, 0)
    }

    /// Rips stability: the subsample's barcode is within 2 r_cover of the
    /// full one in bottleneck distance, in every dimension (noisy circle).
    func testSubsampleBarcodeIsWithinTwiceTheCoveringRadius() throws {
        var rng = SeededGenerator(seed: 16)
        let rows = (0..<250).map { _ -> [Double] in
            let t = 2 * Double.pi * rng.uniform()
            return [cos(t) + 0.08 * rng.normal(), sin(t) + 0.08 * rng.normal()]
        }
        let cloud = try PointCloud(rows: rows)
        let full = try VietorisRips(points: cloud).barcode(maxDimension: 1, options: RipsOptions(threads: 2))
        for k in [20, 40, 80] {
            let sample = try GreedyPermutation(points: cloud, count: k)
            let sub = try VietorisRips(points: cloud.subset(sample.indices)).barcode(maxDimension: 1)
            for dim in 0...1 {
                let distance = bottleneckDistance(full[dim], sub[dim])
                XCTAssertLessThanOrEqual(distance, 2 * sample.coveringRadius, "k = \(k), H\(dim)")
                XCTAssertGreaterThan(distance, 0, "k = \(k), H\(dim): the bound is not vacuous")
            }
            // The circle's loop survives once the sample is dense enough: one H1 bar longer than 4 r_cover.
            if k >= 40 { XCTAssertEqual(sub[1].filter { $0.persistence > 4 * sample.coveringRadius }.count, 1, "k = \(k)") }
        }
    }

    /// Equal multisets of bars up to a relative tolerance (0: exactly equal).
    func assertClose(_ a: Barcode, _ b: Barcode, tolerance: Double, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        func close(_ u: Double, _ v: Double) -> Bool { u == v || abs(u - v) <= tolerance * max(1, abs(v)) }
        for d in 0...max(a.maxDimension, b.maxDimension) {
            var theirs = b[d].sorted()
            let ours = a[d].sorted()
            guard ours.count == theirs.count else {
                return XCTFail("\(what): H\(d) has \(ours.count) bars, expected \(theirs.count)", file: file, line: line)
            }
            for p in ours {
                guard let k = theirs.firstIndex(where: { close(p.birth, $0.birth) && close(p.death, $0.death) }) else {
                    return XCTFail("\(what): H\(d) bar \(p) has no match", file: file, line: line)
                }
                theirs.remove(at: k)
            }
        }
    }
}
