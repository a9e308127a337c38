import Foundation
import XCTest

/// `tda vectorize --method mma-image|mma-landscape` on the files of `tda mma`:
/// multipers 2.3.2's values through the command line (the summands of
/// Tests/VectorizationTests/Reference/mma_vectorization_*.json written as
/// `tda mma` JSON and CSV), rows in input order, and one line with the right
/// exit status for every bad input.
final class VectorizeModuleTests: XCTestCase {
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: stdin)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-vm-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    static func rows(_ text: String) -> [[Double]] {
        text.split(separator: "\n").map { $0.split(separator: ",").map { Double($0) ?? .nan } }
    }

    func assertClose(_ a: [Double], _ b: [Double], _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, message, file: file, line: line)
        for (x, y) in zip(a, b) where x != y {
            XCTAssertLessThanOrEqual(abs(x - y), 1e-9 * max(abs(y), 1e-300), "\(message): \(x) vs \(y)", file: file, line: line)
        }
    }

    /// A reference case: its summands as tda mma JSON and CSV, the box as --box words, and the case's cases.
    func reference(_ name: String) throws -> (json: String, csv: String, box: String, object: [String: Any]) {
        let url = GenerateAndPlotCommandTests.root.appendingPathComponent("Tests/VectorizationTests/Reference/mma_vectorization_\(name).json")
        let data = try Data(contentsOf: url)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // Every float in the reference is a string, so it is copied exactly.
        func strings(_ any: Any?) -> [String] { (any as? [String]) ?? [] }
        let box = try XCTUnwrap(object["box"] as? [String: Any])
        let lower = strings(box["lower"]), upper = strings(box["upper"])
        let n = lower.count
        var json = "{\"box\":{\"lower\":[\(lower.joined(separator: ","))],\"upper\":[\(upper.joined(separator: ","))]},\"precision\":0.1,\"lines\":10,\"summands\":["
        var csv = "degree,summand,kind," + (1...n).map { "x\($0)" }.joined(separator: ",") + "\n"
        var counter: [Int: Int] = [:]
        var parts: [String] = []
        for s in (object["summands"] as? [[String: Any]]) ?? [] {
            let degree = (s["degree"] as? NSNumber)?.intValue ?? -1
            let k = counter[degree, default: 0]
            counter[degree] = k + 1
            let births = ((s["births"] as? [[String]]) ?? []), deaths = ((s["deaths"] as? [[String]]) ?? [])
            func j(_ c: [[String]]) -> String {
                "[" + c.map { "[" + $0.map { Double($0)!.isFinite ? $0 : "\"\($0)\"" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
            }
            parts.append("{\"degree\":\(degree),\"births\":\(j(births)),\"deaths\":\(j(deaths))}")
            for b in births { csv += "\(degree),\(k),birth," + b.joined(separator: ",") + "\n" }
            for d in deaths { csv += "\(degree),\(k),death," + d.joined(separator: ",") + "\n" }
        }
        json += parts.joined(separator: ",") + "]}\n"
        return (try file("\(name).json", json), try file("\(name).csv", csv), (lower + upper).joined(separator: ","), object)
    }

    func testImagesAndLandscapesMatchMultipersFromJSONAndCSV() throws {
        let (json, csv, box, object) = try reference("rips_lowerstar_a")
        var checked = 0
        for c in (object["images"] as? [[String: Any]]) ?? [] {
            let resolution = (c["resolution"] as? [Int]) ?? []
            guard resolution == [6, 6], c["box"] is NSNull || c["box"] == nil else { continue }
            let expected = ((c["values"] as? [String]) ?? []).compactMap(Double.init)
            var args = ["--method", "mma-image", "--degree", "\((c["degree"] as? NSNumber)?.intValue ?? -1)",
                        "--kernel", c["kernel"] as? String ?? "", "--bandwidth", c["bandwidth"] as? String ?? "",
                        "--power", c["p"] as? String ?? "", "--resolution", "6"]
            if c["normalize"] as? Bool == true { args.append("--normalize") }
            // JSON carries the module's box; a CSV needs it as --box to give multipers' weights.
            for (input, extra) in [(json, [String]()), (csv, ["--box", box])] {
                let run = try tda(["vectorize", input] + args + extra)
                XCTAssertEqual(run.status, 0, run.stderr)
                let rows = Self.rows(run.stdout)
                XCTAssertEqual(rows.count, 1)
                assertClose(rows.first ?? [], expected, "\(args) \(extra)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 2 * 8)
        for c in (object["landscapes"] as? [[String: Any]]) ?? [] where (c["resolution"] as? [Int]) == [10, 10] {
            let expected = ((c["values"] as? [String]) ?? []).compactMap(Double.init)
            let run = try tda(["vectorize", json, "--method", "mma-landscape", "--degree", "\((c["degree"] as? NSNumber)?.intValue ?? -1)",
                               "--num-landscapes", "\((c["k"] as? NSNumber)?.intValue ?? 0)", "--resolution", "10"])
            XCTAssertEqual(run.status, 0, run.stderr)
            assertClose(Self.rows(run.stdout).first ?? [], expected, "landscape")
            checked += 1
        }
        XCTAssertEqual(checked, 2 * 8 + 1)
    }

    func testRowsFollowTheInputsAndDegreesGoEndToEnd() throws {
        // Two small modules by hand: small case 3's H1 summand, and a second with an H0 summand too.
        let a = try file("a.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,1\n1,0,death,3,3\n")
        let b = try file("b.json", """
            {"box":{"lower":[0,0],"upper":[4,4]},"precision":0.1,"lines":3,"summands":[
            {"degree":0,"births":[[0,0]],"deaths":[["inf","inf"]]},{"degree":1,"births":[[0,2],[2,0]],"deaths":[[4,4]]}]}
            """)
        let box = ["--box", "0,0,4,4"]
        let both = try tda(["vectorize", a, b, "--method", "mma-image", "--bandwidth", "1", "--resolution", "5"] + box)
        XCTAssertEqual(both.status, 0, both.stderr)
        let rows = Self.rows(both.stdout)
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows.map(\.count), [50, 50], "degrees 0 and 1, 25 values each")
        // Small case 3: w = 2, p = 2: 4 inside, 4 e^-1/2 at (0, 0); no H0 summand: zeros first.
        XCTAssertEqual(Array(rows[0][..<25]), [Double](repeating: 0, count: 25))
        XCTAssertEqual(rows[0][25 + 2 + 5 * 2], 4, accuracy: 1e-12)
        XCTAssertEqual(rows[0][25], 4 * exp(-0.5), accuracy: 1e-12)
        let swapped = try tda(["vectorize", b, a, "--method", "mma-image", "--bandwidth", "1", "--resolution", "5"] + box)
        XCTAssertEqual(Self.rows(swapped.stdout), [rows[1], rows[0]])
        // One degree; landscapes; --fit-on learns the box from other files.
        let h1 = try tda(["vectorize", a, b, "--method", "mma-landscape", "--degree", "1", "--num-landscapes", "2", "--resolution", "4"] + box)
        XCTAssertEqual(h1.status, 0, h1.stderr)
        let l = Self.rows(h1.stdout)
        XCTAssertEqual(l.map(\.count), [32, 32])
        XCTAssertEqual(l[0][2 * 4 + 2], 1, "lambda_0(2, 2) = 1")
        let fitted = try tda(["vectorize", a, "--fit-on", b, "--method", "mma-landscape", "--degree", "1", "--num-landscapes", "2", "--resolution", "4"])
        XCTAssertEqual(fitted.status, 0, fitted.stderr)
        XCTAssertEqual(Self.rows(fitted.stdout), [l[0]], "the box learned from b.json is [0, 4]^2")
        // --learn-box corners on a.csv alone: the box spans its H1 corners, [1, 3]^2; the landscape
        // grid is {1, 2} per parameter (upper end not sampled), and lambda_0(2, 2) = 1.
        let corners = try tda(["vectorize", a, "--method", "mma-landscape", "--degree", "1", "--num-landscapes", "1",
                               "--resolution", "2", "--learn-box", "corners"])
        XCTAssertEqual(corners.status, 0, corners.stderr)
        XCTAssertEqual(Self.rows(corners.stdout), [[0, 0, 0, 1]], "grid 1, 2 per parameter: lambda(2, 2) = 1")
        let nothing = try tda(["vectorize", a, "--method", "mma-image", "--degree", "1", "--learn-box", "corners",
                               "--fit-on", try file("h0.csv", "degree,summand,kind,x1,x2\n0,0,birth,0,0\n0,0,death,inf,inf\n1,0,birth,-inf,-inf\n1,0,death,inf,inf\n")])
        XCTAssertEqual(nothing.status, 1, nothing.stderr)
        XCTAssertTrue(nothing.stderr.contains("finite corner"), nothing.stderr)
        let npyOut = FileManager.default.temporaryDirectory.appendingPathComponent("tda-vm-\(UUID().uuidString).npy").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: npyOut) }
        let npy = try tda(["vectorize", a, b, "--method", "mma-image", "--resolution", "3", "--output-format", "npy", "--output", npyOut] + box)
        XCTAssertEqual(npy.status, 0, npy.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: npyOut))
    }

    func testBadInputsGiveOneLineAndTheRightExitStatus() throws {
        let good = try file("good.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,1\n1,0,death,3,3\n")
        let bad: [(String, String, String)] = [
            ("empty.csv", "", "empty"),
            ("barcode.csv", "dim,birth,death\n1,0,1\n", "tda mma"),
            ("ragged.csv", "degree,summand,kind,x1,x2\n1,0,birth,1\n", "line 2"),
            ("kind.csv", "degree,summand,kind,x1,x2\n1,0,corner,1,1\n", "kind"),
            ("number.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,abc\n", "not a number"),
            ("nan.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,nan\n", "not a number"),
            ("degree.csv", "degree,summand,kind,x1,x2\n-1,0,birth,1,1\n", "degree"),
            ("summand.csv", "degree,summand,kind,x1,x2\n1,x,birth,1,1\n", "summand"),
            ("infbirth.csv", "degree,summand,kind,x1,x2\n1,0,birth,inf,1\n1,0,death,3,3\n", "inf"),
            ("nodeath.csv", "degree,summand,kind,x1,x2\n1,0,birth,1,1\n", "no death"),
            ("truncated.json", "{\"box\":{\"lower\":[0,0],", "JSON"),
            ("nobox.json", "{\"summands\":[]}", "box"),
            ("badbox.json", "{\"box\":{\"lower\":[0,0],\"upper\":[1]},\"summands\":[]}", "box"),
            ("corner.json", "{\"box\":{\"lower\":[0,0],\"upper\":[1,1]},\"summands\":[{\"degree\":1,\"births\":[[0]],\"deaths\":[[1,1]]}]}", "corner"),
            ("word.json", "{\"box\":{\"lower\":[0,0],\"upper\":[1,1]},\"summands\":[{\"degree\":1,\"births\":[[\"x\",0]],\"deaths\":[[1,1]]}]}", "not a number"),
        ]
        for (name, contents, word) in bad {
            let f = try file(name, contents)
            for method in ["mma-image", "mma-landscape"] {
                let run = try tda(["vectorize", good, f, "--method", method, "--resolution", "3"])
                XCTAssertEqual(run.status, 1, "\(name): \(run.stderr)")
                let lines = run.stderr.split(separator: "\n")
                XCTAssertEqual(lines.count, 1, "\(name): \(run.stderr)")
                XCTAssertTrue(run.stderr.hasPrefix("tda: ") && run.stderr.contains(word), "\(name): \(run.stderr)")
                XCTAssertEqual(run.stdout, "", name)
            }
        }
        let three = try file("three.csv", "degree,summand,kind,x1,x2,x3\n1,0,birth,1,1,1\n1,0,death,3,3,3\n")
        let usage: [([String], Int32, String)] = [
            (["--method", "mma-image", "--bandwidth", "0"], 2, "bandwidth"),
            (["--method", "mma-image", "--bandwidth=-1"], 2, "bandwidth"),
            (["--method", "mma-image", "--power=-1"], 2, "power"),
            (["--method", "mma-image", "--resolution", "0"], 2, "resolution"),
            (["--method", "mma-image", "--resolution", "100000"], 2, "resolution"),
            (["--method", "mma-image", "--resolution", "9223372036854775807"], 2, "resolution"),
            (["--method", "mma-landscape", "--num-landscapes", "0"], 2, "num-landscapes"),
            (["--method", "mma-landscape", "--num-landscapes", "1000000", "--resolution", "100"], 2, "resolution"),
            (["--method", "mma-image", "--normalize"], 2, "normalize"),
            (["--method", "mma-image", "--kernel", "cosine"], 2, "kernel"),
            (["--method", "mma-landscape", "--bandwidth", "1"], 2, "mma-landscape"),
            (["--method", "mma-image", "--box", "0,0,1"], 2, "box"),
            (["--method", "mma-image", "--box", "0,0,0,1,1,1"], 2, "box"),
            (["--method", "mma-image", "--box", "2,0,1,1"], 2, "box"),
            (["--method", "mma-image", "--degree=-1"], 2, "degree"),
            (["--method", "mma-image", "--degree", "7"], 1, "degree"),
            (["--method", "mma-image", "--fit-on", three], 1, "parameters"),
        ]
        for (args, status, word) in usage {
            let run = try tda(["vectorize", good] + args)
            XCTAssertEqual(run.status, status, "\(args): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(word), "\(args): \(run.stderr)")
        }
        // The convolution does not take the linear kernel.
        let sm = try file("sm.csv", "x1,x2,weight\n0,0,1\n1,1,-1\n")
        let conv = try tda(["vectorize", sm, "--method", "convolution", "--kernel", "linear"])
        XCTAssertEqual(conv.status, 2, conv.stderr)
        XCTAssertTrue(conv.stderr.contains("linear"), conv.stderr)
    }
}
