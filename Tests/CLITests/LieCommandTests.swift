import Foundation
import XCTest

/// `tda lie train|eval` as DESIGN.md writes them, and one-line errors for bad input.
final class LieCommandTests: XCTestCase {
    func tda(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments)
    }

    var datasets: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Datasets")
    }

    func testTrainEvalAndBadInputs() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-lie-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let rows = try String(contentsOf: datasets.appendingPathComponent("digits_train.csv"), encoding: .utf8)
            .split(separator: "\n").prefix(12)
        let data = dir.appendingPathComponent("small.csv").path
        try (rows.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let model = dir.appendingPathComponent("model.json").path

        let train = try tda(["lie", "train", "--data", data, "--group", "affine-sl2", "--samples", "2", "--channels", "2",
                             "--epochs", "1", "--seed", "3", "--out", model])
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stdout.hasPrefix("epoch 1 loss "), train.stdout)
        let eval = try tda(["lie", "eval", "--model", model, "--data", data])
        XCTAssertEqual(eval.status, 0, eval.stderr)
        let last = eval.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasPrefix("accuracy "), eval.stdout)
        let accuracy = Double(last.dropFirst("accuracy ".count)) ?? -1
        XCTAssertTrue((0...1).contains(accuracy), last)

        // Bad inputs: one line on stderr, exit 1.
        let eight = dir.appendingPathComponent("eight.csv").path
        try ("3," + Array(repeating: "0", count: 64).joined(separator: ",") + "\n").write(toFile: eight, atomically: true, encoding: .utf8)
        let nan = dir.appendingPathComponent("nan.csv").path
        try ("3,nan," + Array(repeating: "0", count: 255).joined(separator: ",") + "\n").write(toFile: nan, atomically: true, encoding: .utf8)
        let other = dir.appendingPathComponent("other.json").path
        var json = try String(contentsOfFile: model, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"channels\":2", with: "\"channels\":3")
        try json.write(toFile: other, atomically: true, encoding: .utf8)
        let notModel = dir.appendingPathComponent("not.json").path
        try "{\"a\": 1}".write(toFile: notModel, atomically: true, encoding: .utf8)
        for (arguments, words) in [
            (["lie", "eval", "--model", model, "--data", eight], "257"),
            (["lie", "eval", "--model", model, "--data", nan], "not a finite number"),
            (["lie", "train", "--data", nan, "--group", "affine-gl2", "--out", model], "not a finite number"),
            (["lie", "eval", "--model", other, "--data", data], "does not fit"),
            (["lie", "eval", "--model", notModel, "--data", data], "not a tda lie model"),
            (["lie", "train", "--data", data, "--group", "affine-gl2", "--samples", "0", "--out", model], "samples must be positive"),
            (["lie", "train", "--data", data, "--group", "affine-gl2", "--conv-kernel", "4", "--out", model], "kernel sides must be odd"),
        ] {
            let bad = try tda(arguments)
            XCTAssertEqual(bad.status, 1, "\(arguments): \(bad.stderr)")
            XCTAssertTrue(bad.stderr.contains(words), "\(arguments): \(bad.stderr)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, "\(arguments): \(bad.stderr)")
        }
        let usage = try tda(["lie", "train", "--data", data, "--group", "so3", "--out", model])
        XCTAssertEqual(usage.status, 2, usage.stderr)
        let badSubsampling = try tda(["lie", "train", "--data", data, "--group", "translation", "--subsampling", "bogus", "--out", model])
        XCTAssertEqual(badSubsampling.status, 2, badSubsampling.stderr)

        // The first release's architecture on request, written into the model file.
        let legacy = dir.appendingPathComponent("legacy.json").path
        let old = try tda(["lie", "train", "--data", data, "--group", "translation", "--channels", "2", "--epochs", "1",
                           "--subsampling", "strided", "--padding", "zero", "--conv-kernel", "1", "--out", legacy])
        XCTAssertEqual(old.status, 0, old.stderr)
        let saved = try String(contentsOfFile: legacy, encoding: .utf8)
        XCTAssertTrue(saved.contains("\"subsampling\":\"strided\"") && saved.contains("\"padding\":\"zero\"")
                      && saved.contains("\"convKernel\":1"), saved.prefix(400).description)
        XCTAssertEqual(try tda(["lie", "eval", "--model", legacy, "--data", data]).status, 0)

        // Issue 14's resampling options: written into the model file; --draws averages at test time.
        let pooled = dir.appendingPathComponent("pooled.json").path
        let pool = try tda(["lie", "train", "--data", data, "--group", "affine-gl2", "--samples", "2", "--channels", "2", "--epochs", "1",
                            "--sample-pool", "2", "--chart-scale", "0.5", "--mask-sharpness", "2", "--omega0", "5", "--variance", "0.05",
                            "--out", pooled])
        XCTAssertEqual(pool.status, 0, pool.stderr)
        let pooledText = try String(contentsOfFile: pooled, encoding: .utf8)
        XCTAssertTrue(pooledText.contains("\"chartScale\":0.5") && pooledText.contains("\"omega0\":5")
                      && pooledText.contains("\"variance\":0.05") && pooledText.contains("\"sharpness\":2"), pooledText.prefix(600).description)
        let averaged = try tda(["lie", "eval", "--model", pooled, "--data", data, "--draws", "2", "--sample-seed", "9"])
        XCTAssertEqual(averaged.status, 0, averaged.stderr)
        XCTAssertTrue(averaged.stdout.split(separator: "\n").last?.hasPrefix("accuracy ") == true, averaged.stdout)
        for arguments in [["lie", "eval", "--model", pooled, "--data", data, "--draws", "0"],
                          ["lie", "train", "--data", data, "--group", "affine-gl2", "--sample-pool", "0", "--out", pooled],
                          ["lie", "train", "--data", data, "--group", "affine-gl2", "--chart-scale=-1", "--out", pooled]] {
            let bad = try tda(arguments)
            XCTAssertNotEqual(bad.status, 0, "\(arguments)")
            XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, "\(arguments): \(bad.stderr)")
            XCTAssertTrue(bad.stderr.contains("must be"), "\(arguments): \(bad.stderr)")
        }
    }
}
