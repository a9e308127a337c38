/// Disjoint sets over `0 ..< count` with path compression: the one
/// union-find of the Rips engine and the boundary-matrix engine. A union
/// hangs one root under another; the caller's elder rule picks which.
///
/// ```swift
/// var sets = UnionFind(count: 3)
/// sets.attach(2, under: 0)
/// sets.find(2)  // 0
/// ```
struct UnionFind {
    private var parent: [Int32]

    init(count: Int) {
        parent = (0..<Int32(truncatingIfNeeded: count)).map { $0 }
    }

    /// The root of `x`'s set; compresses the path.
    @inline(__always)
    mutating func find(_ x: Int) -> Int {
        parent.withUnsafeMutableBufferPointer { p in
            var root = Int32(truncatingIfNeeded: x)
            while p[Int(root)] != root { root = p[Int(root)] }
            var y = Int32(truncatingIfNeeded: x)
            while p[Int(y)] != root { let next = p[Int(y)]; p[Int(y)] = root; y = next }
            return Int(root)
        }
    }

    /// Hangs root `child` under root `root`.
    @inline(__always)
    mutating func attach(_ child: Int, under root: Int) {
        parent[child] = Int32(truncatingIfNeeded: root)
    }
}

/// The position of edge {i, j}, i > j, in the combinatorial number system
/// and in a compressed lower triangle (Ripser's layout): i(i-1)/2 + j.
@inline(__always)
func triangularIndex(_ i: Int, _ j: Int) -> Int {
    (i &* (i &- 1)) >> 1 &+ j
}
