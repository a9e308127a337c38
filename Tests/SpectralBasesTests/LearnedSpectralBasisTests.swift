import XCTest
import Foundation
import PointClouds
import Autodiff
@testable import SpectralBases

/// The learned basis: a small network trained on random sphere samples,
/// then applied to a new sample, against the spherical harmonics (principal
/// angles per degree, as `SphereSpectrumTests` does for the Laplacians).
final class LearnedSpectralBasisTests: XCTestCase {
    static var long: Bool { ProcessInfo.processInfo.environment["TDA_LONG_TESTS"] == "1" }

    func train(points: Int, clouds: Int, steps: Int, probes: Int = 64, configuration: LearnedSpectralModel.Configuration) throws -> LearnedSpectralBasis {
        let shapes = try TrainingShapes.family([.sphere], clouds: clouds, count: points, seed: 100)
        return try LearnedSpectralBasis.train(configuration: configuration, shapes: shapes, steps: steps, probes: probes,
                                              learningRate: 3e-3, seed: 7)
    }

    func checkNewSphere(_ trained: LearnedSpectralBasis, points: Int, minimum: Double) throws -> [Double] {
        let cloud = try TrainingShapes.sample(.sphere, count: points, seed: 999)
        let basis = try trained.basis(of: cloud, probes: 64)
        XCTAssertEqual(basis.vectors.count, points)
        let cos = try FreeSpectralBasisTests.degreeCosines(basis.vectors, mass: basis.mass, cloud.rows, lmax: 3)
        print("learned basis on a new sphere sample: cosines per degree \(cos)")
        for l in 0...3 { XCTAssertGreaterThanOrEqual(cos[l], minimum, "degree \(l)") }
        let k = trained.configuration.count
        var worst = 0.0
        for a in 0..<k { for b in a..<k {
            var s = 0.0
            for i in 0..<points { s += basis.mass[i] * basis.vectors[i][a] * basis.vectors[i][b] }
            worst = max(worst, abs(s - (a == b ? 1 : 0)))
        } }
        XCTAssertLessThan(worst, 1e-10, "VᵀMV = I on the new cloud")
        return cos
    }

    /// CI size: a one-layer network of width 32, 150 steps on sixteen
    /// 192-point spheres with 64 fresh probes a step (about 0.95 per degree
    /// in a release build with other seeds; the bar here leaves a margin).
    func testTrainedOnSpheresGivesHarmonicsOnANewSphere() throws {
        let c = LearnedSpectralModel.Configuration(count: 16, mlpWidths: [32], width: 32, heads: 2, layers: 1, feedForward: 64, samplePoints: 192)
        let trained = try train(points: 192, clouds: 16, steps: 150, configuration: c)
        _ = try checkNewSphere(trained, points: 600, minimum: 0.9)
    }

    /// The longer run (TDA_LONG_TESTS=1, a few minutes in a debug build):
    /// 1,500 steps on 32 spheres of 256 points, 128 probes a step; the
    /// issue's >= 0.95 for degrees <= 3 on a new 2,000-point sample.
    func testLongTrainingReachesTheIssueCosines() throws {
        try XCTSkipUnless(Self.long, "set TDA_LONG_TESTS=1")
        let c = LearnedSpectralModel.Configuration(count: 16, mlpWidths: [32], width: 32, heads: 2, layers: 1, feedForward: 64, samplePoints: 256)
        let trained = try train(points: 256, clouds: 32, steps: 1500, probes: 128, configuration: c)
        _ = try checkNewSphere(trained, points: 2000, minimum: 0.95)
    }

    func testTrainingIsDeterministicAndTheModelFileRoundTrips() throws {
        let c = LearnedSpectralModel.Configuration(count: 9, mlpWidths: [8], width: 16, heads: 2, layers: 1, feedForward: 8, samplePoints: 64)
        let a = try train(points: 80, clouds: 2, steps: 3, configuration: c)
        let b = try train(points: 80, clouds: 2, steps: 3, configuration: c)
        let pa = ParameterSet(a.model), pb = ParameterSet(b.model)
        for (x, y) in zip(pa.parameters, pb.parameters) {
            let d = zip(x.values, y.values).map { abs($0 - $1) }.max() ?? 0
            XCTAssertEqual(d, 0, "\(x.name)")
        }
        XCTAssertEqual(try a.jsonData(), try b.jsonData())
        let loaded = try LearnedSpectralBasis(jsonData: a.jsonData())
        let cloud = try TrainingShapes.sample(.torus, count: 150, seed: 4)
        XCTAssertEqual(try loaded.basis(of: cloud, probes: 8), try a.basis(of: cloud, probes: 8))
        // The anchors get the values they get alone: the 64-point sample of a 64-point cloud.
        let small = try TrainingShapes.sample(.ellipsoid, count: 64, seed: 1)
        XCTAssertEqual(try a.basis(of: small, probes: 8).vectors.count, 64)
    }

    func testBadInputsThrowOneLine() throws {
        let c = LearnedSpectralModel.Configuration(count: 9, mlpWidths: [8], width: 16, heads: 2, layers: 1, feedForward: 8, samplePoints: 64)
        let a = try train(points: 80, clouds: 1, steps: 1, configuration: c)
        var nan = try TrainingShapes.sample(.sphere, count: 50, seed: 1).coordinates
        nan[7] = .nan
        XCTAssertThrowsError(try a.basis(of: PointCloud(count: 50, dimension: 3, coordinates: nan)))
        XCTAssertThrowsError(try a.basis(of: TrainingShapes.sample(.sphere, count: 5, seed: 1)))
        // Another architecture: same format, other sizes.
        let other = LearnedSpectralModel.Configuration(count: 9, mlpWidths: [8], width: 16, heads: 2, layers: 2, feedForward: 8, samplePoints: 64)
        var json = try JSONSerialization.jsonObject(with: a.jsonData()) as? [String: Any] ?? [:]
        var conf = json["configuration"] as? [String: Any] ?? [:]
        conf["layers"] = other.layers
        json["configuration"] = conf
        let edited = try JSONSerialization.data(withJSONObject: json)
        XCTAssertThrowsError(try LearnedSpectralBasis(jsonData: edited)) { e in
            XCTAssertFalse("\(e)".contains("\n"))
            XCTAssertTrue("\(e)".contains("missing"), "\(e)")
        }
        XCTAssertThrowsError(try LearnedSpectralBasis(jsonData: Data(#"{"format": "swifttda-parameters"}"#.utf8)))
    }
}
