import Foundation
import SwiftTDA

extension VectorizeCommand {
    /// The rows of `--method convolution` and of `--method sliced-wasserstein
    /// --input signed-measure`, as multipers 2.3.2 gives them: (data) x
    /// (degree) inputs; the convolution fits one grid on every degree and
    /// puts the degrees' images end to end, the kernel is fitted per degree
    /// and averaged over degrees (`DistanceMatrix2Kernel`), `--distance`
    /// puts the degrees' distance rows end to end.
    func signedMeasureRows() throws -> [[Double]] {
        try measureOptions.validate(method: options.method, options: options)
        let inputs = try files.map { try SignedMeasureFile(atPath: $0) }
        let fit = fitOn.isEmpty ? nil : try fitOn.map { try SignedMeasureFile(atPath: $0) }
        return try signedMeasureRows(inputs: inputs, fit: fit)
    }

    /// The same rows for measures already read: fitted on `fit` (nil: on
    /// the inputs), over `fixedDegrees` when given (`tda batch`, so that
    /// every input gives a row of one length whatever degrees it holds atoms
    /// in) instead of the degrees the files hold.
    func signedMeasureRows(inputs: [SignedMeasureFile], fit: [SignedMeasureFile]?, fixedDegrees: [Int?]? = nil) throws -> [[Double]] {
        let fitFiles = fit ?? inputs
        let degrees = try fixedDegrees ?? SignedMeasureFile.degrees(of: fit == nil ? inputs : inputs + fitFiles, selecting: measureOptions.degree)
        guard let width = inputs.first?.width else { throw CommandError("give at least one signed measure file") }
        // measures[i][k]: file i, degree k.
        let measures = try inputs.map { f in try degrees.map { try f.measure($0) } }
        let training = try fitFiles.map { f in try degrees.map { try f.measure($0) } }
        let names = inputs.map(\.name)
        let jobs = threadCount(threads)

        if options.method == .convolution {
            var conv = try measureOptions.convolution(bandwidth: options.bandwidth, resolution: options.resolution, width: width)
            do {
                try conv.fit(training.flatMap { $0 })
            } catch VectorizationError.emptyMeasureFit {
                throw InputError("the signed measures to fit have no atoms with finite coordinates: give the grid with --box")
            }
            let fitted = conv
            return try Self.rows(count: measures.count, jobs: jobs) { i in
                do {
                    return try measures[i].flatMap { try fitted.transform($0) }
                } catch {
                    throw FileError(path: names[i], underlying: CLIError.message(for: error))
                }
            }
        }

        // Sliced Wasserstein: finite atoms and one total mass per degree, named by file.
        let fitNames = fitFiles.map(\.name)
        for (k, degree) in degrees.enumerated() {
            let label = degree.map { " (degree \($0))" } ?? ""
            let all = Array(zip(names, measures.map { $0[k] })) + Array(zip(fitNames, training.map { $0[k] }))
            for (name, m) in all where !m.points.allSatisfy(\.isFinite) {
                throw InputError("\(name)\(label): an atom has an infinite coordinate; the sliced Wasserstein distance needs finite atoms (rank measures' deaths and --mass-default inf are infinite)")
            }
            if let first = all.first, let other = all.first(where: { $0.1.totalMass != first.1.totalMass }) {
                throw InputError("\(other.0)\(label) has total mass \(other.1.totalMass) and \(first.0) \(first.1.totalMass): the sliced Wasserstein distance compares measures of equal total mass (tda signed-measure --mass-default inf gives mass 0)")
            }
        }
        let directions = try measureOptions.loadDirections()
        if let directions, let path = measureOptions.directions, directions[0].count != width {
            throw InputError("\(path): directions of \(directions[0].count) coordinates, but the measures' atoms have \(width)")
        }
        let kernels = try degrees.indices.map { k -> SignedMeasureSlicedWassersteinKernel in
            var kernel = SignedMeasureSlicedWassersteinKernel(numDirections: options.numDirections, seed: options.seed ?? 42,
                                                              directions: directions, sigma: measureOptions.sigma)
            try kernel.fit(training.map { $0[k] })
            return kernel
        }
        let distanceRows = measureOptions.distance
        return try Self.rows(count: measures.count, jobs: jobs) { i in
            do {
                if distanceRows {
                    return try kernels.indices.flatMap { try kernels[$0].distance.transform(measures[i][$0]) }
                }
                let perDegree = try kernels.indices.map { try kernels[$0].transform(measures[i][$0]) }
                let columns = perDegree.first?.count ?? 0
                return (0..<columns).map { j in perDegree.reduce(0) { $0 + $1[j] } / Double(perDegree.count) }
            } catch {
                throw FileError(path: names[i], underlying: CLIError.message(for: error))
            }
        }
    }

    /// `count` rows from `row`: on `jobs` workers, or in this thread for one
    /// job (as `tda batch` asks from inside its own workers, where blocking
    /// on a nested parallel map could starve them).
    static func rows(count: Int, jobs: Int, _ row: @escaping @Sendable (Int) throws -> [Double]) throws -> [[Double]] {
        if jobs <= 1 || count <= 1 { return try (0..<count).map(row) }
        return try runBlocking { try await ParallelMap.map(Array(0..<count), jobs: jobs, row) }
    }

    /// Reads a barcode CSV; when it fails on a signed-measure file, the
    /// message says how to read it as one.
    func readBarcodeFile(_ path: String) throws -> Barcode {
        try readBarcodeWithHint(atPath: path, allowsBelowDiagonal: !options.rejectBelowDiagonal)
    }
}

/// Reads a barcode CSV; when it fails on a signed-measure file, the
/// message says how to read it as one.
func readBarcodeWithHint(atPath path: String, allowsBelowDiagonal: Bool = true) throws -> Barcode {
    let bytes = try FileInput.bytes(atPath: path)
    do {
        return try Barcode(csvBytes: bytes, allowsBelowDiagonal: allowsBelowDiagonal)
    } catch {
        var message = CLIError.message(for: error)
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let firstLine = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        if let firstLine, SignedMeasureFile.columns(firstLine.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }) != nil {
            message += "; this is a signed measure: use --method convolution, or --method sliced-wasserstein --input signed-measure"
        }
        throw FileError(path: path, underlying: message)
    }
}
