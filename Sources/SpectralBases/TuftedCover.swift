import Foundation

/// The tufted cover of a (possibly nonmanifold, repeated) triangle soup as
/// an intrinsic triangulation, flipped to intrinsic Delaunay (Sharp and
/// Crane, SGP 2020, section 4): every triangle gets a front and a back
/// sheet, and around each edge the sheets of its triangles are glued in
/// angular order into one cycle, so every edge of the cover has exactly two
/// sides. Lengths only: the geometry is intrinsic from then on.
///
/// Halfedge h belongs to face h / 3; `next`, `twin` and `tail` give the
/// connectivity, `edgeOf` the edge and `length` each edge's length.
struct TuftedCover {
    var tail: [Int32]
    var next: [Int32]
    var twin: [Int32]
    var edgeOf: [Int32]
    var length: [Double]
    var edgeHalfedge: [Int32]
    let vertexCount: Int

    /// - Parameters:
    ///   - positions: row-major 3D coordinates.
    ///   - triangles: vertex triples (distinct vertices).
    ///   - mollifyFactor: relative to the mean edge length of the soup.
    init(positions x: [Double], vertexCount: Int, triangles: [(Int32, Int32, Int32)], mollifyFactor: Double) {
        self.vertexCount = vertexCount
        let f = triangles.count
        // The soup's undirected edges (one per vertex pair) and, per triangle side, its edge.
        var key: [UInt64: Int32] = [:]
        key.reserveCapacity(f * 2)
        var sideEdge = [Int32](repeating: 0, count: 3 * f)
        var ends: [(Int32, Int32)] = []
        for (t, tri) in triangles.enumerated() {
            let v = [tri.0, tri.1, tri.2]
            for r in 0..<3 {
                let a = v[r], b = v[(r + 1) % 3]
                let k = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
                if let e = key[k] { sideEdge[3 * t + r] = e } else {
                    let e = Int32(ends.count); key[k] = e; ends.append((min(a, b), max(a, b))); sideEdge[3 * t + r] = e
                }
            }
        }
        func distance(_ a: Int32, _ b: Int32) -> Double {
            let i = Int(a) * 3, j = Int(b) * 3
            let d0 = x[i] - x[j], d1 = x[i + 1] - x[j + 1], d2 = x[i + 2] - x[j + 2]
            return (d0 * d0 + d1 * d1 + d2 * d2).squareRoot()
        }
        var soupLength = ends.map { distance($0.0, $0.1) }
        // Mollification: the least epsilon added to every length so that l_c <= l_a + l_b - delta in every triangle.
        if mollifyFactor > 0, !soupLength.isEmpty {
            let delta = soupLength.reduce(0, +) / Double(soupLength.count) * mollifyFactor
            var eps = 0.0
            for t in 0..<f {
                for r in 0..<3 {
                    let la = soupLength[Int(sideEdge[3 * t + r])]
                    let lb = soupLength[Int(sideEdge[3 * t + (r + 1) % 3])]
                    let lc = soupLength[Int(sideEdge[3 * t + (r + 2) % 3])]
                    eps = max(eps, lc - la - lb + delta)
                }
            }
            for e in soupLength.indices { soupLength[e] += eps }
        }
        // Faces 0 ..< f are the fronts (a, b, c); f + t is the back of t, (a, c, b).
        // Front side r of t runs v_r -> v_{r+1}; the back's halfedge on that side runs the other way.
        let h = 6 * f
        var tail = [Int32](repeating: 0, count: h)
        var next = [Int32](repeating: 0, count: h)
        var twin = [Int32](repeating: -1, count: h)
        for (t, tri) in triangles.enumerated() {
            let v = [tri.0, tri.1, tri.2]
            for r in 0..<3 {
                tail[3 * t + r] = v[r]
                next[3 * t + r] = Int32(3 * t + (r + 1) % 3)
                // The back's halfedge 3(f+t)+r is side r reversed: v_{r+1} -> v_r, followed by side r-1 reversed.
                tail[3 * (f + t) + r] = v[(r + 1) % 3]
                next[3 * (f + t) + r] = Int32(3 * (f + t) + (r + 2) % 3)
            }
        }
        // Around each soup edge, the triangles on it sorted by the angle of their third vertex, glued in a cycle.
        var sides = [[Int32]](repeating: [], count: ends.count)
        for s in 0..<(3 * f) { sides[Int(sideEdge[s])].append(Int32(s)) }
        var edgeOf = [Int32](repeating: 0, count: h)
        var length: [Double] = []
        var edgeHalfedge: [Int32] = []
        for e in ends.indices {
            // geometry-central's order of the sides around an edge: the first created, then the rest newest first;
            // the edge runs the way the first one does (this fixes the order of exactly coincident triangles).
            let created = sides[e]
            let list = [created[0]] + created.dropFirst().reversed()
            let u = tail[Int(created[0])]
            let v = ends[e].0 == u ? ends[e].1 : ends[e].0
            let iu = Int(u) * 3, iv = Int(v) * 3
            let axis = (x[iv] - x[iu], x[iv + 1] - x[iu + 1], x[iv + 2] - x[iu + 2])
            let (bx, by) = PointCloudLaplacian.tangentBasis(Self.unit(axis))
            func angle(_ s: Int32) -> Double {
                let t = Int(s) / 3, r = Int(s) % 3
                let tri = triangles[t]
                let third = Int([tri.0, tri.1, tri.2][(r + 2) % 3]) * 3
                let o = Self.unit((x[third] - x[iu], x[third + 1] - x[iu + 1], x[third + 2] - x[iu + 2]))
                return atan2(by.0 * o.0 + by.1 * o.1 + by.2 * o.2, bx.0 * o.0 + bx.1 * o.1 + bx.2 * o.2)
            }
            let angles = list.map(angle)
            // Descending angle, stable (as libstdc++'s insertion sort for the short lists met here).
            let order = list.indices.sorted { angles[$0] > angles[$1] || (angles[$0] == angles[$1] && $0 < $1) }
            // The sheet of side s whose halfedge runs v -> u, and the one running u -> v.
            func backward(_ s: Int32) -> Int32 { tail[Int(s)] == v ? s : s + Int32(3 * f) }
            func forward(_ s: Int32) -> Int32 { tail[Int(s)] == u ? s : s + Int32(3 * f) }
            var current = backward(list[order[0]])
            for q in 0..<order.count {
                let s = list[order[(q + 1) % order.count]]
                let other = forward(s)
                twin[Int(current)] = other; twin[Int(other)] = current
                let id = Int32(length.count)
                edgeOf[Int(current)] = id; edgeOf[Int(other)] = id
                length.append(soupLength[e]); edgeHalfedge.append(current)
                current = backward(s)
            }
        }
        self.tail = tail
        self.next = next
        self.twin = twin
        self.edgeOf = edgeOf
        self.length = length
        self.edgeHalfedge = edgeHalfedge
        flipToDelaunay()
    }

