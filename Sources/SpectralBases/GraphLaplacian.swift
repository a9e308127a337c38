import LinearAlgebra

/// The Laplacians of a weighted graph W with degrees D.
///
/// - `combinatorial`: L = D - W (eigenvectors orthonormal).
/// - `symmetric`: L = I - D^-1/2 W D^-1/2 (orthonormal).
/// - `randomWalk`: L = I - D^-1 W, the same eigenvalues as `symmetric`; its
///   eigenvectors are D^-1/2 times those, orthonormal for the inner product
///   <u, v>_D = sum_i d_i u_i v_i (M = D), not the plain one.
public enum GraphLaplacian: String, Sendable, CaseIterable {
    case combinatorial
    case symmetric
    case randomWalk = "random-walk"

    /// The symmetric matrix whose eigenvectors give the basis (L itself, or
    /// L_sym for the random walk), dense, row-major.
    ///
    /// ```swift
    /// let l = try GraphLaplacian.symmetric.matrix(of: graph)
    /// ```
    /// - Throws: `SpectralBasesError.invalidParameter` when a point has no
    ///   edge of positive weight (the normalised Laplacians need d_i > 0).
    public func matrix(of graph: KNNGraph) throws -> Matrix<Double> {
        let n = graph.count
        let degree = graph.degrees
        var l = Matrix<Double>(rows: n, columns: n)
        if self != .combinatorial, let i = degree.firstIndex(where: { !($0 > 0) }) {
            throw SpectralBasesError.invalidParameter(name: "graph",
                reason: "point \(i) has no edge of positive weight (its neighbours are too far for sigma); the normalised Laplacians need every degree > 0")
        }
        let scale = self == .combinatorial ? [Double](repeating: 1, count: n) : degree.map { 1 / $0.squareRoot() }
        l.elements.withUnsafeMutableBufferPointer { e in
            for i in 0..<n {
                e[i * n + i] = self == .combinatorial ? degree[i] : 1
                for k in graph.start[i]..<graph.start[i + 1] {
                    let j = Int(graph.neighbors[k])
                    e[i * n + j] -= graph.weights[k] * scale[i] * scale[j]
                }
            }
        }
        return l
    }

    /// The sparse pair (L, M) of the generalized problem L v = lambda M v
    /// whose M-orthonormal eigenvectors are the basis: (D - W, I) for the
    /// combinatorial Laplacian, (I - D^-1/2 W D^-1/2, I) for the symmetric
    /// one, (D - W, D) for the random walk (its eigenvectors are those of
    /// I - D^-1 W).
    ///
    /// ```swift
    /// let (l, mass) = try GraphLaplacian.randomWalk.generalizedPair(of: graph)
    /// ```
    /// - Throws: as `matrix(of:)`.
    public func generalizedPair(of graph: KNNGraph) throws -> (SparseSymmetricMatrix, [Double]) {
        let n = graph.count
        let degree = graph.degrees
        if self == .symmetric, let i = degree.firstIndex(where: { !($0 > 0) }) {
            throw SpectralBasesError.invalidParameter(name: "graph",
                reason: "point \(i) has no edge of positive weight (its neighbours are too far for sigma); the normalised Laplacians need every degree > 0")
        }
        if self == .randomWalk, let i = degree.firstIndex(where: { !($0 > 0) }) {
            throw SpectralBasesError.invalidParameter(name: "graph",
                reason: "point \(i) has no edge of positive weight (its neighbours are too far for sigma); the normalised Laplacians need every degree > 0")
        }
        let scale = self == .symmetric ? degree.map { 1 / $0.squareRoot() } : [Double](repeating: 1, count: n)
        var triplets: [(Int, Int, Double)] = []
        triplets.reserveCapacity(graph.neighbors.count + n)
        for i in 0..<n {
            triplets.append((i, i, self == .symmetric ? 1 : degree[i]))
            for k in graph.start[i]..<graph.start[i + 1] {
                let j = Int(graph.neighbors[k])
                triplets.append((i, j, -(graph.weights[k] * (scale[i] * scale[j]))))
            }
        }
        return (try SparseSymmetricMatrix(order: n, triplets: triplets), self == .randomWalk ? degree : [Double](repeating: 1, count: n))
    }
}
