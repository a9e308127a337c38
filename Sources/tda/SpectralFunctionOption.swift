import ArgumentParser
import Foundation
import SwiftTDA

/// `--spectral-function K[:graph|robust]` of `tda barcode` and the point-cloud
/// bifiltrations of `tda signed-measure` / `tda mma`: basis vector v_K
/// (0-based, as `tda spectral`'s columns; v0 is constant, so K >= 1) of the
/// point cloud's own spectral basis, used as the per-point function: the
/// vertex births of a lower-star-plus-Rips filtration, or the function of a
/// function-Rips (or function-alpha) bifiltration. `graph`: the k-NN graph
/// Laplacian with `tda spectral`'s defaults (10 neighbours, Gaussian,
/// symmetric); `robust`: the robust Laplacian (30 neighbours, 3D only).
/// Without a method: robust for 3D clouds, graph otherwise.
struct SpectralFunction {
    enum Method: String { case graph, robust }
    let index: Int
    let method: Method?

    init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let k = Int(parts[0]), k >= 0, k <= 100_000 else {
            throw ValidationError("--spectral-function '\(text)': give K or K:graph or K:robust, K a basis index (0-based, v0 is constant)")
        }
        if parts.count == 2 {
            guard let m = Method(rawValue: String(parts[1])) else {
                throw ValidationError("--spectral-function '\(text)': the method is graph or robust")
            }
            method = m
        } else {
            method = nil
        }
        index = k
    }

    /// v_K at each point of `cloud`, in the cloud's order.
    func values(for cloud: PointCloud) throws -> [Double] {
        guard index < cloud.count else {
            throw InputError("--spectral-function \(index): the cloud has \(cloud.count) points, so basis vectors v0...v\(cloud.count - 1)")
        }
        let use = method ?? (cloud.dimension == 3 ? .robust : .graph)
        let basis = try ActivityIndicator.run("computing the spectral basis") { () throws -> SpectralBasis in
            use == .robust ? try SpectralBasis.robust(cloud, count: index + 1)
                           : try SpectralBasis.graph(cloud, count: index + 1)
        }
        return basis.vectors.map { $0[index] }
    }
}
