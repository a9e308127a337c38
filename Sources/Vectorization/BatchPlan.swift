import Foundation

/// The bookkeeping of a batch run: which inputs a shard takes, where each
/// result goes, which are already done, and how results are written
/// (atomically: a temporary file in the output folder, then a rename).
///
/// `--shard i/N` takes inputs i, i + N, i + 2N, ... (0-based, after sorting
/// nothing: the order given), so N machines with no coordinator cover the
/// inputs exactly once; merging their output folders gives what one run
/// gives.
///
/// ```swift
/// let plan = try BatchPlan(inputs: files, outputDirectory: "out", extension: "csv",
///                          shard: (index: 2, count: 10))
/// for item in plan.items where !item.isDone { ... }
/// ```
public struct BatchPlan: Sendable {
    /// One input and its result path.
    public struct Item: Sendable, Equatable {
        /// The input file.
        public var input: String
        /// Where its result goes.
        public var output: String
        /// The index in the full input list.
        public var index: Int
    }

    /// This shard's inputs, in input order.
    public var items: [Item]

    /// Plans a shard of the inputs.
    ///
    /// - Throws: `VectorizationError.invalidSpecification` for a bad shard or
    ///   two inputs that would write the same result file.
    public init(inputs: [String], outputDirectory: String, extension ext: String,
                shard: (index: Int, count: Int) = (0, 1)) throws {
        guard shard.count >= 1, shard.index >= 0, shard.index < shard.count else {
            throw VectorizationError.invalidSpecification("shard \(shard.index)/\(shard.count): need 0 <= i < N")
        }
        var seen: [String: String] = [:]
        var items: [Item] = []
        for (k, input) in inputs.enumerated() {
            let output = BatchPlan.outputPath(for: input, directory: outputDirectory, extension: ext)
            if let other = seen[output] {
                throw VectorizationError.invalidSpecification("inputs \(other) and \(input) would both write \(output)")
            }
            seen[output] = input
            if k % shard.count == shard.index { items.append(Item(input: input, output: output, index: k)) }
        }
        self.items = items
    }

    /// Parses `i/N`.
    public static func parseShard(_ text: String) throws -> (index: Int, count: Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            throw VectorizationError.invalidSpecification("--shard '\(text)' must be i/N with 0 <= i < N")
        }
        return (i, n)
    }

    /// `DIR/<file name without extension>.<ext>`.
    public static func outputPath(for input: String, directory: String, extension ext: String) -> String {
        let name = (input as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return (directory as NSString).appendingPathComponent("\(stem.isEmpty ? name : stem).\(ext)")
    }

    /// Writes bytes atomically: a hidden temporary file beside the target,
    /// then a rename, so a crash never leaves a partial result.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\((path as NSString).lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max)).tmp"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
            throw VectorizationError.ioFailure("cannot write \(tmp)")
        }
        if rename(tmp, path) != 0 {
            let err = String(cString: strerror(errno))
            unlink(tmp)
            throw VectorizationError.ioFailure("cannot rename \(tmp) to \(path): \(err)")
        }
    }
}
