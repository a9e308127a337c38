import ArgumentParser
import Foundation
import SwiftTDA

/// `tda plot FILE --kind diagram|barcode|signed-measure|module|points --out FILE.svg`.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a barcode CSV (dim,birth,death) as a persistence diagram or a barcode, a two-parameter signed measure CSV, a module approximation (tda mma output), or a 2D point cloud, in SVG.",
        discussion: """
            --kind signed-measure reads the CSV of `tda signed-measure`: a header x1,x2,weight (Hilbert, \
            Euler) or b1,b2,d1,d2,weight (rank; deaths may be inf), optionally after a first column degree. \
            Only two-parameter measures can be drawn: parameter 1 across, parameter 2 up, positive atoms \
            blue and negative red, marker area (rank: opacity) growing with |weight|; with several degrees \
            each gets its own marker shape, or --degree D draws one.

            --kind module reads the CSV or JSON of `tda mma` (two parameters): each summand of degree \
            --degree (default 1) is its support, the union of the rectangles [b, d] over its birth and \
            death corners clipped to the box, drawn as a semi-transparent region of its own colour. The box \
            is the JSON's, or --box x0,y0,x1,y1, or for a CSV its corners' bounding box.

            --kind points reads a point cloud of two coordinates (CSV, TSV or whitespace separated, as \
            tda generate writes them) and draws one dot per point, both axes on one scale; the window is \
            the points' bounding box with a 5% margin, or --box x0,y0,x1,y1 (to draw several clouds in the \
            same window).

            Examples:
              tda barcode Datasets/circle.csv --output-format csv --output circle.csv
              tda plot circle.csv --kind diagram --out circle.svg
              tda signed-measure Datasets/noisy_annulus.csv --filtration rips-codensity --bandwidth 0.2 --degree 1 --grid regular:50 --output m.csv && tda plot m.csv --kind signed-measure --out m.svg
              tda mma Datasets/circle.csv --filtration rips-codensity --bandwidth 0.2 --output-format json --output mma.json && tda plot mma.json --kind module --out mma.svg
              tda plot Datasets/circle.csv --kind points --box -1.5,-1.5,1.5,1.5 --out circle-points.svg
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case diagram, barcode
        case signedMeasure = "signed-measure"
        case module
        case points
        case function
    }

    @Argument(help: "A barcode CSV as written by `tda barcode --output-format csv`, a signed measure CSV as written by `tda signed-measure`, a tda mma CSV or JSON, a 2D point cloud (--kind points), or - for stdin.")
    var file: String

    @Option(help: "diagram (birth against death), barcode (one bar per interval), signed-measure, module (tda mma output), points (a 2D point cloud) or function (a 3D cloud coloured by --values).")
    var kind: Kind = .diagram

    @Option(name: .customLong("out"), help: "The SVG file to write (default: stdout).")
    var out: String?

    @Option(help: "A title above the picture.")
    var title: String?

    @Option(help: "Width of the picture in pixels.")
    var width: Double = 480

    @Option(help: "Height of the picture in pixels.")
    var height: Double = 480

    @Option(help: "signed-measure: draw only this homology degree of a file with a degree column (default: all, one marker shape each; a file without one holds a single measure, drawn whole). module: the degree drawn (default 1).")
    var degree: Int?

    @Option(parsing: .unconditional, help: "module, points: the window x0,y0,x1,y1 (default: the module's box; the points' bounding box).")
    var box: String?

    @Option(name: .customLong("x-label"), help: "signed-measure, module, points: the label of the horizontal axis (default: parameter 1; x for points).")
    var xLabelOption: String?

    @Option(name: .customLong("y-label"), help: "signed-measure, module, points: the label of the vertical axis (default: parameter 2; y for points).")
    var yLabelOption: String?

    /// The axis labels, with the defaults of the kind drawn.
    var xLabel: String { xLabelOption ?? (kind == .points ? "x" : "parameter 1") }
    var yLabel: String { yLabelOption ?? (kind == .points ? "y" : "parameter 2") }

    func validate() throws {
        try StandardInputUse.once([("the input", file), ("--edges", edges)])
        guard width >= 100, width <= 10000, height >= 100, height <= 10000 else {
            throw ValidationError("--width and --height must be between 100 and 10000")
        }
        if kind != .signedMeasure, kind != .module, degree != nil {
            throw ValidationError("--degree is for --kind signed-measure and module")
        }
        if let degree, degree < 0 { throw ValidationError("--degree must be at least 0") }
        if kind != .module, kind != .points, box != nil { throw ValidationError("--box is for --kind module and points") }
        if kind != .points, edges != nil { throw ValidationError("--edges is for --kind points") }
        if edgeMaxLength != nil && edges == nil { throw ValidationError("--edge-max-length needs --edges") }
        if (kind == .function) != (values != nil) { throw ValidationError("--kind function needs --values FILE, and --values goes with --kind function") }
        if kind != .function && valueColumns != nil { throw ValidationError("--columns is for --kind function") }
        // Typed is given, whatever the value (`--panels 4` is refused for a diagram as `--panels 2` is).
        for (flag, given) in [("--panels", panelsOption != nil), ("--azimuth", azimuthOption != nil), ("--elevation", elevationOption != nil)]
        where given && kind != .function {
            throw ValidationError("\(flag) is for --kind function")
        }
        for (flag, given) in [("--x-label", xLabelOption != nil), ("--y-label", yLabelOption != nil)]
        where given && (kind == .diagram || kind == .barcode || kind == .function) {
            throw ValidationError("\(flag) is for --kind signed-measure, module and points")
        }
        if panels < 1 || panels > 64 { throw ValidationError("--panels must be between 1 and 64") }
        if !(azimuth.isFinite && elevation.isFinite) { throw ValidationError("--azimuth and --elevation must be numbers") }
    }

    @Option(help: "function: the values, one row per point of FILE (a 3D cloud), one column per function, as tda spectral writes them (header v0,v1,...).")
    var values: String?

    @Option(name: .customLong("columns"), help: "function: the columns drawn, by header name or 0-based index, comma separated (default: all).")
    var valueColumns: String?

    @Option(name: .customLong("panels"), help: "function: panels per row (default 4).")
    var panelsOption: Int?

    @Option(name: .customLong("azimuth"), help: "function: the view's azimuth (degrees about z; default 30).")
    var azimuthOption: Double?

    @Option(name: .customLong("elevation"), help: "function: the view's elevation (degrees; default 25).")
    var elevationOption: Double?

    /// `--panels`, `--azimuth`, `--elevation` with their defaults.
    var panels: Int { panelsOption ?? 4 }
    var azimuth: Double { azimuthOption ?? 30 }
    var elevation: Double { elevationOption ?? 25 }

    @Option(help: "points: a CSV of edges i,j[,...] (0-based point indices; further columns ignored, such as a cocycle's values from tda barcode --cocycles) drawn as red segments.")
    var edges: String?

    @Option(name: .customLong("edge-max-length"),
            help: "points, with --edges: draw only the edges at most this long (say, a cocycle on the complex at its bar's birth).")
    var edgeMaxLength: Double?

    func run() throws {
        if kind == .module {
            try writeOutput(try modulePlot().svg(), to: out)
            return
        }
        if kind == .points {
            try writeOutput(try pointsPlot().svg(), to: out)
            return
        }
        if kind == .function {
            try writeOutput(try functionPlot().svg(), to: out)
            return
        }
        let bytes = try FileInput.bytes(atPath: file)
        if kind == .signedMeasure {
            try writeOutput(try signedMeasurePlot(bytes).svg(), to: out)
            return
        }
        // Plots draw the upper half-plane: points below the diagonal are refused here.
        let barcode = try Barcode(csvBytes: bytes, allowsBelowDiagonal: false)
        let plot = BarcodePlot(barcode, title: title, width: width, height: height)
        try writeOutput(plot.svg(kind == .diagram ? .diagram : .barcode), to: out)
    }

    /// The columns of a signed measure CSV, from its header line.
    struct MeasureColumns: Equatable {
        var hasDegree: Bool
        var rectangles: Bool
        var parameterCount: Int

        /// `x1,...,xn,weight` or `b1,...,bn,d1,...,dn,weight`, optionally after `degree,`; nil if `fields` is not such a header.
        init?(header fields: [String]) {
            var names = fields.map { $0.lowercased() }
            hasDegree = names.first == "degree"
            if hasDegree { names.removeFirst() }
            guard names.last == "weight", names.count >= 2 else { return nil }
            names.removeLast()
            if names.first == "x1" {
                rectangles = false
                parameterCount = names.count
                guard names == (1...names.count).map({ "x\($0)" }) else { return nil }
            } else if names.first == "b1", names.count % 2 == 0 {
                rectangles = true
                parameterCount = names.count / 2
                let n = parameterCount
                guard names == (1...n).map({ "b\($0)" }) + (1...n).map({ "d\($0)" }) else { return nil }
            } else {
                return nil
            }
        }
    }

    /// Reads a signed measure CSV (as written by `tda signed-measure`; with
    /// several degrees, each degree's block repeats the header) into a plot.
    func signedMeasurePlot(_ bytes: [UInt8]) throws -> SignedMeasurePlot {
        let name = file == "-" ? "stdin" : file
        var columns: MeasureColumns?
        var points: [[Double]] = [], deaths: [[Double]] = [], weights: [Int] = [], degrees: [Int] = []
        var present = Set<Int>()
        try CSVLines.forEach(bytes, name: name) { row in
            let number = row.number
            guard let known = columns else {
                guard let header = MeasureColumns(header: row.words) else {
                    throw InputError("\(name) line \(number): expected a signed measure header such as x1,x2,weight or b1,b2,d1,d2,weight (optionally degree,... first), found '\(row.text)'")
                }
                guard header.parameterCount == 2 else {
                    throw InputError("\(name): a \(header.parameterCount)-parameter signed measure (\(row.text)): only 2-parameter measures can be plotted")
                }
                columns = header
                return
            }
            if row.isWordLine, let header = MeasureColumns(header: row.words) {
                guard header == known else { throw InputError("\(name) line \(number): the header changes to '\(row.text)'") }
                return
            }
            let expected = (known.hasDegree ? 1 : 0) + (known.rectangles ? 4 : 2) + 1
            guard row.count == expected else {
                throw InputError("\(name) line \(number) has \(row.count) values, expected \(expected)")
            }
            var rowDegree = 0
            if known.hasDegree {
                guard let d = row.int(0) else {
                    throw InputError("\(name) line \(number): degree '\(row.snippet(0))' is not an integer")
                }
                rowDegree = d
            }
            guard let weight = row.int(expected - 1) else {
                throw InputError("\(name) line \(number): weight '\(row.snippet(expected - 1))' is not an integer")
            }
            let coordinates = try ((known.hasDegree ? 1 : 0)..<(expected - 1)).map { k -> Double in
                guard let v = row.double(k), !v.isNaN else {
                    throw InputError("\(name) line \(number): '\(row.snippet(k))' is not a number")
                }
                return v
            }
            present.insert(rowDegree)
            if let degree, known.hasDegree, rowDegree != degree { return }
            points.append(Array(coordinates.prefix(2)))
            if known.rectangles { deaths.append(Array(coordinates.suffix(2))) }
            weights.append(weight)
            degrees.append(rowDegree)
        }
        guard let columns else {
            throw InputError("\(name) is empty: expected a signed measure header such as x1,x2,weight or b1,b2,d1,d2,weight")
        }
        if let degree, columns.hasDegree, !present.isEmpty, !present.contains(degree) {
            throw InputError("--degree \(degree): \(name) holds degrees \(present.sorted().map(String.init).joined(separator: ", "))")
        }
        let byDegree: [Int]? = columns.hasDegree && Set(degrees).count > 1 ? degrees : nil
        let heading = title ?? (columns.hasDegree && Set(degrees).count == 1 ? "H\(degrees[0])" : nil)
        if columns.rectangles {
            return SignedMeasurePlot(rectangles: points, deaths: deaths, weights: weights, degrees: byDegree, title: heading,
                                     xLabel: xLabel, yLabel: yLabel, width: width, height: height)
        }
        return SignedMeasurePlot(points: points, weights: weights, degrees: byDegree, title: heading,
                                 xLabel: xLabel, yLabel: yLabel, width: width, height: height)
    }

    /// The `--box` window, if given (x0 < x1 and y0 < y1).
    func window() throws -> ParameterBox? {
        guard let box else { return nil }
        let v = try VectorizerOptions.numbers(box, count: 4, option: "--box")
        guard v[0] < v[2], v[1] < v[3] else {
            throw CommandError("--box '\(box)': the lower corner must be below the upper one along both parameters")
        }
        return ParameterBox(lower: [v[0], v[1]], upper: [v[2], v[3]])
    }

    /// A 3D cloud and its functions (`--values`, `--columns`) as panels.
    func functionPlot() throws -> SurfaceFunctionPlot {
        let name = file == "-" ? "stdin" : file
        let cloud = try PointCloud(textBytes: FileInput.bytes(atPath: file))
        guard cloud.dimension == 3 else {
            throw InputError("\(name): points of \(cloud.dimension) coordinates: --kind function draws 3D point clouds")
        }
        guard let values else { throw CommandError("--kind function needs --values FILE") }
        let bytes = try FileInput.bytes(atPath: values)
        let table = try PointCloud(textBytes: bytes)
        guard table.count == cloud.count else {
            throw InputError("\(values) has \(table.count) rows, expected \(cloud.count), one per point")
        }
        // Column names: the header if the first line has one, else v0, v1, ...
        let firstLine = String(decoding: bytes.prefix(while: { $0 != 10 && $0 != 13 }), as: UTF8.self)
        let fields = firstLine.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let names = fields.count == table.dimension && fields.contains(where: { Double($0) == nil }) ? fields : (0..<table.dimension).map { "v\($0)" }
        var chosen = Array(0..<table.dimension)
        if let valueColumns {
            chosen = try valueColumns.split(separator: ",").map { word in
                let w = word.trimmingCharacters(in: .whitespaces)
                if let i = names.firstIndex(of: w) { return i }
                if let i = Int(w), i >= 0, i < table.dimension { return i }
                throw InputError("--columns: no column '\(w)' in \(values) (columns \(names.joined(separator: ",")))")
            }
        }
        let functions = chosen.map { c in (names[c], (0..<cloud.count).map { table.coordinates[$0 * table.dimension + c] }) }
        return SurfaceFunctionPlot(points: cloud.rows, functions: functions, columns: panels, azimuth: azimuth,
                                   elevation: elevation, panelSize: max(100, width / Double(min(panels, max(functions.count, 1)))),
                                   radius: cloud.count > 5000 ? 2 : 3, title: title)
    }

    /// Reads a point cloud of two coordinates into a scatter plot.
    func pointsPlot() throws -> ScatterPlot {
        let name = file == "-" ? "stdin" : file
        let cloud = try PointCloud(textBytes: FileInput.bytes(atPath: file))
        guard cloud.dimension == 2 else {
            throw InputError("\(name): points of \(cloud.dimension) coordinates: --kind points draws 2D point clouds")
        }
        let window = try window()
        let points = cloud.rows.map { ($0[0], $0[1]) }
        var segments: [(Double, Double, Double, Double)] = []
        if let edges {
            let table = try PointCloud(textBytes: FileInput.bytes(atPath: edges))
            guard table.dimension >= 2 else { throw InputError("\(edges): an edge needs two point indices a row") }
            for r in 0..<table.count {
                let a = table.coordinates[r * table.dimension], b = table.coordinates[r * table.dimension + 1]
                guard let i = Int(exactly: a), let j = Int(exactly: b), i >= 0, j >= 0, i < cloud.count, j < cloud.count else {
                    throw InputError("\(edges): row \(r + 1): \(a), \(b) are not point indices in 0..<\(cloud.count)")
                }
                let length = ((points[i].0 - points[j].0) * (points[i].0 - points[j].0)
                              + (points[i].1 - points[j].1) * (points[i].1 - points[j].1)).squareRoot()
                if let limit = edgeMaxLength, length > limit { continue }
                segments.append((points[i].0, points[i].1, points[j].0, points[j].1))
            }
        }
        return ScatterPlot(series: [("points", points)], title: title, xLabel: xLabel, yLabel: yLabel,
                           lower: window?.lower, upper: window?.upper, width: width, height: height, segments: segments)
    }

    /// Reads a `tda mma` file (CSV or JSON) into a module plot.
    func modulePlot() throws -> ModulePlot {
        let window = try window()
        let input = try ModuleFile(atPath: file, box: window)
        let module = input.module
        guard module.parameterCount == 2 else {
            throw InputError("\(input.name): a \(module.parameterCount)-parameter module: only 2-parameter modules can be plotted")
        }
        if let degree, !module.degrees.contains(degree) {
            let list = module.degrees.isEmpty ? "no summands" : "degrees " + module.degrees.map(String.init).joined(separator: ", ")
            throw InputError("--degree \(degree): \(input.name) holds \(list)")
        }
        let d = degree ?? 1
        return ModulePlot(module, degree: d, lower: window?.lower, upper: window?.upper, title: title ?? "H\(d)",
                          xLabel: xLabel, yLabel: yLabel, width: width, height: height)
    }
}
