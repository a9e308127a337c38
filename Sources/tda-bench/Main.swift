import Foundation

/// `tda-bench NAME [args]`: benchmarks that time SwiftTDA against the anchor
/// libraries (run in the same session) and print ratios. Each benchmark is a
/// file in this folder registered below.
@main
enum TDABench {
    static let benchmarks: [(name: String, summary: String, run: ([String]) throws -> Void)] = [
        ("rips", "tda barcode vs Ripser, ripser.py, giotto-ph and GUDHI on ../shared/data", RipsBench.run),
        ("vectorize", "landscapes and images of 10,000 diagrams, Atol and Wasserstein (any internal_p) vs gudhi.representations, POT, hera (--atol-wasserstein-only)", VectorizeBench.runVectorize),
        ("bottleneck", "exact pairwise bottleneck on 200 diagrams vs gudhi (e=0)", VectorizeBench.runBottleneck),
        ("distance", "bottleneck, W1 and W2 of 200 to 20,000-bar diagrams vs gudhi, gudhi.hera and POT, with peak memory", DistanceBench.run),
        ("alpha", "exact alpha complex + persistence (bunny_5000, 100k 3D points) vs GUDHI", ComplexesBench.runAlpha),
        ("cubical", "cubical complex persistence of a 512x512 image vs GUDHI", ComplexesBench.runCubical),
        ("multi", "signed measures (Hilbert, rank, Euler) of noisy annuli vs multipers 2.3.2's whole pipeline", MultiBench.run),
        ("gradient", "the ICML 2024 point-cloud optimisation: H1 Hilbert signed-l1 loss, Adam, 100 steps, time per step", GradientBench.run),
        ("io", "text readers in MB/s vs numpy.loadtxt; tda vectorize on 2,000 x 200-bar CSVs vs GUDHI + loadtxt, whole process", IOBench.run),
        ("mma-gradient", "an MMA optimisation loop, time per step with the vineyard kept between steps and without", ModuleGradientBench.run),
        ("autodiff", "Float training step (forward, backward, Adam) of a Dense MLP and a small CNN on 16x16 images; NumPy MLP reference", AutodiffBench.run),
        ("spectral", "first 16 and 49 eigenvectors of graph and robust Laplacians (10k, 100k sphere points) vs scipy eigsh on the same matrices; cosine table", SpectralBench.run),
        ("spectral-free", "the free basis (Velich et al.'s objective, no network) on 2,000 Fibonacci points, K = 49, 1,500 probes, against the exact optimum", SpectralBench.runFree),
        ("gaunt", "Gaunt tensor products (Fourier, direct) vs the full CG product and e3nn, L = 2..32", GauntBench.run),
    ]

    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        guard let name = args.first, let bench = benchmarks.first(where: { $0.name == name }) else {
            print("usage: tda-bench NAME [options]\n\nbenchmarks:")
            for b in benchmarks { print("  \(b.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(b.summary)") }
            exit(args.isEmpty ? 0 : 2)
        }
        do { try bench.run(Array(args.dropFirst())) } catch {
            FileHandle.standardError.write(Data("tda-bench: \(error)\n".utf8))
            exit(1)
        }
    }
}
