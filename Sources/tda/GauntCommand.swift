import ArgumentParser
import Foundation
import SwiftTDA

/// Reads rows of numbers with the point-cloud reader: CSV, TSV or
/// whitespace (header and `#` comments allowed), `.npy`, or `-` for stdin;
/// ragged rows and non-finite values are its typed errors.
func readNumericRows(atPath path: String) throws -> (rows: Int, columns: Int, values: [Double]) {
    let table = try PointCloud(contentsOfFile: path)
    return (table.count, table.dimension, table.coordinates)
}

/// Where and how `tda sh` and `tda gaunt product` write their rows.
struct RowOutput: ParsableArguments {
    @Option(help: "Write the result here instead of stdout.")
    var output: String?

    @Option(name: .customLong("output-format"), help: "csv, json or npy.")
    var outputFormat: VectorizeCommand.Format = .csv

    @Flag(help: "NPY output in float32 instead of float64.")
    var float32 = false

    /// Writes rows of `columns` values as CSV (shortest round-trip form,
    /// zeros unsigned), JSON or NPY, to `--output` or stdout (NPY never to a terminal).
    func write(_ values: [Double], columns: Int) throws {
        let n = max(1, columns)
        let rows = stride(from: 0, to: values.count, by: n).map { start in
            values[start..<min(values.count, start + n)].map { $0 == 0 ? 0 : $0 }
        }
        if outputFormat == .npy && (output == nil || output == "-") && isatty(STDOUT_FILENO) != 0 {
            throw CommandError("refusing to write NPY bytes to a terminal: use --output FILE")
        }
        let format = VectorOutput.Format(rawValue: outputFormat.rawValue) ?? .csv
        try writeOutput(Data(try VectorOutput.encode(rows, format: format, float32: float32)), to: output)
    }
}

/// `tda sh POINTS.csv --lmax L`: real spherical harmonics of each row's direction.
struct SphericalHarmonicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sh",
        abstract: "Real spherical harmonics of degree <= L at each row's direction: (L+1)^2 values per row.",
        discussion: """
            Rows are 3D vectors (x,y,z); they are normalised, and a zero row is an error. Output: one
            row per input row, coefficients degree by degree (l = 0..L), m = -l..l inside a degree;
            SwiftTDA's convention (z polar axis, no Condon-Shortley phase, orthonormal). e3nn's
            harmonics at v are ours at (v.z, v.x, v.y).
            Example:
              tda sh Datasets/sphere.csv --lmax 2
            """
    )

    @Argument(help: "A CSV (or TSV, whitespace, .npy) file of 3D vectors, or - for stdin.")
    var file: String

    @Option(help: "The largest degree L (0...\(RealSphericalHarmonics.maximumDegree)).")
    var lmax: Int = 2

    @OptionGroup var rows: RowOutput

    func run() throws {
        guard lmax >= 0, lmax <= RealSphericalHarmonics.maximumDegree else {
            throw CommandError("--lmax must be in 0...\(RealSphericalHarmonics.maximumDegree)")
        }
        let table = try readNumericRows(atPath: file)
        guard table.columns == 3 else {
            throw SphericalHarmonicsError.badFeatureLength(row: nil, found: table.columns, expected: "3 per row (x,y,z) in \(file)")
        }
        let directions = (0..<table.rows).map { SIMD3(table.values[3 * $0], table.values[3 * $0 + 1], table.values[3 * $0 + 2]) }
        let y = try RealSphericalHarmonics.evaluate(directions, lmax: lmax)
        try rows.write(y.values, columns: y.dimension)
    }
}

