import XCTest
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

final class ScatterPlotTests: XCTestCase {
    func testOneCirclePerDrawablePointAndALegendForSeveralSeries() {
        let plot = ScatterPlot(series: [("a < b", [(0, 0), (1, 1), (.nan, 0)]), ("c", [(0.5, 0.5), (0, .infinity)])],
                               title: "two & more")
        let svg = plot.svg()
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "not well-formed XML")
        // 3 finite points, 2 legend dots; the legend counts the points given.
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 3 + 2)
        XCTAssertTrue(svg.contains("a &lt; b (3 points)"))
        XCTAssertTrue(svg.contains("two &amp; more"))
        XCTAssertFalse(svg.contains("nan"))
        // One series: no legend.
        let single = ScatterPlot(series: [("p", [(0, 0), (2, 1)])]).svg()
        XCTAssertEqual(single.components(separatedBy: "<circle").count - 1, 2)
    }

    func testTheWindowIsTheBoundingBoxWithAMarginOrTheGivenOne() {
        let plot = ScatterPlot(series: [("p", [(0, 0), (2, 1)])])
        let (lo, hi) = plot.window()
        XCTAssertEqual(lo[0], -0.1, accuracy: 1e-12); XCTAssertEqual(hi[0], 2.1, accuracy: 1e-12)
        XCTAssertEqual(lo[1], -0.05, accuracy: 1e-12); XCTAssertEqual(hi[1], 1.05, accuracy: 1e-12)
        // A given window; points outside it are not drawn.
        let clipped = ScatterPlot(series: [("p", [(0, 0), (2, 1), (5, 5)])], lower: [-1, -1], upper: [3, 3])
        XCTAssertEqual(clipped.window().lo, [-1, -1])
        XCTAssertEqual(clipped.svg().components(separatedBy: "<circle").count - 1, 2)
        // An invalid window falls back to the bounding box; one point still has an area around it.
        let bad = ScatterPlot(series: [("p", [(1, 1)])], lower: [2, 0], upper: [1, 1]).window()
        XCTAssertTrue(bad.lo[0] < 1 && bad.hi[0] > 1 && bad.lo[1] < 1 && bad.hi[1] > 1)
        XCTAssertTrue(XMLParser(data: Data(ScatterPlot(series: []).svg().utf8)).parse())
    }

    func testEqualAspectKeepsOneScaleOnBothAxes() {
        // A window twice as wide as high in a square picture: the frame is twice as wide as high.
        let svg = ScatterPlot(series: [("p", [(0, 0)])], lower: [0, 0], upper: [2, 1], width: 424, height: 474).svg()
        // 424 - 64 - 24 = 336 across, so 168 up.
        XCTAssertTrue(svg.contains("<rect x=\"64\" y=\"24\" width=\"336\" height=\"168\" fill=\"none\""), svg)
        // The picture is cut down to the frame: 24 + 168 + 50 high.
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"424\" height=\"242\""), svg)
    }
}
