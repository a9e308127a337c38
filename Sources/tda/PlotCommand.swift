import ArgumentParser
import SwiftTDA

/// `tda plot BARCODE.csv --kind diagram|barcode --out FILE.svg`.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a barcode CSV (dim,birth,death) as a persistence diagram or a barcode, in SVG.",
        discussion: """
            Example:
              tda barcode Datasets/circle.csv --output-format csv --output circle.csv
              tda plot circle.csv --kind diagram --out circle.svg
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable { case diagram, barcode }

    @Argument(help: "A barcode CSV as written by `tda barcode --output-format csv`, or - for stdin.")
    var file: String

    @Option(help: "diagram (birth against death) or barcode (one bar per interval).")
    var kind: Kind = .diagram

    @Option(name: .customLong("out"), help: "The SVG file to write (default: stdout).")
    var out: String?

    @Option(help: "A title above the picture.")
    var title: String?

    @Option(help: "Width of the picture in pixels.")
    var width: Double = 480

    @Option(help: "Height of the picture in pixels.")
    var height: Double = 480

    func validate() throws {
        guard width >= 100, width <= 10000, height >= 100, height <= 10000 else {
            throw ValidationError("--width and --height must be between 100 and 10000")
        }
    }

    func run() throws {
        let text = String(decoding: try FileInput.bytes(atPath: file), as: UTF8.self)
        let barcode = try Barcode(csv: text)
        let plot = BarcodePlot(barcode, title: title, width: width, height: height)
        try writeOutput(plot.svg(kind == .diagram ? .diagram : .barcode), to: out)
    }
}
