import ArgumentParser
import Foundation
import SwiftTDA

/// `tda mma FILE`: the module approximation (MMA) of a bifiltration built
/// from a point cloud, an image or a graph, as multipers'
/// `module_approximation`.
struct MMACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mma",
        abstract: "Interval-decomposable approximation of a multiparameter persistence module (MMA), as multipers.",
        discussion: """
            CSV output: one corner a row, degree,summand,kind,x1,...,xn with kind birth or death and
            inf / -inf where a corner is unbounded; summands are numbered from 0 within each degree. Examples:
              tda mma Datasets/annulus.csv --filtration rips-codensity --bandwidth 0.2 --threshold enclosing
              tda mma points.csv --filtration rips-lowerstar --function f.csv --nlines 200 --degrees 1
              tda mma points.csv --filtration alpha-codensity --bandwidth 0.3 --box 0,0,2,3 --precision 0.01
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @OptionGroup var source: BifiltrationOptions

    @Option(name: .customLong("nlines"), parsing: .unconditional, help: "Target number of lines (multipers' nlines, default 557); the step follows multipers' rule.")
    var nlinesOption: Int?

    /// `--nlines`, default 557 (multipers').
    var nlines: Int { nlinesOption ?? 557 }

    @Option(parsing: .unconditional, help: "The line step instead of --nlines (multipers' max_error).")
    var precision: Double?

    @Option(parsing: .unconditional, help: "The box: the lower corner's coordinates, then the upper corner's (x0,y0,x1,y1 for two parameters). Default: the grades' bounding box.")
    var box: String?

    @Option(help: "Line direction, one non-negative number per parameter (default all ones).")
    var direction: String?

    @Option(help: "Homology degrees to write, comma separated.")
    var degrees: String = "0,1"

    @Flag(name: .customLong("no-merge"), help: "Keep every corner (multipers' complete=False).")
    var noMerge = false

    @Option(name: .customLong("max-lines"), help: "Refuse when the walk would need more lines than this.")
    var maxLines: Int = 2_000_000

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    @Option(name: .customLong("output-format"), help: "csv or json.")
    var outputFormat: OutputFormat = .csv

    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    func validate() throws {
        if precision != nil && nlinesOption != nil { throw ValidationError("--nlines and --precision exclude each other (--precision sets the line step)") }
        if let t = threads, t < 1 || t > 4096 { throw ValidationError("--threads must be between 1 and 4096") }
        // A large --nlines is not a usage error: the run refuses it with the
        // line count it would need (exit 1), as for a fine --precision.
        if precision == nil, nlines < 1 { throw ValidationError("--nlines must be at least 1") }
        if let p = precision, !(p.isFinite && p > 0) { throw ValidationError("--precision must be a positive number") }
        if maxLines < 1 { throw ValidationError("--max-lines must be at least 1") }
    }

    static func numbers(_ text: String, option: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { NumberGrammar.parse($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            throw CommandError("\(option) '\(text)': give finite numbers, comma separated")
        }
        return parts.map { $0! }
    }

    func degreeList() throws -> [Int] {
        let parts = degrees.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil && $0! >= 0 && $0! <= 64 }) else {
            throw CommandError("--degrees '\(degrees)': give degrees between 0 and 64, comma separated")
        }
        return parts.map { $0! }
    }

    func run() throws {
        try writeOutput(try moduleText(threads: threadCount(threads)), to: output)
    }

    /// The module as `--output-format` writes it (`tda batch` runs this for its mma stage).
    func moduleText(threads threadCount: Int) throws -> String {
        let wanted = try degreeList()
        var options = ModuleApproximationOptions(lineCount: nlines, precision: precision, complete: !noMerge,
                                                 maxLines: maxLines, threads: threadCount)
        if let box {
            let v = try Self.numbers(box, option: "--box")
            guard v.count >= 4, v.count % 2 == 0 else {
                throw CommandError("--box '\(box)': give the lower corner then the upper corner, n numbers each")
            }
            options.box = (Array(v[..<(v.count / 2)]), Array(v[(v.count / 2)...]))
        }
        if let direction { options.direction = try Self.numbers(direction, option: "--direction") }
        let (complex, _) = try ActivityIndicator.run("building the complex") { try self.source.complex(collapse: true) }
        ActivityIndicator.profile("cells by dimension: \((0...Int(complex.dimensions.max() ?? 0)).map { d in complex.dimensions.lazy.filter { $0 == d }.count })")
        if let b = options.box, b.lower.count != complex.parameterCount {
            throw CommandError("--box has \(b.lower.count) coordinates per corner, the bifiltration \(complex.parameterCount) parameters")
        }
        let module = try ActivityIndicator.run("approximating the module") { try ModuleApproximation(complex, options: options) }
        switch outputFormat {
        case .csv: return Self.csv(module, degrees: wanted)
        case .json: return Self.json(module, degrees: wanted)
        }
    }

    static func number(_ x: Double) -> String {
        x == .infinity ? "inf" : x == -.infinity ? "-inf" : x.description
    }

    /// `degree,summand,kind,x1,...,xn`, summands numbered within their degree.
    static func csv(_ module: ModuleApproximation, degrees: [Int]) -> String {
        let n = module.parameterCount
        var out = "degree,summand,kind," + (1...n).map { "x\($0)" }.joined(separator: ",") + "\n"
        for d in degrees {
            for (k, s) in module.summands(degree: d).enumerated() {
                for b in s.births { out += "\(d),\(k),birth," + b.map(number).joined(separator: ",") + "\n" }
                for x in s.deaths { out += "\(d),\(k),death," + x.map(number).joined(separator: ",") + "\n" }
            }
        }
        return out
    }

    /// `{"box": {...}, "precision", "lines", "summands": [{degree, births, deaths}]}`, infinities as "inf"/"-inf".
    static func json(_ module: ModuleApproximation, degrees: [Int]) -> String {
        func value(_ x: Double) -> String { x.isFinite ? x.description : "\"\(number(x))\"" }
        func corners(_ c: [[Double]]) -> String { "[" + c.map { "[" + $0.map(value).joined(separator: ",") + "]" }.joined(separator: ",") + "]" }
        let summands = degrees.flatMap { d in module.summands(degree: d) }.map {
            "{\"degree\":\($0.degree),\"births\":\(corners($0.births)),\"deaths\":\(corners($0.deaths))}"
        }
        return "{\"box\":{\"lower\":[\(module.lower.map(value).joined(separator: ","))],\"upper\":[\(module.upper.map(value).joined(separator: ","))]},"
            + "\"precision\":\(module.precision),\"lines\":\(module.lineCount),\"summands\":[" + summands.joined(separator: ",") + "]}\n"
    }
}
