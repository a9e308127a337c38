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
        try self.init(csvBytes: Array(text.utf8), allowsBelowDiagonal: allowsBelowDiagonal)
    }

    /// Parses the CSV form from the bytes of a file (see `init(csv:)`).
    ///
    /// ```swift
    /// let barcode = try Barcode(csvBytes: FileInput.bytes(atPath: "h1.csv"))
    /// ```
    /// - Throws: `PersistenceError.malformedBarcode` naming the line (and, for
    ///   a byte that is not text, the column).
    /// - Complexity: one pass over the bytes (`TextScanner`, `NumberParser`).
    public init(csvBytes bytes: [UInt8], allowsBelowDiagonal: Bool = true) throws {
        var bars: [[Bar]] = []
        try bytes.withUnsafeBufferPointer { p in
            var scanner = TextScanner(p)
            var cells: [Range<Int>] = []
            while true {
                let next: Range<Int>?
                do { next = try scanner.nextRecord(0x2C, into: &cells, dropTrailingEmpty: false) } catch let e as NonTextByte {
                    throw PersistenceError.malformedBarcode(line: e.line, reason: "column \(e.column): \(e.reason)")
                }
                guard next != nil else { break }
                let lineNumber = scanner.lineNumber
                let first = scanner[cells[0]]
                if lineNumber == 1 || bars.isEmpty, first.count == 3, first[0] == 0x64, first[1] == 0x69, first[2] == 0x6D { continue }  // "dim"
                guard cells.count == 3 else {
                    throw PersistenceError.malformedBarcode(line: lineNumber, reason: "expected 3 values (dim,birth,death), found \(cells.count)")
                }
                guard let d = NumberParser.int(first), d >= 0, d < 1024 else {
                    throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(scanner.snippet(cells[0]))' is not a dimension")
                }
                guard let b = NumberParser.double(scanner[cells[1]]), b.isFinite else {
                    throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(scanner.snippet(cells[1]))' is not a finite birth"
                        + (NumberGrammar.rejection(scanner.snippet(cells[1])).map { " (\($0))" } ?? ""))
                }
                guard let e = NumberParser.double(scanner[cells[2]]), !e.isNaN, e != -.infinity else {
                    throw PersistenceError.malformedBarcode(line: lineNumber, reason: "'\(scanner.snippet(cells[2]))' is not a death"
                        + (NumberGrammar.rejection(scanner.snippet(cells[2])).map { " (\($0))" } ?? ""))
                }
                guard allowsBelowDiagonal || e >= b else {
                    throw PersistenceError.malformedBarcode(line: lineNumber, reason: "death \(e) is before birth \(b) (a point below the diagonal, refused here)")
                }
                while bars.count <= d { bars.append([]) }
                bars[d].append(Bar(birth: b, death: e))
            }
        }
        self.init(bars: bars)
    }
}
