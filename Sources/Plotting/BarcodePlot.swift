import Persistence

/// SVG pictures of a barcode: a persistence diagram (birth against death)
/// or the bars themselves. Dimensions are coloured (H0 blue, H1 orange, H2
/// green, ...), with a legend; essential bars sit on a dashed line at the
/// top (diagram) or run to the right edge with an arrow (barcode).
///
/// ```swift
/// let barcode = try VietorisRips(points: cloud).barcode(maxDimension: 1)
/// let svg = BarcodePlot(barcode, title: "circle").diagram()
/// try svg.write(toFile: "diagram.svg", atomically: true, encoding: .utf8)
/// ```
public struct BarcodePlot: Sendable {
    /// The two pictures of a barcode.
    ///
    /// ```swift
    /// let kind = BarcodePlot.Kind(rawValue: "barcode")  // .barcode
    /// ```
    public enum Kind: String, Sendable, CaseIterable {
        /// Birth against death, one point per bar.
        case diagram
        /// One horizontal bar per interval.
        case barcode
    }

    /// Colours by dimension, H0 first (matplotlib's "tab10" order); dimension
    /// `d` gets `palette[d % palette.count]`.
    ///
    /// ```swift
    /// BarcodePlot.palette[1]  // "#ff7f0e", the colour of H1
    /// ```
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    /// The barcode drawn.
    public let barcode: Barcode
    /// A title above the picture, if any.
    public let title: String?
    /// The picture's width in SVG user units (pixels).
    public let width: Double
    /// The picture's height; a barcode with many bars grows taller than this
    /// (up to 4 times) so that each bar keeps 2 units where it can.
    public let height: Double

    /// A plot of `barcode`, `width` x `height` units, with an optional title.
    ///
    /// ```swift
    /// let plot = BarcodePlot(Barcode(bars: [[Bar(birth: 0, death: 1)]]), title: "H0", width: 320, height: 320)
    /// let svg = plot.diagram()
    /// ```
    public init(_ barcode: Barcode, title: String? = nil, width: Double = 480, height: Double = 480) {
        self.barcode = barcode
        self.title = title
        self.width = width
        self.height = height
    }

    /// The SVG text of the chosen kind of picture.
    ///
    /// ```swift
    /// let svg = BarcodePlot(barcode).svg(.barcode)  // the same as .bars()
    /// ```
    public func svg(_ kind: Kind) -> String {
        kind == .diagram ? diagram() : bars()
    }

    /// Finite values' range, from 0 (or the smallest birth) to the largest
    /// finite value, padded so the points do not touch the frame. Values so
    /// far apart that their difference overflows are clamped to
    /// ±Double.greatestFiniteMagnitude / 4 (nothing user data can hold is lost
    /// on such a picture but the exact position of the extremes).
    var range: (lo: Double, hi: Double) {
        var lo = 0.0, hi = 0.0
        for list in barcode.bars {
            for bar in list {
                lo = Swift.min(lo, bar.birth)
                hi = Swift.max(hi, bar.birth)
                if bar.death.isFinite { hi = Swift.max(hi, bar.death) }
            }
        }
        let limit = Double.greatestFiniteMagnitude / 4
        lo = Swift.max(lo, -limit)
        hi = Swift.min(hi, limit)
        if hi <= lo { hi = lo + Swift.max(1, abs(lo)) }
        return (lo, hi + 0.02 * (hi - lo))
    }

