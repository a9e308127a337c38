import Foundation

/// An SVG picture of a two-parameter signed measure: the Hilbert or Euler
/// signed barcode (a weighted point per atom) or the rank decomposition (a
/// weighted rectangle [b, d) per atom), in the plane of parameter 1 (x)
/// against parameter 2 (y).
///
/// Positive atoms are blue, negative ones red; a point's marker area grows
/// with |weight|, a rectangle's fill gets more opaque. Rectangles that die at
/// infinity are clipped a little beyond the largest finite coordinate, where a
/// dashed grey line is labelled inf, and their clipped edge is dashed. With
/// several homology degrees each degree gets its own marker shape (circle,
/// square, triangle, diamond, ...). The plot takes plain arrays, so it needs
/// nothing from `Multipersistence`; the signed measures themselves come from
/// Botnan, Oppermann, Oudot and Scoccola, "Signed barcodes for
/// multi-parameter persistence via rank decompositions" (SoCG 2022), and
/// Loiseaux, Scoccola, Carrière, Botnan and Oudot, "Stable vectorization of
/// multiparameter persistent homology using signed barcodes as measures"
/// (NeurIPS 2023).
///
/// ```swift
/// let mu = try SignedMeasure.hilbert(squeezed, degrees: [1])[0]
/// let atoms = (0..<mu.count).map { Array(mu[$0]) }
/// let svg = SignedMeasurePlot(points: atoms, weights: mu.weights, title: "H1").svg()
/// try svg.write(toFile: "measure.svg", atomically: true, encoding: .utf8)
/// ```
public struct SignedMeasurePlot: Sendable {
    /// The colour of atoms with a positive weight (the blue of ``BarcodePlot/palette``).
    ///
    /// ```swift
    /// SignedMeasurePlot.positiveColor  // "#1f77b4"
    /// ```
    public static let positiveColor = "#1f77b4"

    /// The colour of atoms with a negative weight (the red of ``BarcodePlot/palette``).
    ///
    /// ```swift
    /// SignedMeasurePlot.negativeColor  // "#d62728"
    /// ```
    public static let negativeColor = "#d62728"

    /// The atoms' points (x = parameter 1, y = parameter 2), or for a rank
    /// measure the rectangles' lower corners (their births).
    public let points: [[Double]]
    /// The rectangles' upper corners (their deaths, exclusive; `+infinity`
    /// allowed), or nil for a measure of points.
    public let deaths: [[Double]]?
    /// The atoms' integer weights, one per point or rectangle.
    public let weights: [Int]
    /// The homology degree of each atom, if the picture shows several (each
    /// degree gets its own marker shape); nil for one measure.
    public let degrees: [Int]?
    /// A title above the picture, if any.
    public let title: String?
    /// The label of the horizontal axis (parameter 1).
    public let xLabel: String
    /// The label of the vertical axis (parameter 2).
    public let yLabel: String
    /// The picture's width in SVG user units (pixels).
    public let width: Double
    /// The picture's height in SVG user units.
    public let height: Double

    /// Whether the atoms are rectangles (a rank measure) rather than points.
    public var isRectangular: Bool { deaths != nil }

    /// A plot of a point measure (Hilbert or Euler): atom `i` sits at
    /// `points[i]` (two coordinates) with weight `weights[i]`.
    ///
    /// Atoms of weight 0 are not drawn; neither are atoms without exactly two
    /// finite coordinates (the picture says how many were left out). Extra
    /// entries of the longer of `points`, `weights` and `degrees` are ignored.
    ///
    /// ```swift
    /// let plot = SignedMeasurePlot(points: [[0, 0], [1, 0], [0, 1], [1, 1]], weights: [1, -1, -1, 1],
    ///                              title: "H1", width: 480, height: 480)
    /// let svg = plot.svg()  // two blue and two red circles
    /// ```
    public init(points: [[Double]], weights: [Int], degrees: [Int]? = nil, title: String? = nil,
                xLabel: String = "parameter 1", yLabel: String = "parameter 2",
                width: Double = 480, height: Double = 480) {
        self.init(births: points, deaths: nil, weights: weights, degrees: degrees, title: title,
                  xLabel: xLabel, yLabel: yLabel, width: width, height: height)
    }

