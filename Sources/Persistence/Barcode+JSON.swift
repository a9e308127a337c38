import Foundation

extension Barcode {
    /// The barcode as JSON: `{"dimensions": [{"dim": 0, "bars": [[birth, death], ...]}, ...]}`,
    /// with `"inf"` for an essential death (JSON has no infinity). With
    /// cocycles, each dimension d >= 1 also has `"cocycles"`, parallel to
    /// `"bars"` (sorted by (birth, death)): one list per bar of rows
    /// `[v0, ..., vd, value]`, ripser.py's layout.
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
            let order = list.indices.sorted { a, b in list[a] < list[b] || (list[a] == list[b] && a < b) }
            for (i, k) in order.enumerated() {
                let bar = list[k]
                if i > 0 { out += "," }
                out += "[\(bar.birth.description),\(bar.isEssential ? "\"inf\"" : bar.death.description)]"
            }
            out += "]"
            if d >= 1, let cocycles, d < cocycles.count, cocycles[d].count == list.count {
                out += ",\"cocycles\":["
                for (i, k) in order.enumerated() {
                    if i > 0 { out += "," }
                    out += "["
                    let c = cocycles[d][k]
                    for s in 0..<c.count {
                        if s > 0 { out += "," }
                        out += "[" + c.simplex(s).map(String.init).joined(separator: ",") + ",\(c.coefficients[s])]"
                    }
                    out += "]"
                }
                out += "]"
            }
            out += "}"
        }
        out += "]}\n"
        return out
    }
}
