import Foundation
import PointClouds

/// The robust Laplace-Beltrami operator of a 3D point cloud, after Sharp and
/// Crane, "A Laplacian for nonmanifold triangle meshes" (SGP 2020), built as
/// their `robust_laplacian.point_cloud_laplacian` builds it:
///
/// 1. the k nearest neighbours of each point (default 30);
/// 2. a normal by PCA of the neighbourhood, the neighbours projected on the
///    tangent plane;
/// 3. the triangles at the point of the planar Delaunay triangulation of
///    its neighbourhood (an angular sweep with the same tolerances);
/// 4. the union of all those triangles (each typically three times), its
///    edge lengths mollified (every length grows by the least epsilon that
///    makes each triangle inequality hold with margin
///    `mollifyFactor` x the mean edge length);
/// 5. the tufted cover (two sheets per triangle, glued around each edge in
///    angular order), flipped to intrinsic Delaunay;
/// 6. its cotangent Laplacian L (positive semi-definite: L_ii > 0) and lumped
///    (vertex) mass M, both halved (the double cover) and divided by 3 (the
///    triple cover).
///
/// A point in no triangle gets L_ii = 1 and a mass 1e-3 times the smallest
/// other mass, as robust_laplacian does.
///
/// Agreement with robust_laplacian: for a given triangle soup
/// (`init(vertices:triangles:mollifyFactor:)`, its `mesh_laplacian`) L and M
/// are the same entry by entry (1e-8). For a point cloud they agree in
/// spectrum, not entry by entry: each triangle is found up to three times,
/// and the order in which those coincident copies are glued in the tufted
/// cover follows the sweep direction of each local triangulation, i.e. the
/// sign of each PCA normal, which robust_laplacian takes from Eigen's
/// JacobiSVD and this code from its own Jacobi eigensolver. robust_laplacian
/// itself moves by the same amount when its input is rotated (eigenvalues
/// 0.1% to 0.5% apart at 30 and 12 neighbours).
///
/// ```swift
/// let laplacian = try PointCloudLaplacian(cloud)            // 30 neighbours
/// laplacian.stiffness[0, 0]                                  // L_00 > 0
/// laplacian.mass.reduce(0, +)                                // about the surface area
/// ```
///
/// - Complexity: O(n log^2 n) for the neighbours, O(n k^2) for the local
///   triangulations, then near-linear flips; O(n k) memory.
public struct PointCloudLaplacian: Sendable {
    /// L: symmetric, positive semi-definite, rows summing to 0 (the weak Laplacian).
    public let stiffness: SparseSymmetricMatrix
    /// The diagonal of the lumped mass matrix M.
    public let mass: [Double]
    /// The number of triangles of the union of the local triangulations.
    public let triangleCount: Int

