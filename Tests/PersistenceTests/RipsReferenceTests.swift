import Foundation
import XCTest
import Persistence
import PointClouds

/// Barcodes equal those of the anchors (GUDHI in float64, ripser.py and
/// giotto-ph in float32) on the project's data sets; the reference files and
/// their manifest come from scripts/make_rips_reference.py.
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
        XCTAssertGreaterThanOrEqual(manifest.cases.count, 9)
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

    func assertEqual(_ a: Barcode, _ b: Barcode, tolerance: Double, _ what: String,
                     file: StaticString = #filePath, line: UInt = #line) {
        for d in 0...max(a.maxDimension, b.maxDimension) {
            let x = a[d].sorted(), y = b[d].sorted()
            guard x.count == y.count else {
                return XCTFail("\(what): dimension \(d) has \(x.count) bars, expected \(y.count)", file: file, line: line)
            }
            for (p, q) in zip(x, y) {
                for (u, v) in [(p.birth, q.birth), (p.death, q.death)] where u != v {
                    if !(abs(u - v) <= tolerance * max(1, abs(v))) {
                        return XCTFail("\(what): dimension \(d) bar \(p) against \(q)", file: file, line: line)
                    }
                }
            }
        }
    }
}