    static func unit(_ a: (Double, Double, Double)) -> (Double, Double, Double) {
        let s = (a.0 * a.0 + a.1 * a.1 + a.2 * a.2).squareRoot(); return (a.0 / s, a.1 / s, a.2 / s)
    }

    /// Heron's area from three lengths (0 for an impossible triangle).
    static func area(_ a: Double, _ b: Double, _ c: Double) -> Double {
        let s = (a + b + c) / 2
        return max(0, s * (s - a) * (s - b) * (s - c)).squareRoot()
    }

    /// Half the cotangent of the angle opposite halfedge h, in h's face.
    func halfCotangent(_ h: Int) -> Double {
        let h1 = Int(next[h]), h2 = Int(next[h1])
        let lij = length[Int(edgeOf[h])], ljk = length[Int(edgeOf[h1])], lki = length[Int(edgeOf[h2])]
        let a = Self.area(lij, ljk, lki)
        return (-lij * lij + ljk * ljk + lki * lki) / (4 * a) / 2
    }

    /// Edge flips until every edge's cotangent weight is at least -1e-6
    /// (geometry-central's `flipToDelaunay`, Euclidean, with its tolerance).
    mutating func flipToDelaunay() {
        let edges = length.count
        var queue = Array(0..<edges)
        var inQueue = [Bool](repeating: true, count: edges)
        var head = 0
        // Cost: each flip is O(1); the queue holds each edge at most once.
        while head < queue.count {
            let e = queue[head]; head += 1
            if head > 4096 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            inQueue[e] = false
            let ha1 = Int(edgeHalfedge[e]), hb1 = Int(twin[ha1])
            let ha2 = Int(next[ha1]), ha3 = Int(next[ha2])
            let hb2 = Int(next[hb1]), hb3 = Int(next[hb2])
            if ha2 == hb1 || hb2 == ha1 { continue }                 // a vertex of degree 1
            let weight = halfCotangent(ha1) + halfCotangent(hb1)
            guard weight < -1e-6 else { continue }
            // The quad va, vb, vc (in A), vd (in B): ha1 = va -> vb, hb1 = vb -> va.
            let lab = length[e], lbc = length[Int(edgeOf[ha2])], lca = length[Int(edgeOf[ha3])]
            let lad = length[Int(edgeOf[hb2])], ldb = length[Int(edgeOf[hb3])]
            // Lay out va = (0, 0), vb = (lab, 0); vc above, vd below the line.
            let cx = (lab * lab - lbc * lbc + lca * lca) / (2 * lab)
            let cy = 2 * Self.area(lab, lbc, lca) / lab
            let dx = (lab * lab - ldb * ldb + lad * lad) / (2 * lab)
            let dy = -2 * Self.area(lab, ldb, lad) / lab
            let newLength = ((cx - dx) * (cx - dx) + (cy - dy) * (cy - dy)).squareRoot()
            guard newLength.isFinite else { continue }
            let vc = tail[ha3], vd = tail[hb3]
            // After the flip: face A = (ha1: vd -> vc, ha3, hb2), face B = (hb1: vc -> vd, hb3, ha2).
            tail[ha1] = vd; tail[hb1] = vc
            next[ha1] = Int32(ha3); next[ha3] = Int32(hb2); next[hb2] = Int32(ha1)
            next[hb1] = Int32(hb3); next[hb3] = Int32(ha2); next[ha2] = Int32(hb1)
            length[e] = newLength
            for s in [ha2, ha3, hb2, hb3] {
                let q = Int(edgeOf[s])
                if !inQueue[q] { inQueue[q] = true; queue.append(q) }
            }
        }
    }

