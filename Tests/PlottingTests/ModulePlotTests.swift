import XCTest
import Multipersistence
@testable import Plotting
#if canImport(FoundationXML)
import FoundationXML
#else
import Foundation
#endif

/// The module plot: small cases with known regions (MULTIPERSISTENCE.md's
/// case 3, a support in two pieces, infinite corners clipped to the box),
/// then the property that the drawn polygons are exactly the support inside
/// the box, on random summands; the SVG is well-formed.
final class ModulePlotTests: XCTestCase {
    func module(_ summands: [Summand], _ lower: [Double] = [0, 0], _ upper: [Double] = [4, 4]) throws -> ModuleApproximation {
        try ModuleApproximation(summands: summands, lower: lower, upper: upper)
    }

    /// The `d` attributes of the picture's paths, in order.
    func paths(_ svg: String) -> [String] {
        svg.components(separatedBy: "<path d=\"").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
    }

    func parses(_ svg: String) -> Bool {
        XMLParser(data: Data(svg.utf8)).parse()
    }

    func testSmallCase3IsOneSquare() throws {
        let m = try module([Summand(degree: 1, births: [[1, 1]], deaths: [[3, 3]])])
        let (polygons, area) = ModulePlot.regions(m.summands[0], lo: m.lower, hi: m.upper)
        XCTAssertEqual(polygons.count, 1)
        XCTAssertEqual(area, 4)
        XCTAssertEqual(Set(polygons[0].map { [$0.x, $0.y] }), [[1, 1], [3, 1], [3, 3], [1, 3]])
        let svg = ModulePlot(m, degree: 1, title: "H1", width: 400, height: 400).svg()
        XCTAssertTrue(parses(svg))
        XCTAssertEqual(paths(svg).count, 1)
        XCTAssertTrue(svg.contains("fill=\"\(ModulePlot.palette[0])\" fill-opacity=\"0.35\""))
        XCTAssertTrue(svg.contains("H1: 1 summand, one colour each"))
        // Another degree: nothing drawn, and a note.
        let empty = ModulePlot(m, degree: 0).svg()
        XCTAssertTrue(parses(empty))
        XCTAssertEqual(paths(empty).count, 0)
        XCTAssertTrue(empty.contains("no summands in degree 0"))
    }

    func testASupportInTwoPiecesAndInfiniteCornersClippedToTheBox() throws {
        let twoPieces = Summand(degree: 1, births: [[0, 2], [2, 0]], deaths: [[1, 3], [3, 1]])
        let r = ModulePlot.regions(twoPieces, lo: [0, 0], hi: [4, 4])
        XCTAssertEqual(r.polygons.count, 2)
        XCTAssertEqual(r.area, 2)
        let essential = Summand(degree: 0, births: [[-.infinity, 1], [1, -.infinity]], deaths: [[.infinity, .infinity]])
        let e = ModulePlot.regions(essential, lo: [0, 0], hi: [4, 4])
        XCTAssertEqual(e.polygons.count, 1)
        XCTAssertEqual(e.area, 16 - 1, "everything but [0,1)^2")
        let m = try module([twoPieces, essential])
        let svg = ModulePlot(m, degree: 1).svg()
        XCTAssertEqual(paths(svg).count, 1)
        XCTAssertEqual(paths(svg)[0].components(separatedBy: "M").count - 1, 2, "one path, two pieces")
        // A window of its own: the summand is clipped to it.
        let window = ModulePlot(m, degree: 0, lower: [2, 2], upper: [3, 5])
        XCTAssertEqual(window.lower, [2, 2])
        XCTAssertEqual(ModulePlot.regions(essential, lo: window.lower, hi: window.upper).area, 3)
    }

    /// Whether (x, y) is inside one of the polygons (even-odd crossing rule).
    func inside(_ polygons: [ModulePlot.Polygon], _ x: Double, _ y: Double) -> Bool {
        var count = 0
        for poly in polygons {
            for k in 0..<poly.count {
                let a = poly[k], b = poly[(k + 1) % poly.count]
                if (a.y > y) != (b.y > y), x < a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x) { count += 1 }
            }
        }
        return count % 2 == 1
    }

    func testThePolygonsAreTheSupportInsideTheBox() {
        var state: UInt64 = 12345
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<40 {
            let births = (0..<Int(1 + 4 * uniform())).map { _ in [4 * uniform() - 0.5, 4 * uniform() - 0.5] }
            let deaths = (0..<Int(1 + 4 * uniform())).map { _ in [4 * uniform() + 0.5, uniform() < 0.2 ? .infinity : 4 * uniform() + 0.5] }
            let s = Summand(degree: 1, births: births, deaths: deaths)
            let (polygons, area) = ModulePlot.regions(s, lo: [0, 0], hi: [4, 4])
            var hits = 0
            for _ in 0..<400 {
                let x = 4 * uniform(), y = 4 * uniform()
                XCTAssertEqual(inside(polygons, x, y), s.contains([x, y]), "\(s.births) \(s.deaths) at (\(x), \(y))")
                if s.contains([x, y]) { hits += 1 }
            }
            // The area agrees with the hit rate (400 samples of the 16-unit box).
            XCTAssertEqual(area / 16, Double(hits) / 400, accuracy: 0.12)
        }
    }

    func testManySummandsGetTheirColoursAndTheLargestIsDrawnFirst() throws {
        let small = Summand(degree: 1, births: [[1, 1]], deaths: [[2, 2]])
        let large = Summand(degree: 1, births: [[0, 0]], deaths: [[4, 4]])
        let m = try module([small, large])
        let svg = ModulePlot(m, degree: 1).svg()
        XCTAssertTrue(parses(svg))
        let order = svg.components(separatedBy: "<path ").dropFirst().map { $0.contains(ModulePlot.palette[1]) }
        XCTAssertEqual(order, [true, false], "the large summand (colour 1) first, the small (colour 0) on top")
        // A three-parameter module is not drawn.
        let three = try ModuleApproximation(summands: [Summand(degree: 1, births: [[0, 0, 0]], deaths: [[1, 1, 1]])],
                                            lower: [0, 0, 0], upper: [1, 1, 1])
        let note = ModulePlot(three, degree: 1).svg()
        XCTAssertTrue(parses(note))
        XCTAssertTrue(note.contains("only two-parameter modules"))
    }
}
