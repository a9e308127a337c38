import XCTest
import Persistence
@testable import Vectorization

/// Every vectorizer and kernel against gudhi.representations 3.13 outputs on
/// fixed diagrams (Reference/vectorizers.json), to 1e-9 relative.
final class VectorizerReferenceTests: XCTestCase {
    struct Case {
        var name: String
        var params: [String: Any]
        var fit: [Int]
        var transform: [Int]?
        var output: [[Double]]
    }

    func loadCases() throws -> (diagrams: [[Bar]], cases: [Case]) {
        let ref = try ReferenceData.json("vectorizers")
        let diagrams = (ref["diagrams"] as? [Any] ?? []).map { ReferenceData.diagram($0) }
        let cases = (ref["cases"] as? [[String: Any]] ?? []).map { c in
            Case(name: c["name"] as? String ?? "", params: c["params"] as? [String: Any] ?? [:],
                 fit: (c["fit"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? [],
                 transform: (c["transform"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue },
                 output: ReferenceData.rows(c["output"]))
        }
        return (diagrams, cases)
    }

    func double(_ p: [String: Any], _ key: String) -> Double? {
        guard let v = p[key] else { return nil }
        return (v as? NSNumber)?.doubleValue ?? Double("\(v)")
    }

    func range(_ p: [String: Any], _ key: String) -> (Double?, Double?) {
        guard let a = p[key] as? [Any], a.count == 2 else { return (nil, nil) }
        return (ReferenceData.number(a[0]), ReferenceData.number(a[1]))
    }

    func vectorizer(for c: Case) throws -> any Vectorizer {
        let p = c.params
        let res = (p["resolution"] as? NSNumber)?.intValue
        switch c.name {
        case "landscape":
            return Landscape(numLandscapes: (p["num_landscapes"] as? NSNumber)?.intValue ?? 5, resolution: res ?? 100,
                             sampleRange: range(p, "sample_range"))
        case "silhouette":
            return Silhouette(power: double(p, "power") ?? 0, resolution: res ?? 100, sampleRange: range(p, "sample_range"))
        case "image":
            let r = (p["im_range"] as? [Any])?.map { Optional(ReferenceData.number($0)) } ?? [nil, nil, nil, nil]
            return PersistenceImage(bandwidth: double(p, "bandwidth") ?? 1, resolution: (res ?? 20, res ?? 20),
                                    weight: p["weight"] as? String == "persistence" ? .persistencePower(1) : .constant, imRange: r)
        case "betti-curve":
            let grid = (p["predefined_grid"] as? [Any])?.map { ReferenceData.number($0) }
            return BettiCurve(resolution: p["resolution"] is NSNull ? nil : res ?? 100, sampleRange: range(p, "sample_range"),
                              predefinedGrid: grid)
        case "entropy":
            return PersistenceEntropy(mode: p["mode"] as? String == "vector" ? .vector : .scalar,
                                      normalized: (p["normalized"] as? Bool) ?? true, resolution: res ?? 100,
                                      sampleRange: range(p, "sample_range"))
        case "topological-vector":
            return TopologicalVector(threshold: (p["threshold"] as? NSNumber)?.intValue ?? 10)
        case "complex-polynomial":
            return ComplexPolynomial(type: ComplexPolynomial.PolynomialType(rawValue: p["polynomial_type"] as? String ?? "R") ?? .r,
                                     threshold: (p["threshold"] as? NSNumber)?.intValue ?? 10)
        case "sliced-wasserstein-kernel":
            return SlicedWassersteinKernel(numDirections: (p["num_directions"] as? NSNumber)?.intValue ?? 10,
                                           bandwidth: double(p, "bandwidth") ?? 1)
        case "persistence-weighted-gaussian-kernel":
            let power = double(p, "power")
            return PersistenceWeightedGaussianKernel(bandwidth: double(p, "bandwidth") ?? 1,
                                                     weight: power.map { .persistencePower($0) } ?? .constant)
        case "persistence-scale-space-kernel":
            return PersistenceScaleSpaceKernel(bandwidth: double(p, "bandwidth") ?? 1)
        case "persistence-fisher-kernel":
            return PersistenceFisherKernel(bandwidthFisher: double(p, "bandwidth_fisher") ?? 1, bandwidth: double(p, "bandwidth") ?? 1)
        default:
            throw ReferenceData.Missing("unknown case \(c.name)")
        }
    }

    func check(_ names: Set<String>) throws {
        let (diagrams, cases) = try loadCases()
        var checked = 0
        for c in cases where names.contains(c.name) {
            var v = try vectorizer(for: c)
            try v.fit(c.fit.map { diagrams[$0] })
            let inputs = (c.transform ?? Array(diagrams.indices)).map { diagrams[$0] }
            let rows = try v.transform(inputs)
            XCTAssertEqual(rows.count, c.output.count, "\(c.name) \(c.params)")
            for (k, row) in rows.enumerated() where k < c.output.count {
                assertClose(row, c.output[k], "\(c.name) \(c.params) diagram \(k)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }

    func testLandscapesMatchGudhi() throws { try check(["landscape"]) }
    func testSilhouettesMatchGudhi() throws { try check(["silhouette"]) }
    func testPersistenceImagesMatchGudhi() throws { try check(["image"]) }
    func testBettiCurvesMatchGudhi() throws { try check(["betti-curve"]) }
    func testEntropyMatchesGudhiWithZerosWhereGudhiGivesNaN() throws { try check(["entropy"]) }
    func testTopologicalVectorMatchesGudhi() throws { try check(["topological-vector"]) }
    func testComplexPolynomialsMatchGudhi() throws { try check(["complex-polynomial"]) }
    func testSlicedWassersteinKernelMatchesGudhi() throws { try check(["sliced-wasserstein-kernel"]) }
    func testPersistenceWeightedGaussianKernelMatchesGudhi() throws { try check(["persistence-weighted-gaussian-kernel"]) }
    func testPersistenceScaleSpaceKernelMatchesGudhi() throws { try check(["persistence-scale-space-kernel"]) }
    func testPersistenceFisherKernelMatchesGudhi() throws { try check(["persistence-fisher-kernel"]) }
}
