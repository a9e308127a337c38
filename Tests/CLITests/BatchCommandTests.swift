import XCTest
import Foundation

/// Runs the built `tda` binary: batch output must not depend on --jobs or on
/// sharding, and a malformed input fails alone.
final class BatchCommandTests: XCTestCase {
    var tda: URL!
    var dir: URL!

    override func setUpWithError() throws {
        // The tda the other CLI tests run: CLITests depends on it, so it is built; missing is a failure, not a skip.
        tda = BarcodeCommandTests.binary
        guard FileManager.default.isExecutableFile(atPath: tda.path) else {
            throw NSError(domain: "BatchCommandTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "tda is not built at \(tda.path)"])
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    @discardableResult
    func run(_ args: [String], environment: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = tda
        p.arguments = ["batch"] + args
        p.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        for key in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "JOB_COMPLETION_INDEX"] {
            env[key] = nil
        }
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func contents(_ folder: String) throws -> [String: Data] {
        let url = dir.appendingPathComponent(folder)
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            out[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return out
    }

    func writeInputs() throws -> [String] {
        var rng = BatchInputGenerator(seed: 99)
        var names: [String] = []
        for k in 0..<12 {
            let n = 12 + rng.int(10)
            var text = ""
            for _ in 0..<n {
                let t = 2 * Double.pi * rng.unit(), r = 1 + 0.2 * rng.unit()
                text += "\(r * cos(t)),\(r * sin(t))\n"
            }
            let name = "cloud\(k).csv"
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
            names.append(name)
        }
        try "1,2\n3\n".write(to: dir.appendingPathComponent("broken.csv"), atomically: true, encoding: .utf8)
        return names
    }

    func testBatchIsIdenticalWithOneAndManyJobsAndAcrossMergedShards() throws {
        let inputs = try writeInputs()
        let spec = "barcode --max-dim 1 | vectorize --method landscape --num-landscapes 2 --resolution 16 --output-format npy"
        let fit = ["--fit-on"] + inputs.prefix(4)
        XCTAssertEqual(try run(inputs + ["--out", "one", "--jobs", "1", "--pipeline", spec] + fit).status, 0)
        XCTAssertEqual(try run(inputs + ["--out", "many", "--jobs", "4", "--pipeline", spec] + fit).status, 0)
        for i in 0..<3 {
            XCTAssertEqual(try run(inputs + ["--out", "sharded", "--shard", "\(i)/3", "--pipeline", spec] + fit).status, 0)
        }
        let one = try contents("one")
        XCTAssertEqual(one.count, inputs.count)
        XCTAssertEqual(one, try contents("many"))
        XCTAssertEqual(one, try contents("sharded"))
    }

    func testMalformedInputFailsAloneAndResumeSkipsFinishedResults() throws {
        let inputs = try writeInputs()
        let spec = "barcode | vectorize --method betti-curve --sample-range 0,2 --resolution 5"
        let first = try run(inputs + ["broken.csv", "--out", "out", "--pipeline", spec])
        XCTAssertEqual(first.status, 1)
        XCTAssertTrue(first.stderr.contains("12 processed, 0 skipped, 1 failed"), first.stderr)
        XCTAssertTrue(first.stderr.contains("broken.csv"), first.stderr)
        XCTAssertEqual(try contents("out").count, 12)
        let again = try run(inputs + ["--out", "out", "--resume", "--pipeline", spec])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stderr.contains("0 processed, 12 skipped, 0 failed"), again.stderr)
    }

    func bytes(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }

    func testAStageOptionThatDoesNotApplyIsRefusedEvenAtItsDefaultValue() throws {
        let inputs = Array(try writeInputs().prefix(1))
        for (words, refused) in [("vectorize --method image --im-range 0,1,0,1 --top 10", "--top"),
                                 ("vectorize --method landscape --sample-range 0,2 --weight constant", "--weight"),
                                 ("vectorize --method landscape --sample-range 0,2 --kernel gaussian", "--kernel")] {
            let run = try run(inputs + ["--out", "o", "--pipeline", "barcode | " + words])
            XCTAssertEqual(run.status, 2, "\(words): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(refused), "\(words): \(run.stderr)")
        }
    }

    func testBarcodeBatchesWriteCSVByDefault() throws {
        let inputs = Array(try writeInputs().prefix(2))
        XCTAssertEqual(try run(inputs + ["--out", "bars", "--pipeline", "barcode --max-dim 1"]).status, 0)
        let files = try contents("bars")
        XCTAssertEqual(Set(files.keys), ["cloud0.csv", "cloud1.csv"])
        XCTAssertTrue(String(decoding: files["cloud0.csv"] ?? Data(), as: UTF8.self).hasPrefix("dim,birth,death\n0,0.0,"))
        XCTAssertEqual(try run(inputs + ["--out", "text", "--pipeline", "barcode --output-format text"]).status, 0)
        XCTAssertNotNil(try contents("text")["cloud0.txt"])
    }

    func testCollectedShardsFromTheSchedulerMergeToTheOneMachineBytes() throws {
        let inputs = try writeInputs()
        var all = inputs
        all.insert("broken.csv", at: 5)
        try (0..<all.count).map { "shape \($0 % 2)" }.joined(separator: "\n").write(to: dir.appendingPathComponent("labels.txt"), atomically: true, encoding: .utf8)
        let spec = "barcode --max-dim 1 | vectorize --method landscape --num-landscapes 2 --resolution 8 --sample-range 0,2"
        let common = all + ["--pipeline", spec, "--labels", "labels.txt"]
        for format in ["npy", "csv"] {
            let whole = try run(common + ["--collect", "whole.\(format)", "--jobs", "2"])
            XCTAssertEqual(whole.status, 1, whole.stderr)
            let index = String(decoding: try bytes("whole.\(format).index.csv"), as: UTF8.self).split(separator: "\n")
            XCTAssertEqual(index.count, all.count + 1)
            XCTAssertEqual(index[0], "row,input,status,label")
            XCTAssertEqual(index[1], "0,cloud0.csv,ok,shape 0")
            XCTAssertEqual(index[6], ",broken.csv,failed,shape 1")
            XCTAssertEqual(index[7], "5,cloud5.csv,ok,shape 0")
            // Slurm array tasks 1..3 (MIN/MAX), then a Kubernetes Indexed Job of 2.
            for id in 1...3 {
                _ = try run(common + ["--collect", "slurm-\(id).\(format)", "--shard", "auto"],
                            environment: ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "3"])
            }
            for k in 0..<2 {
                _ = try run(common + ["--collect", "k8s-\(k).\(format)", "--shard", "auto", "--shard-count", "2"],
                            environment: ["JOB_COMPLETION_INDEX": "\(k)"])
            }
            for (prefix, n) in [("slurm", [3, 1, 2]), ("k8s", [1, 0])] {
                let merged = try run(["merge"] + n.map { "\(prefix)-\($0).\(format)" } + ["--out", "\(prefix).\(format)"])
                XCTAssertEqual(merged.status, 0, merged.stderr)
                XCTAssertEqual(try bytes("\(prefix).\(format)"), try bytes("whole.\(format)"), "\(prefix) \(format)")
                XCTAssertEqual(try bytes("\(prefix).\(format).index.csv"), try bytes("whole.\(format).index.csv"))
            }
            let partial = try run(["merge", "slurm-1.\(format)", "slurm-3.\(format)", "--out", "bad.\(format)"])
            XCTAssertEqual(partial.status, 1)
            XCTAssertTrue(partial.stderr.contains("missing shard 1/3"), partial.stderr)
        }
        let none = try run(common + ["--collect", "x.npy", "--shard", "auto"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.contains("no scheduler shard"), none.stderr)
        // --resume with --collect reads the finished results back: the same matrix.
        XCTAssertEqual(try run(inputs + ["--pipeline", spec, "--out", "res", "--collect", "first.npy"]).status, 0)
        let again = try run(inputs + ["--pipeline", spec, "--out", "res", "--collect", "second.npy", "--resume"])
        XCTAssertTrue(again.stderr.contains("0 processed, 12 skipped"), again.stderr)
        XCTAssertEqual(try bytes("first.npy"), try bytes("second.npy"))
    }
}

/// SplitMix64: the deterministic generator of the batch inputs (the same
/// stream as VectorizationTests' `SplitMix`, so the inputs are unchanged by
/// the move).
struct BatchInputGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