    /// Builds L and M for `cloud` (3 coordinates a point).
    ///
    /// - Parameters:
    ///   - neighbors: robust_laplacian's `n_neighbors`.
    ///   - mollifyFactor: robust_laplacian's `mollify_factor` (0 turns it off).
    /// - Throws: `SpectralBasesError.invalidParameter` for a cloud that is
    ///   not 3D, fewer than neighbors + 1 points, a negative or non-finite
    ///   factor, or a cloud so degenerate that no triangle is found
    ///   (collinear or coincident points).
    public init(_ cloud: PointCloud, neighbors: Int = 30, mollifyFactor: Double = 1e-5) throws {
        guard cloud.dimension == 3 else {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "the robust Laplacian needs 3D points, got dimension \(cloud.dimension)")
        }
        let n = cloud.count
        guard neighbors >= 2, neighbors < n else {
            throw SpectralBasesError.invalidParameter(name: "--neighbors", reason: "must be between 2 and \(max(n - 1, 2)) for \(n) points, got \(neighbors)")
        }
        guard mollifyFactor >= 0, mollifyFactor.isFinite else {
            throw SpectralBasesError.invalidParameter(name: "--mollify-factor", reason: "must be a non-negative number, got \(mollifyFactor)")
        }
        let knn = try NearestNeighbors(cloud, k: neighbors)
        let triangles = Self.localTriangles(cloud, knn)
        guard !triangles.isEmpty else {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "no triangle in any neighbourhood: the cloud is degenerate (collinear or coincident points); add jitter")
        }
        try self.init(positions: cloud.coordinates, count: n, triangles: triangles, mollifyFactor: mollifyFactor, covers: 3)
    }

    /// The robust Laplacian of a triangle mesh, any mesh: nonmanifold,
    /// with repeated triangles or unused vertices (robust_laplacian's
    /// `mesh_laplacian`): steps 4 to 6 above without the division by 3.
    ///
    /// ```swift
    /// let tetrahedron = try PointCloud(rows: [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    /// let l = try PointCloudLaplacian(vertices: tetrahedron, triangles: [[0, 1, 2], [0, 1, 3], [0, 2, 3], [1, 2, 3]])
    /// ```
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` for vertices that are
    ///   not 3D, a triangle that does not have three distinct vertices in
    ///   range, no triangle at all, or a bad mollify factor.
    public init(vertices: PointCloud, triangles: [[Int]], mollifyFactor: Double = 1e-5) throws {
        guard vertices.dimension == 3 else {
            throw SpectralBasesError.invalidParameter(name: "vertices", reason: "the robust Laplacian needs 3D points, got dimension \(vertices.dimension)")
        }
        guard mollifyFactor >= 0, mollifyFactor.isFinite else {
            throw SpectralBasesError.invalidParameter(name: "--mollify-factor", reason: "must be a non-negative number, got \(mollifyFactor)")
        }
        let n = vertices.count
        guard n <= Int(Int32.max) else { throw SpectralBasesError.tooLarge("\(n) vertices: at most \(Int32.max)") }
        var list: [(Int32, Int32, Int32)] = []
        list.reserveCapacity(triangles.count)
        for (t, tri) in triangles.enumerated() {
            guard tri.count == 3, tri.allSatisfy({ $0 >= 0 && $0 < n }), tri[0] != tri[1], tri[1] != tri[2], tri[0] != tri[2] else {
                throw SpectralBasesError.invalidParameter(name: "triangles", reason: "triangle \(t) is \(tri): need three distinct vertices in 0..<\(n)")
            }
            list.append((Int32(tri[0]), Int32(tri[1]), Int32(tri[2])))
        }
        guard !list.isEmpty else { throw SpectralBasesError.invalidParameter(name: "triangles", reason: "no triangle") }
        try self.init(positions: vertices.coordinates, count: n, triangles: list, mollifyFactor: mollifyFactor, covers: 1)
    }

    /// Steps 4 to 6: the tufted cover's matrices, divided by `covers`.
    init(positions: [Double], count n: Int, triangles: [(Int32, Int32, Int32)], mollifyFactor: Double, covers: Double) throws {
        let cover = TuftedCover(positions: positions, vertexCount: n, triangles: triangles, mollifyFactor: mollifyFactor)
        var (triplets, mass) = cover.cotangentLaplacian()
        for t in triplets.indices { triplets[t].2 /= covers }
        for i in 0..<n { mass[i] /= covers }
        // Points in no triangle: an identity row and a small mass (robust_laplacian's convention).
        var used = [Bool](repeating: false, count: n)
        for t in triangles { used[Int(t.0)] = true; used[Int(t.1)] = true; used[Int(t.2)] = true }
        if used.contains(false) {
            let smallest = (0..<n).filter { used[$0] }.map { abs(mass[$0]) }.min() ?? 1
            for i in 0..<n where !used[i] { triplets.append((i, i, 1)); mass[i] = 1e-3 * smallest }
        }
        if let bad = mass.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
            throw SpectralBasesError.invalidParameter(name: "points", reason: "point \(bad) has mass \(mass[bad]) (degenerate triangles around it): use a mollify factor > 0 or add jitter")
        }
        stiffness = try SparseSymmetricMatrix(order: n, triplets: triplets)
        if stiffness.values.contains(where: { !$0.isFinite }) {
            throw SpectralBasesError.solver("the Laplacian has a non-finite entry (degenerate triangles): use a mollify factor > 0 or add jitter")
        }
        self.mass = mass
        triangleCount = triangles.count
    }

    /// The union of the local Delaunay triangles at every point (with repeats), as vertex triples.
    static func localTriangles(_ cloud: PointCloud, _ knn: NearestNeighbors) -> [(Int32, Int32, Int32)] {
        let n = cloud.count, k = knn.k
        let x = cloud.coordinates
        var triangles: [(Int32, Int32, Int32)] = []
        triangles.reserveCapacity(n * 6)
        var px = [Double](repeating: 0, count: k), py = [Double](repeating: 0, count: k)
        var angle = [Double](repeating: 0, count: k)
        for i in 0..<n {
            let nb = knn.indices[(i * k)..<((i + 1) * k)].map { Int($0) }
            let normal = Self.normal(x, i, nb)
            let (bx, by) = Self.tangentBasis(normal)
            for t in 0..<k {
                var v = (x[nb[t] * 3] - x[i * 3], x[nb[t] * 3 + 1] - x[i * 3 + 1], x[nb[t] * 3 + 2] - x[i * 3 + 2])
                let along = v.0 * normal.0 + v.1 * normal.1 + v.2 * normal.2
                v = (v.0 - along * normal.0, v.1 - along * normal.1, v.2 - along * normal.2)
                px[t] = bx.0 * v.0 + bx.1 * v.1 + bx.2 * v.2
                py[t] = by.0 * v.0 + by.1 * v.1 + by.2 * v.2
            }
            for (a, b) in Self.delaunayFan(&px, &py, &angle) {
                triangles.append((Int32(i), Int32(nb[a]), Int32(nb[b])))
            }
        }
        return triangles
    }

    /// The unit normal: the direction of least variance of the neighbours
    /// about their centroid (the centroid divided by k + 1, as robust_laplacian).
    static func normal(_ x: [Double], _ i: Int, _ nb: [Int]) -> (Double, Double, Double) {
        var c = (0.0, 0.0, 0.0)
        for j in nb { c.0 += x[j * 3]; c.1 += x[j * 3 + 1]; c.2 += x[j * 3 + 2] }
        let s = 1 / Double(nb.count + 1)
        c = (c.0 * s, c.1 * s, c.2 * s)
        var a = [Double](repeating: 0, count: 9)
        for j in nb {
            let d = [x[j * 3] - c.0, x[j * 3 + 1] - c.1, x[j * 3 + 2] - c.2]
            for r in 0..<3 { for q in 0..<3 { a[r * 3 + q] += d[r] * d[q] } }
        }
        let v = SymmetricEigen3.smallestEigenvector(a)
        let norm = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
        return norm > 0 && norm.isFinite ? (v.0 / norm, v.1 / norm, v.2 / norm) : (0, 0, 1)
    }

    /// geometry-central's tangent basis of a unit vector.
    static func tangentBasis(_ n: (Double, Double, Double)) -> ((Double, Double, Double), (Double, Double, Double)) {
        func cross(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> (Double, Double, Double) {
            (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
        }
        func unit(_ a: (Double, Double, Double)) -> (Double, Double, Double) {
            let s = (a.0 * a.0 + a.1 * a.1 + a.2 * a.2).squareRoot(); return (a.0 / s, a.1 / s, a.2 / s)
        }
        let test: (Double, Double, Double) = abs(n.0) > 0.9 ? (0, 1, 0) : (1, 0, 0)
        let bx = unit(cross(test, n))
        return (bx, unit(cross(n, bx)))
    }

    /// The triangles at the origin of the planar Delaunay triangulation of
    /// the points (px, py) (sorted by distance, the last the farthest):
    /// pairs of neighbour slots, found by sweeping the points in angular
    /// order from the closest one (or from the end of a gap of at least pi:
    /// a boundary) and accepting the first next point whose circumcircle
    /// with the current one is empty up to a tolerance.
    static func delaunayFan(_ px: inout [Double], _ py: inout [Double], _ angle: inout [Double]) -> [(Int, Int)] {
        let k = px.count
        let perturbThreshold = 1e-7, collinearThreshold = 1e-5, outsideEps = 1e-4
        let scale = (px[k - 1] * px[k - 1] + py[k - 1] * py[k - 1]).squareRoot()
        guard scale.isFinite, scale > 0 else { return [] }
        // Points (nearly) at the centre move out a little, in their own direction (or one from their slot).
        for t in 0..<k {
            let r = (px[t] * px[t] + py[t] * py[t]).squareRoot()
            if r < scale * perturbThreshold {
                var dx = px[t] / r, dy = py[t] / r
                if !(dx.isFinite && dy.isFinite) {
                    let theta = 2 * Double.pi * Double(t) / Double(k)
                    dx = cos(theta); dy = sin(theta)
                }
                let len = (1 + Double(t) / Double(k)) * scale * perturbThreshold * 10
                px[t] = len * dx; py[t] = len * dy
            }
        }
        var closest = 0, closestDistance = Double.infinity
        for t in 0..<k {
            let r = (px[t] * px[t] + py[t] * py[t]).squareRoot()
            if r < closestDistance { closestDistance = r; closest = t }
        }
        for t in 0..<k { angle[t] = atan2(py[t], px[t]) }
        var order = Array(0..<k)
        order.sort { angle[$0] < angle[$1] || (angle[$0] == angle[$1] && $0 < $1) }
        // The largest gap between angular neighbours (robust_laplacian's sweep never counts the wrap-around gap as one).
        var largestGap = -1.0, gapEnd = 0
        for s in 0..<k {
            let e = (s + 1) % k
            let gap = s + 1 == k ? angle[order[e]] - (angle[order[s]] + 2 * Double.pi) : angle[order[e]] - angle[order[s]]
            if gap > largestGap { largestGap = gap; gapEnd = e }
        }
        let boundary = largestGap > Double.pi - collinearThreshold
        let first = boundary ? gapEnd : (order.firstIndex(of: closest) ?? 0)
        order = Array(order[first...] + order[..<first])
        var result: [(Int, Int)] = []
        let searchEnd = k + (boundary ? 0 : 1)
        var start = 0
        while start < k {
            let a = order[start]
            let ra = (px[a] * px[a] + py[a] * py[a]).squareRoot()
            let ax = px[a] / ra, ay = py[a] / ra
            var found = false
            var end = start + 1
            while end < searchEnd {
                let b = order[end % k]
                let rb = (px[b] * px[b] + py[b] * py[b]).squareRoot()
                let bx = px[b] / rb, by = py[b] / rb
                if abs(ax * by - ay * bx) < collinearThreshold { end += 1; continue }
                // The circumcentre: where the perpendicular bisectors of the two legs meet.
                let d1 = (-ay, ax), d2 = (by, -bx)                         // rotate90 of the leg directions (the second reversed)
                let v1 = (0.5 * px[a] - 0.5 * px[b], 0.5 * py[a] - 0.5 * py[b])
                let v3 = (-d1.1, d1.0)
                let t1 = (d2.0 * v1.1 - d2.1 * v1.0) / (d2.0 * v3.0 + d2.1 * v3.1)
                let cx = 0.5 * px[a] + t1 * d1.0, cy = 0.5 * py[a] + t1 * d1.1
                let radius = (cx * cx + cy * cy).squareRoot()
                var nearest = Double.infinity
                var conservative = radius - scale * outsideEps
                conservative *= conservative
                for t in 0..<k where t != a && t != b {
                    let ex = cx - px[t], ey = cy - py[t]
                    nearest = min(nearest, ex * ex + ey * ey)
                    if nearest < conservative { break }
                }
                if nearest.squareRoot() + scale * outsideEps > radius {
                    result.append((a, b))
                    start = end
                    found = true
                    break
                }
                end += 1
            }
            if !found { start += 1 }
        }
        return result
    }
}

/// The eigenvector of a symmetric 3 x 3 matrix for its smallest eigenvalue (cyclic Jacobi).
enum SymmetricEigen3 {
    static func smallestEigenvector(_ m: [Double]) -> (Double, Double, Double) {
        var a = m
        var v: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        for _ in 0..<50 {
            let off = a[1] * a[1] + a[2] * a[2] + a[5] * a[5]
            let scale = a[0] * a[0] + a[4] * a[4] + a[8] * a[8] + off
            if off <= 1e-30 * scale || off == 0 { break }
            for (p, q) in [(0, 1), (0, 2), (1, 2)] {
                let apq = a[p * 3 + q]
                if apq == 0 { continue }
                let theta = (a[q * 3 + q] - a[p * 3 + p]) / (2 * apq)
                let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                // A <- J^T A J, V <- V J with the rotation in the (p, q) plane.
                for r in 0..<3 {
                    let arp = a[r * 3 + p], arq = a[r * 3 + q]
                    a[r * 3 + p] = c * arp - s * arq; a[r * 3 + q] = s * arp + c * arq
                }
                for r in 0..<3 {
                    let apr = a[p * 3 + r], aqr = a[q * 3 + r]
                    a[p * 3 + r] = c * apr - s * aqr; a[q * 3 + r] = s * apr + c * aqr
                }
                for r in 0..<3 {
                    let vrp = v[r * 3 + p], vrq = v[r * 3 + q]
                    v[r * 3 + p] = c * vrp - s * vrq; v[r * 3 + q] = s * vrp + c * vrq
                }
            }
        }
        var best = 0
        for c in 1..<3 where a[c * 3 + c] < a[best * 3 + best] { best = c }
        return (v[best], v[3 + best], v[6 + best])
    }
}
