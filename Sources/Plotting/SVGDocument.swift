/// A minimal SVG writer: elements appended as text, numbers rounded to 0.01
/// so files stay small and diffable.
///
/// ```swift
/// var svg = SVGDocument(width: 100, height: 50)
/// svg.line(x1: 0, y1: 0, x2: 100, y2: 50, stroke: "#333")
/// let text = svg.render()   // "<svg xmlns=...>...</svg>"
/// ```
public struct SVGDocument: Sendable {
    /// The picture's width in user units (pixels at 100%).
    public let width: Double
    /// The picture's height in user units.
    public let height: Double
    var body: [String] = []

    /// An empty picture, `width` x `height` user units, on a white background.
    ///
    /// ```swift
    /// let svg = SVGDocument(width: 200, height: 100)
    /// ```
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate with at most two decimals; integers without ".0". Non-finite
    /// values (which the plots never produce) are written as 0 so the file
    /// stays valid SVG.
    static func f(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        guard r.isFinite else { return String(x) }
        return r == r.rounded() && abs(r) < 1e15 ? String(Int(r)) : String(r)
    }

    /// XML-escaped text.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Appends a line segment, optionally dashed (`dash` is an SVG
    /// `stroke-dasharray`, such as "4 3").
    ///
    /// ```swift
    /// svg.line(x1: 0, y1: 100, x2: 100, y2: 0, stroke: "#999", dash: "4 3")
    /// ```
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" "
                    + "stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\""
                    + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    /// Appends a filled circle.
    ///
    /// ```swift
    /// svg.circle(cx: 50, cy: 50, r: 3.5, fill: "#1f77b4", opacity: 0.75)
    /// ```
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, opacity: Double = 1) {
        body.append("<circle cx=\"\(Self.f(cx))\" cy=\"\(Self.f(cy))\" r=\"\(Self.f(r))\" fill=\"\(fill)\""
                    + (opacity < 1 ? " fill-opacity=\"\(Self.f(opacity))\"" : "") + "/>")
    }

    /// Appends a rectangle (x, y is its top-left corner).
    ///
    /// ```swift
    /// svg.rect(x: 10, y: 10, width: 80, height: 4, fill: "#ff7f0e")
    /// ```
    public mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                              stroke: String? = nil) {
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" "
                    + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    /// Appends a filled polygon through `points`.
    ///
    /// ```swift
    /// svg.polygon([(90, 8), (98, 12), (90, 16)], fill: "#1f77b4")  // an arrow head
    /// ```
    public mutating func polygon(_ points: [(Double, Double)], fill: String) {
        let p = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(p)\" fill=\"\(fill)\"/>")
    }

    /// Appends a line of text (escaped for XML); `anchor` is an SVG
    /// `text-anchor` (start, middle, end), `rotate` degrees about (x, y).
    ///
    /// ```swift
    /// svg.text("death", x: 16, y: 240, size: 13, anchor: "middle", rotate: -90)
    /// ```
    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                              fill: String = "#222", rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(Self.f($0)) \(Self.f(x)) \(Self.f(y)))\"" } ?? ""
        body.append("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" font-size=\"\(Self.f(size))\" "
                    + "font-family=\"Helvetica, Arial, sans-serif\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(transform)>"
                    + Self.escape(s) + "</text>")
    }

    /// The document as SVG text.
    ///
    /// ```swift
    /// try svg.render().write(toFile: "picture.svg", atomically: true, encoding: .utf8)
    /// ```
    public func render() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" "
            + "viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
