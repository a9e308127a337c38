import Foundation
import SwiftTDA

/// `tda-bench alpha [--points N] [--skip-big]` and `tda-bench cubical [--size N]`:
/// the exact alpha complex + persistence (bunny_5000 from ../shared/data and
/// N = 100,000 uniform points in the unit cube) and the cubical complex of
/// an N x N random image (N = 512), against GUDHI run in the same session
/// through python3. Prints times, ratios (GUDHI / ours: above 1 means we
/// are faster), bar counts and the largest relative difference of values.
///
/// Times on both sides are of the computation alone: points already in
/// memory, from construction through the barcode (GUDHI: `AlphaComplex`,
/// `create_simplex_tree`, `persistence`; homology over Z/2).
enum ComplexesBench {
    static let alphaScript = """
    import sys, time, numpy as np, gudhi
    pts = np.load(sys.argv[1]); prec = sys.argv[2]; out = sys.argv[3]
    t = time.perf_counter()
    st = gudhi.AlphaComplex(points=pts, precision=prec).create_simplex_tree()
    t1 = time.perf_counter()
    p = st.persistence(homology_coeff_field=2)
    t2 = time.perf_counter()
    rows = sorted((d, b, e) for d, (b, e) in p)
    open(out, "w").write("".join(f"{d} {b!r} {e!r}\\n" for d, b, e in rows))
    print("build", t1 - t); print("persistence", t2 - t1); print("simplices", st.num_simplices())
    """

    static let cubicalScript = """
    import sys, time, numpy as np, gudhi
    img = np.load(sys.argv[1]); out = sys.argv[2]
    t = time.perf_counter()
    c = gudhi.CubicalComplex(top_dimensional_cells=img)
    p = c.persistence(homology_coeff_field=2)
    t1 = time.perf_counter()
    rows = sorted((d, b, e) for d, (b, e) in p)
    open(out, "w").write("".join(f"{d} {b!r} {e!r}\\n" for d, b, e in rows))
    print("total", t1 - t)
    """

