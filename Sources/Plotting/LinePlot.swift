import Foundation

/// A line chart of a few named series, with optional logarithmic axes, as
/// SVG: for timing tables (time against size), loss curves and similar
/// small plots. The x ticks are the data's x values, or round numbers when
/// a linear axis has more than 12 of them.
///
/// ```swift
/// let chart = LinePlot(series: [("fourier", [(2, 2.0), (4, 6.3), (8, 32)])],
///                      title: "time per product", xLabel: "L", yLabel: "µs", logX: true, logY: true)
/// let svg = chart.svg()
/// ```
public struct LinePlot: Sendable {
    public var series: [(name: String, points: [(x: Double, y: Double)])]
    public var title: String?
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var logY: Bool
    public var width: Double
    public var height: Double

    public init(series: [(String, [(Double, Double)])], title: String? = nil, xLabel: String = "", yLabel: String = "",
                logX: Bool = false, logY: Bool = false, width: Double = 560, height: Double = 400) {
        self.series = series.map { (name: $0.0, points: $0.1.map { (x: $0.0, y: $0.1) }) }
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel
        self.logX = logX; self.logY = logY; self.width = width; self.height = height
    }

    /// The chart as SVG text. Points that cannot be drawn (non-finite, or
    /// not positive on a log axis) are left out.
    public func svg() -> String {
        var doc = SVGDocument(width: width, height: height)
        let left = 70.0, right = width - 160, top = title == nil ? 20.0 : 40.0, bottom = height - 50
        func tx(_ v: Double) -> Double? { logX ? (v > 0 ? log10(v) : nil) : (v.isFinite ? v : nil) }
        func ty(_ v: Double) -> Double? { logY ? (v > 0 ? log10(v) : nil) : (v.isFinite ? v : nil) }
        let drawn = series.map { s in s.points.compactMap { p -> (Double, Double)? in
            guard let x = tx(p.x), let y = ty(p.y), x.isFinite, y.isFinite else { return nil }
            return (x, y)
        } }
        let xs = drawn.flatMap { $0.map(\.0) }, ys = drawn.flatMap { $0.map(\.1) }
        var x0 = xs.min() ?? 0, x1 = xs.max() ?? 1, y0 = ys.min() ?? 0, y1 = ys.max() ?? 1
        if logY { y0 = y0.rounded(.down); y1 = y1.rounded(.up) }
        if x1 <= x0 { x1 = x0 + 1 }
        if y1 <= y0 { y1 = y0 + 1 }
        let padX = logX ? 0.05 * (x1 - x0) : 0
        x0 -= padX; x1 += padX
        func px(_ x: Double) -> Double { left + (x - x0) / (x1 - x0) * (right - left) }
        func py(_ y: Double) -> Double { bottom - (y - y0) / (y1 - y0) * (bottom - top) }
        if let title { doc.text(title, x: (left + right) / 2, y: 24, size: 15, anchor: "middle") }
        doc.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#333")
        doc.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#333")
        // Ticks: the data's x values (round numbers instead when there are more than 12 on a
        // linear axis, such as a loss curve), and decades (log) or five steps (linear) in y.
        var xTicks = Array(Set(series.flatMap { $0.points.map(\.x) })).sorted()
        if !logX, xTicks.count > 12 { xTicks = BarcodePlot.ticks(x0, x1).filter { $0 >= x0 && $0 <= x1 } }
        for v in xTicks { if let t = tx(v) {
            doc.line(x1: px(t), y1: bottom, x2: px(t), y2: bottom + 5, stroke: "#333")
            doc.text(Self.label(v), x: px(t), y: bottom + 18, size: 11, anchor: "middle")
        } }
        let yTicks: [Double] = logY ? Array(stride(from: y0, through: y1, by: 1)) : (0...5).map { y0 + Double($0) * (y1 - y0) / 5 }
        for t in yTicks {
            doc.line(x1: left - 5, y1: py(t), x2: left, y2: py(t), stroke: "#333")
            doc.line(x1: left, y1: py(t), x2: right, y2: py(t), stroke: "#e6e6e6")
            doc.text(Self.label(logY ? pow(10, t) : t), x: left - 8, y: py(t) + 4, size: 11, anchor: "end")
        }
        doc.text(xLabel, x: (left + right) / 2, y: height - 12, size: 13, anchor: "middle")
        doc.text(yLabel, x: 18, y: (top + bottom) / 2, size: 13, anchor: "middle", rotate: -90)
        for (k, points) in drawn.enumerated() {
            let color = BarcodePlot.palette[k % BarcodePlot.palette.count]
            for i in points.indices.dropFirst() {
                doc.line(x1: px(points[i - 1].0), y1: py(points[i - 1].1), x2: px(points[i].0), y2: py(points[i].1), stroke: color, width: 2)
            }
            for p in points { doc.circle(cx: px(p.0), cy: py(p.1), r: 3.5, fill: color) }
            let ly = top + 10 + Double(k) * 20
            doc.line(x1: right + 12, y1: ly, x2: right + 32, y2: ly, stroke: color, width: 2)
            doc.text(series[k].name, x: right + 38, y: ly + 4, size: 12)
        }
        return doc.render()
    }

    /// A short tick label: integers without decimals, else three significant digits.
    static func label(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
        return String(format: "%.3g", v)
    }
}
