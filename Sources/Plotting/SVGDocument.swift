/// A minimal SVG writer: elements appended as text, numbers rounded to 0.01
/// so files stay small and diffable.
///
/// ```swift
/// var svg = SVGDocument(width: 100, height: 50)
/// svg.line(x1: 0, y1: 0, x2: 100, y2: 50, stroke: "#333")
/// let text = svg.render()   // "<svg xmlns=...>...</svg>"
/// ```
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    var body: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func f(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
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

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.f(x1))\" y1=\"\(Self.f(y1))\" x2=\"\(Self.f(x2))\" y2=\"\(Self.f(y2))\" "
                    + "stroke=\"\(stroke)\" stroke-width=\"\(Self.f(width))\""
                    + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, opacity: Double = 1) {
        body.append("<circle cx=\"\(Self.f(cx))\" cy=\"\(Self.f(cy))\" r=\"\(Self.f(r))\" fill=\"\(fill)\""
                    + (opacity < 1 ? " fill-opacity=\"\(Self.f(opacity))\"" : "") + "/>")
    }

    public mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String,
                              stroke: String? = nil) {
        body.append("<rect x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" width=\"\(Self.f(w))\" height=\"\(Self.f(h))\" "
                    + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    public mutating func polygon(_ points: [(Double, Double)], fill: String) {
        let p = points.map { "\(Self.f($0.0)),\(Self.f($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(p)\" fill=\"\(fill)\"/>")
    }

    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                              fill: String = "#222", rotate: Double? = nil) {
        let transform = rotate.map { " transform=\"rotate(\(Self.f($0)) \(Self.f(x)) \(Self.f(y)))\"" } ?? ""
        body.append("<text x=\"\(Self.f(x))\" y=\"\(Self.f(y))\" font-size=\"\(Self.f(size))\" "
                    + "font-family=\"Helvetica, Arial, sans-serif\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(transform)>"
                    + Self.escape(s) + "</text>")
    }

    /// The document as SVG text.
    public func render() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.f(width))\" height=\"\(Self.f(height))\" "
            + "viewBox=\"0 0 \(Self.f(width)) \(Self.f(height))\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + body.joined(separator: "\n") + "\n</svg>\n"
    }
}