    static func tempPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.path + "/tda-bench-\(getpid())-\(name)"
    }

    static func save(_ array: NPYArray, _ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(array.encoded())) else {
            throw BenchError("cannot write \(path)")
        }
    }

    /// Bars as sorted (dim, birth, death) rows.
    static func rows(_ b: Barcode) -> [[Double]] {
        b.flattened.map { [Double($0.dimension), $0.bar.birth, $0.bar.death] }
            .sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// "counts per dim; largest relative difference" against GUDHI's rows.
    static func compare(_ ours: [[Double]], _ gudhiPath: String) -> String {
        guard let text = try? String(contentsOfFile: gudhiPath, encoding: .utf8) else { return "no GUDHI output" }
        let theirs = text.split(separator: "\n").map { $0.split(separator: " ").map { Double($0) ?? .nan } }
        func counts(_ r: [[Double]]) -> String {
            let m = Int(r.map { $0[0] }.max() ?? 0)
            return (0...m).map { d in String(r.filter { Int($0[0]) == d }.count) }.joined(separator: "/")
        }
        guard ours.count == theirs.count else { return "bars \(counts(ours)) vs GUDHI \(counts(theirs)) (differ)" }
        var worst = 0.0
        for (a, b) in zip(ours, theirs) {
            for k in 1...2 where a[k] != b[k] {
                worst = Swift.max(worst, abs(a[k] - b[k]) / Swift.max(abs(a[k]), abs(b[k])))
            }
        }
        return "bars \(counts(ours)) = GUDHI's, largest relative difference \(worst)"
    }

    /// How far the floating-point alpha barcode is from the exact one.
    static func fastVersusExact(_ fast: [[Double]], _ exact: [[Double]]) -> String {
        guard fast.count == exact.count else { return "\(fast.count) bars vs \(exact.count) (tiny bars differ)" }
        var worst = 0.0
        for (a, b) in zip(fast, exact) {
            for k in 1...2 where a[k] != b[k] { worst = Swift.max(worst, abs(a[k] - b[k]) / Swift.max(abs(a[k]), abs(b[k]))) }
        }
        return "same bar count, largest relative difference \(worst)"
    }

    static func runAlpha(_ args: [String]) throws {
        let n = VectorizeBench.intOption(args, "--points") ?? 100_000
        var cases: [(String, PointCloud)] = []
        if let data = RipsBench.locateSharedData() {
            let bunny = try PointCloud(offBytes: FileInput.bytes(atPath: data.appendingPathComponent("bunny_5000.off").path))
            cases.append(("bunny_5000", bunny))
        } else {
            print("(../shared/data not found: skipping bunny_5000)")
        }
        if !args.contains("--skip-big") {
            var g = SeededGenerator(seed: 42)
            let coords = (0..<(3 * n)).map { _ in g.uniform() }
            cases.append(("uniform \(n) 3D", try PointCloud(count: n, dimension: 3, coordinates: coords)))
        }
        var table = [["case", "SwiftTDA exact (build + pers.)", "SwiftTDA fast", "GUDHI exact (build + pers.)", "GUDHI safe",
                      "ratio exact", "ratio fast/safe", "bars"]]
        for (name, cloud) in cases {
            print("\(name): \(cloud.count) points")
            let (alpha, build) = try VectorizeBench.time { try AlphaComplex(points: cloud) }
            let (barcode, pers) = try VectorizeBench.time { try alpha.filteredComplex.barcode(maxDimension: 2) }
            let (fastBarcode, fastTime) = try VectorizeBench.time {
                try AlphaComplex(points: cloud, precision: .fast).filteredComplex.barcode(maxDimension: 2)
            }
            let ours = build + pers
            print("  SwiftTDA exact: build \(VectorizeBench.fmt(build)) s, persistence \(VectorizeBench.fmt(pers)) s, \(alpha.count) simplices; fast: \(VectorizeBench.fmt(fastTime)) s")
            print("  fast vs exact: \(fastVersusExact(rows(fastBarcode), rows(barcode)))")
            let input = tempPath("points.npy"), outExact = tempPath("exact.txt"), outSafe = tempPath("safe.txt")
            defer { for p in [input, outExact, outSafe] { try? FileManager.default.removeItem(atPath: p) } }
            try save(NPYArray(shape: [cloud.count, 3], values: cloud.coordinates), input)
            var row = [name, "\(VectorizeBench.fmt(ours)) (\(VectorizeBench.fmt(build)) + \(VectorizeBench.fmt(pers)))",
                       VectorizeBench.fmt(fastTime)]
            if let e = VectorizeBench.python(alphaScript, args: [input, "exact", outExact]),
               let s = VectorizeBench.python(alphaScript, args: [input, "safe", outSafe]) {
                let te = VectorizeBench.parseTimes(e), ts = VectorizeBench.parseTimes(s)
                let ge = (te["build"] ?? .nan) + (te["persistence"] ?? .nan), gs = (ts["build"] ?? .nan) + (ts["persistence"] ?? .nan)
                let cmp = compare(rows(barcode), outExact)
                print("  GUDHI exact: build \(VectorizeBench.fmt(te["build"] ?? .nan)) s, persistence \(VectorizeBench.fmt(te["persistence"] ?? .nan)) s; safe: \(VectorizeBench.fmt(gs)) s")
                print("  \(cmp)")
                row += ["\(VectorizeBench.fmt(ge)) (\(VectorizeBench.fmt(te["build"] ?? .nan)) + \(VectorizeBench.fmt(te["persistence"] ?? .nan)))",
                        VectorizeBench.fmt(gs), VectorizeBench.fmt(ge / ours, 2) + "x", VectorizeBench.fmt(gs / fastTime, 2) + "x", cmp]
            } else {
                row += ["-", "-", "-", "-", "-"]
            }
            table.append(row)
        }
        print("")
        RipsBench.printTable(table)
    }

    static func runCubical(_ args: [String]) throws {
        let size = VectorizeBench.intOption(args, "--size") ?? 512
        var g = SeededGenerator(seed: 7)
        let values = (0..<(size * size)).map { _ in g.uniform() }
        let (barcode, ours) = try VectorizeBench.time {
            try CubicalComplex(shape: [size, size], values: values).filteredComplex().barcode(maxDimension: 1)
        }
        print("cubical \(size)x\(size): SwiftTDA \(VectorizeBench.fmt(ours)) s")
        let input = tempPath("image.npy"), output = tempPath("cubical.txt")
        defer { for p in [input, output] { try? FileManager.default.removeItem(atPath: p) } }
        try save(NPYArray(shape: [size, size], values: values), input)
        var table = [["case", "SwiftTDA", "GUDHI", "ratio", "bars"]]
        if let out = VectorizeBench.python(cubicalScript, args: [input, output]) {
            let t = VectorizeBench.parseTimes(out)["total"] ?? .nan
            table.append(["\(size)x\(size) random", VectorizeBench.fmt(ours), VectorizeBench.fmt(t),
                          VectorizeBench.fmt(t / ours, 2) + "x", compare(rows(barcode), output)])
        } else {
            table.append(["\(size)x\(size) random", VectorizeBench.fmt(ours), "-", "-", "-"])
        }
        RipsBench.printTable(table)
    }
}
