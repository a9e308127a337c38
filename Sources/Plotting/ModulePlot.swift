import Foundation
import Multipersistence

/// An SVG picture of a two-parameter module approximation (MMA) in one
/// homology degree: each interval summand's support — the union of the
/// rectangles [b, d] over its birth corners b and death corners d, clipped
/// to the module's box — as a semi-transparent region of its own colour,
/// parameter 1 across and parameter 2 up, as multipers' `PyModule.plot`
/// draws it (Loiseaux, Carrière, Blumberg, "Fast, stable and efficient
/// approximation of multi-parameter persistence modules with MMA").
///
/// A support's vertical section at any x is one interval (the births below
/// it give its lower end, the deaths above it the upper end), so the region
/// is drawn exactly as one polygon per connected piece of the strips
/// between consecutive corner abscissae: no rectangle per corner pair, and
/// a few hundred bytes per summand however many corners it has. Larger
/// supports are drawn first, so that small summands stay visible on top.
///
/// ```swift
/// let module = try ModuleApproximation(complex, options: .init(lineCount: 200))
/// let svg = ModulePlot(module, degree: 1, title: "H1").svg()
/// try svg.write(toFile: "module.svg", atomically: true, encoding: .utf8)
/// ```
public struct ModulePlot: Sendable {
    /// The colours the summands cycle through (``BarcodePlot/palette``).
    ///
    /// ```swift
    /// ModulePlot.palette[0]  // "#1f77b4"
    /// ```
    public static let palette = BarcodePlot.palette

    /// The fill opacity of a summand's region.
    public static let fillOpacity = 0.35

    /// The module drawn.
    public let module: ModuleApproximation
    /// The homology degree drawn.
    public let degree: Int
    /// The window: the module's box unless another is given.
    public let lower: [Double]
    public let upper: [Double]
    /// A title above the picture, if any.
    public let title: String?
    /// The axis labels.
    public let xLabel: String
    public let yLabel: String
    /// The picture's size in SVG user units (pixels).
    public let width: Double
    public let height: Double

