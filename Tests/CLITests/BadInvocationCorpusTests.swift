import Foundation
import XCTest

/// Runs every case of `BadInvocations/cases.tsv` (bad files and flags) through
/// the built `tda` and checks the exit status, that stdout is empty and that
/// stderr is one `tda: ` line holding the expected text.
final class BadInvocationCorpusTests: XCTestCase {
    struct Case {
        var line: Int
        var status: Int32
        var message: String
        var arguments: [String]
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the built `tda` (beside the test bundle, as `BarcodeCommandTests` finds it).
    static func tda(_ arguments: [String], stdin: Data? = nil) throws -> Run {
        let process = Process()
        process.executableURL = BarcodeCommandTests.binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadInvocations")

    /// The cases, parsed; a malformed line is a test failure, not a skip.
    static func cases() throws -> [Case] {
        let text = try String(contentsOf: folder.appendingPathComponent("cases.tsv"), encoding: .utf8)
        var out: [Case] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let status = Int32(fields[0]) else {
                throw NSError(domain: "cases.tsv", code: k + 1, userInfo: [NSLocalizedDescriptionKey: "line \(k + 1) is not 'status<TAB>message<TAB>arguments'"])
            }
            out.append(Case(line: k + 1, status: status, message: fields[1],
                            arguments: fields[2].split(separator: " ").map(String.init)))
        }
        return out
    }

    func testEveryBadInvocationGetsOneLineAndItsExitStatus() throws {
        let cases = try Self.cases()
        XCTAssertGreaterThanOrEqual(cases.count, 10, "the corpus lost its cases")
        let files = Self.folder.appendingPathComponent("files").path
        for c in cases {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("tda-bad-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: tmp) }
            let args = c.arguments.map {
                $0.replacingOccurrences(of: "{files}", with: files).replacingOccurrences(of: "{tmp}", with: tmp.path)
            }
            let run = try Self.tda(args)
            let what = "cases.tsv line \(c.line): tda \(c.arguments.joined(separator: " "))"
            XCTAssertEqual(run.status, c.status, "\(what): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", what)
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            XCTAssertEqual(lines.count, 1, "\(what): expected one line, got \(run.stderr)")
            XCTAssertTrue(run.stderr.hasPrefix("tda: "), "\(what): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(c.message), "\(what): '\(c.message)' not in \(run.stderr)")
        }
    }
}
