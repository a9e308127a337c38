import XCTest
import Persistence
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

final class BarcodePlotTests: XCTestCase {
    let barcode = Barcode(bars: [[Bar(birth: 0, death: 0.5), Bar(birth: 0, death: .infinity)],
                                 [Bar(birth: 0.25, death: 1.0)]])

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// Parses `svg` as XML; returns the parse error, if any, and the element names.
    func parse(_ svg: String) -> (error: Error?, elements: [String]) {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [String] = []
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                elements.append(name)
            }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        let ok = parser.parse()
        return (ok ? nil : parser.parserError ?? NSError(domain: "xml", code: 1), collector.elements)
    }

    func testDiagramAndBarcodeAreWellFormedSVG() {
        for svg in [BarcodePlot(barcode, title: "<A & B>").diagram(), BarcodePlot(barcode, title: "\"q\"").bars()] {
            let (error, elements) = parse(svg)
            XCTAssertNil(error)
            XCTAssertEqual(elements.first, "svg")
            XCTAssertTrue(Set(elements).isSubset(of: ["svg", "rect", "line", "circle", "text", "polygon"]))
        }
    }

    func testDiagramHasOnePointPerBarInTheDimensionColours() {
        let svg = BarcodePlot(barcode, title: "A & B").diagram()
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertTrue(svg.hasSuffix("</svg>\n"))
        XCTAssertEqual(count("<circle", in: svg), 3 + 2)  // three bars and two legend marks
        XCTAssertEqual(count("fill=\"#1f77b4\"", in: svg), 2 + 1)
        XCTAssertEqual(count("fill=\"#ff7f0e\"", in: svg), 1 + 1)
        XCTAssertTrue(svg.contains(">A &amp; B</text>"))
        XCTAssertTrue(svg.contains(">inf</text>"))
        XCTAssertTrue(svg.contains(">H0 (2)</text>") && svg.contains(">H1 (1)</text>"))
    }

    func testEssentialPointsSitOnTheInfinityLine() {
        let plot = BarcodePlot(barcode, width: 400, height: 400)
        let svg = plot.diagram()
        // The infinity line is at y = top + 12 = 42; the essential H0 point is on it.
        XCTAssertTrue(svg.contains("<line x1=\"60\" y1=\"42\" x2=\"380\" y2=\"42\""))
        XCTAssertTrue(svg.contains("cx=\"60\" cy=\"42\""))
    }

    func testFinitePointsAndTheDiagonalArePlacedByBirthAndDeath() {
        // 400 x 400, no title: the frame is x in [60, 380], y in [30, 350]; the
        // values 0...1.02 (1 plus 2% padding) map to x 60...380 and y 350...58.
        let svg = BarcodePlot(barcode, width: 400, height: 400).diagram()
        let x = 60 + 0.25 / 1.02 * 320, y = 350 - 1.0 / 1.02 * 292
        XCTAssertTrue(svg.contains("cx=\"\(SVGDocument.f(x))\" cy=\"\(SVGDocument.f(y))\""), "(0.25, 1) at (\(x), \(y))")
        XCTAssertTrue(svg.contains("cx=\"60\" cy=\"\(SVGDocument.f(350 - 0.5 / 1.02 * 292))\""))  // (0, 0.5)
        XCTAssertTrue(svg.contains("<line x1=\"60\" y1=\"350\" x2=\"380\" y2=\"58\" stroke=\"#999\""))  // the diagonal
    }

    func testBarcodeDrawsOneRectanglePerBarAndArrowsForEssentialBars() {
        let svg = BarcodePlot(barcode).bars()
        XCTAssertEqual(count("<rect x=", in: svg), 3)
        XCTAssertEqual(count("<polygon", in: svg), 1)
        XCTAssertTrue(svg.contains(">H0</text>") && svg.contains(">H1</text>"))
    }

    func testBarsStartAtTheirBirthAndEssentialOnesReachTheRightEdge() {
        // 480 wide: x = 50 + value / 1.02 * (400 - 16); essential bars end at 50 + 400 - 8.
        let svg = BarcodePlot(barcode).bars()
        let x = SVGDocument.f(50 + 0.25 / 1.02 * 384), w = SVGDocument.f(0.75 / 1.02 * 384)
        XCTAssertTrue(svg.contains("<rect x=\"\(x)\""), "H1 bar starts at 0.25")
        XCTAssertTrue(svg.contains("width=\"\(w)\""), "H1 bar is 0.75 long")
        XCTAssertTrue(svg.contains("<rect x=\"50\" y=\"") && svg.contains("width=\"392\""), "essential H0 bar to x = 442")
    }

    func testLongBarcodesGrowAtMostFourTimesTaller() {
        let many = Barcode(bars: [(0..<10_000).map { Bar(birth: 0, death: Double($0 % 97) / 97) }])
        let svg = BarcodePlot(many, width: 480, height: 480).bars()
        XCTAssertTrue(svg.contains("height=\"1920\" viewBox=\"0 0 480 1920\""))
        XCTAssertEqual(count("<rect x=", in: svg), 10_000)
        let few = Barcode(bars: [(0..<500).map { Bar(birth: 0, death: Double($0 + 1) / 500) }])
        XCTAssertTrue(BarcodePlot(few, width: 480, height: 480).bars().contains("height=\"1104\""))  // 100 + 2 x 502
    }

    func testEmptyBarcodeStillRenders() {
        let svg = BarcodePlot(Barcode(maxDimension: 1)).diagram()
        XCTAssertTrue(svg.contains("</svg>"))
        XCTAssertEqual(count("<circle", in: svg), 0)
        XCTAssertNil(parse(BarcodePlot(Barcode(maxDimension: 1)).bars()).error)
    }

    func testExtremeValuesGiveFiniteCoordinates() {
        let extreme = Barcode(bars: [[Bar(birth: -1e308, death: 1e308), Bar(birth: 0, death: 1e-300)]])
        for svg in [BarcodePlot(extreme).diagram(), BarcodePlot(extreme).bars()] {
            XCTAssertNil(parse(svg).error)
            XCTAssertFalse(svg.contains("nan") || svg.contains("\"inf") || svg.contains("\"-inf"))
        }
    }

    func testTicksAreRoundNumbers() {
        XCTAssertEqual(BarcodePlot.ticks(0, 1.02), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(BarcodePlot.label(0.6000000000000001), "0.6")
        XCTAssertEqual(BarcodePlot.ticks(0, 20.4), [0, 5, 10, 15, 20])
    }
}

