import XCTest
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

final class SignedMeasurePlotTests: XCTestCase {
    let blue = SignedMeasurePlot.positiveColor, red = SignedMeasurePlot.negativeColor

    /// Parses `svg` as XML; the parse error, if any, and every element with its attributes.
    func parse(_ svg: String) -> (error: Error?, elements: [(name: String, attributes: [String: String])]) {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [(name: String, attributes: [String: String])] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                elements.append((name, attributes))
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return (ok ? nil : parser.parserError ?? NSError(domain: "xml", code: 1), collector.elements)
    }

    /// The elements named `name` whose attribute `key` is `value` (any, if `key` is nil).
    func elements(_ svg: String, _ name: String, _ key: String? = nil, _ value: String? = nil) -> [[String: String]] {
        parse(svg).elements.filter { $0.name == name && (key == nil || $0.attributes[key!] == value) }.map(\.attributes)
    }

    func number(_ attributes: [String: String], _ key: String) -> Double {
        Double(attributes[key] ?? "") ?? .nan
    }

    /// The texts of the picture, in order.
    func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().compactMap { chunk in
            chunk.split(separator: ">", maxSplits: 1).last.flatMap { $0.components(separatedBy: "</text").first }
        }
    }

    // A checkerboard: the Hilbert measure of a single bar-like module in the plane.
    let points: [[Double]] = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 2]]
    let weights = [1, -1, -1, 1, 3]

    func testPointMeasureIsWellFormedSVGWithKnownElementsOnly() {
        let svg = SignedMeasurePlot(points: points, weights: weights, title: "<H1 & more>").svg()
        let (error, elements) = parse(svg)
        XCTAssertNil(error)
        XCTAssertEqual(elements.first?.name, "svg")
        XCTAssertTrue(Set(elements.map(\.name)).isSubset(of: ["svg", "rect", "line", "circle", "text", "polygon"]))
        XCTAssertTrue(svg.contains(">&lt;H1 &amp; more&gt;</text>"))
    }

    func testOneCirclePerAtomInTheColourOfItsSign() {
        let svg = SignedMeasurePlot(points: points, weights: weights).svg()
        XCTAssertEqual(elements(svg, "circle").count, 5, "the legend uses squares: circles are atoms")
        XCTAssertEqual(elements(svg, "circle", "fill", blue).count, 3)
        XCTAssertEqual(elements(svg, "circle", "fill", red).count, 2)
        XCTAssertTrue(texts(svg).contains("positive (3)"))
        XCTAssertTrue(texts(svg).contains("negative (2)"))
        XCTAssertTrue(texts(svg).contains("parameter 1") && texts(svg).contains("parameter 2"))
    }

    func testMarkerAreaIsProportionalToTheWeight() {
        let svg = SignedMeasurePlot(points: [[0, 0], [1, 1]], weights: [1, -4]).svg()
        let small = elements(svg, "circle", "fill", blue), large = elements(svg, "circle", "fill", red)
        XCTAssertEqual(small.count, 1)
        XCTAssertEqual(large.count, 1)
        // Area 4 times larger: radius twice as large.
        XCTAssertEqual(number(large[0], "r") / number(small[0], "r"), 2, accuracy: 0.01)
    }

    func testAtomsArePlacedByParameterOneAcrossAndParameterTwoUp() {
        let svg = SignedMeasurePlot(points: [[0, 0], [2, 10]], weights: [1, -1], width: 400, height: 300).svg()
        let a = elements(svg, "circle", "fill", blue)[0], b = elements(svg, "circle", "fill", red)[0]
        XCTAssertLessThan(number(a, "cx"), number(b, "cx"))
        XCTAssertGreaterThan(number(a, "cy"), number(b, "cy"), "y grows upwards")
        // Both inside the frame, the grey-stroked rectangle.
        let frame = elements(svg, "rect", "stroke", "#888")[0]
        let (x, y, w, h) = (number(frame, "x"), number(frame, "y"), number(frame, "width"), number(frame, "height"))
        for c in [a, b] {
            XCTAssertTrue((x...(x + w)).contains(number(c, "cx")) && (y...(y + h)).contains(number(c, "cy")), "\(c)")
        }
        // The 5% margins: 0 lies 1/22 of the width in, 10 as far from the top.
        XCTAssertEqual(number(a, "cx"), x + w / 22, accuracy: 0.01)
        XCTAssertEqual(number(b, "cy"), y + h / 22, accuracy: 0.01)
    }

    func testCustomAxisLabels() {
        let svg = SignedMeasurePlot(points: points, weights: weights, xLabel: "radius", yLabel: "codensity").svg()
        XCTAssertTrue(texts(svg).contains("radius") && texts(svg).contains("codensity"))
        XCTAssertFalse(texts(svg).contains("parameter 1"))
    }

    func testRankRectanglesWithAnInfiniteDeathStayInsideTheViewBox() {
        let plot = SignedMeasurePlot(rectangles: [[0, 0], [0.5, 0.5], [0.2, 1]],
                                     deaths: [[1, .infinity], [.infinity, .infinity], [0.8, 2]],
                                     weights: [1, -1, 2], width: 400, height: 360)
        let svg = plot.svg()
        XCTAssertNil(parse(svg).error)
        XCTAssertFalse(svg.contains("\"inf") || svg.contains("nan"))
        let blueRects = elements(svg, "rect", "fill", blue).filter { $0["fill-opacity"] != nil }
        let redRects = elements(svg, "rect", "fill", red).filter { $0["fill-opacity"] != nil }
        XCTAssertEqual(blueRects.count, 2)
        XCTAssertEqual(redRects.count, 1)
        for r in blueRects + redRects {
            let (x, y, w, h) = (number(r, "x"), number(r, "y"), number(r, "width"), number(r, "height"))
            XCTAssertTrue(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 400 && y + h <= 360, "\(r)")
        }
        // The infinite deaths end on the dashed grey inf lines, inside the frame, labelled inf.
        let frame = elements(svg, "rect", "stroke", "#888")[0]
        let infLines = elements(svg, "line", "stroke-dasharray", "6 4")
        XCTAssertEqual(infLines.count, 2, "one inf line per axis")
        let vertical = infLines.first { $0["x1"] == $0["x2"] }!, horizontal = infLines.first { $0["y1"] == $0["y2"] }!
        let infX = number(vertical, "x1"), infY = number(horizontal, "y1")
        XCTAssertLessThan(infX, number(frame, "x") + number(frame, "width"))
        XCTAssertGreaterThan(infY, number(frame, "y"))
        let red0 = redRects[0]
        XCTAssertEqual(number(red0, "x") + number(red0, "width"), infX, accuracy: 0.02)
        XCTAssertEqual(number(red0, "y"), infY, accuracy: 0.02)
        XCTAssertEqual(texts(svg).filter { $0 == "inf" }.count, 2)
        // Open edges are dashed in the atom's colour: one for the first rectangle, two for the second.
        XCTAssertEqual(elements(svg, "line", "stroke-dasharray", "4 3").filter { $0["stroke"] == blue }.count, 1)
        XCTAssertEqual(elements(svg, "line", "stroke-dasharray", "4 3").filter { $0["stroke"] == red }.count, 2)
        // The finite rectangle is outlined and the weight-2 atom more opaque.
        let finite = blueRects.first { $0["stroke"] == blue }
        XCTAssertNotNil(finite)
        XCTAssertGreaterThan(number(finite ?? [:], "fill-opacity"), number(red0, "fill-opacity"))
        XCTAssertTrue(texts(svg).contains { $0.contains("dashed edge: death at inf") })
    }

    func testEmptyMeasureDrawsTheAxesAndANote() {
        for plot in [SignedMeasurePlot(points: [], weights: []),
                     SignedMeasurePlot(rectangles: [], deaths: [], weights: [], title: "rank")] {
            let svg = plot.svg()
            XCTAssertNil(parse(svg).error)
            XCTAssertTrue(texts(svg).contains("no atoms"))
            XCTAssertEqual(elements(svg, "circle").count, 0)
            XCTAssertEqual(elements(svg, "rect", "stroke", "#888").count, 1, "the frame")
            XCTAssertTrue(texts(svg).contains("0") && texts(svg).contains("1"), "ticks of the default [0, 1] range")
            XCTAssertTrue(texts(svg).contains("positive (0)") && texts(svg).contains("negative (0)"))
        }
    }

    func testNonFiniteAndMalformedAtomsAreSkippedWithoutCrashing() {
        let plot = SignedMeasurePlot(points: [[0, 0], [.nan, 1], [.infinity, 0], [1, 2, 3], [1], [1, 1], [2, 2], [3, 3]],
                                     weights: [1, 1, -1, 1, 1, 0, Int.min, Int.max])
        let svg = plot.svg()
        XCTAssertNil(parse(svg).error)
        XCTAssertEqual(elements(svg, "circle").count, 3, "(0,0), (2,2) and (3,3); weight 0 is no atom")
        XCTAssertEqual(elements(svg, "circle", "fill", red).count, 1)
        XCTAssertTrue(texts(svg).joined(separator: " ").contains("4 not drawn"))
        XCTAssertFalse(svg.contains("nan") || svg.contains("\"inf") || svg.contains("\"-inf"))
        // Huge coordinates and bad rectangles (death below birth, NaN death, -inf death).
        let huge = SignedMeasurePlot(rectangles: [[-1e308, 0], [0, 0], [0, 0], [0, 0], [1e300, 1e-300]],
                                     deaths: [[1e308, .infinity], [-1, 1], [.nan, 1], [-.infinity, 1], [1e308, 1]],
                                     weights: [1, 1, 1, 1, -2])
        let hugeSVG = huge.svg()
        XCTAssertNil(parse(hugeSVG).error)
        XCTAssertFalse(hugeSVG.contains("nan") || hugeSVG.contains("\"inf") || hugeSVG.contains("\"-inf"))
        XCTAssertEqual(elements(hugeSVG, "rect").filter { $0["fill-opacity"] != nil }.count, 2)
        XCTAssertTrue(texts(hugeSVG).joined(separator: " ").contains("3 not drawn"))
    }

    func testSeveralDegreesGetTheirOwnMarkerShapes() {
        let svg = SignedMeasurePlot(points: [[0, 0], [1, 1], [2, 0]], weights: [1, -1, 1], degrees: [0, 0, 1]).svg()
        // Two H0 circles and the legend's grey circle; the H1 atom and the legend's grey square are polygons.
        XCTAssertEqual(elements(svg, "circle").filter { $0["fill"] != "#555" }.count, 2)
        XCTAssertEqual(elements(svg, "circle", "fill", "#555").count, 1)
        XCTAssertEqual(elements(svg, "polygon", "fill", blue).count, 1)
        XCTAssertEqual(elements(svg, "polygon", "fill", "#555").count, 1)
        XCTAssertTrue(texts(svg).contains("H0") && texts(svg).contains("H1"))
        // One degree only: plain circles, no degree legend.
        let one = SignedMeasurePlot(points: [[0, 0], [1, 1]], weights: [1, -1], degrees: [1, 1]).svg()
        XCTAssertEqual(elements(one, "circle").count, 2)
        XCTAssertFalse(texts(one).contains("H1"))
    }

    func testTicksAreRoundAndFewWhateverTheRange() {
        XCTAssertEqual(SignedMeasurePlot.ticks(0, 1.02), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(SignedMeasurePlot.label(0.6000000000000001, step: 0.2), "0.6")
        XCTAssertEqual(SignedMeasurePlot.ticks(-0.3, 2.1), [0, 0.5, 1, 1.5, 2])
        XCTAssertEqual(SignedMeasurePlot.label(2.25, step: 0.05), "2.25")
        // A range too narrow for its magnitude still ends (and gives at most 12 ticks).
        XCTAssertLessThanOrEqual(SignedMeasurePlot.ticks(1e15, 1e15 + 0.001).count, 12)
        XCTAssertEqual(SignedMeasurePlot.ticks(1, 1), [])
        XCTAssertEqual(SignedMeasurePlot.ticks(0, .infinity), [])
        let svg = SignedMeasurePlot(points: [[1e15, 2], [1e15 + 0.001, 2]], weights: [1, 1]).svg()
        XCTAssertEqual(elements(svg, "circle").count, 2)
    }
}
