import PointClouds

/// A batch's results as one matrix for machine learning: one row per input
/// that succeeded, in input order, and an index beside it (`FILE.index.csv`,
/// header `row,input,status[,label]`; `row` is empty for a failed input).
/// A shard's part starts its index with the line
/// `# tda batch shard i/N of M inputs`, which is what `merge` needs to put
/// the parts back in input order: the merged bytes are those of a
/// one-machine run.
///
/// ```swift
/// let entries = [BatchCollection.Entry(input: "a.csv", row: [1, 2], label: "circle"),
///                BatchCollection.Entry(input: "b.csv", row: nil, label: "torus")]
/// let part = try BatchCollection(entries: entries, shard: nil).encoded(format: .npy)
/// // part.matrix: a 1 x 2 float64 .npy; part.index: "row,input,status,label\n0,a.csv,ok,circle\n,b.csv,failed,torus\n"
/// ```
public struct BatchCollection: Sendable, Equatable {
    /// One input: its path as given, its row (nil when it failed), its label.
    public struct Entry: Sendable, Equatable {
        public var input: String
        public var row: [Double]?
        public var label: String?
        public init(input: String, row: [Double]?, label: String? = nil) {
            self.input = input; self.row = row; self.label = label
        }
    }

    /// Which shard of how many, over how many inputs in all.
    public struct Shard: Sendable, Equatable {
        public var index: Int, count: Int, inputCount: Int
        public init(index: Int, count: Int, inputCount: Int) {
            self.index = index; self.count = count; self.inputCount = inputCount
        }
    }

    /// The entries, in input order (this shard's inputs only for a part).
    public var entries: [Entry]
    /// The shard this collection is a part of; nil for a whole run.
    public var shard: Shard?
    /// Whether the matrix is stored as float32 (NPY only).
    public var float32: Bool

    public init(entries: [Entry], shard: Shard?, float32: Bool = false) {
        self.entries = entries; self.shard = shard; self.float32 = float32
    }

    /// Whether any entry has a label (then every row of the index has the column).
    public var hasLabels: Bool { entries.contains { $0.label != nil } }

    /// The matrix and index bytes. Formats: `.npy` or `.csv`.
    ///
    /// - Throws: `VectorizationError.invalidParameter` when rows differ in length.
    public func encoded(format: VectorOutput.Format) throws -> (matrix: [UInt8], index: [UInt8]) {
        let rows = entries.compactMap(\.row)
        let matrix = try VectorOutput.encode(rows, format: format, float32: float32)
        var index = ""
        if let shard { index += "# tda batch shard \(shard.index)/\(shard.count) of \(shard.inputCount) inputs\n" }
        let labels = hasLabels
        index += labels ? "row,input,status,label\n" : "row,input,status\n"
        var next = 0
        for e in entries {
            if e.row != nil { index += "\(next)"; next += 1 }
            index += "," + Self.csvField(e.input) + "," + (e.row == nil ? "failed" : "ok")
            if labels { index += "," + Self.csvField(e.label ?? "") }
            index += "\n"
        }
        return (matrix, Array(index.utf8))
    }

