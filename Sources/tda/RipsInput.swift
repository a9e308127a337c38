import Foundation
import SwiftTDA

/// What `tda barcode --complex rips` reads: a point cloud, a dense distance
/// matrix or a sparse one, with vertex births if the file (a diagonal) or
/// `--vertex-values` gives them.
struct RipsInput {
    enum Data {
        case points(PointCloud)
        case matrix(DistanceMatrix)
        case sparse(SparseDistanceMatrix)
    }

    var data: Data
    /// Vertex births; `nil` when every vertex is born at 0.
    var births: [Double]?

    /// The one stderr line about a full matrix whose triangles differ (nil otherwise).
    var asymmetryNote: String? = nil

    /// Reads `path` in the format `kind` (Ripser's `--format` names); a full
    /// matrix's triangles may differ by 1e-4 (relative), or anything with `symmetrize`.
    init(path: String, kind: BarcodeCommand.InputKind, symmetrize: DistanceMatrix.Symmetrization? = nil) throws {
        let bytes = try FileInput.bytes(atPath: path)
        births = nil
        asymmetryNote = nil
        switch kind {
        case .pointCloud, .csv:
            data = .points(try PointCloud(textBytes: bytes))
        case .npy:
            data = .points(try PointCloud(npy: NPYArray(bytes: bytes)))
        case .off:
            data = .points(try PointCloud(offBytes: bytes))
        case .lowerDistance:
            data = .matrix(try DistanceMatrix(lowerTriangularBytes: bytes))
        case .upperDistance:
            data = .matrix(try DistanceMatrix(upperTriangularBytes: bytes))
        case .binary:
            data = .matrix(try DistanceMatrix(binaryBytes: bytes))
        case .distance, .dipha:
            let read: (matrix: DistanceMatrix, diagonal: [Double])
            if kind == .dipha {
                read = try DistanceMatrix.withDiagonal(diphaBytes: bytes)
            } else {
                let full = path.lowercased().hasSuffix(".npy")
                    ? try DistanceMatrix.readFullWithDiagonal(npy: NPYArray(bytes: bytes), symmetrize: symmetrize)
                    : try DistanceMatrix.readFullWithDiagonal(bytes: bytes, symmetrize: symmetrize)
                read = (full.matrix, full.diagonal)
                asymmetryNote = BarcodeCommand.asymmetryNote(full.asymmetry, symmetrize: symmetrize)
            }
            data = .matrix(read.matrix)
            if read.diagonal.contains(where: { $0 != 0 }) { births = read.diagonal }
        case .sparse:
            let graph = try SparseDistanceMatrix(tripletBytes: bytes)
            data = .sparse(graph)
            if let d = graph.diagonal, d.contains(where: { $0 != 0 }) { births = d }
        }
    }

    /// The number of points (vertices).
    var count: Int {
        switch data {
        case .points(let cloud): return cloud.count
        case .matrix(let d): return d.count
        case .sparse(let g): return g.count
        }
    }

    /// The Rips filtration of this input.
    func rips(metric: Metric, threads: Int) throws -> VietorisRips {
        switch data {
        case .points(let cloud):
            if let births { return try VietorisRips(points: cloud, metric: metric, threads: threads, vertexBirths: births) }
            return try VietorisRips(points: cloud, metric: metric, threads: threads)
        case .matrix(let d):
            if let births { return try VietorisRips(distances: d, vertexBirths: births) }
            return VietorisRips(distances: d)
        case .sparse(let g):
            return try VietorisRips(vertexCount: g.count, edges: g.edges, vertexBirths: births)
        }
    }

    /// Farthest-point sampling from `start` (ripser.py's greedy permutation).
    func greedyPermutation(count k: Int, start: Int, metric: Metric) throws -> GreedyPermutation {
        let n: Int
        switch data {
        case .points(let cloud): n = cloud.count
        case .matrix(let d): n = d.count
        case .sparse(let g): n = g.count
        }
        if k > n { throw InputError("--subsample \(k) is more than the \(n) points of the input") }
        switch data {
        case .points(let cloud): return try GreedyPermutation(points: cloud, metric: metric, count: k, start: start)
        case .matrix(let d): return try GreedyPermutation(distances: d, count: k, start: start)
        case .sparse:
            throw CommandError("--subsample needs a point cloud or a dense distance matrix, not a sparse one (as ripser.py)")
        }
    }

    /// The input restricted to the points at `indices`, births included.
    func subset(_ indices: [Int]) throws -> RipsInput {
        var out = self
        switch data {
        case .points(let cloud): out.data = .points(try cloud.subset(indices))
        case .matrix(let d): out.data = .matrix(try d.submatrix(indices))
        case .sparse: throw CommandError("--subsample needs a point cloud or a dense distance matrix")
        }
        out.births = births.map { b in indices.map { b[$0] } }
        return out
    }
}
