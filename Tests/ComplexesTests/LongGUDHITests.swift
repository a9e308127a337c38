import Foundation
import XCTest
import Complexes
import Persistence
import PointClouds

/// Larger cases checked against GUDHI run live through python3 (skipped
/// unless TDA_LONG_TESTS=1, and when python3 or gudhi is missing).
final class LongGUDHITests: XCTestCase {
    static let script = """
    import sys, numpy as np, gudhi
    kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    a = np.loadtxt(path, delimiter=',', ndmin=2)
    if kind == 'alpha':
        p = gudhi.AlphaComplex(points=a, precision='exact').create_simplex_tree().persistence(homology_coeff_field=2)
    else:
        p = gudhi.CubicalComplex(top_dimensional_cells=a).persistence(homology_coeff_field=2)
    open(out, 'w').write(''.join(f'{d} {b!r} {e!r}\\n' for d, (b, e) in p))
    """

    func gudhiBars(_ kind: String, _ rows: [[Double]]) throws -> [(Int, Double, Double)]? {
        let dir = FileManager.default.temporaryDirectory.path + "/cx-long-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let csv = rows.map { $0.map { "\($0)" }.joined(separator: ",") }.joined(separator: "\n")
        try csv.write(toFile: dir + "/in.csv", atomically: true, encoding: .utf8)
        try Self.script.write(toFile: dir + "/run.py", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", dir + "/run.py", kind, dir + "/in.csv", dir + "/out.txt"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        guard p.terminationStatus == 0, let text = try? String(contentsOfFile: dir + "/out.txt", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: " ")
            return (Int(f[0]) ?? -1, Double(f[1]) ?? .nan, Double(f[2]) ?? .nan)
        }
    }

    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["TDA_LONG_TESTS"] == "1", "set TDA_LONG_TESTS=1")
    }

    func testAlphaEqualsGUDHIOnLargerRandomAndRoundedSets() throws {
        var g = SeededGenerator(seed: 2024)
        var sets: [(String, [[Double]])] = []
        sets.append(("2D 3000", (0..<3000).map { _ in [g.uniform(), g.uniform()] }))
        sets.append(("3D 2000", (0..<2000).map { _ in [g.uniform(), g.uniform(), g.uniform()] }))
        // Coordinates on a 1/8 grid: many exact cospherical and coplanar ties.
        sets.append(("3D rounded 1500", (0..<1500).map { _ in (0..<3).map { _ in (g.uniform() * 16).rounded() / 8 } }))
        sets.append(("2D rounded 1500", (0..<1500).map { _ in (0..<2).map { _ in (g.uniform() * 32).rounded() / 4 } }))
        for (name, rows) in sets {
            guard let expected = try gudhiBars("alpha", rows) else { throw XCTSkip("python3 with gudhi is not available") }
            let barcode = try AlphaComplex(points: try PointCloud(rows: rows)).filteredComplex.barcode(maxDimension: rows[0].count - 1)
            assertSameBars(barcode, expected, tolerance: 1e-15, name)
        }
    }

    func testCubicalEqualsGUDHIOnA200x300Image() throws {
        var g = SeededGenerator(seed: 5)
        let rows = (0..<200).map { _ in (0..<300).map { _ in (g.uniform() * 50).rounded() } }
        guard let expected = try gudhiBars("cubical", rows) else { throw XCTSkip("python3 with gudhi is not available") }
        let barcode = try CubicalComplex(rows: rows).filteredComplex().barcode(maxDimension: 1)
        assertSameBars(barcode, expected, "200x300")
    }
}
