import SwiftTDA

/// Reads many input files on all cores: the results in input order, and,
/// when some fail, the error of the first failing file in input order (the
/// one a sequential loop would report), so the output never depends on the
/// scheduling.
///
/// ```swift
/// let barcodes = try readInParallel(files, jobs: 4) { try readBarcode(atPath: $0) }
/// ```
func readInParallel<T: Sendable>(_ paths: [String], jobs: Int,
                                 _ read: @escaping @Sendable (String) throws -> T) throws -> [T] {
    // A single standard input cannot be shared: read in order then.
    let workers = paths.contains("-") ? 1 : jobs
    let results = try runBlocking {
        try await ParallelMap.map(paths, jobs: workers) { path -> Result<T, Error> in
            Result { try read(path) }
        }
    }
    return try results.map { try $0.get() }
}
