import XCTest
import Foundation
import PointClouds
@testable import Autodiff

final class ParameterSetTests: XCTestCase {
    func temporaryURL(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("autodiff-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    }

    func testSaveLoadRoundTripGivesTheSameOutputs() throws {
        var g = SeededGenerator(seed: 31)
        let trained = TinyMLP<Float>((3, 8, 2), generator: &g)
        var fresh = TinyMLP<Float>((3, 8, 2), generator: &g)
        let x = Tensor<Float>(uniform: [5, 3], in: -1...1, using: &g)
        let url = temporaryURL("mlp.json")
        defer { try? FileManager.default.removeItem(at: url) }
        try ParameterSet(trained).save(to: url)
        let loaded = try ParameterSet<Float>.load(from: url)
        XCTAssertEqual(loaded, ParameterSet(trained))
        let before = try fresh(Tape<Float>().constant(x)).value
        try loaded.assign(to: &fresh)
        let a = try trained(Tape<Float>().constant(x)).value, b = try fresh(Tape<Float>().constant(x)).value
        XCTAssertEqual(a, b)          // bit for bit: shortest round-trip numbers
        XCTAssertNotEqual(a, before)
        XCTAssertEqual(loaded["fc1.bias"]?.shape, [8])
    }

    func testAnotherArchitectureIsATypedMismatch() throws {
        var g = SeededGenerator(seed: 32)
        let small = TinyMLP<Double>((3, 8, 2), generator: &g)
        var wide = TinyMLP<Double>((3, 9, 2), generator: &g)
        let original = ParameterSet(wide)
        XCTAssertThrowsError(try ParameterSet(small).assign(to: &wide)) { e in
            guard case .parameterMismatch(let m)? = e as? AutodiffError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("fc1.weight has shape [3, 8] in the file, [3, 9] in the model"), m)
        }
        XCTAssertEqual(ParameterSet(wide), original)    // unchanged
        var dense = Dense<Double>(inputSize: 3, outputSize: 2, generator: &g)
        XCTAssertThrowsError(try ParameterSet(small).assign(to: &dense)) { e in
            guard case .parameterMismatch(let m)? = e as? AutodiffError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("missing weight, bias"), m)
        }
    }

    func testCorruptFilesAreOneLineErrors() throws {
        let bad: [(String, String)] = [
            ("not json", "invalid JSON"),
            (#"{"format": "other", "version": 1, "parameters": []}"#, "format"),
            (#"{"format": "swifttda-parameters", "version": 2, "parameters": []}"#, "version 2"),
            (#"{"format": "swifttda-parameters", "version": 1, "parameters": [{"name": "w", "shape": [2], "values": [1]}]}"#, "1 values for shape [2]"),
            (#"{"format": "swifttda-parameters", "version": 1}"#, "missing \"parameters\""),
        ]
        for (text, expected) in bad {
            XCTAssertThrowsError(try ParameterSet<Float>(jsonData: Data(text.utf8))) { e in
                guard case .io(let m)? = e as? AutodiffError else { return XCTFail("\(e)") }
                XCTAssertTrue(m.contains(expected), "\(m) for \(text)")
                XCTAssertFalse(m.contains("\n"))
            }
        }
        XCTAssertThrowsError(try ParameterSet<Float>.load(from: temporaryURL("does-not-exist.json")))
        let nan = ParameterSet<Float>(parameters: [.init(name: "w", shape: [1], values: [.nan])])
        XCTAssertThrowsError(try nan.jsonData())
    }

    func testCosineScheduleWithWarmup() {
        let s = CosineSchedule(base: 1, minimum: 0.1, totalSteps: 110, warmupSteps: 10)
        XCTAssertEqual(s.learningRate(at: 0), 0.1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 9), 1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 10), 1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 60), 0.55, accuracy: 1e-12)     // half way: (base + minimum) / 2
        XCTAssertEqual(s.learningRate(at: 110), 0.1, accuracy: 1e-15)
        XCTAssertEqual(s.learningRate(at: 500), 0.1, accuracy: 1e-15)
        let plain = CosineSchedule(base: 2, totalSteps: 4)
        XCTAssertEqual((0...4).map { plain.learningRate(at: $0) }, [2, 1 + 2.0.squareRoot() / 2, 1, 1 - 2.0.squareRoot() / 2, 0].map { $0 }, accuracy: 1e-12)
    }
}

func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
