import Foundation

/// Functions on a 3D point cloud (say, spectral basis vectors on a sampled
/// sphere or torus) as SVG: one panel per function, the points seen in an
/// orthographic view (azimuth and elevation in degrees), drawn back to
/// front as discs coloured by value on a diverging scale (blue negative,
/// white 0, red positive, each panel scaled to its largest |value|); a
/// point well behind the frontmost one near it on screen is hidden.
///
/// ```swift
/// let plot = SurfaceFunctionPlot(points: cloud.rows, functions: [("v1", v1), ("v2", v2)], columns: 2)
/// try plot.svg().write(toFile: "basis.svg", atomically: true, encoding: .utf8)
/// ```
public struct SurfaceFunctionPlot: Sendable {
    /// The points (x, y, z).
    public var points: [[Double]]
    /// The functions, one value per point each, with their panel titles.
    public var functions: [(name: String, values: [Double])]
    /// Panels per row.
    public var columns: Int
    /// The view: rotation about z (azimuth) then tilt towards the viewer (elevation), in degrees.
    public var azimuth: Double
    public var elevation: Double
    /// One panel's side in pixels, and the discs' radius.
    public var panelSize: Double
    public var radius: Double
    /// A title above the panels, if any.
    public var title: String?

    public init(points: [[Double]], functions: [(String, [Double])], columns: Int = 4, azimuth: Double = 30,
                elevation: Double = 25, panelSize: Double = 180, radius: Double = 3, title: String? = nil) {
        self.points = points
        self.functions = functions.map { (name: $0.0, values: $0.1) }
        self.columns = max(1, columns)
        self.azimuth = azimuth; self.elevation = elevation
        self.panelSize = panelSize; self.radius = radius; self.title = title
    }

    /// The diverging colour of t in [-1, 1].
    static func colour(_ t: Double) -> String {
        let s = max(-1, min(1, t.isFinite ? t : 0))
        let (r, g, b): (Double, Double, Double) = s >= 0
            ? (1 - 0.3 * s, 1 - 0.85 * s, 1 - 0.85 * s)     // white to red (0.7, 0.15, 0.15)
            : (1 + 0.85 * s, 1 + 0.7 * s, 1 + 0.3 * s)      // white to blue (0.15, 0.3, 0.7)
        return String(format: "#%02x%02x%02x", Int((r * 255).rounded()), Int((g * 255).rounded()), Int((b * 255).rounded()))
    }

    /// The picture as SVG text (points with a non-finite coordinate are left out).
    public func svg() -> String {
        let rows = (functions.count + columns - 1) / columns
        let top = title == nil ? 0.0 : 28.0
        var doc = SVGDocument(width: Double(min(columns, max(functions.count, 1))) * panelSize, height: top + Double(max(rows, 1)) * (panelSize + 18))
        if let title { doc.text(title, x: doc.width / 2, y: 19, size: 15, anchor: "middle") }
        let a = azimuth * Double.pi / 180, e = elevation * Double.pi / 180
        // View coordinates: u to the right, w up, depth towards the viewer.
        let view = points.map { p -> (u: Double, w: Double, depth: Double)? in
            guard p.count >= 3, p[0].isFinite, p[1].isFinite, p[2].isFinite else { return nil }
            let x = cos(a) * p[0] + sin(a) * p[1], y = -sin(a) * p[0] + cos(a) * p[1]
            return (u: y, w: cos(e) * p[2] - sin(e) * x, depth: cos(e) * x + sin(e) * p[2])
        }
        let drawn = view.indices.filter { view[$0] != nil }.sorted { view[$0]!.depth < view[$1]!.depth }
        let us = drawn.map { view[$0]!.u }, ws = drawn.map { view[$0]!.w }
        let span = max((us.max() ?? 1) - (us.min() ?? 0), (ws.max() ?? 1) - (ws.min() ?? 0), 1e-12)
        let cu = ((us.max() ?? 0) + (us.min() ?? 0)) / 2, cw = ((ws.max() ?? 0) + (ws.min() ?? 0)) / 2
        let scale = (panelSize - 2 * radius - 12) / span
        // Hidden points: on a grid of cells a few point spacings wide, a point more than 12% of the
        // picture's span behind the frontmost point of its cell is behind the surface, and not drawn.
        let cell = max(2 * radius, 3 * panelSize / Double(max(drawn.count, 1)).squareRoot()) / scale
        var front: [Int: Double] = [:]
        func key(_ p: (u: Double, w: Double, depth: Double)) -> Int {
            Int(((p.u - cu) / cell).rounded(.down)) &* 100_003 &+ Int(((p.w - cw) / cell).rounded(.down))
        }
        for i in drawn { let p = view[i]!; front[key(p)] = max(front[key(p)] ?? -.infinity, p.depth) }
        let visible = drawn.filter { let p = view[$0]!; return p.depth >= (front[key(p)] ?? p.depth) - 0.12 * span }
        for (k, f) in functions.enumerated() {
            let ox = Double(k % columns) * panelSize, oy = top + Double(k / columns) * (panelSize + 18)
            doc.text(f.name, x: ox + panelSize / 2, y: oy + 14, size: 13, anchor: "middle")
            let big = f.values.filter(\.isFinite).map(abs).max() ?? 0
            for i in visible where i < f.values.count {
                let p = view[i]!
                let t = big > 0 ? f.values[i] / big : 0
                doc.circle(cx: ox + panelSize / 2 + (p.u - cu) * scale, cy: oy + 18 + panelSize / 2 - (p.w - cw) * scale,
                           r: radius, fill: Self.colour(t))
            }
        }
        return doc.render()
    }
}
