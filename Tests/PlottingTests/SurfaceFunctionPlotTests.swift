import XCTest
@testable import Plotting

/// Functions on 3D clouds: one disc per visible point, diverging colours.
final class SurfaceFunctionPlotTests: XCTestCase {
    func testOneDiscPerVisiblePointAndDivergingColours() {
        XCTAssertEqual(SurfaceFunctionPlot.colour(0), "#ffffff")
        XCTAssertEqual(SurfaceFunctionPlot.colour(1), "#b32626")
        XCTAssertEqual(SurfaceFunctionPlot.colour(-1), "#264db3")
        XCTAssertEqual(SurfaceFunctionPlot.colour(.nan), "#ffffff")
        // A flat square grid seen from above: nothing hidden, every point drawn in each panel.
        let points = (0..<100).map { [Double($0 % 10), Double($0 / 10), 0] }
        let values = points.map { $0[0] - 4.5 }
        let svg = SurfaceFunctionPlot(points: points, functions: [("x", values), ("y", points.map { $0[1] - 4.5 })],
                                      columns: 2, azimuth: 0, elevation: 90).svg()
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 200)
        XCTAssertTrue(svg.contains(">x</text>") && svg.contains(">y</text>"))
        // A sphere seen from the side: at most the front half drawn (the rim thinned by the depth test).
        let golden = Double.pi * (3 - 5.0.squareRoot())
        let sphere = (0..<1000).map { i -> [Double] in
            let z = 1 - 2 * (Double(i) + 0.5) / 1000, r = (1 - z * z).squareRoot()
            return [r * cos(golden * Double(i)), r * sin(golden * Double(i)), z]
        }
        let drawn = SurfaceFunctionPlot(points: sphere, functions: [("z", sphere.map { $0[2] })]).svg().components(separatedBy: "<circle").count - 1
        XCTAssertGreaterThan(drawn, 350)
        XCTAssertLessThan(drawn, 600)   // the back half hidden, the rim thinned
    }
}