final class LinePlotTests: XCTestCase {
    func testLinePlotIsWellFormedSVGWithOnePointPerValue() {
        let chart = LinePlot(series: [("a", [(2, 1), (4, 8), (8, 64)]), ("b", [(2, 0.5), (4, -1), (8, .nan)])],
                             title: "t < u", xLabel: "L", yLabel: "µs", logX: true, logY: true)
        let svg = chart.svg()
        let parser = XMLParser(data: Data(svg.utf8))
        XCTAssertTrue(parser.parse(), "not well-formed XML")
        // 3 points of a, 1 drawable point of b (a negative and a NaN value are left out), 2 legend entries.
        XCTAssertEqual(svg.components(separatedBy: "<circle").count - 1, 4)
        XCTAssertTrue(svg.contains("t &lt; u"))
        XCTAssertFalse(svg.contains("nan"))
    }

    func testManyXValuesOnALinearAxisGetRoundTicks() {
        // A loss curve of 101 steps: ticks 0, 20, ..., 100, not one per step.
        let chart = LinePlot(series: [("loss", (0...100).map { (Double($0), 1 / Double($0 + 1)) })], xLabel: "step")
        let svg = chart.svg()
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse(), "not well-formed XML")
        for t in ["0", "20", "40", "60", "80", "100"] { XCTAssertTrue(svg.contains(">\(t)</text>"), t) }
        XCTAssertFalse(svg.contains(">37</text>"))
        // Few values: one tick per value, as before.
        let few = LinePlot(series: [("a", [(3, 1), (7, 2)])]).svg()
        XCTAssertTrue(few.contains(">3</text>") && few.contains(">7</text>"))
    }
}
