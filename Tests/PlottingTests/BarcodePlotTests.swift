import XCTest
import Persistence
@testable import Plotting

final class BarcodePlotTests: XCTestCase {
    let barcode = Barcode(bars: [[Bar(birth: 0, death: 0.5), Bar(birth: 0, death: .infinity)],
                                 [Bar(birth: 0.25, death: 1.0)]])

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
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
    }

    func testEssentialPointsSitOnTheInfinityLine() {
        let plot = BarcodePlot(barcode, width: 400, height: 400)
        let svg = plot.diagram()
        // The infinity line is at y = top + 12 = 42; the essential H0 point is on it.
        XCTAssertTrue(svg.contains("<line x1=\"60\" y1=\"42\" x2=\"380\" y2=\"42\""))
        XCTAssertTrue(svg.contains("cx=\"60\" cy=\"42\""))
    }

    func testBarcodeDrawsOneRectanglePerBarAndArrowsForEssentialBars() {
        let svg = BarcodePlot(barcode).bars()
        XCTAssertEqual(count("<rect x=", in: svg), 3)
        XCTAssertEqual(count("<polygon", in: svg), 1)
        XCTAssertTrue(svg.contains(">H0</text>") && svg.contains(">H1</text>"))
    }

    func testEmptyBarcodeStillRenders() {
        let svg = BarcodePlot(Barcode(maxDimension: 1)).diagram()
        XCTAssertTrue(svg.contains("</svg>"))
        XCTAssertEqual(count("<circle", in: svg), 0)
    }

    func testTicksAreRoundNumbers() {
        XCTAssertEqual(BarcodePlot.ticks(0, 1.02), [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        XCTAssertEqual(BarcodePlot.label(0.6000000000000001), "0.6")
        XCTAssertEqual(BarcodePlot.ticks(0, 20.4), [0, 5, 10, 15, 20])
    }
}
