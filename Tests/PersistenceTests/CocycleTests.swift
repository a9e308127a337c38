import Foundation
import XCTest
import Persistence
import PointClouds

/// Representative cocycles (Ripser's `--cocycles`): on a circle, a torus and
/// the real projective plane, every cocycle's coboundary vanishes on the
/// complex at its bar's birth and just before its death, and at each bar's
/// birth the cocycles of the bars alive there are independent modulo
/// coboundaries (a basis of H^k: each pairs non-trivially with some cycle).
/// Checked by plain linear algebra over Z/p on the complex, independent of
/// the engine.
final class CocycleTests: XCTestCase {
    /// Points evenly spread on a circle, a little jittered (deterministic).
    static func circle(_ n: Int) throws -> PointCloud {
        var rng = SeededGenerator(seed: 3)
        return try PointCloud(rows: (0..<n).map { k in
            let t = 2 * Double.pi * (Double(k) + 0.3 * rng.uniform()) / Double(n)
            return [cos(t), sin(t)]
        })
    }

    /// A 10 x 8 grid on a flat torus in R^4 (radii 1 and 0.8): H1 has two
    /// long bars, H2 one.
    static func torus() throws -> PointCloud {
        var rows: [[Double]] = []
        for j in 0..<8 {
            for i in 0..<10 {
                let a = 2 * Double.pi * Double(i) / 10, b = 2 * Double.pi * (Double(j) + 0.3) / 8
                rows.append([cos(a), sin(a), 0.8 * cos(b), 0.8 * sin(b)])
            }
        }
        return try PointCloud(rows: rows)
    }

    /// The Veronese embedding in R^6 of 80 points of the upper hemisphere (a
    /// Fibonacci lattice): a real projective plane. Over Z/2 one long H1 and
    /// one long H2 bar; over Z/3 neither lives long.
    static func projectivePlane() throws -> PointCloud {
        var rows: [[Double]] = []
        let n = 160
        for k in 0..<n {
            let z = 1 - 2 * (Double(k) + 0.5) / Double(n)
            guard z > 0 else { continue }
            let phi = Double.pi * (1 + 5.0.squareRoot()) * (Double(k) + 0.5)
            let r = (1 - z * z).squareRoot()
            let x = r * cos(phi), y = r * sin(phi), s = 2.0.squareRoot()
            rows.append([x * x, y * y, z * z, s * x * y, s * x * z, s * y * z])
        }
        return try PointCloud(rows: rows)
    }

    func testCircleCocycleIsACocycleAndPairsWithTheLoop() throws {
        let cloud = try Self.circle(24)
        let d = DistanceMatrix(cloud)
        for p in [2, 3, 5] {
            let barcode = try VietorisRips(points: cloud).barcode(maxDimension: 1, modulus: p, cocycles: true)
            let cocycles = try XCTUnwrap(barcode.cocycles)
            XCTAssertEqual(cocycles[1].count, barcode[1].count)
            XCTAssertTrue(cocycles[0].isEmpty)
            let long = try XCTUnwrap(barcode[1].indices.max { barcode[1][$0].persistence < barcode[1][$1].persistence })
            XCTAssertGreaterThan(barcode[1][long].persistence, 1)
            try CocycleCheck(d, modulus: p).verify(barcode, dimension: 1)
            // The loop through the points in angular order, oriented: <c, z> != 0 mod p.
            let c = cocycles[1][long]
            var value = 0
            for k in 0..<24 {
                let a = k, b = (k + 1) % 24
                XCTAssertLessThanOrEqual(d[a, b], barcode[1][long].birth, "the loop is in the complex at the birth")
                if let s = (0..<c.count).first(where: { Array(c.simplex($0)) == [min(a, b), max(a, b)] }) {
                    value += a < b ? c.coefficients[s] : p - c.coefficients[s]
                }
            }
            XCTAssertNotEqual(value % p, 0, "Z/\(p): the cocycle pairs with the loop")
        }
    }

    func testTorusCocyclesTwoInH1OneInH2() throws {
        let cloud = try Self.torus()
        let d = DistanceMatrix(cloud)
        let rips = try VietorisRips(points: cloud)
        let barcode = try rips.barcode(maxDimension: 2, modulus: 3, cocycles: true, options: RipsOptions(threads: 2))
        XCTAssertEqual(barcode[1].filter { $0.persistence > 0.5 }.count, 2)
        XCTAssertEqual(barcode[2].filter { $0.persistence > 0.5 }.count, 1)
        XCTAssertEqual(barcode.cocycles?[2].count, barcode[2].count)
        let check = CocycleCheck(d, modulus: 3)
        try check.verify(barcode, dimension: 1)
        try check.verify(barcode, dimension: 2)
        // Same bars as without cocycles; the same cocycles on one thread (threads never change a result).
        let plain = try rips.barcode(maxDimension: 2, modulus: 3, options: RipsOptions(threads: 2, collapse: .never))
        XCTAssertEqual(Barcode(bars: barcode.bars), plain)
        let one = try rips.barcode(maxDimension: 2, modulus: 3, cocycles: true, options: RipsOptions(threads: 1))
        XCTAssertEqual(one, barcode)
    }

