import Foundation
import XCTest
import Multipersistence
@testable import Vectorization

/// The signed-measure vectorizations against multipers 2.3.2 on the measures
/// of Reference/multipers_signed_measures.json (written by
/// scripts/make_multipers_vectorization_reference.py): the convolution's
/// learned grid and values, and the sliced Wasserstein distances and kernels
/// on the directions multipers drew, to 1e-9.
final class MultipersSignedMeasureReferenceTests: XCTestCase {
    /// One datum: its signed measure per degree.
    func data(_ any: Any?) throws -> [[SignedMeasure]] {
        try ((any as? [Any]) ?? []).map { datum in
            try ((datum as? [Any]) ?? []).map { degree in
                let object = degree as? [String: Any] ?? [:]
                let rows = ReferenceData.rows(object["points"])
                let weights = ((object["weights"] as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue }
                let width = rows.first?.count ?? 2
                return try SignedMeasure(parameterCount: width, points: rows.flatMap { $0 }, weights: weights)
            }
        }
    }

    func indices(_ any: Any?) -> [Int] { ((any as? [Any]) ?? []).compactMap { ($0 as? NSNumber)?.intValue } }

    func cases(_ key: String) throws -> [[String: Any]] {
        let reference = try ReferenceData.json("multipers_signed_measures")
        let list = reference[key] as? [[String: Any]] ?? []
        XCTAssertFalse(list.isEmpty, "no \(key) cases")
        return list
    }

    func testConvolutionMatchesMultipers() throws {
        for c in try cases("convolution") {
            let name = c["name"] as? String ?? "?"
            let p = c["params"] as? [String: Any] ?? [:]
            let sms = try data(c["data"])
            // One grid for all degrees, as multipers: fit sees every degree of every fitted datum.
            let fit = indices(c["fit"]).flatMap { sms[$0] }
            let kernel: SignedMeasureConvolution.Kernel = p["kernel"] as? String == "exponential" ? .exponential : .gaussian
            let h = ReferenceData.number(p["bandwidth"])
            var conv: SignedMeasureConvolution
            if let grid = p["filtration_grid"] {
                conv = SignedMeasureConvolution(kernel: kernel, bandwidth: h, filtrationGrid: ReferenceData.rows(grid))
            } else if let list = p["resolution"] as? [Any] {
                conv = SignedMeasureConvolution(kernel: kernel, bandwidth: h, resolutions: indices(list))
            } else {
                conv = SignedMeasureConvolution(kernel: kernel, bandwidth: h, resolution: (p["resolution"] as? NSNumber)?.intValue ?? 0)
            }
            try conv.fit(fit)
            let grid = ReferenceData.rows(c["grid"])
            XCTAssertEqual(conv.fittedGrid?.count, grid.count, name)
            for (mine, theirs) in zip(conv.fittedGrid ?? [], grid) { assertNear(mine, theirs, tolerance: 1e-15, "\(name) grid") }
            let expected = ReferenceData.rows(c["output"])
            let transform = indices(c["transform"])
            XCTAssertEqual(expected.count, transform.count, name)
            for (row, i) in zip(expected, transform) {
                let mine = try sms[i].flatMap { try conv.transform($0) }
                assertNear(mine, row, tolerance: 1e-9, "\(name) datum \(i)")
            }
        }
    }

    func testSlicedWassersteinDistancesAndKernelsMatchMultipersOnItsDirections() throws {
        for c in try cases("sliced_wasserstein") {
            let name = c["name"] as? String ?? "?"
            let sms = try data(c["data"])
            let fit = indices(c["fit"]), transform = indices(c["transform"])
            let directions = ReferenceData.rows(c["directions"])
            XCTAssertEqual(directions.count, (c["num_directions"] as? NSNumber)?.intValue, name)
            let sigma = ReferenceData.number(c["sigma"])
            let distances = (c["distances"] as? [Any] ?? []).map { ReferenceData.rows($0) }
            let degrees = sms.first?.count ?? 0
            XCTAssertEqual(distances.count, degrees, name)
            var kernelSum = [[Double]](repeating: [Double](repeating: 0, count: fit.count), count: transform.count)
            for d in 0..<degrees {
                var swd = SignedMeasureSlicedWassersteinDistance(directions: directions)
                try swd.fit(fit.map { sms[$0][d] })
                var kernel = SignedMeasureSlicedWassersteinKernel(directions: directions, sigma: sigma)
                try kernel.fit(fit.map { sms[$0][d] })
                for (a, i) in transform.enumerated() {
                    assertNear(try swd.transform(sms[i][d]), distances[d][a], tolerance: 1e-9, "\(name) degree \(d) datum \(i)")
                    let k = try kernel.transform(sms[i][d])
                    for j in k.indices { kernelSum[a][j] += k[j] }
                }
            }
            // multipers' DistanceMatrix2Kernel: the mean over degrees.
            let expected = ReferenceData.rows(c["kernel"])
            for a in transform.indices {
                assertNear(kernelSum[a].map { $0 / Double(degrees) }, expected[a], tolerance: 1e-9, "\(name) kernel row \(a)")
            }
        }
    }
}
