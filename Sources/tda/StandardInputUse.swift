import ArgumentParser

/// Standard input can be read once: a command that takes several inputs
/// (positional files, `--fit-on`, `--function`, ...) refuses it named twice
/// instead of reading it empty the second time.
enum StandardInputUse {
    /// Paths that name this process's standard input.
    static func isStandardInput(_ path: String) -> Bool {
        ["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"].contains(path)
    }

    /// Throws a usage error when two of these uses name standard input.
    /// Each use is what the user typed it as ("input 2", "--fit-on").
    ///
    /// ```swift
    /// try StandardInputUse.once([("input 1", "-"), ("input 2", "-")])  // throws
    /// ```
    static func once(_ uses: [(what: String, path: String?)]) throws {
        let named = uses.filter { $0.path.map(isStandardInput) ?? false }
        guard named.count > 1 else { return }
        throw ValidationError("standard input ('\(named[0].path ?? "-")') is given twice (\(named[0].what) and \(named[1].what)); it can be read only once: save one of them to a file")
    }

    /// The uses of a list of positional inputs, numbered from 1.
    static func inputs(_ paths: [String], _ label: String = "input") -> [(what: String, path: String?)] {
        paths.enumerated().map { ("\(label) \($0.offset + 1)", $0.element) }
    }
}
