/// A binary min-heap of keys for the identifiers 0..<count, with the
/// position of each identifier kept so a key can change in O(log count):
/// the prices of the diagonal items in the Wasserstein auction.
///
/// - Complexity: `update` O(log count); `min` and `secondMin` O(1).
struct IndexedMinHeap {
    private(set) var key: [Double]
    private var heap: [Int32]
    private var position: [Int32]

    /// Every identifier with key 0.
    init(count: Int) {
        key = [Double](repeating: 0, count: count)
        heap = Array(0..<Int32(count))
        position = Array(0..<Int32(count))
    }

    var isEmpty: Bool { heap.isEmpty }

    /// The identifier with the smallest key (-1 when empty).
    var min: Int { heap.isEmpty ? -1 : Int(heap[0]) }

    /// The second smallest key (infinity with fewer than two entries).
    var secondMinKey: Double {
        var best = Double.infinity
        if heap.count > 1 { best = key[Int(heap[1])] }
        if heap.count > 2 { best = Swift.min(best, key[Int(heap[2])]) }
        return best
    }

    mutating func update(_ ident: Int, _ value: Double) {
        let old = key[ident]
        key[ident] = value
        var p = Int(position[ident])
        if value < old {
            while p > 0 {
                let parent = (p - 1) >> 1
                if key[Int(heap[parent])] <= value { break }
                place(Int(heap[parent]), at: p)
                p = parent
            }
        } else {
            let count = heap.count
            while true {
                var child = 2 * p + 1
                if child >= count { break }
                if child + 1 < count && key[Int(heap[child + 1])] < key[Int(heap[child])] { child += 1 }
                if key[Int(heap[child])] >= value { break }
                place(Int(heap[child]), at: p)
                p = child
            }
        }
        place(ident, at: p)
    }

    @inline(__always) private mutating func place(_ ident: Int, at p: Int) {
        heap[p] = Int32(ident)
        position[ident] = Int32(p)
    }
}
