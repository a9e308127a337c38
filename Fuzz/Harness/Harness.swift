import ArgumentParser
import Foundation
import SwiftTDA

/// libFuzzer harnesses over every reader and parser of SwiftTDA, one binary
/// (`tda-fuzz`, built by `make fuzz`), the harness chosen by the environment
/// variable `TDA_FUZZ_HARNESS`:
///
///     point-cloud     PointCloud(textBytes:)          CSV / TSV / whitespace
///     lower-distance  DistanceMatrix(lowerTriangularBytes:)
///     distance        DistanceMatrix(fullBytes:)
///     npy             NPYArray(bytes:), then as a point cloud, a distance matrix and an image
///     off             PointCloud(offBytes:)
///     barcode         Barcode(csv:)
///     function        a per-point function file (PointCloud(textBytes:), as --function reads it)
///     pipeline        tda batch --pipeline SPEC (BatchPipeline(spec:jobs:))
///     signed-measure  tda's signed-measure CSV reader
///     module          tda's tda-mma CSV/JSON reader
///
/// The property: no crash, no sanitizer report, and every rejection is one
/// of the project's typed errors (anything else traps, so libFuzzer keeps
/// the input). Small inputs that parse are also run through the code they
/// feed (a Rips barcode, a cubical barcode) to reach the size checks.
enum Harness: String, CaseIterable {
    case pointCloud = "point-cloud", lowerDistance = "lower-distance", distance, npy, off, barcode, function
    case pipeline, signedMeasure = "signed-measure", module

    nonisolated(unsafe) static var chosen: Harness?

    /// The longest `--pipeline` spec the pipeline harness parses (bytes).
    static let maximumSpecLength = 512

    static func select() -> Harness {
        if let chosen { return chosen }
        guard let name = ProcessInfo.processInfo.environment["TDA_FUZZ_HARNESS"], let h = Harness(rawValue: name) else {
            let names = Harness.allCases.map(\.rawValue).joined(separator: ", ")
            fputs("tda-fuzz: set TDA_FUZZ_HARNESS to one of: \(names)\n", stderr)
            exit(2)
        }
        chosen = h
        return h
    }

    /// Errors a reader may throw: the project's typed errors.
    static func isTyped(_ error: Error) -> Bool {
        error is PointCloudError || error is PersistenceError || error is ComplexError || error is VectorizationError
            || error is MemoryBudgetError || error is MultipersistenceError || error is CommandError
            || error is InputError || error is FileError || error is ValidationError || error is OutputError
            || error is CleanExit || error is ExitCode || String(describing: type(of: error)).contains("ParserError")
            || String(describing: type(of: error)).contains("CommandError")
    }

    func run(_ bytes: [UInt8]) throws {
        // Small budgets: a fuzzed size must be refused, not allocated.
        setenv("TDA_MEMORY_LIMIT", "200", 1)
        switch self {
        case .pointCloud, .function:
            let cloud = try PointCloud(textBytes: bytes)
            if cloud.count <= 24 && cloud.dimension <= 8 {
                _ = try VietorisRips(points: cloud).barcode(maxDimension: 2, options: RipsOptions(memoryLimit: 50_000_000))
            }
        case .lowerDistance:
            let m = try DistanceMatrix(lowerTriangularBytes: bytes)
            if m.count <= 24 { _ = try VietorisRips(distances: m).barcode(maxDimension: 2, options: RipsOptions(memoryLimit: 50_000_000)) }
        case .distance:
            let m = try DistanceMatrix(fullBytes: bytes)
            if m.count <= 24 { _ = try VietorisRips(distances: m).barcode(maxDimension: 1) }
        case .npy:
            let array = try NPYArray(bytes: bytes)
            _ = try? PointCloud(npy: array)
            _ = try? DistanceMatrix(npy: array)
            if array.values.count <= 4096 {
                do { _ = try CubicalComplex(npy: array, variant: .topDimensionalCells).filteredComplex().barcode(maxDimension: 2) }
                catch where Harness.isTyped(error) {}
            }
        case .off:
            let cloud = try PointCloud(offBytes: bytes)
            if cloud.count <= 24 && (cloud.dimension == 2 || cloud.dimension == 3) {
                do { _ = try AlphaComplex(points: cloud).filteredComplex.barcode(maxDimension: 2) }
                catch where Harness.isTyped(error) {}
            }
        case .barcode:
            let barcode = try Barcode(csv: String(decoding: bytes, as: UTF8.self))
            _ = barcode.csv
            if let bars = barcode.bars.first, bars.count <= 64 {
                _ = bottleneckDistance(bars, bars)
            }
        case .pipeline:
            // A spec is a command line: longer ones only repeat words (each stage costs an
            // argument-parser parse, the bulk of the time per input).
            guard bytes.count <= Harness.maximumSpecLength else { return }
            var pipeline = try BatchPipeline(spec: String(decoding: bytes, as: UTF8.self), jobs: 1)
            // The fit without files: explicit ranges and boxes are checked and the
            // vectorizer is sized (what tda batch does before its first input).
            try pipeline.fit(on: [])
        case .signedMeasure:
            _ = try SignedMeasureFile(bytes: bytes, name: "fuzz")
        case .module:
            let module = try ModuleFile(bytes: bytes, name: "fuzz", box: nil).module
            // Small modules also go through both vectorizations, on coarse grids.
            guard module.summands.count <= 64 else { return }
            for degree in module.degrees.prefix(2) {
                do {
                    var image = ModuleImage(degree: degree, resolution: 4)
                    try image.fit([module])
                    _ = try image.transform(module)
                    var landscape = ModuleLandscape(degree: degree, numLandscapes: 2, resolution: 4)
                    try landscape.fit([module])
                    _ = try landscape.transform(module)
                } catch where Harness.isTyped(error) {}
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    let harness = Harness.select()
    do {
        try harness.run(bytes)
    } catch {
        if !Harness.isTyped(error) {
            fputs("tda-fuzz: untyped error \(type(of: error)): \(error)\n", stderr)
            abort()
        }
        // A rejection must be one line a user can read.
        let message = CLIError.message(for: error)
        if message.isEmpty || message.contains("\n") {
            fputs("tda-fuzz: bad message for \(type(of: error)): '\(message)'\n", stderr)
            abort()
        }
    }
    return 0
}
