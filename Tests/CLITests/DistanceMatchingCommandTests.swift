import Foundation
import XCTest

/// `tda distance A B --metric matching`: one number on stdout, the line
/// count and "lower bound" with --verbose, one-line errors with exit 1
/// (bad data) or 2 (bad options), and the existing metrics unchanged.
final class DistanceMatchingCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-matching-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func annulus(seed: Int) throws -> String {
        let run = try tda(["generate", "noisy-annulus", "--count", "30", "--seed", "\(seed)"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let rows = run.stdout.split(separator: "\n").filter { Double($0.split(separator: ",").first ?? "") != nil }
        return try file("points\(seed).csv", rows.joined(separator: "\n") + "\n")
    }

    func testBifiltrationsAndModulesGiveOneNumber() throws {
        let a = try annulus(seed: 1), b = try annulus(seed: 2)
        let flags = ["--metric", "matching", "--filtration", "rips-codensity", "--bandwidth", "0.3", "--degree", "1", "--nlines", "20"]
        let same = try tda(["distance", a, a] + flags)
        XCTAssertEqual(same.status, 0, same.stderr)
        XCTAssertEqual(Double(same.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), 0)
        let run = try tda(["distance", a, b] + flags + ["--verbose"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let value = try XCTUnwrap(Double(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertGreaterThan(value, 0)
        XCTAssertTrue(run.stderr.contains("lower bound"), run.stderr)
        XCTAssertTrue(run.stderr.contains("20 diagonal lines"), run.stderr)
        // A given box changes the lines (and can only be checked to run).
        let boxed = try tda(["distance", a, b] + flags + ["--box", "0,0,3,5"])
        XCTAssertEqual(boxed.status, 0, boxed.stderr)
        XCTAssertNotNil(Double(boxed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        // Two tda mma outputs.
        var modules: [String] = []
        for p in [a, b] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("tda-matching-\(UUID().uuidString).json").path
            addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
            let m = try tda(["mma", p, "--filtration", "rips-codensity", "--bandwidth", "0.3", "--output", out])
            XCTAssertEqual(m.status, 0, m.stderr)
            modules.append(out)
        }
        let mod = try tda(["distance", modules[0], modules[1], "--metric", "matching", "--degree", "1"])
        XCTAssertEqual(mod.status, 0, mod.stderr)
        XCTAssertNotNil(Double(mod.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    func testBadInputsGiveOneLineAndTheRightExitStatus() throws {
        let a = try annulus(seed: 1), b = try annulus(seed: 2)
        let garbage = try file("bad.csv", "hello\n")
        let usage: [[String]] = [
            ["distance", a, b, "--metric", "matching", "--nlines", "0", "--filtration", "rips-codensity", "--bandwidth", "0.3"],
            ["distance", a, b, "--metric", "matching", "--degree", "-1"],
            ["distance", a, b, a, "--metric", "matching"],
            ["distance", a, b, "--metric", "matching", "--bandwidth", "0.3"],
            ["distance", a, b, "--metric", "bottleneck", "--degree", "1"],
            ["distance", a, b, "--metric", "matching", "--filtration", "rips-codensity"],
            ["distance", a, b, "--metric", "matching", "--filtration", "rips-codensity", "--bandwidth", "0.3", "--box", "0,0,nan,1"],
            ["distance", a, b, "--metric", "matching", "--filtration", "rips-codensity", "--bandwidth", "0.3", "--box", "0,0,1"],
        ]
        for args in usage {
            let run = try tda(args)
            XCTAssertEqual(run.status, 2, "\(args): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        }
        let data: [[String]] = [
            ["distance", a, b, "--metric", "matching"],  // point clouds are not tda mma outputs
            ["distance", garbage, b, "--metric", "matching", "--filtration", "rips-codensity", "--bandwidth", "0.3"],
        ]
        for args in data {
            let run = try tda(args)
            XCTAssertEqual(run.status, 1, "\(args): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
        }
    }
}