    /// About five round tick values covering [lo, hi].
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = hi - lo
        var step = 1.0
        while step * 10 < span { step *= 10 }
        while step > span { step /= 10 }
        let candidates = [step / 5, step / 2, step, step * 2]
        let chosen = candidates.first { span / $0 <= 6 } ?? step * 2
        var out: [Double] = []
        var t = (lo / chosen).rounded(.up) * chosen
        while t <= hi + 1e-12 * span {
            out.append(abs(t) < 1e-12 * span ? 0 : t)
            t += chosen
        }
        return out
    }

    static func label(_ x: Double) -> String {
        // Large values in three significant digits (x * 1e6 would overflow to inf near 1.7e308).
        if abs(x) >= 1e15 { return String(format: "%.3g", x) }
        let r = (x * 1e6).rounded() / 1e6
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    func legend(_ svg: inout SVGDocument, x: Double, y: Double) {
        var yy = y
        for d in barcode.bars.indices where !barcode[d].isEmpty {
            let color = Self.palette[d % Self.palette.count]
            svg.circle(cx: x, cy: yy - 4, r: 5, fill: color)
            svg.text("H\(d) (\(barcode[d].count))", x: x + 10, y: yy, size: 12)
            yy += 18
        }
    }

    /// The persistence diagram: one point (birth, death) per bar, the
    /// diagonal, and essential classes on a dashed line labelled inf at the
    /// top; both axes share one scale, with round ticks, and a legend gives
    /// each dimension's colour and number of bars.
    ///
    /// ```swift
    /// let barcode = Barcode(bars: [[Bar(birth: 0, death: .infinity)], [Bar(birth: 0.4, death: 1.6)]])
    /// let svg = BarcodePlot(barcode, title: "circle").diagram()
    /// // one blue point on the inf line, one orange point at (0.4, 1.6)
    /// ```
    /// - Complexity: O(n) in the number of bars.
    public func diagram() -> String {
        var svg = SVGDocument(width: width, height: height)
        let left = 60.0, right = 20.0, top = title == nil ? 30.0 : 45.0, bottom = 50.0
        let plotW = width - left - right, plotH = height - top - bottom
        let (lo, hi) = range
        let infY = top + 12  // essential classes
        let innerTop = top + 28
        func px(_ x: Double) -> Double { left + (x - lo) / (hi - lo) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (y - lo) / (hi - lo) * (top + plotH - innerTop) }
        if let title { svg.text(title, x: width / 2, y: 24, size: 16, anchor: "middle") }
        svg.rect(x: left, y: top, width: plotW, height: plotH, fill: "none", stroke: "#888")
        for t in Self.ticks(lo, hi) {
            svg.line(x1: px(t), y1: top + plotH, x2: px(t), y2: top + plotH + 5, stroke: "#888")
            svg.text(Self.label(t), x: px(t), y: top + plotH + 18, size: 11, anchor: "middle", fill: "#444")
            svg.line(x1: left - 5, y1: py(t), x2: left, y2: py(t), stroke: "#888")
            svg.text(Self.label(t), x: left - 8, y: py(t) + 4, size: 11, anchor: "end", fill: "#444")
        }
        svg.line(x1: px(lo), y1: py(lo), x2: px(hi), y2: py(hi), stroke: "#999", dash: "4 3")
        svg.line(x1: left, y1: infY, x2: left + plotW, y2: infY, stroke: "#999", dash: "6 4")
        svg.text("inf", x: left - 8, y: infY + 4, size: 11, anchor: "end", fill: "#444")
        svg.text("birth", x: left + plotW / 2, y: height - 12, size: 13, anchor: "middle")
        svg.text("death", x: 16, y: top + plotH / 2, size: 13, anchor: "middle", rotate: -90)
        for (d, list) in barcode.bars.enumerated() {
            let color = Self.palette[d % Self.palette.count]
            for bar in list {
                let y = bar.isEssential ? infY : py(bar.death)
                svg.circle(cx: px(bar.birth), cy: y, r: 3.5, fill: color, opacity: 0.75)
            }
        }
        legend(&svg, x: left + plotW - 90, y: top + plotH - 12 - 18 * Double(barcode.bars.filter { !$0.isEmpty }.count - 1))
        return svg.render()
    }

    /// The barcode: one horizontal bar per interval, grouped by dimension
    /// and sorted by birth; essential bars run to the right edge with an arrow.
    ///
    /// ```swift
    /// let barcode = Barcode(bars: [[Bar(birth: 0, death: .infinity)], [Bar(birth: 0.4, death: 1.6)]])
    /// let svg = BarcodePlot(barcode).bars()  // two rectangles, one arrow head
    /// ```
    /// - Complexity: O(n log n) in the number of bars (each dimension is sorted).
    public func bars() -> String {
        let rows = barcode.bars.reduce(0) { $0 + $1.count }
        let dims = barcode.bars.filter { !$0.isEmpty }.count
        // Rows of 2 to 10 units; a barcode too long for that at 4 times the
        // requested height gets thinner rows (drawn at least 1 unit thick).
        let slots = Double(Swift.max(1, rows + 2 * dims))
        let rowH = Swift.max(Swift.min(2.0, (4 * height - 100) / slots), Swift.min(10.0, (height - 100) / slots))
        let h = Swift.max(height, 100 + rowH * Double(rows + 2 * dims))
        var svg = SVGDocument(width: width, height: h)
        let left = 50.0, right = 30.0, top = title == nil ? 30.0 : 45.0, bottom = 50.0
        let plotW = width - left - right
        let (lo, hi) = range
        func px(_ x: Double) -> Double { left + (x - lo) / (hi - lo) * (plotW - 16) }
        if let title { svg.text(title, x: width / 2, y: 24, size: 16, anchor: "middle") }
        let axisY = h - bottom
        svg.line(x1: left, y1: axisY, x2: left + plotW, y2: axisY, stroke: "#888")
        for t in Self.ticks(lo, hi) {
            svg.line(x1: px(t), y1: axisY, x2: px(t), y2: axisY + 5, stroke: "#888")
            svg.text(Self.label(t), x: px(t), y: axisY + 18, size: 11, anchor: "middle", fill: "#444")
            svg.line(x1: px(t), y1: top, x2: px(t), y2: axisY, stroke: "#eee")
        }
        svg.text("filtration value", x: left + plotW / 2, y: h - 12, size: 13, anchor: "middle")
        var y = top + rowH
        for (d, list) in barcode.bars.enumerated() where !list.isEmpty {
            let color = Self.palette[d % Self.palette.count]
            svg.text("H\(d)", x: left - 10, y: y + rowH * Double(list.count) / 2 + 4, size: 12, anchor: "end", fill: color)
            for bar in list.sorted() {
                let x1 = px(bar.birth)
                let x2 = bar.isEssential ? left + plotW - 8 : Swift.max(px(bar.death), x1 + 1)
                svg.rect(x: x1, y: y, width: x2 - x1, height: Swift.max(1, rowH * 0.7), fill: color)
                if bar.isEssential {
                    let cy = y + rowH * 0.35
                    svg.polygon([(x2, cy - 4), (x2 + 8, cy), (x2, cy + 4)], fill: color)
                }
                y += rowH
            }
            y += rowH * 2
        }
        return svg.render()
    }
}
