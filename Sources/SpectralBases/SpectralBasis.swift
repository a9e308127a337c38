import LinearAlgebra
import PointClouds

/// The first K eigenpairs of a point cloud's graph Laplacian: the classical
/// spectral basis (the baseline of Velich et al.'s learned bases).
///
/// `vectors[i]` holds the K basis functions' values at point i. The basis
/// is M-orthonormal: sum_i m_i v_a(i) v_b(i) = delta_ab with `mass` m (all
/// ones for the combinatorial and symmetric Laplacians, the degrees for the
/// random walk). Signs are fixed so that each vector's largest-magnitude
/// entry is positive; within a repeated eigenvalue any orthonormal basis of
/// the eigenspace may come out.
///
/// ```swift
/// let cloud = try PointCloud(contentsOfFile: "sphere.csv")
/// let basis = try SpectralBasis.graph(cloud, count: 16)   // k = 10, Gaussian, symmetric
/// print(basis.eigenvalues.prefix(4))                        // 0, then three near-equal values
/// ```
///
/// Cost: dense. The n x n Laplacian (8 n^2 bytes) and LAPACKE's symmetric
/// eigensolver (O(n^3)); `maximumPoints` bounds n.
public struct SpectralBasis: Sendable, Equatable {
    /// Eigenvalues, ascending (K of them).
    public let eigenvalues: [Double]
    /// One row per point: the K basis functions' values there.
    public let vectors: [[Double]]
    /// The inner product's weights (see the type's description).
    public let mass: [Double]

    /// The largest point count the dense solver takes.
    public static let maximumPoints = 6000

    /// The basis of the k-NN graph Laplacian of `cloud`.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for a count outside
    ///   1...points or bad graph parameters, `.tooLarge` past
    ///   `maximumPoints`, `.solver` when LAPACKE fails.
    public static func graph(_ cloud: PointCloud, count: Int, neighbors: Int = 10,
                             weights: KNNGraph.Weights = .gaussian(sigma: nil),
                             laplacian: GraphLaplacian = .symmetric) throws -> SpectralBasis {
        guard cloud.count <= maximumPoints else {
            throw SpectralBasesError.tooLarge("\(cloud.count) points: the dense eigensolver takes at most \(maximumPoints) (an n x n matrix of \(cloud.count) points needs \(8 * cloud.count * cloud.count / 1_000_000) MB)")
        }
        guard count >= 1, count <= cloud.count else {
            throw SpectralBasesError.invalidParameter(name: "--k", reason: "must be between 1 and the \(cloud.count) points, got \(count)")
        }
        let graph = try KNNGraph(cloud, neighbors: neighbors, weights: weights)
        let l = try laplacian.matrix(of: graph)
        let e: SymmetricEigendecomposition<Double>
        do { e = try l.symmetricEigendecomposition(method: .lapack) } catch {
            throw SpectralBasesError.solver("\(error)")
        }
        let n = cloud.count
        let degree = graph.degrees
        var vectors = [[Double]](repeating: [Double](repeating: 0, count: count), count: n)
        for a in 0..<count {
            // Column a; for the random walk D^-1/2 u, which is D-orthonormal.
            var column = (0..<n).map { e.eigenvectors[$0, a] }
            if laplacian == .randomWalk { for i in 0..<n { column[i] /= degree[i].squareRoot() } }
            var big = 0
            for i in 1..<n where abs(column[i]) > abs(column[big]) { big = i }
            let sign: Double = column[big] < 0 ? -1 : 1
            for i in 0..<n { vectors[i][a] = sign * column[i] }
        }
        return SpectralBasis(eigenvalues: Array(e.eigenvalues.prefix(count)), vectors: vectors,
                             mass: laplacian == .randomWalk ? degree : [Double](repeating: 1, count: n))
    }
}
