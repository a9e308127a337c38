import XCTest
import Complexes
import Multipersistence
import Plotting
import PointClouds
import Vectorization

/// The README's MMA example and `ModuleApproximationSession`'s doc example,
/// compiled and run on the committed noisy annulus.
final class ReadmeModuleExampleTests: XCTestCase {
    static let annulus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Datasets/noisy_annulus.csv").path

    func complex() throws -> (PointCloud, [Double], FilteredComplex) {
        let cloud = try PointCloud(contentsOfFile: Self.annulus)
        let codensity = try Density.gaussianCodensity(cloud, bandwidth: 0.2)
        let complex = try Bifiltration.functionRips(points: cloud, functions: [codensity], threshold: 0.6, collapse: true)
        return (cloud, codensity, complex)
    }

    func testReadmeModuleExample() throws {
        let (_, _, complex) = try complex()
        // README: "Multiparameter persistence: module approximation (MMA)", From Swift.
        let module = try ModuleApproximation(complex, options: .init(lineCount: 557))
        var image = ModuleImage(degree: 1, kernel: .gaussian, bandwidth: 0.05, power: 2, resolution: 50)
        try image.fit([module])                       // the box: every module's box
        let features = try image.transform(module)    // 2,500 values, parameter 1 fastest
        let svg = ModulePlot(module, degree: 1, title: "H1").svg()
        XCTAssertEqual(features.count, 2_500)
        XCTAssertTrue(features.allSatisfy(\.isFinite))
        XCTAssertGreaterThan(features.max() ?? 0, 0, "the annulus' H1 summands weigh something")
        XCTAssertTrue(svg.hasPrefix("<svg") || svg.contains("<svg"))
    }

    func testSessionDocExample() throws {
        let (cloud, f0, _) = try complex()
        var f = f0
        // ModuleApproximationSession's doc example, with a small step on f.
        var options = ModuleApproximationOptions(lineCount: 200)
        options.box = (lower: [0, (f0.min() ?? 0) - 1], upper: [0.5, (f0.max() ?? 0) + 1])
        options.recordsSources = true
        var session = ModuleApproximationSession(options: options)
        for _ in 0..<3 {
            let complex = try Bifiltration.functionRips(points: cloud, functions: [f], threshold: 0.5)
            let module = try session.approximate(complex)
            XCTAssertEqual(module, try ModuleApproximation(complex, options: options))
            f = f.enumerated().map { $0.element + 1e-4 * Double($0.offset % 3) }
        }
        XCTAssertEqual(session.freshCalls, 1)
        XCTAssertEqual(session.walkedCalls, 2)
        XCTAssertGreaterThanOrEqual(session.lastTranspositions, 0)
    }
}
