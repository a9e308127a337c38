import Foundation
import XCTest

/// `tda signed-measure ... --loss signed-l1 --gradient OUT.csv`: the loss on
/// stdout's last line, d(loss)/d(points) one row per point, equal to
/// multipers + torch autograd and to central differences of the loss line.
final class SignedMeasureGradientCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: nil)
    }

    func path(_ name: String) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-smg-\(UUID().uuidString)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func file(_ name: String, _ rows: [[Double]]) throws -> String {
        let p = path(name)
        try rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n").appending("\n")
            .write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// The multipers + torch reference of MultipersistenceTests.
    static func reference() throws -> [[String: Any]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MultipersistenceTests/Reference/gradients/rips_codensity.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return json?["cases"] as? [[String: Any]] ?? []
    }

    func lossLine(_ stdout: String) -> Double? {
        guard let last = stdout.split(separator: "\n").last, last.hasPrefix("loss ") else { return nil }
        return Double(last.dropFirst(5))
    }

    func readGradient(_ p: String) throws -> [[Double]] {
        try String(contentsOfFile: p, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map { Double($0) ?? .nan } }
    }

    func testLossAndGradientEqualMultipersTorchAutograd() throws {
        let cases = try Self.reference()
        XCTAssertFalse(cases.isEmpty)
        for c in cases {
            let name = c["name"] as? String ?? "?"
            let points = try XCTUnwrap(c["points"] as? [[Double]])
            let p = try file("points.csv", points), out = path("dx.csv")
            let r = try tda(["signed-measure", p, "--filtration", "rips-codensity", "--bandwidth", "\(c["bandwidth"] as? Double ?? 0)",
                             "--degree", "\(c["degree"] as? Int ?? 0)", "--loss", "signed-l1", "--gradient", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("x1,x2,weight\n"), name)
            let loss = try XCTUnwrap(lossLine(r.stdout), r.stdout)
            XCTAssertEqual(loss, try XCTUnwrap(c["loss"] as? Double), accuracy: 1e-12, name)
            let dx = try readGradient(out)
            let expected = try XCTUnwrap(c["gradient"] as? [[Double]])
            XCTAssertEqual(dx.count, points.count, name)
            for (a, b) in zip(dx, expected) {
                XCTAssertEqual(a.count, 2)
                for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 1e-9, name) }
            }
        }
    }

    func testGradientEqualsCentralDifferencesOfTheLossLine() throws {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points = (0..<20).map { _ in [uniform(), uniform()] }
        let f = (0..<20).map { _ in [uniform()] }
        let fPath = try file("f.csv", f)
        let variants: [[String]] = [
            ["--filtration", "rips-codensity", "--bandwidth", "0.25", "--degree", "1"],
            ["--filtration", "rips-lowerstar", "--function", fPath, "--degree", "0"],
            ["--filtration", "rips-codensity", "--bandwidth", "0.25", "--degree", "0", "--grid", "quantile:12", "--no-collapse"],
            ["--filtration", "rips-codensity", "--dtm-mass", "0.2", "--degree", "0"],
            ["--filtration", "rips-codensity", "--knn", "3", "--degree", "0"],
            ["--filtration", "rips-codensity", "--bandwidth", "0.25", "--invariant", "euler", "--threshold", "0.55"],  // no edge within 0.006 of it
        ]
        for v in variants {
            func loss(_ rows: [[Double]]) throws -> Double {
                let r = try tda(["signed-measure", try file("p.csv", rows), "--loss", "signed-l1"] + v)
                XCTAssertEqual(r.status, 0, r.stderr)
                return try XCTUnwrap(lossLine(r.stdout))
            }
            let out = path("dx.csv")
            let r = try tda(["signed-measure", try file("p.csv", points), "--loss", "signed-l1", "--gradient", out] + v)
            XCTAssertEqual(r.status, 0, r.stderr)
            let dx = try readGradient(out)
            XCTAssertTrue(dx.joined().contains { $0 != 0 }, "\(v)")
            let e = 1e-6
            for (i, k) in [(1, 0), (4, 1), (7, 0), (12, 1), (19, 0)] {
                var plus = points, minus = points
                plus[i][k] += e
                minus[i][k] -= e
                let numeric = (try loss(plus) - loss(minus)) / (2 * e)
                XCTAssertEqual(dx[i][k], numeric, accuracy: 1e-6, "\(v) point \(i) coordinate \(k)")
            }
        }
    }

    func testOutputFileLeavesOnlyTheLossOnStdout() throws {
        let points = [[0.0, 0.0], [1.0, 0.1], [0.9, 1.2], [-0.1, 1.0], [0.5, 0.4]]
        let p = try file("points.csv", points), m = path("m.csv")
        let r = try tda(["signed-measure", p, "--filtration", "rips-codensity", "--bandwidth", "0.5", "--degree", "0",
                         "--loss", "signed-l1", "--output", m])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1, r.stdout)
        XCTAssertNotNil(lossLine(r.stdout))
        XCTAssertTrue(try String(contentsOfFile: m, encoding: .utf8).hasPrefix("x1,x2,weight"))
    }

    func testBadCombinationsAreOneLineUsageErrorsBadDataExitsOne() throws {
        let p = try file("points.csv", [[0, 0], [1, 0], [0, 1], [1, 1.1]])
        let out = path("dx.csv")
        let usage: [[String]] = [
            ["--filtration", "rips-codensity", "--bandwidth", "0.5", "--gradient", out],
            ["--filtration", "rips-codensity", "--bandwidth", "0.5", "--loss", "l2"],
            ["--filtration", "rips-codensity", "--bandwidth", "0.5", "--loss", "signed-l1", "--grid", "regular:10"],
            ["--filtration", "rips-codensity", "--bandwidth", "0.5", "--loss", "signed-l1", "--mass-default", "auto"],
            ["--filtration", "rips-codensity", "--bandwidth", "0.5", "--loss", "signed-l1", "--degree", "0,1"],
            ["--filtration", "alpha-codensity", "--bandwidth", "0.5", "--loss", "signed-l1", "--gradient", out],
        ]
        for args in usage {
            let r = try tda(["signed-measure", p] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(args): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        }
        let ragged = path("ragged.csv")
        try "0,0\n1,0\n0\n".write(toFile: ragged, atomically: true, encoding: .utf8)
        for bad in [ragged, path("missing.csv")] {
            let r = try tda(["signed-measure", bad, "--filtration", "rips-codensity", "--bandwidth", "0.5",
                             "--loss", "signed-l1", "--gradient", out])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }
}