    /// A CSV field, quoted when it holds a comma, a quote, a line break or
    /// outer spaces (RFC 4180).
    static func csvField(_ s: String) -> String {
        let special = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            || s.first == " " || s.last == " "
        guard special else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Reads a part or a whole collection back: the matrix (`.npy`, or CSV
    /// of numbers with `inf`/`nan` allowed) and its index.
    ///
    /// - Throws: `VectorizationError.invalidSpecification` naming `name`
    ///   when the two do not fit together.
    public init(matrix: [UInt8], isNPY: Bool, index: [UInt8], name: String) throws {
        let rows: [[Double]]
        if isNPY {
            let array: NPYArray
            do { array = try NPYArray(bytes: matrix, allowNonFinite: true) } catch {
                throw VectorizationError.invalidSpecification("\(name): \(error)")
            }
            guard array.shape.count == 2 else {
                throw VectorizationError.invalidSpecification("\(name): a collected matrix is 2-dimensional, found shape \(array.shape)")
            }
            let w = array.shape[1]
            rows = (0..<array.shape[0]).map { Array(array.values[($0 * w)..<(($0 + 1) * w)]) }
            float32 = Self.isFloat32(matrix)
        } else {
            rows = try Self.csvRows(matrix, name: name)
            float32 = false
        }
        let (shard, records) = try Self.parseIndex(index, name: name + ".index.csv")
        self.shard = shard
        var entries: [Entry] = []
        var used = 0
        for (k, r) in records.enumerated() {
            if let row = r.row {
                guard row == used, used < rows.count else {
                    throw VectorizationError.invalidSpecification("\(name).index.csv line \(k + 2): row \(row), expected \(used) (of \(rows.count) in \(name))")
                }
                entries.append(Entry(input: r.input, row: rows[used], label: r.label))
                used += 1
            } else {
                entries.append(Entry(input: r.input, row: nil, label: r.label))
            }
        }
        guard used == rows.count else {
            throw VectorizationError.invalidSpecification("\(name) has \(rows.count) rows, its index names \(used)")
        }
        self.entries = entries
    }

    /// Whether an .npy header says float32.
    static func isFloat32(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(256), as: UTF8.self)
        return head.contains("'<f4'")
    }

    /// The rows of a numeric CSV without header (`VectorOutput.csv`'s
    /// output; `inf`, `nan` allowed).
    ///
    /// ```swift
    /// try BatchCollection.csvRows(Array("1,2\n3,inf\n".utf8), name: "x.csv")   // [[1, 2], [3, inf]]
    /// ```
    public static func csvRows(_ bytes: [UInt8], name: String) throws -> [[Double]] {
        try bytes.withUnsafeBufferPointer { p in
            var scanner = TextScanner(p)
            var fields: [Range<Int>] = []
            var rows: [[Double]] = []
            while let line = try scanner.nextLine() {
                scanner.fields(of: line, .byte(0x2C), into: &fields, dropTrailingEmpty: false)
                rows.append(try fields.enumerated().map { c, f in
                    guard let v = NumberParser.double(scanner[f]) else {
                        throw VectorizationError.invalidSpecification("\(name) line \(scanner.lineNumber), column \(c + 1): '\(scanner.snippet(f))' is not a number")
                    }
                    return v
                })
            }
            return rows
        }
    }

    /// One record of an index file.
    struct Record { var row: Int?; var input: String; var label: String? }

    /// Parses an index: the optional shard line, the header, the records.
    static func parseIndex(_ bytes: [UInt8], name: String) throws -> (Shard?, [Record]) {
        var text = Substring(String(decoding: bytes, as: UTF8.self))
        var shard: Shard?
        if text.hasPrefix("# tda batch shard ") {
            let line = text.prefix { $0 != "\n" }
            let words = line.split(separator: " ")
            // # tda batch shard i/N of M inputs
            let spec = words.count == 8 ? words[4].split(separator: "/") : []
            guard spec.count == 2, let i = Int(spec[0]), let n = Int(spec[1]), let m = Int(words[6]),
                  n >= 1, i >= 0, i < n, m >= 0 else {
                throw VectorizationError.invalidSpecification("\(name) line 1: '\(line.prefix(60))' is not a shard line")
            }
            shard = Shard(index: i, count: n, inputCount: m)
            text = text.dropFirst(line.count + 1)
        }
        var records: [[String]] = try csvRecords(text, name: name)
        guard let header = records.first, header == ["row", "input", "status"] || header == ["row", "input", "status", "label"] else {
            throw VectorizationError.invalidSpecification("\(name): expected the header row,input,status[,label]")
        }
        records.removeFirst()
        let first = shard == nil ? 2 : 3
        return (shard, try records.enumerated().map { k, r in
            guard r.count == header.count else {
                throw VectorizationError.invalidSpecification("\(name) line \(k + first) has \(r.count) fields, expected \(header.count)")
            }
            let row: Int?
            switch r[2] {
            case "ok":
                guard let n = Int(r[0]), n >= 0 else { throw VectorizationError.invalidSpecification("\(name) line \(k + first): row '\(r[0].prefix(40))' is not a row number") }
                row = n
            case "failed": row = nil
            default: throw VectorizationError.invalidSpecification("\(name) line \(k + first): status '\(r[2].prefix(40))' is neither ok nor failed")
            }
            return Record(row: row, input: r[1], label: header.count == 4 ? r[3] : nil)
        })
    }

    /// RFC 4180 records (quoted fields may hold commas, quotes, line breaks).
    static func csvRecords(_ text: Substring, name: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = [], field = ""
        var quoted = false, atStart = true
        var it = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return it.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let d = next() {
                        if d == "\"" { field.append("\"") } else { quoted = false; pending = d }
                    } else { quoted = false }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"" where atStart && field.isEmpty: quoted = true; atStart = false
            case ",": record.append(field); field = ""; atStart = true
            case "\n", "\r\n":
                record.append(field); records.append(record); record = []; field = ""; atStart = true
            default: field.append(c); atStart = false
            }
        }
        guard !quoted else { throw VectorizationError.invalidSpecification("\(name): a quoted field is not closed") }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// Joins the parts of a sharded batch (one per shard, in any order) into
    /// the collection a one-machine run gives.
    ///
    /// - Throws: `VectorizationError.invalidSpecification` when a part is
    ///   missing, repeated, from another run, or rows differ in length.
    public static func merge(_ parts: [BatchCollection]) throws -> BatchCollection {
        guard let first = parts.first else { throw VectorizationError.invalidSpecification("no parts to merge") }
        if parts.count == 1, first.shard == nil { return first }
        var byIndex: [Int: BatchCollection] = [:]
        for p in parts {
            guard let s = p.shard else {
                throw VectorizationError.invalidSpecification("a part without a shard line: merge the parts of a run with --shard")
            }
            guard let f = first.shard, s.count == f.count, s.inputCount == f.inputCount else {
                throw VectorizationError.invalidSpecification("parts of different runs: shard \(s.index)/\(s.count) of \(s.inputCount) inputs and \(first.shard.map { "\($0.index)/\($0.count) of \($0.inputCount)" } ?? "?")")
            }
            guard byIndex[s.index] == nil else { throw VectorizationError.invalidSpecification("shard \(s.index)/\(s.count) is given twice") }
            let expected = s.inputCount > s.index ? (s.inputCount - s.index + s.count - 1) / s.count : 0
            guard p.entries.count == expected else {
                throw VectorizationError.invalidSpecification("shard \(s.index)/\(s.count) has \(p.entries.count) inputs, expected \(expected) of \(s.inputCount)")
            }
            guard p.float32 == first.float32 || p.entries.allSatisfy({ $0.row == nil }) else {
                throw VectorizationError.invalidSpecification("parts mix float32 and float64 matrices")
            }
            byIndex[s.index] = p
        }
        let n = first.shard?.count ?? 1, m = first.shard?.inputCount ?? 0
        let missing = (0..<n).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            throw VectorizationError.invalidSpecification("missing shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(n)" }.joined(separator: ", "))")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(m)
        for k in 0..<m {
            guard let part = byIndex[k % n], k / n < part.entries.count else {
                throw VectorizationError.invalidSpecification("shard \(k % n)/\(n) is short of input \(k)")
            }
            entries.append(part.entries[k / n])
        }
        let float32 = parts.first { $0.entries.contains { $0.row != nil } }?.float32 ?? first.float32
        return BatchCollection(entries: entries, shard: nil, float32: float32)
    }
}
