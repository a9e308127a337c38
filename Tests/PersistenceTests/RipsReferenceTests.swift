import Foundation
import XCTest
import Persistence
import PointClouds

/// Barcodes equal those of the anchors on the project's data sets: GUDHI
/// (float64, as we are: tolerance 1e-12) on every case it can compute,
/// ripser.py (float32 distances: tolerance 1e-6) on the 600-point torus. The
/// reference files and their manifest come from scripts/make_rips_reference.py,
/// which also checks that the anchors agree with each other.
final class RipsReferenceTests: XCTestCase {
    struct Manifest: Decodable {
        struct Case: Decodable {
            var name: String
            var input: String
            var input_kind: String
            var max_dim: Int
            var threshold: Double?
            var modulus: Int
            var anchor: String
            var relative_tolerance: Double
            var counts: [Int]
        }
        var cases: [Case]
    }

    /// The repository root, from this file's path (Tests/PersistenceTests/...).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func referenceURL(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Reference"))
    }

    /// Cases slower than a few seconds in a debug build run with TDA_LONG_TESTS=1.
    static let longCases: Set<String> = ["torus"]

    func testBarcodesEqualTheAnchorsOnEveryReferenceCase() throws {
        let data = try Data(contentsOf: Self.referenceURL("manifest.json"))
        let manifest = try JSONDecoder().decode(Manifest.self, from: data)
        XCTAssertGreaterThanOrEqual(manifest.cases.count, 11)
        let long = ProcessInfo.processInfo.environment["TDA_LONG_TESTS"] != nil
        for c in manifest.cases {
            if Self.longCases.contains(c.name) && !long { continue }
            let path = Self.root.appendingPathComponent(c.input).path
            let bytes = try FileInput.bytes(atPath: path)
            let rips: VietorisRips
            switch c.input_kind {
            case "point-cloud": rips = try VietorisRips(points: PointCloud(textBytes: bytes), threads: 2)
            case "lower-distance": rips = VietorisRips(distances: try DistanceMatrix(lowerTriangularBytes: bytes))
            default: return XCTFail("unknown input kind \(c.input_kind)")
            }
            let ours = try rips.barcode(maxDimension: c.max_dim, threshold: c.threshold, modulus: c.modulus,
                                        options: RipsOptions(threads: 2))
            let reference = try Barcode(csv: String(contentsOf: Self.referenceURL(c.name + ".csv"), encoding: .utf8))
            assertEqual(ours, reference, tolerance: c.relative_tolerance, "\(c.name) against \(c.anchor)")
            XCTAssertEqual((0...c.max_dim).map { ours[$0].count }, c.counts, c.name)
        }
    }

    /// The two multisets of bars are equal up to `tolerance` (relative, with
    /// an absolute floor of `tolerance` near zero): the same number of bars in
    /// each dimension, and a one-to-one matching of close bars. Sorted order
    /// is tried first; float32 anchors can order near-ties differently, so a
    /// greedy matching over the remaining bars follows.
    func assertEqual(_ a: Barcode, _ b: Barcode, tolerance: Double, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        func close(_ u: Double, _ v: Double) -> Bool {
            u == v || abs(u - v) <= tolerance * max(1, abs(v))
        }
        func close(_ p: Bar, _ q: Bar) -> Bool { close(p.birth, q.birth) && close(p.death, q.death) }
        for d in 0...max(a.maxDimension, b.maxDimension) {
            let x = a[d].sorted(), y = b[d].sorted()
            guard x.count == y.count else {
                return XCTFail("\(what): dimension \(d) has \(x.count) bars, expected \(y.count)", file: file, line: line)
            }
            var unmatchedOurs: [Bar] = [], unmatchedTheirs: [Bar] = []
            for (p, q) in zip(x, y) where !close(p, q) {
                unmatchedOurs.append(p)
                unmatchedTheirs.append(q)
            }
            for p in unmatchedOurs {
                guard let k = unmatchedTheirs.firstIndex(where: { close(p, $0) }) else {
                    return XCTFail("\(what): dimension \(d) bar \(p) has no match within \(tolerance)", file: file, line: line)
                }
                unmatchedTheirs.remove(at: k)
            }
        }
    }
}
