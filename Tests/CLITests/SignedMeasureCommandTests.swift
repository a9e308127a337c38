import Foundation
import XCTest

/// `tda signed-measure` as a user runs it: output formats, the cost estimate,
/// and one clear line with exit status 1 for every bad input.
final class SignedMeasureCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: nil)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-sm-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func points() throws -> String {
        var rows: [String] = []
        for k in 0..<12 {
            let t = Double(k) * 2 * Double.pi / 12
            rows.append("\(cos(t)),\(sin(t))")
        }
        return try file("sm-points.csv", rows.joined(separator: "\n") + "\n")
    }

    func testHilbertCSVAndJSON() throws {
        let p = try points()
        let f = try file("sm-f.csv", (0..<12).map { "\(Double($0 % 3))" }.joined(separator: "\n") + "\n")
        let csv = try tda(["signed-measure", p, "--filtration", "rips-lowerstar", "--function", f, "--degree", "1"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "x1,x2,weight")
        // Twelve points on a circle: the H1 class is born and dies within the full Rips complex.
        let weights = lines.dropFirst().compactMap { Int($0.split(separator: ",").last ?? "") }
        XCTAssertEqual(weights.count, lines.count - 1)
        XCTAssertEqual(weights.reduce(0, +), 0, "the full Rips complex is contractible: H1 mass 0")
        XCTAssertFalse(weights.isEmpty)
        let json = try tda(["signed-measure", p, "--filtration", "rips-codensity", "--bandwidth", "0.5",
                                   "--degree", "0,1", "--output-format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 2)
        XCTAssertEqual(parsed?.first?["degree"] as? Int, 0)
        let euler = try tda(["signed-measure", p, "--filtration", "alpha-codensity", "--knn", "2",
                                    "--invariant", "euler", "--mass-default", "inf"])
        XCTAssertEqual(euler.status, 0, euler.stderr)
        let total = euler.stdout.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: ",").last ?? "") }.reduce(0, +)
        XCTAssertEqual(total, 0, "with the mass default the total mass is 0")
    }

    func testDryRunAndBudget() throws {
        let p = try points()
        let dry = try tda(["signed-measure", p, "--filtration", "rips-codensity", "--dtm-mass", "0.2",
                                  "--grid", "regular:20", "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(dry.stdout.contains("sub-problems"), dry.stdout)
        let refused = try tda(["signed-measure", p, "--filtration", "rips-codensity", "--dtm-mass", "0.2",
                                      "--invariant", "rank", "--grid", "regular:2000", "--budget", "1s"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr.split(separator: "\n").count, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("grid"), refused.stderr)
    }

    func testBadInputsGiveOneLineAndExitOne() throws {
        let p = try points()
        let short = try file("sm-short.csv", "1\n2\n3\n")
        let nan = try file("sm-nan.csv", (0..<12).map { $0 == 4 ? "nan" : "1" }.joined(separator: "\n") + "\n")
        let two = try file("sm-two.csv", (0..<12).map { "\($0),\(12 - $0)" }.joined(separator: "\n") + "\n")
        let flat = try file("sm-image.npy", "")
        try Data(npy(shape: [4, 4], values: (0..<16).map(Double.init))).write(to: URL(fileURLWithPath: flat))
        // Bad data: exit 1; bad option values (usage errors): exit 2, as every tda command.
        let sm = ["signed-measure", p, "--filtration"]
        let cases: [(args: [String], status: Int32)] = [
            (sm + ["rips-lowerstar", "--function", short], 1),
            (sm + ["rips-lowerstar", "--function", nan], 1),
            (sm + ["rips-lowerstar", "--function", two, "--invariant", "rank"], 1),
            (["signed-measure", flat, "--filtration", "cubical"], 1),
            (sm + ["rips-codensity", "--bandwidth=-1"], 1),
            (["signed-measure", "/nonexistent.csv", "--filtration", "rips-codensity", "--bandwidth", "0.3"], 1),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--grid", "regular:0"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--grid", "regular:1000000000"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--grid", "sparse:4"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--invariant", "betti"], 2),
            (sm + ["rips-codensity"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--degree", "x"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--threads", "0"], 2),
            (sm + ["rips-codensity", "--bandwidth", "0.3", "--threshold", "-2"], 2),
            (sm + ["graph"], 2),
        ]
        for (args, status) in cases {
            let run = try tda(args)
            XCTAssertEqual(run.status, status, "\(args): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n").filter { !$0.isEmpty }
            XCTAssertEqual(lines.count, 1, "\(args): \(run.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("tda: ") ?? false, "\(args): \(run.stderr)")
        }
        let budget = try tda(sm + ["rips-codensity", "--bandwidth", "0.3", "--budget", "soon"])
        XCTAssertNotEqual(budget.status, 0)
        XCTAssertEqual(budget.stderr.split(separator: "\n").count, 1, budget.stderr)
    }

    /// A float64 little-endian .npy file.
    func npy(shape: [Int], values: [Double]) -> [UInt8] {
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': (\(shape.map(String.init).joined(separator: ", ")),), }"
        while (10 + header.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)]
        bytes += Array(header.utf8)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
        return bytes
    }
}