/// `tda gaunt`: Gaunt tensor products from the command line, and the
/// equivariance check and timing table.
struct GauntCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaunt",
        abstract: "Gaunt tensor products of spherical features; --check and --bench at a degree.",
        discussion: """
            tda gaunt --lmax L --check prints the equivariance error under random rotations, the
            Fourier-vs-direct difference and the difference from exact quadrature, for a batch of
            random features of degree L. --bench prints times per product of the Fourier route,
            the direct Gaunt product and the full Clebsch-Gordan product at 2, 4, ... up to L.
            Examples:
              tda gaunt --lmax 12 --check
              tda gaunt --lmax 16 --bench
              tda gaunt product x.csv y.csv --lmax-out 4
            """,
        subcommands: [GauntProductCommand.self]
    )

    @Option(help: "The degree of the random features for --check and --bench.")
    var lmax: Int?

    @Flag(help: "Print the equivariance error and the differences between the methods.")
    var check = false

    @Flag(help: "Print a timing table (batch of --batch products, single-threaded).")
    var bench = false

    @Option(help: "Products per timing (--bench) or per check (--check).")
    var batch: Int?

    @Option(help: "Write an SVG plot of the --bench timings (log-log) here.")
    var plot: String?

    func run() throws {
        guard check || bench else { throw ValidationError("give --check or --bench (or the product subcommand)") }
        guard let l = lmax else { throw ValidationError("--lmax is required with --check and --bench") }
        guard l >= 1, l <= 64 else { throw CommandError("--lmax must be in 1...64 for --check and --bench") }
        if let b = batch, b < 1 || b > 1_000_000 { throw CommandError("--batch must be in 1...1000000") }
        // Inputs, outputs and the rotated copies: about four feature arrays of (L+1)^2 doubles per product.
        let n0 = batch ?? (bench ? 1024 : 8)
        try MemoryBudget.elements([n0, (l + 1) * (l + 1), 4], bytesEach: 8, what: "--batch \(n0) at --lmax \(l)",
                                  advice: "lower --batch or --lmax")
        if check { try runCheck(l) }
        if bench { try runBench(l) }
    }

    func runCheck(_ l: Int) throws {
        let n = batch ?? 8
        let x = GauntTiming.randomFeatures(lmax: l, count: n, seed: 11), y = GauntTiming.randomFeatures(lmax: l, count: n, seed: 12)
        let fourier = try GauntTensorProduct(lmax1: l, lmax2: l, lmaxOut: l, method: .fourier)
        let z = try fourier(x, y)
        print("Gaunt tensor product, degree \(l) x \(l) -> \(l), \(n) random pairs (Double)")
        var worstEquivariance = 0.0
        var rng = SeededGenerator(seed: 2026)
        for _ in 0..<3 {
            let r = try WignerD.rotation(axis: SIMD3(rng.normal(), rng.normal(), rng.normal() + 1e-3),
                                         angle: 2 * Double.pi * rng.uniform())
            let d = try WignerD.matrices(rotation: r, lmax: l)
            let lhs = try fourier(WignerD.rotate(x, with: d), WignerD.rotate(y, with: d))
            let rhs = try WignerD.rotate(z, with: d)
            worstEquivariance = max(worstEquivariance, relative(lhs.values, rhs.values))
        }
        print("equivariance |TP(Dx, Dy) - D TP(x, y)| / |TP|, 3 random rotations: \(format(worstEquivariance))")
        if l <= GauntTensorProduct.directMaximumDegree {
            let direct = try GauntTensorProduct(lmax1: l, lmax2: l, lmaxOut: l, method: .direct)(x, y)
            print("fourier vs direct: \(format(relative(z.values, direct.values)))")
        }
        let q = SphereQuadrature(degree: 3 * l)
        var worstQuadrature = 0.0
        for i in 0..<min(n, 4) {
            let fx = try q.values(of: x.feature(i), lmax: l), fy = try q.values(of: y.feature(i), lmax: l)
            let exact = try q.project(zip(fx, fy).map { $0 * $1 }, lmax: l)
            worstQuadrature = max(worstQuadrature, relative(z.feature(i), exact))
        }
        print("fourier vs exact quadrature (Gauss-Legendre x uniform, degree \(3 * l)): \(format(worstQuadrature))")
    }

    func runBench(_ l: Int) throws {
        let n = batch ?? 1024
        var degrees: [Int] = []
        var d = 2
        while d <= l { degrees.append(d); d *= 2 }
        if degrees.last != l { degrees.append(l) }
        print("Gaunt tensor products, batch \(n), 1 thread, Double: time per product (median of 3)")
        print("L       fourier      direct   full CG (dense)   direct/fourier   CG/fourier")
        var rows: [(Int, GauntTiming)] = []
        for degree in degrees {
            let t = try GauntTiming.measure(lmax: degree, batch: n, repeats: 3, threads: 1)
            rows.append((degree, t))
            func us(_ s: Double?) -> String { s.map { String(format: "%9.1f us", $0 * 1e6) } ?? "       n/a  " }
            func ratio(_ s: Double?) -> String { s.map { String(format: "%12.1fx", $0 / t.fourier) } ?? "         n/a" }
            print(String(format: "%-3d", degree) + " \(us(t.fourier))  \(us(t.direct))  \(us(t.clebschGordan))  \(ratio(t.direct))  \(ratio(t.clebschGordan))")
        }
        if let plot {
            let series: [(String, [(Double, Double)])] = [
                ("Fourier (Gaunt)", rows.map { (Double($0.0), $0.1.fourier * 1e6) }),
                ("direct (Gaunt)", rows.compactMap { r in r.1.direct.map { (Double(r.0), $0 * 1e6) } }),
                ("full Clebsch-Gordan", rows.compactMap { r in r.1.clebschGordan.map { (Double(r.0), $0 * 1e6) } }),
            ]
            let chart = LinePlot(series: series.filter { !$0.1.isEmpty }, title: "Time per product, batch \(n), 1 thread",
                                 xLabel: "degree L", yLabel: "microseconds", logX: true, logY: true)
            try writeOutput(chart.svg(), to: plot)
        }
    }

    private func relative(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.reduce(0) { max($0, abs($1)) }
        let diff = zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
        return scale > 0 ? diff / scale : diff
    }

    private func format(_ x: Double) -> String { String(format: "%.2e", x) }
}

