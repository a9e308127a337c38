import Foundation

extension Barcode {
    /// The barcode as JSON: `{"dimensions": [{"dim": 0, "bars": [[birth, death], ...]}, ...]}`,
    /// with `"inf"` for an essential death (JSON has no infinity).
    ///
    /// ```swift
    /// let json = try Barcode(bars: [[Bar(birth: 0, death: .infinity)]]).jsonString()
    /// // {"dimensions":[{"bars":[[0,"inf"]],"dim":0}]}
    /// ```
    public func jsonString() throws -> String {
        var out = "{\"dimensions\":["
        for (d, list) in bars.enumerated() {
            if d > 0 { out += "," }
            out += "{\"dim\":\(d),\"bars\":["
            for (i, bar) in list.sorted().enumerated() {
                if i > 0 { out += "," }
                out += "[\(bar.birth.description),\(bar.isEssential ? "\"inf\"" : bar.death.description)]"
            }
            out += "]}"
        }
        out += "]}\n"
        return out
    }
}
