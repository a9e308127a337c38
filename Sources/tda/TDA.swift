import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PointClouds
import SwiftTDA

/// The `tda` command-line tool. Each subcommand lives in its own file
/// (`BarcodeCommand.swift`, ...) and is listed here.
@main
struct TDA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tda",
        abstract: "Topological data analysis: barcodes, vectorizations, plots.",
        subcommands: [
            BarcodeCommand.self,
            GenerateCommand.self,
            PlotCommand.self,
            VectorizeCommand.self,
            DistanceCommand.self,
            BatchCommand.self,
            SphericalHarmonicsCommand.self,
            GauntCommand.self,
            SignedMeasureCommand.self,
            MMACommand.self,
            SpectralCommand.self,
            LieCommand.self,
        ]
    )

    /// Parses and runs a subcommand. Errors print as one line on stderr:
    /// exit 2 for usage errors, 1 for everything else.
    static func main() {
        OutputFile.guardStandardStreams()
        CrashHandler.install()
        do {
            // `tda batch merge ...`: batch's own positional inputs would take
            // the word "merge", so the subcommand is dispatched here.
            let words = Array(CommandLine.arguments.dropFirst())
            if words.count >= 2, words[0] == "batch", words[1] == "merge" {
                var merge = try BatchMergeCommand.parseAsRoot(Array(words.dropFirst(2)))
                try merge.run()
                return
            }
            if words.count >= 2, words[0] == "spectral", words[1] == "train" {
                var train = try SpectralTrainCommand.parseAsRoot(Array(words.dropFirst(2)))
                try train.run()
                return
            }
            var command: ParsableCommand
            if let (rest, files) = splitLeadingFiles(words) {
                command = try parseAsRoot(rest)
                command = try restoreFiles(files, into: command)
            } else {
                command = try parseAsRoot()
            }
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)  // --help, --version
            }
            let isUsage = code == .validationFailure || error is ValidationError
                || (error as? CommandError) != nil
            let message = isUsage
                ? message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                : CLIError.message(for: error)
            let line = Array("tda: \(message)\n".utf8)
            _ = line.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            Foundation.exit(isUsage ? 2 : 1)
        }
    }
}

/// The number of leading file arguments from which they are taken out of
/// ArgumentParser's hands: it appends each positional value in time
/// linear in the values before it (2,000 files cost 0.1 s, 8,000 files 2 s).
let leadingFileThreshold = 64

/// For `vectorize`, `distance` and `batch` with many files first: the words
/// with only the first two of those files, and the files.
func splitLeadingFiles(_ words: [String]) -> ([String], [String])? {
    guard let sub = words.first, ["vectorize", "distance", "batch"].contains(sub) else { return nil }
    var k = 1
    while k < words.count, !(words[k].hasPrefix("-") && words[k] != "-") { k += 1 }
    guard k - 1 > leadingFileThreshold else { return nil }
    let files = Array(words[1..<k])
    return ([sub] + files.prefix(2) + words[k...], files)
}

/// Puts the leading files back in front of any given later, and validates again.
func restoreFiles(_ files: [String], into command: ParsableCommand) throws -> ParsableCommand {
    var restored: ParsableCommand
    switch command {
    case var c as VectorizeCommand: c.files = files + c.files.dropFirst(2); restored = c
    case var c as DistanceCommand: c.files = files + c.files.dropFirst(2); restored = c
    case var c as BatchCommand: c.inputs = files + c.inputs.dropFirst(2); restored = c
    default: return command
    }
    try restored.validate()
    return restored
}

/// Errors of the command line itself (bad option values found after parsing): exit 2.
struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Errors in the input data the options point at (a function file of the
/// wrong length, an image without a channel axis): one line, exit 1.
struct InputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

enum CLIError {
    /// One line for any error: the library's typed errors carry their own message.
    static func message(for error: Error) -> String {
        // Every kind of line break (a CRLF is one Character, not "\n"), so an
        // input's bytes quoted in a message cannot make it two lines.
        let text = String(describing: error)
        return text.split(whereSeparator: \.isNewline).joined(separator: "; ")
    }
}

/// Writes a text result to `--output` (atomically) or stdout.
func writeOutput(_ text: String, to path: String?) throws {
    try writeOutput(Data(text.utf8), to: path)
}

/// Writes bytes to a path (atomically for regular files; through symlinks
/// and into devices and pipes, see `OutputFile`), or to stdout when the path
/// is nil or `-`.
func writeOutput(_ data: Data, to path: String?) throws {
    try OutputFile.write(data, to: path)
}

/// The default thread count: `TDA_THREADS` if set, else all cores
/// (`ParallelTasks.defaultWorkers`, the one reader of the variable), clamped
/// to `maximumThreads()`.
func defaultThreads() -> Int {
    Swift.min(ParallelTasks.defaultWorkers, maximumThreads())
}