    /// A plot of `module`'s summands of `degree` in its box (or in
    /// [`lower`, `upper`] when both are given, two finite numbers each with
    /// lower < upper; otherwise the module's box).
    ///
    /// ```swift
    /// let plot = ModulePlot(module, degree: 0, lower: [0, 0], upper: [1, 2])
    /// ```
    public init(_ module: ModuleApproximation, degree: Int, lower: [Double]? = nil, upper: [Double]? = nil,
                title: String? = nil, xLabel: String = "parameter 1", yLabel: String = "parameter 2",
                width: Double = 480, height: Double = 480) {
        self.module = module
        self.degree = degree
        var lo = module.lower, hi = module.upper
        if let lower, let upper, lower.count == 2, upper.count == 2,
           lower.allSatisfy(\.isFinite), upper.allSatisfy(\.isFinite), lower[0] < upper[0], lower[1] < upper[1] {
            lo = lower; hi = upper
        }
        // A degenerate side is widened so that the picture has an area.
        for p in 0..<Swift.min(2, lo.count) where !(hi[p] > lo[p]) {
            let c = lo[p], half = Swift.max(0.5, abs(c) / 20)
            lo[p] = c - half; hi[p] = c + half
        }
        self.lower = lo
        self.upper = hi
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// One connected piece of a support: a polygon in data coordinates.
    typealias Polygon = [(x: Double, y: Double)]

    /// The support of `summand` clipped to [lo, hi], as polygons, and its area.
    ///
    /// Strips between consecutive distinct corner abscissae: in the strip
    /// [x0, x1] the section is [min of b_y over births with b_x <= x0, max of
    /// d_y over deaths with d_x >= x1], clipped. Consecutive strips whose
    /// sections overlap form one polygon (top chain left to right, bottom
    /// chain back).
    static func regions(_ summand: Summand, lo: [Double], hi: [Double]) -> (polygons: [Polygon], area: Double) {
        func clip(_ v: Double, _ p: Int) -> Double { Swift.min(Swift.max(v, lo[p]), hi[p]) }
        let births = summand.births.filter { $0.count == 2 }.map { (x: clip($0[0], 0), y: clip($0[1], 1)) }
        let deaths = summand.deaths.filter { $0.count == 2 }.map { (x: clip($0[0], 0), y: clip($0[1], 1)) }
        var xs = Array(Set(births.map(\.x) + deaths.map(\.x) + [lo[0], hi[0]])).sorted()
        xs.removeAll { !$0.isFinite }
        var polygons: [Polygon] = []
        var area = 0.0
        var top: Polygon = [], bottom: Polygon = []
        var previous: (Double, Double)?
        func flush() {
            if !top.isEmpty { polygons.append(top + bottom.reversed()) }
            top = []; bottom = []
            previous = nil
        }
        for k in 0..<Swift.max(0, xs.count - 1) {
            let x0 = xs[k], x1 = xs[k + 1]
            var low = Double.infinity, high = -Double.infinity
            for b in births where b.x <= x0 { low = Swift.min(low, b.y) }
            for d in deaths where d.x >= x1 { high = Swift.max(high, d.y) }
            guard low < high else { flush(); continue }
            if let (pl, ph) = previous, !(low < ph && pl < high) { flush() }
            top.append((x0, high)); top.append((x1, high))
            bottom.append((x0, low)); bottom.append((x1, low))
            area += (x1 - x0) * (high - low)
            previous = (low, high)
        }
        flush()
        return (polygons, area)
    }

    /// The picture: a frame over the box with round ticks, one region per
    /// summand of the degree (colours cycling through ``palette``, largest
    /// support first), and a legend line with the number of summands drawn.
    /// Summands whose support has no area in the box are not drawn (the
    /// legend says how many).
    ///
    /// ```swift
    /// let svg = ModulePlot(module, degree: 1).svg()
    /// ```
    /// - Complexity: O(c^2) per summand of c corners (c strips, each
    ///   scanning the corners), then a sort of the summands by area.
    public func svg() -> String {
        var svg = SVGDocument(width: width, height: height)
        let left = 64.0, right = 24.0, bottom = 50.0
        let top = title == nil ? 44.0 : 64.0
        let plotW = Swift.max(10, width - left - right), plotH = Swift.max(10, height - top - bottom)
        guard lower.count >= 2, upper.count >= 2 else { return svg.render() }
        func px(_ x: Double) -> Double { left + (x - lower[0]) / (upper[0] - lower[0]) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - lower[1]) / (upper[1] - lower[1]) * plotH }

        if let title { svg.text(title, x: width / 2, y: 24, size: 16, anchor: "middle") }
        svg.ticks(x: lower[0], upper[0], y: lower[1], upper[1], left: left, top: top, width: plotW, height: plotH,
                  px: px, py: py)

        let summands = module.parameterCount == 2 ? module.summands(degree: degree) : []
        var drawn: [(index: Int, polygons: [Polygon], area: Double)] = []
        for (k, s) in summands.enumerated() {
            let r = Self.regions(s, lo: lower, hi: upper)
            if !r.polygons.isEmpty { drawn.append((k, r.polygons, r.area)) }
        }
        // Largest first; ties in summand order.
        drawn.sort { ($0.area, -$0.index) > ($1.area, -$1.index) }
        for d in drawn {
            let color = Self.palette[d.index % Self.palette.count]
            let path = d.polygons.map { poly in
                "M" + poly.map { "\(SVGDocument.f(px($0.x))),\(SVGDocument.f(py($0.y)))" }.joined(separator: " L") + " Z"
            }.joined(separator: " ")
            svg.path(path, fill: color, fillOpacity: Self.fillOpacity, stroke: color)
        }
        svg.rect(x: left, y: top, width: plotW, height: plotH, fill: "none", stroke: "#888")
        svg.text(xLabel, x: left + plotW / 2, y: height - 12, size: 13, anchor: "middle")
        svg.text(yLabel, x: 16, y: top + plotH / 2, size: 13, anchor: "middle", rotate: -90)

        var legend = "H\(degree): \(drawn.count) summand\(drawn.count == 1 ? "" : "s"), one colour each"
        if summands.count > drawn.count { legend += "; \(summands.count - drawn.count) empty in the box" }
        svg.text(legend, x: left, y: top - 12, size: 12, fill: "#444")
        if module.parameterCount != 2 {
            svg.text("only two-parameter modules can be drawn", x: left + plotW / 2, y: top + plotH / 2 + 5, size: 14, anchor: "middle", fill: "#888")
        } else if drawn.isEmpty {
            svg.text("no summands in degree \(degree)", x: left + plotW / 2, y: top + plotH / 2 + 5, size: 14, anchor: "middle", fill: "#888")
        }
        return svg.render()
    }
}

/// A filled, outlined path for the module plot (the public ``SVGDocument``
/// methods draw opaque shapes).
fileprivate extension SVGDocument {
    mutating func path(_ d: String, fill: String, fillOpacity: Double, stroke: String) {
        body.append("<path d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(Self.f(fillOpacity))\" stroke=\"\(stroke)\" stroke-opacity=\"0.8\" stroke-width=\"1\"/>")
    }
}
