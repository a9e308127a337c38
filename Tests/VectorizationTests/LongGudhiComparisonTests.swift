import XCTest
import Foundation
import Persistence

/// With TDA_LONG_TESTS=1 and python3 + gudhi installed: bottleneck (e=0) and
/// Wasserstein against GUDHI on hundreds of random diagrams, ties included.
final class LongGudhiComparisonTests: XCTestCase {
    func testBottleneckEqualsGudhiExactlyOnManyRandomDiagramsWithTies() throws {
        guard ProcessInfo.processInfo.environment["TDA_LONG_TESTS"] == "1" else { throw XCTSkip("set TDA_LONG_TESTS=1") }
        var rng = SplitMix(seed: 2024)
        var diagrams: [[Bar]] = []
        for k in 0..<80 {
            let grid = [0.05, 0.1, 0.25, 0][k % 4]
            var d: [Bar] = (0..<rng.int(120)).map { _ in
                var b = rng.unit(), p = -0.3 * log(1 - rng.unit())
                if grid > 0 { b = (b / grid).rounded() * grid; p = (p / grid).rounded() * grid }
                return Bar(birth: b, death: b + p)
            }
            if k % 5 == 0 { d.append(Bar(birth: (rng.unit() * 10).rounded() / 10, death: .infinity)) }
            diagrams.append(d)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-long-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = "[" + diagrams.map { d in "[" + d.map { "[\"\($0.birth)\",\"\($0.death == .infinity ? "inf" : $0.death.description)\"]" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
        try json.write(to: dir.appendingPathComponent("d.json"), atomically: true, encoding: .utf8)
        let script = """
        import json, sys, itertools, numpy as np, gudhi
        from gudhi.wasserstein import wasserstein_distance
        D = [np.array([[float(x), float(y)] for x, y in d]).reshape(-1, 2) for d in json.load(open(sys.argv[1]))]
        out = []
        for i, j in itertools.combinations(range(len(D)), 2):
            w = wasserstein_distance(D[i], D[j], order=2) if (i + j) % 7 == 0 else -1
            out.append([repr(float(gudhi.bottleneck_distance(D[i], D[j], e=0))), repr(float(w))])
        print(json.dumps(out))
        """
        try script.write(to: dir.appendingPathComponent("g.py"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", dir.appendingPathComponent("g.py").path, dir.appendingPathComponent("d.json").path]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let rows = try JSONSerialization.jsonObject(with: data) as? [[String]] else {
            throw XCTSkip("python3 with gudhi is not available")
        }
        var k = 0, compared = 0
        for i in 0..<diagrams.count {
            for j in (i + 1)..<diagrams.count {
                let expected = Double(rows[k][0]) ?? .nan
                XCTAssertEqual(bottleneckDistance(diagrams[i], diagrams[j]), expected, "pair \(i), \(j)")
                if let w = Double(rows[k][1]), w >= 0 {
                    let got = try wassersteinDistance(diagrams[i], diagrams[j], order: 2)
                    if w.isInfinite { XCTAssertEqual(got, w) } else { XCTAssertEqual(got, w, accuracy: 1e-10 * max(1, w), "pair \(i), \(j)") }
                }
                k += 1; compared += 1
            }
        }
        XCTAssertEqual(compared, 80 * 79 / 2)
    }
}