    /// A plot of a rank measure: atom `i` is the rectangle
    /// [`births[i]`, `deaths[i]`) of the plane, with weight `weights[i]`.
    ///
    /// A death may be `+infinity` in either coordinate: the rectangle is then
    /// clipped at the inf line and its open edge dashed. Rectangles with a
    /// non-finite birth, a NaN or `-infinity` death, or a death below the
    /// birth are left out (the picture says how many), as are weights of 0.
    ///
    /// ```swift
    /// let plot = SignedMeasurePlot(rectangles: [[0, 0], [0.5, 0]], deaths: [[1, .infinity], [1, 2]],
    ///                              weights: [1, -1], title: "rank, H0")
    /// let svg = plot.svg()  // a blue rectangle open upwards, a red one
    /// ```
    public init(rectangles births: [[Double]], deaths: [[Double]], weights: [Int], degrees: [Int]? = nil,
                title: String? = nil, xLabel: String = "parameter 1", yLabel: String = "parameter 2",
                width: Double = 480, height: Double = 480) {
        self.init(births: births, deaths: deaths as [[Double]]?, weights: weights, degrees: degrees, title: title,
                  xLabel: xLabel, yLabel: yLabel, width: width, height: height)
    }

    private init(births: [[Double]], deaths: [[Double]]?, weights: [Int], degrees: [Int]?, title: String?,
                 xLabel: String, yLabel: String, width: Double, height: Double) {
        self.points = births
        self.deaths = deaths
        self.weights = weights
        self.degrees = degrees
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// One drawable atom: a point (`hi` nil) or a rectangle [lo, hi), its
    /// finite coordinates clamped to ±`limit`; `hi` may hold `+infinity`.
    struct Atom {
        var lo: (x: Double, y: Double)
        var hi: (x: Double, y: Double)?
        var weight: Int
        var degree: Int?
    }

    /// Coordinates beyond this are drawn at it, so that differences of
    /// coordinates never overflow (as in ``BarcodePlot``).
    static let limit = Double.greatestFiniteMagnitude / 8

    /// The atoms that can be drawn, and how many others were left out
    /// (weights of 0 are neither).
    func drawable() -> (atoms: [Atom], skipped: Int) {
        var n = Swift.min(points.count, weights.count)
        if let deaths { n = Swift.min(n, deaths.count) }
        func clamp(_ v: Double) -> Double { v.isFinite ? Swift.min(Swift.max(v, -Self.limit), Self.limit) : v }
        var atoms: [Atom] = [], skipped = 0
        for i in 0..<n where weights[i] != 0 {
            let p = points[i]
            guard p.count == 2, p[0].isFinite, p[1].isFinite else { skipped += 1; continue }
            var atom = Atom(lo: (clamp(p[0]), clamp(p[1])), hi: nil, weight: weights[i],
                            degree: degrees.flatMap { i < $0.count ? $0[i] : nil })
            if let deaths {
                let d = deaths[i]
                guard d.count == 2, !d[0].isNaN, !d[1].isNaN, d[0] >= p[0], d[1] >= p[1] else { skipped += 1; continue }
                atom.hi = (clamp(d[0]), clamp(d[1]))
            }
            atoms.append(atom)
        }
        return (atoms, skipped)
    }

    /// One axis: the drawn interval [lo, hi], the end of its finite part
    /// (ticks stop there) and, if some death is infinite, where inf is drawn.
    struct Axis {
        var lo: Double
        var hi: Double
        var finiteHi: Double
        var infinity: Double?

        /// An axis covering the finite `values` with 5% margins, and an inf
        /// position 12% of the data's span beyond the largest when `infinite`.
        init(_ values: [Double], infinite: Bool) {
            var a = values.min() ?? 0, b = values.max() ?? 1
            if values.isEmpty { (a, b) = (0, 1) }
            if !(b - a > 1e-9 * Swift.max(abs(a), abs(b))) {
                let c = a / 2 + b / 2, half = Swift.max(0.5, abs(c) / 20)
                (a, b) = (c - half, c + half)
            }
            let span = b - a
            lo = a - 0.05 * span
            finiteHi = b + 0.05 * span
            if infinite {
                infinity = b + 0.12 * span
                hi = b + 0.16 * span
            } else {
                infinity = nil
                hi = finiteHi
            }
        }

        /// `v` (possibly +infinity) on this axis, as a fraction of its length.
        func fraction(_ v: Double) -> Double {
            ((v == .infinity ? infinity ?? hi : v) - lo) / (hi - lo)
        }
    }

    /// About five round tick values covering [lo, hi] (steps 1, 2 or 5 times
    /// a power of 10), at most 12 whatever the numbers.
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = hi - lo
        guard span > 0, span.isFinite else { return [] }
        let magnitude = pow(10, (log10(span / 5)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { span / $0 <= 6 } ?? 10 * magnitude
        guard step > 0, step.isFinite else { return [] }
        let first = (lo / step).rounded(.up)
        var out: [Double] = []
        for k in 0..<12 {
            let t = (first + Double(k)) * step
            if t > hi + 1e-9 * span { break }
            let value = abs(t) < 1e-9 * span ? 0 : t
            if out.last != value { out.append(value) }
        }
        return out
    }

    /// A tick label: as many decimals as the step between ticks needs (no
    /// trailing zeros), three significant digits for very large or very small numbers.
    static func label(_ t: Double, step: Double) -> String {
        if t == 0 { return "0" }
        if abs(t) >= 1e6 || step < 1e-4 { return String(format: "%.3g", t) }
        let decimals = Swift.max(0, Int((-log10(step)).rounded(.up)))
        var s = String(format: "%.\(decimals)f", t)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// The marker of `shape` (0 circle, 1 square, 2 triangle, 3 diamond, then
    /// again), of the area of a circle of radius `r`, centred at (cx, cy).
    static func marker(_ svg: inout SVGDocument, shape: Int, cx: Double, cy: Double, r: Double,
                       fill: String, opacity: Double) {
        switch shape % 4 {
        case 0:
            svg.circle(cx: cx, cy: cy, r: r, fill: fill, opacity: opacity)
        case 1:
            let h = r * Double.pi.squareRoot() / 2
            svg.polygon([(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)], fill: fill, opacity: opacity)
        case 2:
            let a = r * (4 * Double.pi / 3.0.squareRoot()).squareRoot(), h = a * 3.0.squareRoot() / 2
            svg.polygon([(cx, cy - 2 * h / 3), (cx + a / 2, cy + h / 3), (cx - a / 2, cy + h / 3)], fill: fill, opacity: opacity)
        default:
            let h = r * (Double.pi / 2).squareRoot()
            svg.polygon([(cx, cy - h), (cx + h, cy), (cx, cy + h), (cx - h, cy)], fill: fill, opacity: opacity)
        }
    }

    /// The picture: a frame with round ticks and light grid lines, one marker
    /// or rectangle per atom in its sign's colour (the largest weights drawn
    /// first, so that small atoms stay visible), and above the frame a legend
    /// (colours, number of atoms of each sign, marker shapes of the degrees)
    /// and a caption saying how |weight| is shown. An empty measure gives the
    /// frame and a "no atoms" note.
    ///
    /// ```swift
    /// let svg = SignedMeasurePlot(points: [[0.2, 1.5], [0.4, 1.5]], weights: [2, -1]).svg()
    /// // a large blue circle at (0.2, 1.5), a smaller red one at (0.4, 1.5)
    /// ```
    /// - Complexity: O(n log n) in the number of atoms (they are sorted by |weight|).
    public func svg() -> String {
        let (atoms, skipped) = drawable()
        var svg = SVGDocument(width: width, height: height)
        let left = 64.0, right = 24.0, bottom = 50.0
        let legendY = title == nil ? 22.0 : 48.0
        let top = legend(&svg, atoms: atoms, skipped: skipped, x: left, y: legendY, maxX: width - right) + 15
        let plotW = Swift.max(10, width - left - right), plotH = Swift.max(10, height - top - bottom)

        // Axes from the finite coordinates; inf lines where some death is infinite.
        var xs: [Double] = [], ys: [Double] = []
        var xInfinite = false, yInfinite = false
        for atom in atoms {
            xs.append(atom.lo.x); ys.append(atom.lo.y)
            if let hi = atom.hi {
                if hi.x.isFinite { xs.append(hi.x) } else { xInfinite = true }
                if hi.y.isFinite { ys.append(hi.y) } else { yInfinite = true }
            }
        }
        let xAxis = Axis(xs, infinite: xInfinite), yAxis = Axis(ys, infinite: yInfinite)
        func px(_ x: Double) -> Double { left + xAxis.fraction(x) * plotW }
        func py(_ y: Double) -> Double { top + plotH - yAxis.fraction(y) * plotH }

        if let title { svg.text(title, x: width / 2, y: 24, size: 16, anchor: "middle") }
        svg.ticks(x: xAxis.lo, xAxis.finiteHi, y: yAxis.lo, yAxis.finiteHi, left: left, top: top, width: plotW, height: plotH,
                  px: px, py: py,
                  skipX: { t in xAxis.infinity.map { abs(px(t) - px($0)) < 28 } ?? false },
                  skipY: { t in yAxis.infinity.map { abs(py(t) - py($0)) < 12 } ?? false })
        if let inf = xAxis.infinity {
            svg.line(x1: px(inf), y1: top, x2: px(inf), y2: top + plotH, stroke: "#999", dash: "6 4")
            svg.text("inf", x: px(inf), y: top + plotH + 18, size: 11, anchor: "middle", fill: "#444")
        }
        if let inf = yAxis.infinity {
            svg.line(x1: left, y1: py(inf), x2: left + plotW, y2: py(inf), stroke: "#999", dash: "6 4")
            svg.text("inf", x: left - 8, y: py(inf) + 4, size: 11, anchor: "end", fill: "#444")
        }
        svg.rect(x: left, y: top, width: plotW, height: plotH, fill: "none", stroke: "#888")
        svg.text(xLabel, x: left + plotW / 2, y: height - 12, size: 13, anchor: "middle")
        svg.text(yLabel, x: 16, y: top + plotH / 2, size: 13, anchor: "middle", rotate: -90)

        // The atoms, largest |weight| first. Magnitudes, not abs(): Int.min has no absolute value.
        let largest = atoms.map { Double($0.weight.magnitude) }.max() ?? 1
        let shownDegrees = Self.shownDegrees(atoms)
        func shape(_ atom: Atom) -> Int { shownDegrees.count > 1 ? atom.degree.flatMap { shownDegrees.firstIndex(of: $0) } ?? 0 : 0 }
        for atom in atoms.sorted(by: { $0.weight.magnitude > $1.weight.magnitude }) {
            let color = atom.weight > 0 ? Self.positiveColor : Self.negativeColor
            let size = Double(atom.weight.magnitude) / largest
            if let hi = atom.hi {
                let x1 = px(atom.lo.x), x2 = px(hi.x), y1 = py(hi.y), y2 = py(atom.lo.y)
                let opacity = 0.06 + 0.22 * size
                if hi.x.isFinite && hi.y.isFinite {
                    svg.rect(x: x1, y: y1, width: x2 - x1, height: y2 - y1, fill: color, fillOpacity: opacity,
                             stroke: color, strokeOpacity: 0.9)
                } else {
                    svg.rect(x: x1, y: y1, width: x2 - x1, height: y2 - y1, fill: color, fillOpacity: opacity,
                             stroke: nil, strokeOpacity: 0)
                    let open = "4 3"
                    svg.line(x1: x1, y1: y1, x2: x1, y2: y2, stroke: color, opacity: 0.9, dash: nil)                   // birth 1
                    svg.line(x1: x1, y1: y2, x2: x2, y2: y2, stroke: color, opacity: 0.9, dash: nil)                   // birth 2
                    svg.line(x1: x2, y1: y1, x2: x2, y2: y2, stroke: color, opacity: 0.9, dash: hi.x.isFinite ? nil : open)  // death 1
                    svg.line(x1: x1, y1: y1, x2: x2, y2: y1, stroke: color, opacity: 0.9, dash: hi.y.isFinite ? nil : open)  // death 2
                }
                if shownDegrees.count > 1 {
                    Self.marker(&svg, shape: shape(atom), cx: x1, cy: y2, r: 3, fill: color, opacity: 0.9)
                }
            } else {
                // Marker area proportional to |weight|: weight 1 has radius 4 unless the
                // largest weight would then exceed radius 11; never below radius 2.
                let unit = Swift.min(4, 11 / largest.squareRoot())
                let r = Swift.max(2, unit * Double(atom.weight.magnitude).squareRoot())
                Self.marker(&svg, shape: shape(atom), cx: px(atom.lo.x), cy: py(atom.lo.y), r: r, fill: color, opacity: 0.8)
            }
        }
        if atoms.isEmpty {
            svg.text("no atoms", x: left + plotW / 2, y: top + plotH / 2 + 5, size: 14, anchor: "middle", fill: "#888")
        }

        return svg.render()
    }

    /// The degrees that get their own marker shape: all of them, if there are two or more.
    static func shownDegrees(_ atoms: [Atom]) -> [Int] {
        let degrees = Array(Set(atoms.compactMap(\.degree))).sorted()
        return degrees.count > 1 ? degrees : []
    }

    /// Draws the legend with its top line at `y`: the sign colours with the
    /// number of atoms of each sign, the degrees' shapes, then a caption in
    /// grey, both wrapped before `maxX`; returns the baseline of its last line.
    func legend(_ svg: inout SVGDocument, atoms: [Atom], skipped: Int, x left: Double, y: Double, maxX: Double) -> Double {
        let positive = atoms.filter { $0.weight > 0 }.count, negative = atoms.count - positive
        var x = left, y = y
        // Item widths are estimated (7 units a character at size 12): SVG text has no metrics.
        func place(_ width: Double) {
            if x > left, x + width > maxX { x = left; y += 16 }
        }
        for (color, name) in [(Self.positiveColor, "positive (\(positive))"), (Self.negativeColor, "negative (\(negative))")] {
            let w = 15 + 7 * Double(name.count)
            place(w)
            svg.rect(x: x, y: y - 9, width: 10, height: 10, fill: color)
            svg.text(name, x: x + 15, y: y, size: 12)
            x += w + 14
        }
        for (k, d) in Self.shownDegrees(atoms).enumerated() {
            let w = 14 + 7 * Double("H\(d)".count)
            place(w)
            Self.marker(&svg, shape: k, cx: x + 5, cy: y - 4, r: 4.5, fill: "#555", opacity: 1)
            svg.text("H\(d)", x: x + 14, y: y, size: 12)
            x += w + 12
        }
        let largest = atoms.map(\.weight.magnitude).max() ?? 0
        var parts = ["colour = sign of the weight"]
        if !atoms.isEmpty {
            parts[0] += isRectangular ? ", opacity ∝ |weight| (largest \(largest))" : ", marker area ∝ |weight| (largest \(largest))"
        }
        if atoms.contains(where: { $0.hi.map { !$0.x.isFinite || !$0.y.isFinite } ?? false }) {
            parts.append("dashed edge: death at inf")
        }
        if skipped > 0 { parts.append("\(skipped) not drawn (non-finite)") }
        // Wrapped at spaces, 5.8 units a character at size 11.
        var lines: [String] = []
        for word in parts.joined(separator: "; ").split(separator: " ") {
            if let last = lines.last, 5.8 * Double(last.count + 1 + word.count) <= maxX - left {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        for (k, line) in lines.enumerated() {
            svg.text(line, x: left, y: y + 17 + 14 * Double(k), size: 11, fill: "#666")
        }
        return y + 17 + 14 * Double(lines.count - 1)
    }
}


/// Translucent and dashed shapes for the signed-measure plot (the public
/// ``SVGDocument`` methods draw opaque ones).
fileprivate extension SVGDocument {
    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double) {
        let p = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(p)\" fill=\"\(fill)\"" + (opacity < 1 ? " fill-opacity=\"\(Self.f(opacity))\"" : "") + "/>")
    }

    mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String, fillOpacity: Double,
                       stroke: String?, strokeOpacity: Double) {
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" "
                    + "fill=\"\(fill)\" fill-opacity=\"\(Self.f(fillOpacity))\""
                    + (stroke.map { " stroke=\"\($0)\" stroke-opacity=\"\(Self.f(strokeOpacity))\"" } ?? "") + "/>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, opacity: Double, dash: String?) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" "
                    + "stroke=\"\(stroke)\" stroke-opacity=\"\(Self.f(opacity))\""
                    + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }
}
