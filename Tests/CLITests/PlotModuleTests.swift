import Foundation
import XCTest

/// `tda plot FILE --kind module`: the output of `tda mma` (JSON and CSV) as
/// an SVG with one region per summand; bad input is one line, exit 1 (data)
/// or 2 (options).
final class PlotModuleTests: XCTestCase {
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: stdin)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-pm-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testModulesFromTdaMMAAreDrawn() throws {
        let circle = GenerateAndPlotCommandTests.root.appendingPathComponent("Datasets/circle.csv").path
        let mma = ["mma", circle, "--filtration", "rips-codensity", "--bandwidth", "0.2", "--nlines", "40"]
        let json = try tda(mma + ["--output-format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let csv = try tda(mma)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let h1 = Set(csv.stdout.split(separator: "\n").filter { $0.hasPrefix("1,") }.map { $0.split(separator: ",")[1] }).count
        XCTAssertGreaterThan(h1, 0)
        for input in [try file("m.json", json.stdout), try file("m.csv", csv.stdout)] {
            let plot = try tda(["plot", input, "--kind", "module"])
            XCTAssertEqual(plot.status, 0, plot.stderr)
            XCTAssertTrue(plot.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            XCTAssertEqual(plot.stdout.components(separatedBy: "<path ").count - 1, h1, "one region per H1 summand")
            XCTAssertTrue(plot.stdout.contains(">H1</text>"))
        }
        // From stdin, another degree, a window, into a file.
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tda-pm-\(UUID().uuidString).svg").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: out) }
        let h0 = try tda(["plot", "-", "--kind", "module", "--degree", "0", "--box", "0,0.5,2,2", "--out", out], stdin: json.stdout)
        XCTAssertEqual(h0.status, 0, h0.stderr)
        XCTAssertTrue(try String(contentsOfFile: out, encoding: .utf8).contains("<path "))
    }

    func testBadInputsGiveOneLineAndTheRightExitStatus() throws {
        let good = try file("good.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,1\n1,0,death,3,3\n")
        let three = try file("three.csv", "degree,summand,kind,x1,x2,x3\n1,0,birth,1,1,1\n1,0,death,3,3,3\n")
        let bad = try file("bad.csv", "degree,summand,kind,x1,x2\n1,0,birth,1\n")
        let json = try file("bad.json", "{\"box\":")
        let barcode = try file("barcode.csv", "dim,birth,death\n0,0,1\n")
        let cases: [([String], Int32, String)] = [
            (["plot", good, "--kind", "module", "--degree", "5"], 1, "degree"),
            (["plot", three, "--kind", "module"], 1, "2-parameter"),
            (["plot", bad, "--kind", "module"], 1, "line 2"),
            (["plot", json, "--kind", "module"], 1, "JSON"),
            (["plot", barcode, "--kind", "module"], 1, "tda mma"),
            (["plot", "/nonexistent.json", "--kind", "module"], 1, "nonexistent"),
            (["plot", good, "--kind", "module", "--box", "0,0,1"], 2, "box"),
            (["plot", good, "--kind", "module", "--box", "1,0,0,1"], 2, "box"),
            (["plot", good, "--kind", "module", "--degree=-1"], 2, "degree"),
            (["plot", good, "--kind", "diagram", "--box", "0,0,1,1"], 2, "box"),
        ]
        for (args, status, word) in cases {
            let run = try tda(args)
            XCTAssertEqual(run.status, status, "\(args): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(word), "\(args): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(args)")
        }
    }
}
