import PointClouds

/// The k nearest neighbours (Euclidean) of every point of a cloud, found
/// with a k-d tree: exact, ties broken by the smaller index, a point never
/// its own neighbour (a duplicate of it is, at distance 0).
///
/// ```swift
/// let cloud = try PointCloud(rows: [[0, 0], [1, 0], [3, 0]])
/// let knn = try NearestNeighbors(cloud, k: 1)
/// knn.indices      // [1, 0, 1]
/// knn.distances    // [1, 1, 2]
/// ```
///
/// - Complexity: O(n log^2 n) to build the tree (median splits on the
///   widest coordinate, buckets of 16 points), then about O(k log n) per
///   query on well-spread points; O(n k) memory for the answer.
public struct NearestNeighbors: Sendable, Equatable {
    /// The number of neighbours per point.
    public let k: Int
    /// Row-major n x k: the neighbours of point i, nearest first, at `i*k ..< (i+1)*k`.
    public let indices: [Int32]
    /// Their distances, in the same layout.
    public let distances: [Double]

    /// Finds the k nearest neighbours of every point of `cloud`.
    ///
    /// - Throws: `SpectralBasesError.invalidParameter` when k is not in
    ///   1 ..< count, or the cloud has more than Int32.max points.
    public init(_ cloud: PointCloud, k: Int) throws {
        let n = cloud.count, d = cloud.dimension
        guard n >= 2, k >= 1, k < n else {
            throw SpectralBasesError.invalidParameter(name: "--neighbors", reason: "must be between 1 and \(max(n - 1, 0)) for \(n) points, got \(k)")
        }
        guard n <= Int(Int32.max) else {
            throw SpectralBasesError.tooLarge("\(n) points: at most \(Int32.max)")
        }
        let (order, nodes) = Self.buildTree(cloud)
        var idx = [Int32](repeating: 0, count: n * k)
        var dist = [Double](repeating: 0, count: n * k)
        cloud.coordinates.withUnsafeBufferPointer { x in
            order.withUnsafeBufferPointer { perm in
                // A max-heap of the best k (squared distance, index) found so far, lexicographic.
                var heapD = [Double](repeating: 0, count: k)
                var heapI = [Int32](repeating: 0, count: k)
                var stack: [Int] = []
                for q in 0..<n {
                    var size = 0
                    func worse(_ a: Int, _ b: Int) -> Bool {
                        heapD[a] > heapD[b] || (heapD[a] == heapD[b] && heapI[a] > heapI[b])
                    }
                    func offer(_ s: Double, _ j: Int32) {
                        if size < k {
                            heapD[size] = s; heapI[size] = j
                            var c = size; size += 1
                            while c > 0 { let p = (c - 1) / 2; if worse(c, p) { heapD.swapAt(c, p); heapI.swapAt(c, p); c = p } else { break } }
                        } else if s < heapD[0] || (s == heapD[0] && j < heapI[0]) {
                            heapD[0] = s; heapI[0] = j
                            var p = 0
                            while true {
                                let l = 2 * p + 1, r = l + 1
                                var m = p
                                if l < k && worse(l, m) { m = l }
                                if r < k && worse(r, m) { m = r }
                                if m == p { break }
                                heapD.swapAt(m, p); heapI.swapAt(m, p); p = m
                            }
                        }
                    }
                    stack.removeAll(keepingCapacity: true)
                    stack.append(0)
                    while let node = stack.popLast() {
                        let nd = nodes[node]
                        if nd.left < 0 {
                            for t in nd.lower..<nd.upper {
                                let j = Int(perm[t])
                                if j == q { continue }
                                var s = 0.0
                                for c in 0..<d { let u = x[q * d + c] - x[j * d + c]; s += u * u }
                                offer(s, Int32(j))
                            }
                            continue
                        }
                        // Visit the near side last (popped first); skip the far side when its slab is beyond the k-th distance.
                        let delta = x[q * d + nd.axis] - nd.split
                        let near = delta <= 0 ? nd.left : nd.left + 1
                        let far = delta <= 0 ? nd.left + 1 : nd.left
                        if size < k || delta * delta <= heapD[0] { stack.append(far) }
                        stack.append(near)
                    }
                    // Sort the heap's contents ascending.
                    var found = (0..<k).map { (heapD[$0], heapI[$0]) }
                    found.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
                    for t in 0..<k { idx[q * k + t] = found[t].1; dist[q * k + t] = found[t].0.squareRoot() }
                }
            }
        }
        self.k = k
        indices = idx
        distances = dist
    }

    struct Node {
        var lower: Int, upper: Int     // the points perm[lower ..< upper]
        var axis: Int, split: Double
        var left: Int                  // child indices left, left + 1; -1 for a leaf
    }

    /// The tree: a permutation of the points and the nodes (root 0, children adjacent).
    static func buildTree(_ cloud: PointCloud) -> ([Int32], [Node]) {
        let n = cloud.count, d = cloud.dimension, x = cloud.coordinates
        var perm = (0..<n).map { Int32($0) }
        var nodes = [Node(lower: 0, upper: n, axis: 0, split: 0, left: -1)]
        var work = [0]
        while let id = work.popLast() {
            let lo = nodes[id].lower, hi = nodes[id].upper
            guard hi - lo > 16 else { continue }
            var axis = 0, widest = -1.0
            for c in 0..<d {
                var a = Double.infinity, b = -Double.infinity
                for t in lo..<hi { let v = x[Int(perm[t]) * d + c]; a = min(a, v); b = max(b, v) }
                if b - a > widest { widest = b - a; axis = c }
            }
            guard widest > 0 else { continue }   // all points equal: keep one leaf
            perm[lo..<hi].sort { x[Int($0) * d + axis] < x[Int($1) * d + axis] }
            let mid = (lo + hi) / 2
            let split = x[Int(perm[mid - 1]) * d + axis]
            // Points <= split go left, so the query's slab test is exact.
            var cut = mid
            while cut < hi && x[Int(perm[cut]) * d + axis] <= split { cut += 1 }
            if cut == hi { cut = mid; while cut > lo && x[Int(perm[cut - 1]) * d + axis] >= split { cut -= 1 } ; if cut == lo { continue } }
            let splitValue = x[Int(perm[cut - 1]) * d + axis]
            let l = nodes.count
            nodes[id].axis = axis; nodes[id].split = splitValue; nodes[id].left = l
            nodes.append(Node(lower: lo, upper: cut, axis: 0, split: 0, left: -1))
            nodes.append(Node(lower: cut, upper: hi, axis: 0, split: 0, left: -1))
            work.append(l); work.append(l + 1)
        }
        return (perm, nodes)
    }
}
