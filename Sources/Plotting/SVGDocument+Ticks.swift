extension SVGDocument {
    /// Grid lines, tick marks and labels for the ticks of [xLo, xHi] and
    /// [yLo, yHi] (`SignedMeasurePlot.ticks`), in a plot frame whose left
    /// edge is `left`, top `top`, size `width` x `height`; `px` and `py` map
    /// data to page coordinates; `skipX` / `skipY` drop ticks (near an
    /// "inf" line, say).
    mutating func ticks(x xLo: Double, _ xHi: Double, y yLo: Double, _ yHi: Double,
                        left: Double, top: Double, width plotW: Double, height plotH: Double,
                        px: (Double) -> Double, py: (Double) -> Double,
                        skipX: (Double) -> Bool = { _ in false }, skipY: (Double) -> Bool = { _ in false }) {
        let xTicks = SignedMeasurePlot.ticks(xLo, xHi), yTicks = SignedMeasurePlot.ticks(yLo, yHi)
        let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1, yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        for t in xTicks where !skipX(t) {
            line(x1: px(t), y1: top, x2: px(t), y2: top + plotH, stroke: "#eee")
            line(x1: px(t), y1: top + plotH, x2: px(t), y2: top + plotH + 5, stroke: "#888")
            text(SignedMeasurePlot.label(t, step: xStep), x: px(t), y: top + plotH + 18, size: 11, anchor: "middle", fill: "#444")
        }
        for t in yTicks where !skipY(t) {
            line(x1: left, y1: py(t), x2: left + plotW, y2: py(t), stroke: "#eee")
            line(x1: left - 5, y1: py(t), x2: left, y2: py(t), stroke: "#888")
            text(SignedMeasurePlot.label(t, step: yStep), x: left - 8, y: py(t) + 4, size: 11, anchor: "end", fill: "#444")
        }
    }
}
