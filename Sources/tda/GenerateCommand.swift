import ArgumentParser
import SwiftTDA

/// `tda generate SHAPE`: a seeded sample of a shape with known topology, as CSV.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Sample a shape with known topology (seeded), as a CSV point cloud.",
        discussion: """
            Shapes: \(Samplers.Shape.allCases.map(\.rawValue).joined(separator: ", ")).
            Example: tda generate torus --count 300 --noise 0.05 --seed 3 --output Datasets/torus.csv
            """
    )

    @Argument(help: "The shape.")
    var shape: String

    @Option(help: "Number of points.")
    var count: Int = 100

    @Option(help: "Standard deviation of the Gaussian noise added to each coordinate.")
    var noise: Double = 0

    @Option(help: "Seed of the generator (the same seed gives the same points).")
    var seed: UInt64 = 0

    @Option(help: "Write the CSV here instead of stdout.")
    var output: String?

    func run() throws {
        guard let s = Samplers.Shape(rawValue: shape) else {
            throw CommandError("unknown shape '\(shape)' (\(Samplers.Shape.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        // Three coordinates a point at most, and their text (about 25 bytes each).
        if count > 0 { try MemoryBudget.elements([count, 3], bytesEach: 8 + 25, what: "--count \(count)", advice: "lower --count") }
        if count < 1 || count > 10_000_000 { throw InputError("--count must be between 1 and 10000000") }
        let cloud = try Samplers.sample(s, count: count, noise: noise, seed: seed)
        try writeOutput(cloud.csv, to: output)
    }
}
