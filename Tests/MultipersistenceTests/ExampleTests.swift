import XCTest
import Complexes
import Multipersistence
import PointClouds

/// The README's and the DocC catalog's Swift examples, compiled and run.
final class ExampleTests: XCTestCase {
    static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Datasets")

    func testReadmeSignedBarcodeExample() throws {
        let path = Self.datasets.appendingPathComponent("noisy_annulus.csv").path
        // README: "Multiparameter persistence" (the path is the only change).
        let cloud = try PointCloud(contentsOfFile: path)
        let codensity = try Density.gaussianCodensity(cloud, bandwidth: 0.2)
        let complex = try Bifiltration.functionRips(points: cloud, functions: [codensity],
                                                    threshold: 1.0, collapse: true)
        let h1 = try SignedMeasure.hilbert(complex, degrees: [1], grid: .regular(50))[0]
        print(h1.csvHeader, h1.csv, separator: "\n")                 // x1,x2,weight
        let rank = try SignedMeasure.rank(complex, degree: 1, grid: .regular(20))
        let euler = try SignedMeasure.euler(Bifiltration.functionRips(points: cloud, functions: [codensity], threshold: 1.0))
        // What the example promises: H1 atoms with integer weights, the rank
        // measure as rectangles, the Euler measure's total mass = the Euler
        // characteristic of the whole complex.
        XCTAssertGreaterThan(h1.count, 0)
        XCTAssertTrue(rank.isRectangular)
        let full = try Bifiltration.functionRips(points: cloud, functions: [codensity], threshold: 1.0)
        let chi = full.dimensions.reduce(0) { $0 + ($1 % 2 == 0 ? 1 : -1) }
        XCTAssertEqual(euler.totalMass, chi)
        // The annulus' class: somewhere on the grid H1 has rank >= 1.
        XCTAssertGreaterThanOrEqual(h1.weights.filter { $0 > 0 }.count, 1)
    }
}
