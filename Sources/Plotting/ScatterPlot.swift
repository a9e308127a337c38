import Foundation

/// A scatter plot of planar points, one colour per named series, as SVG:
/// for 2D point clouds (a data set, or a cloud before and after an
/// optimisation).
///
/// Both axes share one scale (a circle stays a circle) unless
/// `equalAspect` is false, in which case the picture is cut down to the
/// frame along its longer side (a wide cloud gives a wide, lower picture);
/// the window is the points' bounding box with a small margin, or the one
/// given.
///
/// ```swift
/// let plot = ScatterPlot(series: [("cloud", [(0, 0), (1, 0.5), (0.2, 1)])], title: "three points")
/// let svg = plot.svg()
/// ```
public struct ScatterPlot: Sendable {
    /// The series drawn, in order (later ones on top), each with a legend entry when there are several.
    public var series: [(name: String, points: [(x: Double, y: Double)])]
    /// A title above the picture, if any.
    public var title: String?
    /// The axis labels.
    public var xLabel: String
    public var yLabel: String
    /// The window [lower, upper] (two numbers each), or nil for the points' bounding box with a 5% margin.
    public var lower: [Double]?
    public var upper: [Double]?
    /// Whether one unit is as long across as up (the window is widened along one axis to fit).
    public var equalAspect: Bool
    /// The markers' radius in pixels.
    public var radius: Double
    /// Line segments drawn under the points (say, the edges where a
    /// cocycle is non-zero), as (x1, y1, x2, y2).
    public var segments: [(x1: Double, y1: Double, x2: Double, y2: Double)]
    /// The picture's largest size in SVG user units (pixels); with
    /// `equalAspect` one side may come out smaller.
    public var width: Double
    public var height: Double

    /// A plot of `series` (name, points). Points with a non-finite
    /// coordinate, or outside the window, are left out.
    ///
    /// ```swift
    /// let plot = ScatterPlot(series: [("before", a), ("after", b)], lower: [-1.2, -1.2], upper: [1.2, 1.2])
    /// ```
    public init(series: [(String, [(Double, Double)])], title: String? = nil, xLabel: String = "x", yLabel: String = "y",
                lower: [Double]? = nil, upper: [Double]? = nil, equalAspect: Bool = true, radius: Double = 2.5,
                width: Double = 480, height: Double = 480,
                segments: [(Double, Double, Double, Double)] = []) {
        self.segments = segments.map { (x1: $0.0, y1: $0.1, x2: $0.2, y2: $0.3) }
        self.series = series.map { (name: $0.0, points: $0.1.map { (x: $0.0, y: $0.1) }) }
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.lower = lower; self.upper = upper
        self.equalAspect = equalAspect; self.radius = radius
        self.width = width; self.height = height
    }

    /// The window drawn: the given one if it is valid (finite, lower <
    /// upper along both axes), else the finite points' bounding box with a
    /// 5% margin (a degenerate side widened to have an area).
    func window() -> (lo: [Double], hi: [Double]) {
        if let lower, let upper, lower.count == 2, upper.count == 2,
           (lower + upper).allSatisfy(\.isFinite), lower[0] < upper[0], lower[1] < upper[1] {
            return (lower, upper)
        }
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        var lo = [finite.map(\.x).min() ?? 0, finite.map(\.y).min() ?? 0]
        var hi = [finite.map(\.x).max() ?? 1, finite.map(\.y).max() ?? 1]
        for p in 0..<2 {
            if !(hi[p] > lo[p]) { let c = lo[p], half = Swift.max(0.5, abs(c) / 20); lo[p] = c - half; hi[p] = c + half }
            let pad = 0.05 * (hi[p] - lo[p]); lo[p] -= pad; hi[p] += pad
        }
        return (lo, hi)
    }

    /// The picture as SVG text: a frame with round ticks, the segments (red,
    /// under the points), one circle per
    /// drawable point (series colours from ``BarcodePlot/palette``, fill
    /// opacity 0.75), and a legend naming each series with its number of
    /// points when there are several series.
    ///
    /// ```swift
    /// try ScatterPlot(series: [("points", cloud)]).svg().write(toFile: "cloud.svg", atomically: true, encoding: .utf8)
    /// ```
    public func svg() -> String {
        let left = 64.0, right = 24.0, bottom = 50.0
        let top = title == nil ? 24.0 : 44.0
        let legendHeight = series.count > 1 ? 20.0 * Double(series.count) : 0
        var plotW = Swift.max(10, width - left - right), plotH = Swift.max(10, height - top - bottom - legendHeight)
        var (lo, hi) = window()
        if equalAspect {
            // Same units per pixel on both axes: shrink the longer side of the frame.
            let sx = (hi[0] - lo[0]) / plotW, sy = (hi[1] - lo[1]) / plotH
            if sx > sy { plotH = Swift.max(10, (hi[1] - lo[1]) / sx) } else { plotW = Swift.max(10, (hi[0] - lo[0]) / sy) }
        }
        let y0 = top + legendHeight
        var svg = SVGDocument(width: equalAspect ? Swift.min(width, left + plotW + right) : width,
                              height: equalAspect ? Swift.min(height, y0 + plotH + bottom) : height)
        func px(_ x: Double) -> Double { left + (x - lo[0]) / (hi[0] - lo[0]) * plotW }
        func py(_ y: Double) -> Double { y0 + plotH - (y - lo[1]) / (hi[1] - lo[1]) * plotH }

        if let title { svg.text(title, x: width / 2, y: 24, size: 16, anchor: "middle") }
        svg.ticks(x: lo[0], hi[0], y: lo[1], hi[1], left: left, top: y0, width: plotW, height: plotH, px: px, py: py)
        for s in segments where [s.x1, s.y1, s.x2, s.y2].allSatisfy(\.isFinite) {
            svg.line(x1: px(s.x1), y1: py(s.y1), x2: px(s.x2), y2: py(s.y2), stroke: "#d62728", width: 2)
        }
        for (k, s) in series.enumerated() {
            let color = BarcodePlot.palette[k % BarcodePlot.palette.count]
            for p in s.points where p.x.isFinite && p.y.isFinite && p.x >= lo[0] && p.x <= hi[0] && p.y >= lo[1] && p.y <= hi[1] {
                svg.circle(cx: px(p.x), cy: py(p.y), r: radius, fill: color, opacity: 0.75)
            }
            if series.count > 1 {
                let ly = top + 6 + 20 * Double(k)
                svg.circle(cx: left + 6, cy: ly, r: 4, fill: color)
                svg.text("\(s.name) (\(s.points.count) points)", x: left + 16, y: ly + 4, size: 12)
            }
        }
        svg.rect(x: left, y: y0, width: plotW, height: plotH, fill: "none", stroke: "#888")
        svg.text(xLabel, x: left + plotW / 2, y: y0 + plotH + 36, size: 13, anchor: "middle")
        svg.text(yLabel, x: 16, y: y0 + plotH / 2, size: 13, anchor: "middle", rotate: -90)
        return svg.render()
    }
}
