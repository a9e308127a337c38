import ArgumentParser
import Foundation
import SwiftTDA

/// Reading and writing a collected matrix and its index (`FILE`, `FILE.index.csv`).
enum BatchCollectionFile {
    /// The index written beside a collected matrix.
    static func indexPath(for path: String) -> String { path + ".index.csv" }

    /// Writes both files atomically.
    static func write(_ collection: BatchCollection, to path: String, format: VectorOutput.Format) throws {
        let (matrix, index) = try collection.encoded(format: format)
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        try BatchPlan.writeAtomically(matrix, to: path)
        try BatchPlan.writeAtomically(index, to: indexPath(for: path))
    }

    /// Reads a matrix and the index beside it.
    static func read(_ path: String) throws -> BatchCollection {
        let lower = path.lowercased()
        guard lower.hasSuffix(".npy") || lower.hasSuffix(".csv") else {
            throw CommandError("\(path): a collected part ends in .npy or .csv")
        }
        let matrix = try FileInput.bytes(atPath: path)
        let index = try FileInput.bytes(atPath: indexPath(for: path))
        return try BatchCollection(matrix: matrix, isNPY: lower.hasSuffix(".npy"), index: index, name: path)
    }
}

/// `tda batch merge PARTS... --out FILE`: the shards' collected parts joined
/// into the bytes one machine would have written.
struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the --collect parts of a sharded batch into one matrix and index.",
        discussion: """
            Give every shard's part (FILE.npy or FILE.csv; its FILE.index.csv is read beside it),
            in any order:
              tda batch merge parts/features-*.npy --out features.npy
            The result, and features.npy.index.csv, are byte for byte what one `tda batch
            --collect features.npy` over all the inputs writes. A missing, repeated or foreign
            part is an error.
            """
    )

    @Argument(help: "The parts written by each shard's --collect.")
    var parts: [String] = []

    @Option(help: "The merged matrix, FILE.npy or FILE.csv (FILE.index.csv beside it).")
    var out: String

    func validate() throws {
        if parts.isEmpty { throw ValidationError("give the parts to merge") }
        try StandardInputUse.once(StandardInputUse.inputs(parts, "part"))
        let lower = out.lowercased()
        if !(lower.hasSuffix(".npy") || lower.hasSuffix(".csv")) { throw ValidationError("--out must end in .npy or .csv, got '\(out)'") }
    }

    func run() throws {
        let merged: BatchCollection
        do {
            merged = try BatchCollection.merge(try parts.map { try BatchCollectionFile.read($0) })
        } catch VectorizationError.invalidSpecification(let reason) {
            throw InputError(reason)
        }
        try BatchCollectionFile.write(merged, to: out, format: out.lowercased().hasSuffix(".npy") ? .npy : .csv)
        let ok = merged.entries.filter { $0.row != nil }.count
        FileHandle.standardError.write(Data("tda batch merge: \(parts.count) part\(parts.count == 1 ? "" : "s"), \(merged.entries.count) inputs, \(ok) rows, \(merged.entries.count - ok) failed\n".utf8))
    }
}
