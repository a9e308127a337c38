import XCTest
import Persistence
@testable import Vectorization

/// Issue 17's features against gudhi.representations / gudhi.wasserstein
/// 3.13 outputs (Reference/representations.json, written by
/// scripts/make_representations_reference.py).
final class RepresentationsReferenceTests: XCTestCase {
    static let reference: [String: Any]? = try? ReferenceData.json("representations")

    func section(_ key: String) throws -> [String: Any] {
        guard let s = Self.reference?[key] as? [String: Any] else { throw ReferenceData.Missing("representations.json has no \(key)") }
        return s
    }

    func int(_ any: Any?) -> Int? { (any as? NSNumber)?.intValue }
    func ints(_ any: Any?) -> [Int] { (any as? [Any] ?? []).compactMap { int($0) } }
    func diagrams(_ s: [String: Any]) -> [[Bar]] { (s["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) } }
    func range(_ p: [String: Any], _ key: String) -> (Double?, Double?) {
        guard let a = p[key] as? [Any], a.count == 2 else { return (nil, nil) }
        let x = ReferenceData.number(a[0]), y = ReferenceData.number(a[1])
        return (x.isNaN ? nil : x, y.isNaN ? nil : y)
    }

    /// The vectorizer the script built from `name` and `params`.
    func vectorizer(_ name: String, _ p: [String: Any]) throws -> any Vectorizer {
        let resolution = int(p["resolution"])
        switch name {
        case "landscape":
            return Landscape(numLandscapes: int(p["num_landscapes"]) ?? 5, resolution: resolution ?? 100, sampleRange: range(p, "sample_range"))
        case "silhouette": return Silhouette(power: 0, resolution: resolution ?? 100, sampleRange: range(p, "sample_range"))
        case "betti-curve":
            return BettiCurve(resolution: p["resolution"] is NSNull ? nil : resolution ?? 100, sampleRange: range(p, "sample_range"))
        case "entropy":
            return PersistenceEntropy(mode: p["mode"] as? String == "vector" ? .vector : .scalar, resolution: resolution ?? 100,
                                      sampleRange: range(p, "sample_range"))
        case "image":
            let r = (p["im_range"] as? [Any])?.map { Optional(ReferenceData.number($0)) } ?? [nil, nil, nil, nil]
            return PersistenceImage(bandwidth: 1, resolution: (resolution ?? 20, resolution ?? 20), imRange: r)
        case "topological-vector": return TopologicalVector(threshold: int(p["threshold"]) ?? 10)
        case "complex-polynomial": return ComplexPolynomial(type: .r, threshold: int(p["threshold"]) ?? 10)
        case "persistence-lengths": return PersistenceLengths(numLengths: int(p["num_lengths"]) ?? 5)
        case "sliced-wasserstein-kernel": return SlicedWassersteinKernel(numDirections: int(p["num_directions"]) ?? 10)
        default: throw ReferenceData.Missing("unknown vectorizer \(name)")
        }
    }

    func checkCases(_ key: String, rel: Double = 1e-9) throws {
        let s = try section(key)
        let d = diagrams(s)
        let cases = s["cases"] as? [[String: Any]] ?? []
        XCTAssertGreaterThan(cases.count, 5)
        for c in cases {
            let name = c["name"] as? String ?? "", params = c["params"] as? [String: Any] ?? [:]
            var v = try vectorizer(name, params)
            let fit = ints(c["fit"])
            try v.fit(fit.map { d[$0] })
            let rows = try v.transform(ints(c["transform"]).map { d[$0] })
            let expected = ReferenceData.rows(c["output"])
            XCTAssertEqual(rows.count, expected.count, "\(name) \(params)")
            for (k, row) in rows.enumerated() where k < expected.count {
                assertClose(row, expected[k], rel: rel, "\(key): \(name) \(params) fit on \(fit), diagram \(k)")
            }
        }
    }

    // (1) The Fisher kernel, now to 1e-12, and exactly 1 on a diagram against itself.
    func testPersistenceFisherKernelMatchesGudhiTo1e12AndIsExactlyOneOnItself() throws {
        let s = try section("fisher")
        let d = diagrams(s)
        for c in s["cases"] as? [[String: Any]] ?? [] {
            let bf = ReferenceData.number(c["bandwidth_fisher"]), bw = ReferenceData.number(c["bandwidth"])
            var k = PersistenceFisherKernel(bandwidthFisher: bf, bandwidth: bw)
            try k.fit(d)
            let expected = ReferenceData.rows(c["output"])
            for i in d.indices {
                let row = try k.transform(d[i])
                XCTAssertEqual(row[i], 1, "bandwidths \(bf), \(bw): diagram \(i) against itself")
                // Diagram 5 is diagram 1 moved by 1e-9: there GUDHI's own arccos is off by ~1e-8.
                for j in d.indices where j != i && !(Set([i, j]) == Set([1, 5])) {
                    assertClose([row[j]], [expected[i][j]], rel: 1e-12, "bandwidths \(bf), \(bw): (\(i), \(j))")
                }
            }
            // The nearly equal pair is close to 1 and below it, as the exact value is.
            let near = try k.transform(d[5])[1]
            XCTAssertLessThan(near, 1)
            XCTAssertGreaterThan(near, 1 - 1e-6)
        }
    }

    // (2) Empty diagrams in fit and transform, as GUDHI.
    func testEmptyDiagramsInFitAndTransformGiveWhatGudhiGives() throws { try checkCases("empty") }

    // (2) Points below the diagonal, as GUDHI.
    func testPointsBelowTheDiagonalGiveWhatGudhiGives() throws { try checkCases("below") }

    func testDistancesWithPointsBelowTheDiagonalMatchGudhi() throws {
        let s = try section("below")
        let d = diagrams(s)
        for c in s["distances"] as? [[String: Any]] ?? [] {
            let a = d[int(c["a"]) ?? 0], j = int(c["b"]) ?? -1
            let b = j < 0 ? [] : d[j]
            assertClose([try slicedWassersteinDistance(a, b, directions: 10)], [ReferenceData.number(c["sliced10"])], "sliced \(c)")
            XCTAssertEqual(bottleneckDistance(a, b), ReferenceData.number(c["bottleneck"]), "bottleneck \(c)")
            if c["wasserstein1"] != nil {
                assertClose([try wassersteinDistance(a, b, order: 1)], [ReferenceData.number(c["wasserstein1"])], "W1 \(c)")
                assertClose([try wassersteinDistance(a, b, order: 2, internalP: 2)], [ReferenceData.number(c["wasserstein2_p2"])], "W2 p2 \(c)")
            }
        }
    }

    // (3) PersistenceLengths.
    func testPersistenceLengthsMatchGudhi() throws {
        let s = try section("lengths")
        let d = diagrams(s)
        for c in s["cases"] as? [[String: Any]] ?? [] {
            let k = int(c["num_lengths"]) ?? 5
            let rows = try PersistenceLengths(numLengths: k).transform(d)
            let expected = ReferenceData.rows(c["output"])
            for i in d.indices { XCTAssertEqual(rows[i], expected[i], "num_lengths \(k), diagram \(i)") }
        }
        XCTAssertThrowsError(try PersistenceLengths(numLengths: 0).transform([]))
    }

    // The preprocessing step ProminentPoints, as GUDHI's (|d - b|, both locations, thresholds).
    func testProminentPointsMatchGudhi() throws {
        let s = try section("prominent")
        let d = diagrams(s)
        for c in s["cases"] as? [[String: Any]] ?? [] {
            let v = ProminentPoints(count: int(c["num_pts"]) ?? 10, threshold: ReferenceData.number(c["threshold"]),
                                    location: ProminentPoints.Location(rawValue: c["location"] as? String ?? "") ?? .upper)
            let expected = (c["output"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
            XCTAssertEqual(v.transform(d), expected, "\(v)")
        }
    }

    // (4) Atol given GUDHI's centres (and scales) equals GUDHI; the scales computed from the centres equal GUDHI's.
    func testAtolGivenGudhisCentresMatchesGudhi() throws {
        let s = try section("atol")
        let d = diagrams(s)
        for c in s["cases"] as? [[String: Any]] ?? [] {
            let contrast = Atol.Contrast(rawValue: c["contrast"] as? String ?? "") ?? .gaussian
            let weighting = Atol.Weighting(rawValue: c["weighting"] as? String ?? "") ?? .cloud
            let centers = ReferenceData.rows(c["centers"]), inertias = ReferenceData.flat(c["inertias"])
            let expected = ReferenceData.rows(c["output"])
            let what = "k \(c["clusters"] ?? ""), \(contrast), \(weighting)"
            let atol = try Atol(centers: centers.filter { $0.allSatisfy(\.isFinite) } + [], inertias: nil, contrast: contrast,
                                weighting: weighting)
            let finite = centers.filter { $0.allSatisfy(\.isFinite) }.count
            var fitted = atol
            try fitted.fit(d)
            if finite == centers.count {
                assertClose(fitted.inertias ?? [], inertias, "\(what): scales from the centres")
                for (i, row) in try fitted.transform(d).enumerated() { assertClose(row, expected[i], "\(what): diagram \(i)") }
            } else {
                // Fewer points than clusters: GUDHI pads with centres at infinity (scale 0, value 0).
                var plain = Atol(clusters: centers.count, contrast: contrast, weighting: weighting, seed: 3)
                try plain.fit(d)
                XCTAssertEqual(plain.centers?.count, centers.count)
                XCTAssertEqual(plain.centers?.filter { $0.allSatisfy(\.isFinite) }.count, finite, what)
                XCTAssertEqual(Array((plain.inertias ?? []).suffix(centers.count - finite)), Array(inertias.suffix(centers.count - finite)))
                for row in try plain.transform(d) { XCTAssertEqual(Array(row.suffix(centers.count - finite)), Array(repeating: 0, count: centers.count - finite)) }
            }
            let given = try Atol(centers: centers.filter { $0.allSatisfy(\.isFinite) }, inertias: Array(inertias.prefix(finite)),
                                 contrast: contrast, weighting: weighting)
            for (i, row) in try given.transform(d).enumerated() {
                assertClose(row, Array(expected[i].prefix(finite)), "\(what): given centres and scales, diagram \(i)")
            }
        }
    }

    // (4) Our seeded k-means finds scikit-learn's centres on separated clusters, and Atol then equals GUDHI end to end.
    func testAtolFitOnSeparatedClustersEqualsGudhiEndToEnd() throws {
        let s = try section("atol")
        let blobs = (s["blobs"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let c = s["blob_case"] as? [String: Any] ?? [:]
        for seed: UInt64 in [0, 1, 42] {
            var atol = Atol(clusters: 4, seed: seed)
            try atol.fit(blobs)
            let expected = ReferenceData.rows(c["centers"])
            XCTAssertEqual(atol.centers?.count, 4)
            for (k, z) in (atol.centers ?? []).enumerated() { assertClose(z, expected[k], rel: 1e-12, "seed \(seed): centre \(k)") }
            assertClose(atol.inertias ?? [], ReferenceData.flat(c["inertias"]), "seed \(seed): scales")
            let out = ReferenceData.rows(c["output"])
            for (i, row) in try atol.transform(blobs).enumerated() { assertClose(row, out[i], "seed \(seed): diagram \(i)") }
        }
        // The same seed gives the same centres; a fit without points is an error, as in GUDHI.
        var a = Atol(clusters: 3, seed: 9), b = Atol(clusters: 3, seed: 9)
        try a.fit(blobs); try b.fit(blobs)
        XCTAssertEqual(a.centers, b.centers)
        var empty = Atol(clusters: 2)
        XCTAssertThrowsError(try empty.fit([[], []]))
        XCTAssertThrowsError(try Atol(centers: [[0, .infinity]]))
    }

    func testKMeansReachesALloydFixedPointNoWorseThanItsSeeds() throws {
        var rng = SplitMix(seed: 11)
        let points = (0..<400).map { _ in rng.unit() }
        let km = KMeans(clusters: 6, seed: 5, restarts: 3)
        let r = try km.fit(points: points, dimension: 2)
        // Each centre is the mean of the points nearest to it.
        var sums = [[Double]](repeating: [0, 0, 0], count: 6)
        for i in 0..<200 {
            let x = points[2 * i], y = points[2 * i + 1]
            let j = (0..<6).min { hypot(x - r.centers[$0][0], y - r.centers[$0][1]) < hypot(x - r.centers[$1][0], y - r.centers[$1][1]) } ?? 0
            sums[j][0] += x; sums[j][1] += y; sums[j][2] += 1
        }
        for j in 0..<6 where sums[j][2] > 0 {
            XCTAssertEqual(r.centers[j][0], sums[j][0] / sums[j][2], accuracy: 1e-3)
            XCTAssertEqual(r.centers[j][1], sums[j][1] / sums[j][2], accuracy: 1e-3)
        }
        XCTAssertThrowsError(try KMeans(clusters: 3).fit(points: [0, 0, 1, 1], dimension: 2))
        XCTAssertThrowsError(try KMeans(clusters: 1).fit(points: [0, .nan], dimension: 2))
    }

    // (5) Wasserstein with every internal_p, orders 1-3, essential parts: the distance, and a matching that is valid and optimal.
    func testWassersteinWithAnyInternalPMatchesPOTAndItsMatchingIsOptimal() throws {
        guard let cases = Self.reference?["wasserstein"] as? [[String: Any]] else { throw ReferenceData.Missing("no wasserstein cases") }
        var checked = 0
        for (k, c) in cases.enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            for v in c["values"] as? [[String: Any]] ?? [] {
                let q = ReferenceData.number(v["order"]), p = ReferenceData.number(v["internal_p"])
                let expected = ReferenceData.number(v["distance"])
                let m = try wassersteinMatching(a, b, order: q, internalP: p)
                let what = "case \(k) order \(q) internal_p \(p)"
                if expected.isInfinite {
                    XCTAssertEqual(m.distance, expected, what)
                    XCTAssertTrue(m.pairs.isEmpty, what)
                    XCTAssertTrue(v["matching"] is NSNull, what)
                    continue
                }
                XCTAssertEqual(m.distance, expected, accuracy: 1e-10 * max(1, expected), what)
                XCTAssertEqual(try wassersteinDistance(a, b, order: q, internalP: p), m.distance, what)
                // Valid: every point exactly once.
                XCTAssertEqual(m.pairs.filter { $0.a >= 0 }.map(\.a).sorted(), Array(a.indices), what)
                XCTAssertEqual(m.pairs.filter { $0.b >= 0 }.map(\.b).sorted(), Array(b.indices), what)
                XCTAssertFalse(m.pairs.contains { $0.a < 0 && $0.b < 0 }, what)
                // Optimal: its cost is the distance, and GUDHI's matching (same indices here:
                // the essential points come last) costs the same.
                let ours = matchingCost(m.pairs.map { ($0.a, $0.b) }, a, b, q, p)
                XCTAssertEqual(ours, expected, accuracy: 1e-10 * max(1, expected), what)
                let theirs = ints2(v["matching"])
                XCTAssertEqual(matchingCost(theirs, a, b, q, p), expected, accuracy: 1e-9 * max(1, expected), what + " (GUDHI's matching)")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 200)
        XCTAssertThrowsError(try wassersteinDistance([], [], order: 1, internalP: 0.5))
    }

    func ints2(_ any: Any?) -> [(Int, Int)] {
        (any as? [Any] ?? []).map { let p = $0 as? [Any] ?? []; return (int(p.first) ?? -2, int(p.count > 1 ? p[1] : nil) ?? -2) }
    }

    /// (sum of pair costs^q)^(1/q) with GUDHI's conventions, essential pairs by the finite coordinate.
    func matchingCost(_ pairs: [(Int, Int)], _ a: [Bar], _ b: [Bar], _ q: Double, _ p: Double) -> Double {
        func diag(_ x: Bar) -> Double {
            if !(x.birth.isFinite && x.death.isFinite) { return 0 }
            return abs(x.death - x.birth) * (p == .infinity ? 0.5 : pow(2, 1 / p - 1))
        }
        var total = 0.0
        for (i, j) in pairs {
            let c: Double
            if i < 0 { c = diag(b[j]) } else if j < 0 { c = diag(a[i]) } else {
                let x = a[i], y = b[j]
                if x.death == .infinity && y.death == .infinity { c = x.birth.isFinite ? abs(x.birth - y.birth) : 0 }
                else if x.birth == -.infinity && y.birth == -.infinity { c = abs(x.death - y.death) }
                else {
                    let dx = abs(x.birth - y.birth), dy = abs(x.death - y.death)
                    c = p == .infinity ? max(dx, dy) : pow(pow(dx, p) + pow(dy, p), 1 / p)
                }
            }
            total += pow(c, q)
        }
        return pow(total, 1 / q)
    }

    // (5) The bottleneck matching: valid, its largest pair cost is the distance (GUDHI's, exactly).
    func testBottleneckMatchingIsValidAndReachesGudhisDistance() throws {
        let ref = try ReferenceData.json("distances")
        var checked = 0
        for (k, c) in (ref["cases"] as? [[String: Any]] ?? []).enumerated() {
            let a = ReferenceData.diagram(c["a"]), b = ReferenceData.diagram(c["b"])
            let expected = ReferenceData.number(c["bottleneck"])
            for (x, y) in [(a, b), (b, a)] {
                let m = bottleneckMatching(x, y)
                XCTAssertEqual(m.distance, expected, "case \(k)")
                if expected.isInfinite { XCTAssertTrue(m.pairs.isEmpty); continue }
                XCTAssertEqual(m.pairs.filter { $0.a >= 0 }.map(\.a).sorted(), Array(x.indices), "case \(k)")
                XCTAssertEqual(m.pairs.filter { $0.b >= 0 }.map(\.b).sorted(), Array(y.indices), "case \(k)")
                var worst = 0.0
                for pair in m.pairs {
                    let cost: Double
                    if pair.a < 0 { cost = max(0, (y[pair.b].death - y[pair.b].birth) / 2) }
                    else if pair.b < 0 { cost = max(0, (x[pair.a].death - x[pair.a].birth) / 2) }
                    else if x[pair.a].isEssential { XCTAssertTrue(y[pair.b].isEssential); cost = abs(x[pair.a].birth - y[pair.b].birth) }
                    else { cost = max(abs(x[pair.a].birth - y[pair.b].birth), abs(x[pair.a].death - y[pair.b].death)) }
                    worst = max(worst, cost)
                }
                XCTAssertEqual(worst, expected, accuracy: 1e-15 * max(1, expected), "case \(k): largest pair cost")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50)
    }
}
