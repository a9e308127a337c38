import Foundation
import XCTest

/// `tda batch` with multiparameter stages gives, per input, the bytes that
/// `tda signed-measure` / `tda mma` then `tda vectorize` give run one by
/// one, and refuses fits that would depend on the other inputs.
final class BatchMultiparameterCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    /// A fresh folder with three seeded noisy annuli (a1, a2, a3).
    func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-multi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for seed in 1...3 {
            let run = try tda(["generate", "noisy-annulus", "--count", "40", "--seed", "\(seed)",
                               "--output", dir.appendingPathComponent("a\(seed).csv").path])
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        return dir
    }

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func testStagesGiveWhatTheCommandsGiveOneByOne() throws {
        let dir = try folder()
        let inputs = (1...3).map { dir.appendingPathComponent("a\($0).csv").path }
        let source = ["--filtration", "rips-codensity", "--bandwidth", "0.2"]
        // signed-measure | vectorize --method convolution
        let conv = ["--method", "convolution", "--box", "0,0,2,2", "--resolution", "8"]
        var run = try tda(["batch"] + inputs + ["--out", dir.appendingPathComponent("sm").path, "--pipeline",
                           "signed-measure " + (source + ["--degree", "0,1"]).joined(separator: " ") + " | vectorize " + conv.joined(separator: " ")])
        XCTAssertEqual(run.status, 0, run.stderr)
        for (k, input) in inputs.enumerated() {
            let measure = dir.appendingPathComponent("m\(k).csv").path
            run = try tda(["signed-measure", input] + source + ["--degree", "0,1", "--output", measure])
            XCTAssertEqual(run.status, 0, run.stderr)
            run = try tda(["vectorize", measure] + conv)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try read(dir.appendingPathComponent("sm/a\(k + 1).csv")), run.stdout, "input \(k + 1)")
            XCTAssertEqual(run.stdout.split(separator: ",").count, 2 * 8 * 8)
        }
        // mma | vectorize --method mma-image, one input against the direct commands
        let image = ["--method", "mma-image", "--box", "0,0,2,2", "--resolution", "6"]
        run = try tda(["batch"] + inputs + ["--out", dir.appendingPathComponent("mma").path, "--pipeline",
                       "mma " + (source + ["--nlines", "60", "--degrees", "1"]).joined(separator: " ") + " | vectorize " + image.joined(separator: " ")])
        XCTAssertEqual(run.status, 0, run.stderr)
        let module = dir.appendingPathComponent("module.csv").path
        run = try tda(["mma", inputs[1]] + source + ["--nlines", "60", "--degrees", "1", "--output", module])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try tda(["vectorize", module] + image)
        XCTAssertEqual(try read(dir.appendingPathComponent("mma/a2.csv")), run.stdout)
        // signed-measure alone writes the measures.
        run = try tda(["batch", inputs[0], "--out", dir.appendingPathComponent("raw").path, "--pipeline",
                       "signed-measure " + (source + ["--degree", "1"]).joined(separator: " ")])
        XCTAssertEqual(run.status, 0, run.stderr)
        run = try tda(["signed-measure", inputs[0]] + source + ["--degree", "1"])
        XCTAssertEqual(try read(dir.appendingPathComponent("raw/a1.csv")), run.stdout)
    }

    func testFitsThatDependOnOtherInputsAreRefused() throws {
        let dir = try folder()
        let input = dir.appendingPathComponent("a1.csv").path
        let out = dir.appendingPathComponent("out").path
        let cases: [(String, String)] = [
            ("signed-measure --filtration rips-codensity | vectorize --method convolution", "--box"),
            ("signed-measure --filtration rips-codensity | vectorize --method sliced-wasserstein", "--fit-on"),
            ("mma --filtration rips-codensity | vectorize --method mma-landscape", "--box"),
            ("signed-measure --filtration rips-codensity | vectorize --method landscape", "convolution or sliced-wasserstein"),
            ("mma --filtration rips-codensity | vectorize --method convolution --box 0,0,1,1", "mma-image or mma-landscape"),
            ("barcode | signed-measure --filtration rips-codensity", "first stage"),
            ("signed-measure --filtration rips-codensity --dry-run", "--dry-run"),
            ("signed-measure --filtration rips-codensity --degree 1 | vectorize --method convolution --box 0,0,1,1 --degree 0", "--degree 0"),
        ]
        for (pipeline, words) in cases {
            let run = try tda(["batch", input, "--out", out, "--pipeline", pipeline])
            XCTAssertNotEqual(run.status, 0, pipeline)
            XCTAssertTrue(run.stderr.contains(words), "\(pipeline): \(run.stderr)")
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, "\(pipeline): \(run.stderr)")
        }
    }
}
