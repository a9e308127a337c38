// swift-tools-version:6.0
import PackageDescription

/// Release builds of the modules with hot loops drop overflow and bounds
/// checks there (the loops index contiguous storage that the code sized
/// itself); debug builds and tests keep every check.
///
/// The fuzz build (`TDA_FUZZ` set, `make fuzz`) is a release build for
/// speed (no argument-parser self-checks on every parse) and keeps every
/// check: no -Ounchecked there.
let hotPathSettings: [SwiftSetting] = Context.environment["TDA_FUZZ"] != nil ? [] : [
    .unsafeFlags(["-Ounchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "SwiftTDA",
    products: [
        .library(name: "SwiftTDA", targets: ["SwiftTDA"]),
        .executable(name: "tda", targets: ["tda"]),
        .executable(name: "tda-bench", targets: ["tda-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Data: point clouds, distance matrices, file formats.
        .target(name: "PointClouds"),
        // GMP (exact rationals) for the exact alpha complex: module map and shim header only.
        .systemLibrary(name: "CGMP"),
        // Filtered complexes: simplex tree, alpha (exact), cubical.
        .target(name: "Complexes", dependencies: ["PointClouds", "CGMP"], swiftSettings: hotPathSettings),
        // One-parameter persistence: barcodes, the Rips engine, the boundary-matrix engine.
        .target(name: "Persistence", dependencies: ["PointClouds", "Complexes"], swiftSettings: hotPathSettings),
        // Multiparameter persistence: grids, signed measures (Hilbert, Euler, rank).
        .target(name: "Multipersistence", dependencies: ["Complexes", "Persistence", "PointClouds"], swiftSettings: hotPathSettings),
        // Diagram and signed-measure vectorizations, kernels, pipelines and batch helpers.
        .target(name: "Vectorization", dependencies: ["Persistence", "Multipersistence", "PointClouds"], swiftSettings: hotPathSettings),
        // Plotting: SVG pictures of barcodes, signed measures and module approximations.
        .target(name: "Plotting", dependencies: ["Persistence", "Multipersistence"]),
        // OpenBLAS (CBLAS): module map and shim header only.
        .systemLibrary(name: "COpenBLAS"),
        // Dense matrices over OpenBLAS.
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"], swiftSettings: hotPathSettings),
        // Reverse-mode differentiation over tensors (a tape), layers, losses, optimisers, on OpenBLAS.
        .target(name: "Autodiff", dependencies: ["LinearAlgebra", "PointClouds"], swiftSettings: hotPathSettings),
        // Real spherical harmonics, Wigner 3j, Gaunt tensor products (Fourier and direct), Clebsch-Gordan products.
        .target(name: "SphericalHarmonics", dependencies: ["LinearAlgebra", "PointClouds"], swiftSettings: hotPathSettings),
        // Lie groups of the plane: SO(2), SPD(2), GL+(2), SL(2), affine groups; polar chart, Haar sampling.
        .target(name: "LieGroups", dependencies: ["LinearAlgebra", "Autodiff", "PointClouds"], swiftSettings: hotPathSettings),
        // Spectral bases of point clouds: k-NN graph and robust Laplacians and their eigenpairs, the learned (and free) bases of Velich et al. on Autodiff.
        .target(name: "SpectralBases", dependencies: ["LinearAlgebra", "PointClouds", "Autodiff"]),
        // The umbrella module.
        .target(name: "SwiftTDA", dependencies: ["PointClouds", "Complexes", "Persistence", "Multipersistence", "Vectorization", "Plotting",
                                                 "LinearAlgebra", "Autodiff", "SphericalHarmonics", "LieGroups", "SpectralBases"]),
        .executableTarget(name: "tda", dependencies: [
            "SwiftTDA", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tda-bench", dependencies: ["SwiftTDA"]),
        .testTarget(name: "PointCloudsTests", dependencies: ["PointClouds"]),
        .testTarget(name: "CLITests", dependencies: ["tda"]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "Persistence", "Multipersistence"]),
        .testTarget(name: "PersistenceTests", dependencies: ["Persistence", "PointClouds"],
                    resources: [.copy("Reference")]),
        .testTarget(name: "ComplexesTests", dependencies: ["Complexes", "Persistence", "PointClouds"],
                    resources: [.copy("Reference")]),
        .testTarget(name: "MultipersistenceTests", dependencies: ["Multipersistence", "Complexes", "Persistence", "PointClouds"],
                    resources: [.copy("Reference")]),
        .testTarget(name: "SphericalHarmonicsTests", dependencies: ["SphericalHarmonics", "LinearAlgebra"],
                    resources: [.copy("Reference")]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "AutodiffTests", dependencies: ["Autodiff", "PointClouds"]),
        .testTarget(name: "LieGroupsTests", dependencies: ["LieGroups", "LinearAlgebra", "Autodiff", "PointClouds"]),
        .testTarget(name: "SpectralBasesTests", dependencies: ["SpectralBases", "PointClouds", "SphericalHarmonics", "LinearAlgebra", "Autodiff"],
                    resources: [.copy("Reference")]),
        .testTarget(name: "VectorizationTests", dependencies: ["Vectorization", "Multipersistence", "Persistence", "PointClouds", "Complexes", "Plotting"],
                    resources: [.copy("Reference")]),
    ],
    swiftLanguageModes: [.v5]
)

// libFuzzer harnesses over every reader and parser (`make fuzz`): only when
// TDA_FUZZ is set, because the harness has no `main` of its own (libFuzzer's
// comes with -sanitize=fuzzer). Fuzz/Generated holds a copy of Sources/tda
// without its `@main`, made by `make fuzz`, so the batch pipeline parser and
// the command line's own readers are fuzzed in-process.
if Context.environment["TDA_FUZZ"] != nil {
    package.targets.append(.executableTarget(
        name: "tda-fuzz",
        dependencies: ["SwiftTDA", .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "Fuzz",
        exclude: ["corpus", "run-fuzzers.sh", "README.md"],
        sources: ["Harness", "Generated"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}
