import Foundation
import XCTest

/// `tda mma` as a user runs it: the CSV and JSON outputs on a small seeded
/// point cloud agree and hold sane corners, and every bad input is one line
/// on stderr with exit status 1 (bad data) or 2 (bad option values).
final class MMACommandTests: XCTestCase {
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: stdin)
    }

    func file(_ name: String, _ contents: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tda-mma-\(UUID().uuidString)-\(name)")
        try contents.write(to: url, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// 16 points near a circle, from `tda generate` with a fixed seed.
    func points() throws -> String {
        let run = try tda(["generate", "circle", "--count", "16", "--noise", "0.05", "--seed", "2"])
        XCTAssertEqual(run.status, 0, run.stderr)
        // Drop the header: tda reads plain rows of numbers.
        return try file("points.csv", run.stdout.split(separator: "\n").dropFirst().joined(separator: "\n") + "\n")
    }

    static func value(_ s: Substring) -> Double? {
        s == "inf" ? .infinity : s == "-inf" ? -.infinity : Double(s)
    }

    static func close(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.count == y.count else { return false }
            for (u, v) in zip(x, y) where u != v {
                let scale: Double = max(1, abs(u))
                if !(abs(u - v) <= 1e-12 * scale) { return false }
            }
        }
        return true
    }

    static func lessOrEqual(_ a: [Double], _ b: [Double]) -> Bool { zip(a, b).allSatisfy { $0 <= $1 } }

    func testCSVAndJSONOnASeededCircleAgreeAndHoldSaneCorners() throws {
        let p = try points()
        let args = ["mma", p, "--filtration", "rips-codensity", "--bandwidth", "0.3", "--nlines", "60", "--threads", "1"]
        let csv = try tda(args)
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertEqual(csv.stderr, "")
        let lines = csv.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "degree,summand,kind,x1,x2")
        // (degree, summand) -> (births, deaths), from the CSV.
        var summands: [[Int]: (births: [[Double]], deaths: [[Double]])] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            XCTAssertEqual(f.count, 5, String(line))
            guard f.count == 5, let degree = Int(f[0]), let k = Int(f[1]) else { XCTFail(String(line)); continue }
            let x = f[3...].compactMap(Self.value)
            XCTAssertEqual(x.count, 2, String(line))
            XCTAssertTrue([0, 1].contains(degree), String(line))
            XCTAssertFalse(x.contains { $0.isNaN }, String(line))
            var entry = summands[[degree, k]] ?? ([], [])
            switch f[2] {
            case "birth":
                XCTAssertFalse(x.contains(.infinity), "a birth corner is never at +inf: \(line)")
                entry.births.append(x)
            case "death":
                XCTAssertFalse(x.contains(-.infinity), "a death corner is never at -inf: \(line)")
                entry.deaths.append(x)
            default: XCTFail("kind \(f[2])")
            }
            summands[[degree, k]] = entry
        }
        XCTAssertFalse(summands.isEmpty)
        for (key, s) in summands {
            XCTAssertFalse(s.births.isEmpty, "\(key) has no birth corner")
            XCTAssertFalse(s.deaths.isEmpty, "\(key) has no death corner")
            // Births form an antichain, deaths too, and some birth lies below some death.
            for (i, a) in s.births.enumerated() {
                for (j, b) in s.births.enumerated() where i != j { XCTAssertFalse(Self.lessOrEqual(a, b), "\(key): births \(a) <= \(b)") }
            }
            for (i, a) in s.deaths.enumerated() {
                for (j, b) in s.deaths.enumerated() where i != j { XCTAssertFalse(Self.lessOrEqual(a, b), "\(key): deaths \(a) <= \(b)") }
            }
            XCTAssertTrue(s.births.contains { b in s.deaths.contains { Self.lessOrEqual(b, $0) } }, "\(key) is empty")
        }
        // Summands are numbered 0, 1, ... within each degree.
        for degree in [0, 1] {
            let ks = summands.keys.filter { $0[0] == degree }.map { $0[1] }.sorted()
            XCTAssertEqual(ks, Array(0..<ks.count), "degree \(degree)")
        }
        // The full Rips complex is connected: exactly one H0 summand never dies.
        let essential = summands.filter { $0.key[0] == 0 && $0.value.deaths.contains([.infinity, .infinity]) }
        XCTAssertEqual(essential.count, 1)
        XCTAssertFalse(summands.keys.filter { $0[0] == 1 }.isEmpty, "16 points on a circle have an H1 summand")

        // JSON: the same summands, in the same order, and the box.
        let json = try tda(args + ["--output-format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let box = try XCTUnwrap(object["box"] as? [String: Any])
        let lower = try XCTUnwrap(box["lower"] as? [Double]), upper = try XCTUnwrap(box["upper"] as? [Double])
        XCTAssertEqual(lower.count, 2)
        XCTAssertTrue(Self.lessOrEqual(lower, upper))
        XCTAssertGreaterThan(try XCTUnwrap(object["precision"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(object["lines"] as? Int), 1)
        let list = try XCTUnwrap(object["summands"] as? [[String: Any]])
        XCTAssertEqual(list.count, summands.count)
        func corners(_ any: Any?) -> [[Double]] {
            ((any as? [[Any]]) ?? []).map { $0.map { ($0 as? Double) ?? ($0 as? String).flatMap { Self.value(Substring($0)) } ?? .nan } }
        }
        var counter: [Int: Int] = [:]
        for s in list {
            let degree = try XCTUnwrap(s["degree"] as? Int)
            let k = counter[degree, default: 0]
            counter[degree] = k + 1
            let fromCSV = try XCTUnwrap(summands[[degree, k]])
            // Foundation's JSON parser on Linux is not round-trip exact (last digit or two): compare to 1e-12.
            XCTAssertTrue(Self.close(corners(s["births"]), fromCSV.births), "degree \(degree) summand \(k)")
            XCTAssertTrue(Self.close(corners(s["deaths"]), fromCSV.deaths), "degree \(degree) summand \(k)")
            // Finite corners lie in the box, up to multipers' 1e-10 slack.
            for c in corners(s["births"]) + corners(s["deaths"]) {
                for (p, x) in c.enumerated() where x.isFinite {
                    XCTAssertTrue(x >= lower[p] - 1e-9 && x <= upper[p] + 1e-9, "\(c) outside the box")
                }
            }
        }

        // --degrees 1 keeps H1 only, with the same corners.
        let h1 = try tda(args + ["--degrees", "1"])
        XCTAssertEqual(h1.status, 0, h1.stderr)
        let h1Rows = h1.stdout.split(separator: "\n").dropFirst()
        XCTAssertTrue(h1Rows.allSatisfy { $0.hasPrefix("1,") })
        XCTAssertEqual(Array(h1Rows), lines.dropFirst().filter { $0.hasPrefix("1,") })
    }

    func testAGivenBoxAndPrecisionAreUsed() throws {
        let p = try points()
        let run = try tda(["mma", p, "--filtration", "rips-codensity", "--bandwidth", "0.3", "--box", "-1,-5,4,5",
                           "--precision", "0.25", "--output-format", "json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let box = try XCTUnwrap(object["box"] as? [String: Any])
        XCTAssertEqual(box["lower"] as? [Double], [-1, -5])
        XCTAssertEqual(box["upper"] as? [Double], [4, 5])
        XCTAssertEqual(object["precision"] as? Double, 0.25)
    }

    func testBadInputsGiveOneLineAndTheRightExitStatus() throws {
        let p = try points()
        let empty = try file("empty.csv", "")
        let ragged = try file("ragged.csv", "0,0\n1\n2,2\n")
        let words = try file("words.csv", "a,b\nc,d\n")
        let base = ["--filtration", "rips-codensity", "--bandwidth", "0.3"]
        let cases: [(args: [String], status: Int32, word: String)] = [
            (["mma", p] + base + ["--nlines", "0"], 2, "nlines"),
            (["mma", p] + base + ["--nlines", "-3"], 2, "nlines"),
            (["mma", p] + base + ["--precision", "-1"], 2, "precision"),
            (["mma", p] + base + ["--precision", "0"], 2, "precision"),
            (["mma", p] + base + ["--precision", "nan"], 2, "precision"),
            (["mma", p] + base + ["--box", "0,0,0.01,0.01"], 1, "box"),
            (["mma", p] + base + ["--box", "0,0,1"], 2, "box"),
            (["mma", p] + base + ["--box", "0,0,x,1"], 2, "box"),
            // A billion lines: refused before any work, with the count it would need.
            (["mma", p] + base + ["--nlines", "1000000000"], 1, "lines"),
            (["mma", p] + base + ["--precision", "1e-12"], 1, "lines"),
            (["mma", empty] + base, 1, "no data"),
            (["mma", ragged] + base, 1, "line 2"),
            (["mma", words] + base, 1, "not a number"),
            (["mma", "/nonexistent/points.csv"] + base, 1, "points.csv"),
            (["mma", p] + base + ["--degrees", "x"], 2, "degrees"),
            (["mma", p] + base + ["--threads", "0"], 2, "threads"),
            (["mma", p, "--filtration", "rips-codensity"], 2, "bandwidth"),
        ]
        for (args, status, word) in cases {
            let run = try tda(args)
            XCTAssertEqual(run.status, status, "\(args): \(run.stderr)")
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: true)
            XCTAssertEqual(lines.count, 1, "\(args): \(run.stderr)")
            XCTAssertTrue(lines.first?.hasPrefix("tda: ") ?? false, "\(args): \(run.stderr)")
            XCTAssertTrue(run.stderr.contains(word), "\(args): \(run.stderr)")
            XCTAssertEqual(run.stdout, "", "\(args)")
        }
        // The refusal names the estimate: a number of lines well above the limit.
        let refused = try tda(["mma", p] + base + ["--nlines", "1000000000"])
        let numbers = refused.stderr.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertTrue(numbers.contains { $0 > 100_000_000 }, refused.stderr)
    }
}