/// `tda gaunt product X.csv Y.csv`: row i of the output is the product of row i of X and row i of Y.
struct GauntProductCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product",
        abstract: "Gaunt tensor product of two feature CSVs, row by row.",
        discussion: """
            Each row is one feature of (L+1)^2 coefficients (l = 0..L, m = -l..l); X and Y may have
            different L, and the same number of rows (or one row, used with every row of the other).
            Example:
              tda sh dirs.csv --lmax 2 > y.csv
              tda gaunt product y.csv y.csv --lmax-out 2
            """
    )

    @Argument(help: "Features of the first factor (CSV or .npy, one feature a row), or - for stdin.")
    var x: String

    @Argument(help: "Features of the second factor.")
    var y: String

    @Option(name: .customLong("lmax-out"), help: "The largest degree of the product (default: Lx + Ly, nothing lost).")
    var lmaxOut: Int?

    @Option(help: "fourier, direct or automatic (the measured rule).")
    var method: String = "automatic"

    @OptionGroup var rows: RowOutput

    @Option(help: "Worker threads (default: TDA_THREADS or all cores; clamped to 4 per core, at least 8).")
    var threads: Int?

    func run() throws {
        guard let m = GauntTensorProduct.Method(rawValue: method) else {
            throw ValidationError("unknown --method '\(method)' (fourier, direct, automatic)")
        }
        if let t = threads, t < 1 { throw ValidationError("--threads must be at least 1") }
        let fx = try features(x), fy = try features(y)
        let tp = try GauntTensorProduct(lmax1: fx.lmax, lmax2: fy.lmax, lmaxOut: lmaxOut, method: m)
        let z = try tp(fx, fy, threads: threadCount(threads))
        try rows.write(z.values, columns: z.dimension)
    }

    func features(_ path: String) throws -> SphericalFeatures<Double> {
        let t = try readNumericRows(atPath: path)
        guard let l = SphericalFeatures<Double>.degree(forLength: t.columns) else {
            throw SphericalHarmonicsError.badFeatureLength(
                row: nil, found: t.columns, expected: "(L+1)^2 per row for some L (1, 4, 9, 16, ...) in \(path)")
        }
        return try SphericalFeatures(lmax: l, values: t.values)
    }
}