    func testProjectivePlaneCocyclesOverZ2AndZ3() throws {
        let cloud = try Self.projectivePlane()
        XCTAssertEqual(cloud.count, 80)
        let d = DistanceMatrix(cloud)
        let z2 = try VietorisRips(points: cloud).barcode(maxDimension: 2, modulus: 2, cocycles: true,
                                                         options: RipsOptions(threads: 2))
        XCTAssertEqual(z2[1].filter { $0.persistence > 0.5 }.count, 1)
        XCTAssertEqual(z2[2].filter { $0.persistence > 0.5 }.count, 1)
        let z3 = try VietorisRips(points: cloud).barcode(maxDimension: 2, modulus: 3, cocycles: true,
                                                         options: RipsOptions(threads: 2))
        XCTAssertEqual(z3[1].filter { $0.persistence > 0.5 }.count + z3[2].filter { $0.persistence > 0.5 }.count, 0,
                       "RP2 has no Z/3 homology")
        for (barcode, p) in [(z2, 2), (z3, 3)] {
            let check = CocycleCheck(d, modulus: p)
            try check.verify(barcode, dimension: 1)
            try check.verify(barcode, dimension: 2)
        }
    }

    func testCocyclesUnderAThresholdAndFromADistanceMatrix() throws {
        let cloud = try Self.circle(30)
        let d = DistanceMatrix(cloud)
        // The sparse engine (a threshold below the largest distance) and the dense one.
        for threshold in [nil, 1.2] as [Double?] {
            let barcode = try VietorisRips(distances: d).barcode(maxDimension: 2, threshold: threshold, modulus: 7,
                                                                  cocycles: true)
            try CocycleCheck(d, modulus: 7).verify(barcode, dimension: 1, threshold: threshold ?? d.enclosingRadius)
        }
    }

