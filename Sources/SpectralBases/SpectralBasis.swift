import LinearAlgebra
import PointClouds

/// The first K eigenpairs of a point cloud's Laplacian: the classical
/// spectral bases (the baselines of Velich et al.'s learned bases), from a
/// k-NN graph (`graph`) or from the robust Laplace-Beltrami operator of
/// Sharp and Crane (`robust`).
///
/// `vectors[i]` holds the K basis functions' values at point i. The basis
/// is M-orthonormal: sum_i m_i v_a(i) v_b(i) = delta_ab with `mass` m (all
/// ones for the combinatorial and symmetric graph Laplacians, the degrees
/// for the random walk, the lumped vertex areas for the robust Laplacian:
/// so for `robust` the plain dot products of the columns are *not* 0 and 1,
/// the M-weighted ones are, exactly as with scipy's `eigsh(L, k, M)` on
/// robust_laplacian's matrices). Signs are fixed so that each vector's
/// largest-magnitude entry is positive; within a repeated eigenvalue any
/// M-orthonormal basis of the eigenspace may come out, so compare
/// eigenspaces (principal angles), not vectors.
///
/// ```swift
/// let cloud = try PointCloud(contentsOfFile: "sphere.csv")
/// let basis = try SpectralBasis.graph(cloud, count: 16)   // k = 10, Gaussian, symmetric
/// print(basis.eigenvalues.prefix(4))                        // 0, then three near-equal values
/// let lb = try SpectralBasis.robust(cloud, count: 16)      // 30 neighbours: 0, ~2, ~2, ~2 on the unit sphere
/// ```
///
/// Cost: the Laplacian is sparse; `GeneralizedEigensolver` solves densely
/// (LAPACKE, O(n^3)) up to `GeneralizedEigensolver.denseLimit` points and
/// by shift-invert Lanczos on a sparse Cholesky factor above, with O(n K)
/// memory for the Lanczos vectors.
public struct SpectralBasis: Sendable, Equatable {
    /// Eigenvalues, ascending (K of them).
    public let eigenvalues: [Double]
    /// One row per point: the K basis functions' values there.
    public let vectors: [[Double]]
    /// The inner product's weights (see the type's description).
    public let mass: [Double]

    /// The largest point count the methods take (the neighbour search and the factorisation are near-linear).
    public static let maximumPoints = 10_000_000

    /// The basis of the k-NN graph Laplacian of `cloud`.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for a count outside
    ///   1...points or bad graph parameters, `.tooLarge` past
    ///   `maximumPoints`, `.solver` when the eigensolver fails.
    public static func graph(_ cloud: PointCloud, count: Int, neighbors: Int = 10,
                             weights: KNNGraph.Weights = .gaussian(sigma: nil),
                             laplacian: GraphLaplacian = .symmetric) throws -> SpectralBasis {
        try check(cloud, count)
        let graph = try KNNGraph(cloud, neighbors: neighbors, weights: weights)
        let (l, mass) = try laplacian.generalizedPair(of: graph)
        return try solve(l, mass, count)
    }

    /// The basis of the robust Laplacian (`PointCloudLaplacian`) of a 3D cloud:
    /// L v = lambda M v with M the lumped mass; on a sampled unit sphere the
    /// eigenvalues approach l(l + 1) and the eigenspaces the spherical harmonics.
    ///
    /// ```swift
    /// let basis = try SpectralBasis.robust(cloud, count: 49, neighbors: 30)
    /// ```
    ///
    /// - Throws: as `PointCloudLaplacian.init` and `graph`.
    public static func robust(_ cloud: PointCloud, count: Int, neighbors: Int = 30,
                              mollifyFactor: Double = 1e-5) throws -> SpectralBasis {
        try check(cloud, count)
        let laplacian = try PointCloudLaplacian(cloud, neighbors: neighbors, mollifyFactor: mollifyFactor)
        return try solve(laplacian.stiffness, laplacian.mass, count)
    }

    static func check(_ cloud: PointCloud, _ count: Int) throws {
        guard cloud.count <= maximumPoints else {
            throw SpectralBasesError.tooLarge("\(cloud.count) points: at most \(maximumPoints)")
        }
        guard count >= 1, count <= cloud.count else {
            throw SpectralBasesError.invalidParameter(name: "--k", reason: "must be between 1 and the \(cloud.count) points, got \(count)")
        }
    }

    static func solve(_ l: SparseSymmetricMatrix, _ mass: [Double], _ count: Int) throws -> SpectralBasis {
        let n = l.order
        let (values, v) = try GeneralizedEigensolver.smallest(count, of: l, mass: mass)
        var vectors = [[Double]](repeating: [Double](repeating: 0, count: count), count: n)
        for a in 0..<count {
            var big = 0
            for i in 1..<n where abs(v[i * count + a]) > abs(v[big * count + a]) { big = i }
            let sign: Double = v[big * count + a] < 0 ? -1 : 1
            for i in 0..<n { vectors[i][a] = sign * v[i * count + a] }
        }
        if vectors.contains(where: { $0.contains { !$0.isFinite } }) || values.contains(where: { !$0.isFinite }) {
            throw SpectralBasesError.solver("a non-finite value in the basis")
        }
        return SpectralBasis(eigenvalues: values, vectors: vectors, mass: mass)
    }
}
