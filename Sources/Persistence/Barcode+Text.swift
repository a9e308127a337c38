import PointClouds

extension Barcode {
    /// The barcode as CSV: header `dim,birth,death`, one bar a row sorted by
    /// (dim, birth, death), `inf` for an essential class, numbers in shortest
    /// round-trip form.
    ///
    /// ```swift
    /// Barcode(bars: [[Bar(birth: 0, death: .infinity)]]).csv
    /// // "dim,birth,death\n0,0.0,inf\n"
    /// ```
    public var csv: String {
        var out = "dim,birth,death\n"
        for (d, bar) in flattened {
            out += "\(d),\(bar.birth.description),\(bar.death.description)\n"
        }
        return out
    }

    /// A human-readable listing, Ripser style: one block per dimension with
    /// intervals `[birth,death)`; with cocycles, each bar of dimension >= 1
    /// is followed by its cocycle as Ripser's `--cocycles` branch prints it,
    /// `:  {[v0,v1]:value, ...}`.
    ///
    /// ```swift
    /// Barcode(bars: [[Bar(birth: 0, death: .infinity)]]).text
    /// // "persistence intervals in dim 0:\n [0.0, )\n"
    /// ```
    public var text: String {
        var out = ""
        for (d, list) in bars.enumerated() {
            out += "persistence intervals in dim \(d):\n"
            let withCocycles = d >= 1 && cocycles.map { d < $0.count && $0[d].count == list.count } == true
            let order = list.indices.sorted { a, b in list[a] < list[b] || (list[a] == list[b] && a < b) }
            for k in order {
                let bar = list[k]
                out += " [\(bar.birth.description),\(bar.isEssential ? " " : bar.death.description))"
                if withCocycles, let c = cocycles?[d][k] {
                    out += ":  {" + (0..<c.count).map { s in
                        "[" + c.simplex(s).map(String.init).joined(separator: ",") + "]:\(c.coefficients[s])"
                    }.joined(separator: ", ") + "}"
                }
                out += "\n"
            }
        }
        return out
    }

    /// Parses the CSV form (`dim,birth,death`, header optional, `inf` for an
    /// essential class).
    ///
    /// Points below the diagonal (death < birth, as extended or negated
    /// filtrations produce) are kept, as GUDHI keeps them, unless
    /// `allowsBelowDiagonal` is false.
    ///
    /// ```swift
    /// let barcode = try Barcode(csv: "dim,birth,death\n0,0.0,inf\n1,0.5,1.25\n")
    /// barcode[1]  // [Bar(birth: 0.5, death: 1.25)]
    /// try Barcode(csv: "1,1,0\n", allowsBelowDiagonal: false)  // throws
    /// ```
    ///
    /// - Throws: `PersistenceError.malformedBarcode` naming the line.
    public init(csv text: String, allowsBelowDiagonal: Bool = true) throws {
        var bars: [[Bar]] = []
        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingWhitespace }
            if lineNumber == 1 || bars.isEmpty, cells.first.map({ Int($0) == nil }) == true, cells.first == "dim" { continue }
            guard cells.count == 3 else {
                throw PersistenceError.malformedBarcode(line: lineNumber, reason: "expected 3 values (dim,birth,death), found \(cells.count)")
            }
            guard let d = Int(cells[0]), d >= 0, d < 1024 else {
                throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(cells[0])' is not a dimension")
            }
            guard let b = NumberGrammar.parse(cells[1]), b.isFinite else {
                throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(cells[1])' is not a finite birth" + (NumberGrammar.rejection(cells[1]).map { " (\($0))" } ?? ""))
            }
            guard let e = NumberGrammar.parse(cells[2]), !e.isNaN, e != -.infinity else {
                throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(cells[2])' is not a death" + (NumberGrammar.rejection(cells[2]).map { " (\($0))" } ?? ""))
            }
            guard allowsBelowDiagonal || e >= b else {
                throw PersistenceError.malformedBarcode(line: lineNumber, reason: "death \(e) is before birth \(b) (a point below the diagonal, refused here)")
            }
            while bars.count <= d { bars.append([]) }
            bars[d].append(Bar(birth: b, death: e))
        }
        self.init(bars: bars)
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
