import Foundation
import XCTest
import Multipersistence
@testable import Vectorization

/// MMA images and landscapes: the analytic small case first (one summand
/// [(1,1), (3,3)) in the box [0,4]^2), then multipers 2.3.2's values on the
/// summands of Reference/mma_vectorization_*.json (written by
/// scripts/make_multipers_mma_vectorization_reference.py; the summands are
/// read back, not recomputed, so a difference is the vectorizer's), to
/// 1e-9; then bad parameters, which throw typed errors.
final class ModuleVectorizerTests: XCTestCase {
    /// MULTIPERSISTENCE.md's small case 3, H1: birth (1,1), death (3,3), box [0,4]^2.
    func smallCase3() throws -> ModuleApproximation {
        try ModuleApproximation(summands: [Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])],
                                lower: [0, 0], upper: [4, 4])
    }

    func testSmallCase3WeightGaussianImageAndLandscape() throws {
        let module = try smallCase3()
        XCTAssertEqual(module.weights(), [2])
        // Grid linspace(0, 4, 5) = 0, 1, 2, 3, 4 per parameter, first parameter fastest.
        var image = ModuleImage(degree: 1, kernel: .gaussian, bandwidth: 1, power: 2, resolution: 5)
        try image.fit([module])
        XCTAssertEqual(image.fittedBox, ParameterBox(lower: [0, 0], upper: [4, 4]))
        let v = try image.transform(module)
        XCTAssertEqual(v.count, 25)
        XCTAssertEqual(v[2 + 5 * 2], 4, accuracy: 1e-15, "w^p = 4 inside")
        XCTAssertEqual(v[1 + 5 * 1], 4, accuracy: 1e-15, "the birth corner is inside")
        XCTAssertEqual(v[0], 4 * exp(-0.5), accuracy: 1e-15, "distance 1 at (0, 0)")
        XCTAssertEqual(v[4 + 5 * 4], 4 * exp(-0.5), accuracy: 1e-15, "distance 1 at (4, 4)")
        XCTAssertEqual(v[4 + 5 * 0], 4 * exp(-0.5), accuracy: 1e-15, "distance max(1, 1) at (4, 0)")
        // Exponential: 4 e^-1 at distance 1.
        image.kernel = .exponential
        XCTAssertEqual(try image.transform(module)[0], 4 * exp(-1), accuracy: 1e-15)
        // Linear, h = 1 at (2, 2): the cube [1, 3]^2 holds the whole summand, local weight 2 / 2.
        image.kernel = .linear
        let linear = try image.transform(module)
        XCTAssertEqual(linear[2 + 5 * 2], 4, accuracy: 1e-15)
        XCTAssertEqual(linear[0], 0, "the cube [-1, 1]^2 only touches the birth corner")
        image.normalize = true
        XCTAssertEqual(try image.transform(module)[2 + 5 * 2], 1, accuracy: 1e-15, "divided by w^p = 4")

        var landscape = ModuleLandscape(degree: 1, numLandscapes: 2, resolution: 4)
        try landscape.fit([module])
        // Grid 0, 1, 2, 3 (the upper end not sampled), first parameter slowest.
        let l = try landscape.transform(module)
        XCTAssertEqual(l.count, 2 * 16)
        XCTAssertEqual(l[2 * 4 + 2], 1, "lambda_0(2, 2) = 1")
        XCTAssertEqual(l[1 * 4 + 2], 0, "(1, 2) is on the boundary")
        XCTAssertEqual(l[16 + 2 * 4 + 2], 0, "lambda_1 = 0: one summand")
        // The same from the summands alone, with the box they were computed in.
        let box = ParameterBox(lower: [0, 0], upper: [4, 4])
        XCTAssertEqual(try landscape.transform(summands: module.summands, box: box), l)
        XCTAssertThrowsError(try landscape.transform(summands: module.summands, box: ParameterBox(lower: [0], upper: [4])))
        // Another degree has no summands: zeros.
        var h0 = landscape
        h0.degree = 0
        XCTAssertEqual(try h0.transform(module), [Double](repeating: 0, count: 32))
        XCTAssertEqual(try ModuleImage(degree: 0, resolution: 3, box: ParameterBox(lower: [0, 0], upper: [4, 4])).transform(module),
                       [Double](repeating: 0, count: 9))
    }

    func testLandscapesAreOrderedAndTheBoxIsLearnedFromEveryModule() throws {
        let a = try ModuleApproximation(summands: [Summand(degree: 1, births: [[0, 0]], deaths: [[4, 4]]),
                                                   Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])],
                                        lower: [0, 0], upper: [4, 4])
        let b = try ModuleApproximation(summands: [], lower: [-1, 1], upper: [2, 6])
        var landscape = ModuleLandscape(degree: 1, numLandscapes: 3, resolution: 5)
        try landscape.fit([a, b])
        XCTAssertEqual(landscape.fittedBox, ParameterBox(lower: [-1, 0], upper: [4, 6]))
        var fixed = ModuleLandscape(degree: 1, numLandscapes: 3, resolution: 4, box: ParameterBox(lower: [0, 0], upper: [4, 4]))
        try fixed.fit([])
        let l = try fixed.transform(a)
        XCTAssertEqual(l[2 * 4 + 2], 2)
        XCTAssertEqual(l[16 + 2 * 4 + 2], 1)
        XCTAssertEqual(l[32 + 2 * 4 + 2], 0)
        for i in 0..<16 { XCTAssertGreaterThanOrEqual(l[i], l[16 + i]); XCTAssertGreaterThanOrEqual(l[16 + i], l[32 + i]) }
        XCTAssertEqual(try fixed.transform(b), [Double](repeating: 0, count: 48))
        XCTAssertEqual(fixed.outputCount, 48)
    }

    // MARK: - multipers

    func box(_ any: Any?) -> ParameterBox? {
        guard let o = any as? [String: Any] else { return nil }
        return ParameterBox(lower: ReferenceData.flat(o["lower"]), upper: ReferenceData.flat(o["upper"]))
    }

    func reference(_ name: String) throws -> (ModuleApproximation, [String: Any]) {
        let r = try ReferenceData.json("mma_vectorization_" + name)
        let summands = ((r["summands"] as? [[String: Any]]) ?? []).map {
            Summand(degree: ($0["degree"] as? NSNumber)?.intValue ?? -1,
                    births: ReferenceData.rows($0["births"]), deaths: ReferenceData.rows($0["deaths"]))
        }
        let b = try XCTUnwrap(box(r["box"]))
        let module = try ModuleApproximation(summands: summands, lower: b.lower, upper: b.upper)
        XCTAssertEqual(module.summands.count, (r["summands"] as? [Any])?.count)
        return (module, r)
    }

    static let cases = ["rips_lowerstar_a", "rips_lowerstar_circle", "rips_two_functions"]

    func testImagesMatchMultipersRepresentation() throws {
        var checked = 0, nonzero = 0
        for name in Self.cases {
            let (module, r) = try reference(name)
            for c in (r["images"] as? [[String: Any]]) ?? [] {
                let kernel = try XCTUnwrap(ModuleImage.Kernel(rawValue: c["kernel"] as? String ?? ""))
                let degree = (c["degree"] as? NSNumber)?.intValue ?? -1
                let resolution = ((c["resolution"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
                let normalize = c["normalize"] as? Bool ?? false
                var image = ModuleImage(degree: degree, kernel: kernel, bandwidth: ReferenceData.number(c["bandwidth"]),
                                        power: ReferenceData.number(c["p"]), normalize: normalize,
                                        resolutions: resolution, box: box(c["box"]))
                try image.fit([module])
                let expected = ReferenceData.flat(c["values"])
                let label = "\(name) H\(degree) \(kernel) h=\(image.bandwidth) p=\(image.power) normalize=\(normalize) \(resolution) box=\(image.box.map { "\($0)" } ?? "module")"
                assertClose(try image.transform(module), expected, rel: 1e-9, label)
                if expected.contains(where: { $0 != 0 }) { nonzero += 1 }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40)
        XCTAssertGreaterThan(nonzero, 35, "all-zero references test little")
    }

    func testLandscapesMatchMultipers() throws {
        var checked = 0
        for name in Self.cases {
            let (module, r) = try reference(name)
            for c in (r["landscapes"] as? [[String: Any]]) ?? [] {
                let degree = (c["degree"] as? NSNumber)?.intValue ?? -1
                let resolution = ((c["resolution"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
                var landscape = ModuleLandscape(degree: degree, numLandscapes: (c["k"] as? NSNumber)?.intValue ?? 0,
                                                resolutions: resolution, box: box(c["box"]))
                try landscape.fit([module])
                assertClose(try landscape.transform(module), ReferenceData.flat(c["values"]), rel: 1e-9,
                            "\(name) H\(degree) K=\(landscape.numLandscapes) \(resolution)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 8)
    }

    /// multipers' MMA2IMG: one grid from the finite corners of degrees 0 and
    /// 1 of the fitted modules, each module's own box for the weights, the
    /// degrees' images end to end.
    func testCornerLearnedBoxMatchesMultipersMMA2IMG() throws {
        let r = try ReferenceData.json("mma_vectorization_mma2img")
        let modules = try ((r["modules"] as? [[String: Any]]) ?? []).map { m -> ModuleApproximation in
            let summands = ((m["summands"] as? [[String: Any]]) ?? []).map {
                Summand(degree: ($0["degree"] as? NSNumber)?.intValue ?? -1,
                        births: ReferenceData.rows($0["births"]), deaths: ReferenceData.rows($0["deaths"]))
            }
            let b = try XCTUnwrap(box(m["box"]))
            return try ModuleApproximation(summands: summands, lower: b.lower, upper: b.upper)
        }
        XCTAssertEqual(modules.count, 3)
        var checked = 0
        for c in (r["mma2img"] as? [[String: Any]]) ?? [] {
            let degrees = ((c["degrees"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            let fit = ((c["fit"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }.map { modules[$0] }
            let kernel = try XCTUnwrap(ModuleImage.Kernel(rawValue: c["kernel"] as? String ?? ""))
            let grid = ReferenceData.rows(c["grid"])
            let images = try degrees.map { d -> ModuleImage in
                var image = ModuleImage(degree: d, kernel: kernel, bandwidth: ReferenceData.number(c["bandwidth"]),
                                        power: ReferenceData.number(c["p"]), normalize: c["normalize"] as? Bool ?? false,
                                        resolution: (c["resolution"] as? NSNumber)?.intValue ?? 0)
                image.boxLearning = .corners(degrees: degrees)
                try image.fit(fit)
                return image
            }
            let fitted = try XCTUnwrap(images[0].fittedBox)
            assertClose(fitted.lower, grid.map { $0.first ?? .nan }, rel: 0, "\(kernel): learned lower corner")
            assertClose(fitted.upper, grid.map { $0.last ?? .nan }, rel: 0, "\(kernel): learned upper corner")
            for (k, row) in ReferenceData.rows(c["values"]).enumerated() {
                let ours = try images.flatMap { try $0.transform(modules[k]) }
                assertClose(ours, row, rel: 1e-9, "MMA2IMG \(kernel) module \(k)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 12)
        // Corners of a degree no module has: nothing to learn from.
        var image = ModuleImage(degree: 7)
        image.boxLearning = .corners(degrees: nil)
        XCTAssertThrowsError(try image.fit(modules)) {
            guard case .emptyModuleFit? = $0 as? VectorizationError else { return XCTFail("\($0)") }
        }
    }

    /// `Summand.distance(to:)` and `landscape(at:)` (public API) agree with
    /// the vectorizers' contiguous loops, which match multipers: one
    /// H0 image and landscape recomputed from them by hand.
    func testSummandFormulasAgreeWithTheVectorizers() throws {
        let (module, _) = try reference("rips_lowerstar_a")
        let h0 = module.summands(degree: 0)
        let box = ParameterBox(of: module)
        var image = ModuleImage(degree: 0, bandwidth: 0.2, power: 2, resolutions: [4, 3])
        try image.fit([module])
        let values = try image.transform(module)
        var landscape = ModuleLandscape(degree: 0, numLandscapes: 2, resolutions: [4, 3])
        try landscape.fit([module])
        let l = try landscape.transform(module)
        let xs = SampleGrid.linspace(box.lower[0], box.upper[0], 4), ys = SampleGrid.linspace(box.lower[1], box.upper[1], 3)
        for j in 0..<3 {
            for i in 0..<4 {
                let x = [xs[i], ys[j]]
                let expected = h0.reduce(0.0) { sum, s in
                    let w = s.weight(lower: box.lower, upper: box.upper), z = s.distance(to: x) / 0.2
                    return sum + w * w * exp(-0.5 * z * z)
                }
                XCTAssertEqual(values[i + 4 * j], expected, accuracy: 1e-12 * max(1, expected))
                let y = [box.lower[0] + Double(i) * (box.upper[0] - box.lower[0]) / 4, box.lower[1] + Double(j) * (box.upper[1] - box.lower[1]) / 3]
                let sorted = h0.map { $0.landscape(at: y) }.sorted(by: >)
                XCTAssertEqual(l[i * 3 + j], sorted[0])
                XCTAssertEqual(l[12 + i * 3 + j], sorted[1])
            }
        }
    }

    // MARK: - bad parameters

    func testBadParametersThrowTypedErrors() throws {
        let module = try smallCase3()
        func invalid(_ body: () throws -> Any, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertThrowsError(try body(), file: file, line: line) { error in
                guard case let .invalidParameter(n, _)? = error as? VectorizationError else {
                    return XCTFail("\(error)", file: file, line: line)
                }
                XCTAssertEqual(n, name, file: file, line: line)
            }
        }
        let box = ParameterBox(lower: [0, 0], upper: [4, 4])
        for h in [0, -1, Double.nan, .infinity] {
            invalid({ try ModuleImage(bandwidth: h, resolution: 3, box: box).transform(module) }, "bandwidth")
        }
        for p in [-1, Double.nan, .infinity] {
            invalid({ try ModuleImage(power: p, resolution: 3, box: box).transform(module) }, "power")
        }
        invalid({ try ModuleImage(kernel: .gaussian, normalize: true, resolution: 3, box: box).transform(module) }, "normalize")
        invalid({ try ModuleImage(resolution: 0, box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(resolution: -5, box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(resolution: 1_000_000, box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(resolution: Int.max, box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(resolutions: [Int.max / 2, 4], box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(resolutions: [3, 3, 3], box: box).transform(module) }, "resolution")
        invalid({ try ModuleImage(degree: -1, resolution: 3, box: box).transform(module) }, "degree")
        invalid({ try ModuleImage(resolution: 3, box: ParameterBox(lower: [0, 0, 0], upper: [1, 1, 1])).transform(module) }, "module")
        invalid({ try ModuleImage(resolution: 3, box: ParameterBox(lower: [1, 0], upper: [0, 1])).transform(module) }, "box")
        invalid({ try ModuleImage(resolution: 3, box: ParameterBox(lower: [.nan, 0], upper: [1, 1])).transform(module) }, "box")
        invalid({ try ModuleLandscape(numLandscapes: 0, resolution: 3, box: box).transform(module) }, "number of landscapes")
        invalid({ try ModuleLandscape(numLandscapes: 1_000_000, resolution: 100, box: box).transform(module) }, "resolution")
        invalid({ try ModuleLandscape(numLandscapes: Int.max, resolution: 2, box: box).transform(module) }, "resolution")
        invalid({ try ModuleLandscape(resolution: 0, box: box).transform(module) }, "resolution")
        // Not fitted, and nothing to fit on.
        XCTAssertThrowsError(try ModuleImage().transform(module)) { XCTAssertEqual($0 as? VectorizationError, .notFitted("ModuleImage")) }
        XCTAssertThrowsError(try ModuleLandscape().transform(module)) { XCTAssertEqual($0 as? VectorizationError, .notFitted("ModuleLandscape")) }
        var image = ModuleImage()
        XCTAssertThrowsError(try image.fit([])) { XCTAssertEqual($0 as? VectorizationError, .emptyModuleFit("ModuleImage")) }
        var landscape = ModuleLandscape()
        XCTAssertThrowsError(try landscape.fit([])) { XCTAssertEqual($0 as? VectorizationError, .emptyModuleFit("ModuleLandscape")) }
        let three = try ModuleApproximation(summands: [], lower: [0, 0, 0], upper: [1, 1, 1])
        XCTAssertThrowsError(try image.fit([module, three]))
        // Bad modules are refused where they are built.
        XCTAssertThrowsError(try ModuleApproximation(summands: [Summand(degree: 0, births: [[0]], deaths: [[1]])], lower: [0, 0], upper: [1, 1]))
        XCTAssertThrowsError(try ModuleApproximation(summands: [], lower: [0], upper: [1]))
        XCTAssertThrowsError(try ModuleApproximation(summands: [], lower: [0, .infinity], upper: [1, .infinity]))
    }
}
