import Foundation
import XCTest

/// `tda plot --kind signed-measure` as a user runs it: the CSV of
/// `tda signed-measure` (points, rectangles, several degrees) comes out as
/// SVG; measures that cannot be drawn give one line and a non-zero status.
final class PlotSignedMeasureTests: XCTestCase {
    /// Runs the built `tda` with `arguments`, feeding `stdin`.
    func tda(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        try GenerateAndPlotCommandTests.run(arguments, stdin: stdin)
    }

    func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    func testPlotsAPointMeasureWithOneCirclePerAtom() throws {
        let csv = "x1,x2,weight\n0.1,2.0,1\n0.2,2.0,-1\n0.2,2.5,2\n"
        let run = try tda(["plot", "-", "--kind", "signed-measure", "--title", "Hilbert H1"], stdin: csv)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertEqual(count("<circle", in: run.stdout), 3)
        XCTAssertEqual(count("<circle cx", in: run.stdout), 3)
        XCTAssertEqual(count("fill=\"#1f77b4\" fill-opacity", in: run.stdout), 2, "two positive atoms")
        XCTAssertEqual(count("fill=\"#d62728\" fill-opacity", in: run.stdout), 1, "one negative atom")
        XCTAssertTrue(run.stdout.contains(">Hilbert H1</text>") && run.stdout.contains(">parameter 2</text>"))
    }

    func testPlotsRankRectanglesWithInfiniteDeaths() throws {
        let csv = "b1,b2,d1,d2,weight\n0.2,2.1,0.3,inf,1\n0.4,2.9,inf,inf,-1\n"
        let run = try tda(["plot", "-", "--kind", "signed-measure", "--x-label", "radius", "--y-label", "codensity"], stdin: csv)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(count("fill-opacity", in: run.stdout), 2, "two translucent rectangles")
        XCTAssertEqual(count(">inf</text>", in: run.stdout), 2)
        XCTAssertTrue(run.stdout.contains(">radius</text>") && run.stdout.contains(">codensity</text>"))
    }

    func testSelectsOneDegreeOfASeveralDegreeFile() throws {
        // As `tda signed-measure --degree 0,1` writes it: the header again before each degree.
        let csv = "degree,x1,x2,weight\n0,0.0,1.0,1\n0,0.0,2.0,-1\n0,0.5,2.0,1\ndegree,x1,x2,weight\n1,0.3,1.5,1\n1,0.4,1.5,-1\n"
        let all = try tda(["plot", "-", "--kind", "signed-measure"], stdin: csv)
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertTrue(all.stdout.contains(">H0</text>") && all.stdout.contains(">H1</text>"), "a legend of the degrees")
        let one = try tda(["plot", "-", "--kind", "signed-measure", "--degree", "1"], stdin: csv)
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertEqual(count("<circle", in: one.stdout), 2)
        XCTAssertTrue(one.stdout.contains(">positive (1)</text>") && one.stdout.contains(">negative (1)</text>"))
        let missing = try tda(["plot", "-", "--kind", "signed-measure", "--degree", "2"], stdin: csv)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("0, 1"), missing.stderr)
    }

    func testRefusesMeasuresItCannotDrawInOneLine() throws {
        let cases = [
            ("x1,x2,x3,weight\n0,1,2,1\n", "2-parameter"),
            ("degree,b1,b2,b3,d1,d2,d3,weight\n1,0,0,0,1,1,1,1\n", "2-parameter"),
            ("dim,birth,death\n0,0.0,1.0\n", "header"),
            ("x1,x2,weight\n0,1\n", "line 2"),
            ("x1,x2,weight\n0,abc,1\n", "'abc'"),
            ("x1,x2,weight\n0,1,1.5\n", "weight"),
            ("", "empty"),
        ]
        for (csv, word) in cases {
            let run = try tda(["plot", "-", "--kind", "signed-measure"], stdin: csv)
            XCTAssertEqual(run.status, 1, csv)   // bad data, not a usage error
            XCTAssertEqual(run.stderr.split(separator: "\n").count, 1, run.stderr)
            XCTAssertTrue(run.stderr.contains(word), "\(csv): \(run.stderr)")
            XCTAssertTrue(run.stdout.isEmpty)
        }
        let degreeElsewhere = try tda(["plot", "-", "--kind", "diagram", "--degree", "1"], stdin: "dim,birth,death\n")
        XCTAssertEqual(degreeElsewhere.status, 2, degreeElsewhere.stderr)
    }

    func testPlotsTheOutputOfSignedMeasure() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tda-plot-sm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let annulus = GenerateAndPlotCommandTests.root.appendingPathComponent("Datasets/noisy_annulus.csv").path
        for invariant in ["hilbert", "rank"] {
            let csv = dir.appendingPathComponent("\(invariant).csv").path, svg = dir.appendingPathComponent("\(invariant).svg").path
            let measure = try tda(["signed-measure", annulus, "--filtration", "rips-codensity", "--bandwidth", "0.2",
                                   "--degree", "1", "--grid", "regular:10", "--threshold", "1.0", "--invariant", invariant,
                                   "--output", csv])
            XCTAssertEqual(measure.status, 0, measure.stderr)
            let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").count - 1
            XCTAssertGreaterThan(rows, 0)
            let plot = try tda(["plot", csv, "--kind", "signed-measure", "--out", svg])
            XCTAssertEqual(plot.status, 0, plot.stderr)
            let text = try String(contentsOfFile: svg, encoding: .utf8)
            XCTAssertTrue(text.hasSuffix("</svg>\n"))
            // One marker (Hilbert) or one translucent rectangle (rank) per row of the CSV.
            XCTAssertEqual(count(invariant == "rank" ? "<rect x=" : "<circle", in: text) - (invariant == "rank" ? 3 : 0), rows,
                           "\(invariant): the frame and two legend swatches are rectangles too")
        }
    }
}