    func testCocycleRelabelingKeepsTheOrientation() throws {
        // {0, 1} with value 1 under 0 -> 7, 1 -> 3 is the simplex [3, 7] with value -1.
        let c = try Cocycle(dimension: 1, vertices: [0, 1, 1, 2], coefficients: [1, 2])
        let r = try c.relabeled([7, 3, 9], modulus: 5)
        XCTAssertEqual(r.simplices, [[3, 7], [3, 9]])
        XCTAssertEqual(r.coefficients, [4, 2])
        XCTAssertThrowsError(try c.relabeled([7, 3], modulus: 5))
        XCTAssertThrowsError(try Cocycle(dimension: 1, vertices: [0, 1, 2], coefficients: [1]))
        XCTAssertEqual(c.simplex(5), [])
        // Codable round trip, and a decoded inconsistent cocycle is refused.
        let back = try JSONDecoder().decode(Cocycle.self, from: JSONEncoder().encode(c))
        XCTAssertEqual(back, c)
        XCTAssertThrowsError(try JSONDecoder().decode(Cocycle.self, from: Data(
            #"{"dimension":2,"vertices":[0,1],"coefficients":[1]}"#.utf8)))
    }
}

/// Linear algebra over Z/p on the Rips complex of a small distance matrix.
struct CocycleCheck {
    let d: DistanceMatrix
    let p: Int

    init(_ d: DistanceMatrix, modulus: Int) {
        self.d = d
        self.p = modulus
    }

    typealias Cochain = [Int: Int]   // simplex key -> value in 1..<p

    func key(_ simplex: [Int]) -> Int { simplex.reversed().reduce(0) { $0 * d.count + $1 } }
    func vertices(_ key: Int, _ size: Int) -> [Int] {
        var k = key, out: [Int] = []
        for _ in 0..<size { out.append(k % d.count); k /= d.count }
        return out
    }
    func diameter(_ s: [Int]) -> Double {
        var m = 0.0
        for a in s.indices { for b in 0..<a { m = max(m, d[s[a], s[b]]) } }
        return m
    }

    /// The cochain restricted to the complex at scale t.
    func restricted(_ c: Cocycle, _ t: Double) -> Cochain {
        var out: Cochain = [:]
        for k in 0..<c.count where diameter(Array(c.simplex(k))) <= t {
            out[key(Array(c.simplex(k)))] = c.coefficients[k] % p
        }
        return out
    }

    /// The cofacets of `s` in the complex at t, with the sign (-1)^(position of the added vertex).
    func cofacets(_ s: [Int], _ t: Double) -> [([Int], Int)] {
        var out: [([Int], Int)] = []
        for w in 0..<d.count where !s.contains(w) && s.allSatisfy({ d[$0, w] <= t }) {
            let tau = (s + [w]).sorted()
            let position = tau.firstIndex(of: w)!
            out.append((tau, position % 2 == 0 ? 1 : p - 1))
        }
        return out
    }

    /// Whether the coboundary of `c` (a cochain of dimension k on K_t) vanishes on K_t.
    func isCocycle(_ c: Cochain, dimension k: Int, _ t: Double) -> Bool {
        var seen = Set<Int>()
        for (sigmaKey, _) in c {
            for (tau, _) in cofacets(vertices(sigmaKey, k + 1), t) where seen.insert(key(tau)).inserted {
                var value = 0
                for i in tau.indices {
                    var facet = tau
                    facet.remove(at: i)
                    let v = c[key(facet)] ?? 0
                    value += i % 2 == 0 ? v : p - v
                }
                if value % p != 0 { return false }
            }
        }
        return true
    }

    func inverse(_ a: Int) -> Int { (1..<p).first { a * $0 % p == 1 }! }

    /// Gaussian elimination: `basis[pivot]` holds a vector whose largest key is `pivot`.
    func reduce(_ v: Cochain, _ basis: [Int: Cochain]) -> Cochain {
        var v = v
        while let pivot = v.keys.max() {
            guard let b = basis[pivot] else { return v }
            let factor = v[pivot]! * inverse(b[pivot]!) % p
            for (k, x) in b {
                let y = ((v[k] ?? 0) - factor * x % p + p) % p
                v[k] = y == 0 ? nil : y
            }
        }
        return v
    }

    /// The coboundaries of the (k-1)-cochains on K_t, reduced.
    func coboundaryBasis(dimension k: Int, _ t: Double) -> [Int: Cochain] {
        var faces: [[Int]] = []
        if k == 1 {
            faces = (0..<d.count).map { [$0] }
        } else {
            for i in 0..<d.count { for j in 0..<i where d[i, j] <= t { faces.append([j, i]) } }
            if k == 3 { faces = faces.flatMap { e in cofacets(e, t).map(\.0) }.filter { $0.count == 3 } }
        }
        var basis: [Int: Cochain] = [:]
        for s in faces {
            var column: Cochain = [:]
            for (tau, sign) in cofacets(s, t) { column[key(tau)] = sign }
            let r = reduce(column, basis)
            if let pivot = r.keys.max() { basis[pivot] = r }
        }
        return basis
    }

    /// Every cocycle of dimension k is a cocycle at its bar's birth and just
    /// before its death (or at the threshold, for an essential bar); at the
    /// births of the `independenceChecks` longest bars, the cocycles of all
    /// bars alive there are independent modulo coboundaries.
    func verify(_ barcode: Barcode, dimension k: Int, threshold: Double = .infinity, independenceChecks: Int = 4,
                file: StaticString = #filePath, line: UInt = #line) throws {
        let cocycles = try XCTUnwrap(barcode.cocycles, file: file, line: line)[k]
        let bars = barcode[k]
        XCTAssertEqual(cocycles.count, bars.count, file: file, line: line)
        let values = Set(d.entries).sorted()
        for (bar, c) in zip(bars, cocycles) {
            XCTAssertEqual(c.dimension, k, file: file, line: line)
            XCTAssertTrue(c.coefficients.allSatisfy { $0 > 0 && $0 < p }, file: file, line: line)
            let before = values.last { $0 < bar.death && $0 <= threshold && $0 >= bar.birth } ?? bar.birth
            for t in [bar.birth, before] {
                XCTAssertTrue(isCocycle(restricted(c, t), dimension: k, t),
                              "H\(k) bar \(bar): coboundary non-zero at \(t) over Z/\(p)", file: file, line: line)
            }
        }
        let longest = bars.sorted { $0.persistence > $1.persistence }.prefix(independenceChecks)
        for t in Set(longest.map(\.birth)).sorted() {
            var basis = coboundaryBasis(dimension: k, t)
            for (bar, c) in zip(bars, cocycles) where bar.birth <= t && t < bar.death {
                let r = reduce(restricted(c, t), basis)
                guard let pivot = r.keys.max() else {
                    return XCTFail("H\(k) bar \(bar): its cocycle is trivial in H^\(k)(K_\(t); Z/\(p)) modulo the others",
                                   file: file, line: line)
                }
                basis[pivot] = r
            }
        }
    }
}
