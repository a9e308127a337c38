import Foundation
import XCTest

/// `tda barcode` as a Ripser / ripser.py user runs it: every `--format`
/// name, vertex births, `--subsample`, `--cocycles` (reference files from
/// scripts/make_ripser_features_reference.py).
final class RipserCompatibilityCommandTests: XCTestCase {
    /// The helpers the tests below call as `cli.tda`, `cli.file`, `cli.assertFails`.
    var cli: RipserCompatibilityCommandTests { self }

    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: nil)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-ripser-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func assertFails(_ arguments: [String], status: Int32 = 1, mentioning words: [String],
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try tda(arguments)
        XCTAssertEqual(run.status, status, run.stderr, file: file, line: line)
        XCTAssertEqual(run.stdout, "", file: file, line: line)
        XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr, file: file, line: line)
        for word in words {
            XCTAssertTrue(run.stderr.contains(word), "'\(word)' not in: \(run.stderr)", file: file, line: line)
        }
    }

    static let references = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PersistenceTests/Reference/ripser_features")

    func path(_ name: String) -> String { Self.references.appendingPathComponent(name).path }

    func reference(_ name: String) throws -> String {
        try String(contentsOfFile: path(name + ".csv"), encoding: .utf8)
    }

    func testEveryRipserFormatGivesTheSameBarcode() throws {
        let expected = try reference("formats")
        let files = ["formats.lower_distance_matrix": "lower-distance", "formats.upper_distance_matrix": "upper-distance",
                     "formats.distance_matrix": "distance", "formats.dipha": "dipha", "formats.bin": "binary",
                     "formats.sparse": "sparse"]
        for (file, format) in files.sorted(by: { $0.key < $1.key }) {
            let run = try cli.tda(["barcode", path(file), "--input", format, "--max-dim", "2", "--output-format", "csv"])
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(run.stdout, expected, format)
        }
        // Ripser's prefixes and the extension default.
        for (format, file) in [("lower", "formats.lower_distance_matrix"), ("upper", "formats.upper_distance_matrix"),
                               ("dist", "formats.distance_matrix")] {
            let run = try cli.tda(["barcode", path(file), "--input", format, "--max-dim", "2", "--output-format", "csv"])
            XCTAssertEqual(run.stdout, expected, format)
        }
        let byExtension = try cli.tda(["barcode", path("formats.dipha"), "--max-dim", "2", "--output-format", "csv"])
        XCTAssertEqual(byExtension.stdout, expected)
        let sparse = try cli.tda(["barcode", path("formats_within.sparse"), "--input", "sparse", "--max-dim", "2",
                                  "--output-format", "csv"])
        XCTAssertEqual(sparse.stdout, try reference("formats_within"))
        let image = try cli.tda(["barcode", path("lower_star_image.sparse"), "--input", "sparse", "--max-dim", "0",
                                 "--output-format", "csv"])
        XCTAssertEqual(image.stdout, try reference("lower_star_image"))
    }

    func testDiagonalAndVertexValuesGiveVertexBirths() throws {
        let two = try cli.tda(["barcode", path("births_2x2.distance_matrix"), "--input", "distance", "--max-dim", "0",
                               "--output-format", "csv"])
        XCTAssertEqual(two.stdout, "dim,birth,death\n0,1.0,inf\n0,2.0,3.0\n")
        let matrix = try cli.tda(["barcode", path("births_matrix.distance_matrix"), "--input", "distance",
                                  "--max-dim", "2", "--output-format", "csv"])
        XCTAssertEqual(matrix.stdout, try reference("births_matrix"))
        let points = try cli.tda(["barcode", path("births_cloud.csv"), "--vertex-values", path("births_points_values.txt"),
                                  "--output-format", "csv"])
        XCTAssertEqual(points.status, 0, points.stderr)
        XCTAssertEqual(points.stdout.split(separator: "\n").count, 1 + 5 + 1)
        try cli.assertFails(["barcode", path("births_cloud.csv"), "--vertex-values", cli.file("f.txt", "1\n2\n3\n")],
                            mentioning: ["3 values, expected 60"])
        try cli.assertFails(["barcode", path("births_matrix.distance_matrix"), "--input", "distance",
                             "--vertex-values", path("births_points_values.txt")], mentioning: ["diagonal"])
    }

    func testSubsamplePrintsTheCoveringRadius() throws {
        let run = try cli.tda(["barcode", path("greedy_cloud.csv"), "--subsample", "40", "--output-format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("r_cover 0.2294322106008"), run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(json["r_cover"] as? Double), 0.22943221060084348, accuracy: 1e-12)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: path("manifest.json")))) as? [String: Any])
        let greedy = try XCTUnwrap(manifest["greedy"] as? [String: Any])
        XCTAssertEqual(json["subsample"] as? [Int], greedy["idx_perm"] as? [Int])
        // A seeded start: the same sample on every run, not from point 0.
        let seeded = try cli.tda(["barcode", path("greedy_cloud.csv"), "--subsample", "10", "--seed", "7", "--output-format", "json"])
        let again = try cli.tda(["barcode", path("greedy_cloud.csv"), "--subsample", "10", "--seed", "7", "--output-format", "json"])
        XCTAssertEqual(seeded.stdout, again.stdout)
        let first = try XCTUnwrap((JSONSerialization.jsonObject(with: Data(seeded.stdout.utf8)) as? [String: Any])?["subsample"] as? [Int])
        XCTAssertEqual(first.count, 10)
        XCTAssertNotEqual(first.first, 0)
        try cli.assertFails(["barcode", path("greedy_cloud.csv"), "--seed", "7"], status: 2, mentioning: ["--subsample"])
        try cli.assertFails(["barcode", path("formats.sparse"), "--input", "sparse", "--subsample", "5"], status: 2,
                            mentioning: ["sparse"])
        try cli.assertFails(["barcode", path("greedy_cloud.csv"), "--subsample", "0"], status: 2, mentioning: ["subsample"])
        try cli.assertFails(["barcode", path("greedy_cloud.csv"), "--subsample", "301"], mentioning: ["300"])
    }

    func testBadFormatFilesAreOneLineErrors() throws {
        let bad = try cli.file("bad.sparse", "0 1 1\n1 2\n")
        try cli.assertFails(["barcode", bad, "--input", "sparse"], mentioning: ["line 2"])
        let twice = try cli.file("twice.sparse", "0 1 1\n1 0 1\n")
        try cli.assertFails(["barcode", twice, "--input", "sparse"], mentioning: ["twice"])
        try cli.assertFails(["barcode", path("formats.bin"), "--input", "dipha"], mentioning: ["DIPHA"])
        try cli.assertFails(["barcode", path("formats.sparse"), "--input", "binary"], mentioning: ["binary"])
        try cli.assertFails(["barcode", path("formats.sparse"), "--input", "hexagonal"], status: 2, mentioning: ["input"])
    }
}

extension RipserCompatibilityCommandTests {
    func testCocyclesInJSONAndText() throws {
        // A square with one diagonal missing from the complex: the hole is one H1 bar, born at 1.
        let square = try file("square.csv", "0,0\n1,0\n1,1\n0,1\n")
        let run = try tda(["barcode", square, "--cocycles", "--modulus", "3", "--output-format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let dims = try XCTUnwrap(json["dimensions"] as? [[String: Any]])
        XCTAssertNil(dims[0]["cocycles"])
        let bars = try XCTUnwrap(dims[1]["bars"] as? [[Any]])
        let cocycles = try XCTUnwrap(dims[1]["cocycles"] as? [[[Int]]])
        XCTAssertEqual(bars.count, 1)
        XCTAssertEqual(cocycles.count, 1)
        // Rows [v0, v1, value]: a 1-cocycle on the square's sides, non-zero around the loop 0-1-2-3.
        let rows = cocycles[0]
        XCTAssertTrue(rows.allSatisfy { $0.count == 3 && $0[0] < $0[1] && (1...2).contains($0[2]) }, "\(rows)")
        var value = 0
        for (a, b) in [(0, 1), (1, 2), (2, 3), (3, 0)] {
            if let r = rows.first(where: { $0[0] == min(a, b) && $0[1] == max(a, b) }) { value += a < b ? r[2] : 3 - r[2] }
        }
        XCTAssertNotEqual(value % 3, 0)
        let text = try tda(["barcode", square, "--cocycles", "--output-format", "text"])
        XCTAssertTrue(text.stdout.contains("persistence intervals in dim 1:\n [1.0,1.4142135623730951):  {["), text.stdout)
        try assertFails(["barcode", square, "--cocycles", "--output-format", "csv"], status: 2, mentioning: ["cocycles"])
        try assertFails(["barcode", square, "--cocycles", "--complex", "alpha"], status: 2, mentioning: ["rips"])
    }

    func testCocyclesOfASubsampleNameTheOriginalPoints() throws {
        let run = try tda(["barcode", path("greedy_cloud.csv"), "--subsample", "40", "--cocycles", "--output-format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let sample = Set(try XCTUnwrap(json["subsample"] as? [Int]))
        let dims = try XCTUnwrap(json["dimensions"] as? [[String: Any]])
        let cocycles = try XCTUnwrap(dims[1]["cocycles"] as? [[[Int]]])
        XCTAssertFalse(cocycles.isEmpty)
        for row in cocycles.joined() {
            XCTAssertTrue(sample.contains(row[0]) && sample.contains(row[1]) && row[0] < row[1], "\(row)")
        }
        XCTAssertTrue(cocycles.joined().contains { $0[1] >= 40 }, "indices are the original points', not 0..<40")
    }
}

extension RipserCompatibilityCommandTests {
    func testPlotPointsDrawsCocycleEdges() throws {
        let square = try file("square.csv", "0,0\n1,0\n1,1\n0,1\n")
        let edges = try file("edges.csv", "0,1,2\n1,2,1\n")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tda-ripser-\(UUID().uuidString).svg").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let run = try tda(["plot", square, "--kind", "points", "--edges", edges, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertEqual(svg.components(separatedBy: "stroke=\"#d62728\"").count - 1, 2, "one red segment per edge")
        let bad = try file("bad-edges.csv", "0,4\n")
        try assertFails(["plot", square, "--kind", "points", "--edges", bad, "--out", out], mentioning: ["0..<4"])
        try assertFails(["plot", square, "--kind", "diagram", "--edges", edges, "--out", out], status: 2, mentioning: ["--edges"])
    }
}