    /// The cotangent Laplacian's triplets (both (i, j) and (j, i)) and the
    /// lumped mass (a third of each incident face's area), both halved for
    /// the double cover.
    func cotangentLaplacian() -> ([(Int, Int, Double)], [Double]) {
        var triplets: [(Int, Int, Double)] = []
        triplets.reserveCapacity(4 * length.count)
        for e in 0..<length.count {
            let h = Int(edgeHalfedge[e])
            let w = 0.5 * (halfCotangent(h) + halfCotangent(Int(twin[h])))
            let i = Int(tail[h]), j = Int(tail[Int(twin[h])])
            if i == j { continue }                                   // a loop: its four entries cancel
            triplets.append((i, i, w)); triplets.append((j, j, w))
            triplets.append((i, j, -w)); triplets.append((j, i, -w))
        }
        var mass = [Double](repeating: 0, count: vertexCount)
        // The halfedges of each face: the three of a face are reachable by next from any of them.
        var seen = [Bool](repeating: false, count: tail.count)
        for h in 0..<tail.count where !seen[h] {
            let h1 = Int(next[h]), h2 = Int(next[h1])
            seen[h] = true; seen[h1] = true; seen[h2] = true
            let a = Self.area(length[Int(edgeOf[h])], length[Int(edgeOf[h1])], length[Int(edgeOf[h2])])
            for s in [h, h1, h2] { mass[Int(tail[s])] += 0.5 * a / 3 }
        }
        return (triplets, mass)
    }
}
