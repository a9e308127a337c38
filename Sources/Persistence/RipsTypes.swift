// Shared value types of the implicit Rips engine.

/// A simplex (or a coboundary entry) in the engine: its diameter and its
/// packed entry `index << coefficientBits | coefficient`, where `index` is
/// the simplex's position in the combinatorial number system.

struct DiameterEntry {
    var diameter: Double
    var entry: Int64

    @inline(__always)
    init(diameter: Double, entry: Int64) {
        self.diameter = diameter
        self.entry = entry
    }
}

/// Binomial coefficients C(n, k) for 0 <= n <= nMax, 0 <= k <= kMax, stored
/// row-major by k so that `C(n, k) = table[k * (nMax + 1) + n]`.

final class BinomialTable {
    let stride: Int
    let table: UnsafeMutablePointer<Int64>
    let size: Int

    /// - Throws: `PersistenceError.tooLarge` if C(nMax, kMax) exceeds `limit`,
    ///   so simplex indices could not be represented.
    init(nMax: Int, kMax: Int, limit: Int64) throws {
        stride = nMax + 1
        size = (kMax + 1) * stride
        table = .allocate(capacity: size)
        table.initialize(repeating: 0, count: size)
        for n in 0...nMax {
            table[n] = 1
            if n <= kMax { table[n * stride + n] = 1 }
        }
        if kMax >= 1 {
            for k in 1...kMax {
                for n in 0...nMax where n > k {
                    let (s, o) = table[(k - 1) * stride + n - 1].addingReportingOverflow(table[k * stride + n - 1])
                    if o || s > limit {
                        // deinit frees the table.
                        throw PersistenceError.tooLarge(
                            "\(nMax) points in dimension \(kMax - 1) overflow the simplex index "
                            + "(C(\(nMax), \(kMax)) > \(limit)); lower --max-dim or use a threshold")
                    }
                    table[k * stride + n] = s
                }
            }
        }
    }

    deinit { table.deallocate() }

    @inline(__always)
    func callAsFunction(_ n: Int, _ k: Int) -> Int64 {
        table[k &* stride &+ n]
    }
}

/// A min-heap of coboundary entries ordered by (diameter ascending, entry
/// descending): the top is Ripser's pivot candidate. Storage is reused
/// between columns.
///
/// A column's heap can grow to millions of entries (sphere_3_192's H2
/// column: 2.2 M, 36 MB), most of them far behind the pivot, and every pop
/// then walks ~21 levels out of cache. With `coefficientMask` set, a heap
/// past `spillLimit` keeps only its first entries (up to `bound`) as a heap
/// and the rest unsorted in `far`, taken back a slice at a time when the
/// heap runs dry: pops stay in a heap that fits in the cache. All entries
/// of one simplex index fall on the same side of `bound` (its coefficient
/// bits are zero), so the order seen through `top`, `pop` and `pivot` is
/// the plain heap's.
struct EntryHeap {
    var items: [DiameterEntry] = []
    /// Entries after `bound` in the order, unsorted.
    var far: [DiameterEntry] = []
    /// Every entry of `items` comes before it, no entry of `far` does (when
    /// `far` is in use).
    var bound = DiameterEntry(diameter: 0, entry: 0)
    var spilled = false
    /// The coefficient bits of an entry; 0: never spill.
    var coefficientMask: Int64 = 0
    static let spillLimit = 1 << 18
    static let keptAfterSpill = 1 << 16

    var isEmpty: Bool { items.isEmpty }
    var top: DiameterEntry { items[0] }
    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        far.removeAll(keepingCapacity: true)
        spilled = false
    }

    @inline(__always)
    static func before(_ a: DiameterEntry, _ b: DiameterEntry) -> Bool {
        a.diameter < b.diameter || (a.diameter == b.diameter && a.entry > b.entry)
    }

    @inline(__always)
    mutating func push(_ x: DiameterEntry) {
        if spilled && !EntryHeap.before(x, bound) {
            far.append(x)
            return
        }
        siftUp(x)
        if coefficientMask != 0 && items.count > EntryHeap.spillLimit { spill() }
    }

    /// Pushes `count` entries from `source`, as `push` one at a time would
    /// (the same heap, entry for entry), with one append and one
    /// uniqueness check for the batch instead of one per entry.
    @inline(__always)
    mutating func push(contentsOf source: UnsafePointer<DiameterEntry>, count: Int) {
        if spilled || (coefficientMask != 0 && items.count + count > EntryHeap.spillLimit) {
            for t in 0..<count { push(source[t]) }
            return
        }
        let start = items.count
        items.append(contentsOf: UnsafeBufferPointer(start: source, count: count))
        items.withUnsafeMutableBufferPointer { h in
            guard let h = h.baseAddress else { return }
            for position in start..<(start + count) { EntryHeap.siftUp(h[position], from: position, in: h) }
        }
    }

    @inline(__always)
    mutating func siftUp(_ x: DiameterEntry) {
        items.append(x)
        items.withUnsafeMutableBufferPointer { b in
            guard let h = b.baseAddress else { return }
            EntryHeap.siftUp(x, from: b.count - 1, in: h)
        }
    }

    /// Moves `x`, standing at `position`, up to its place in the heap `h`.
    @inline(__always)
    static func siftUp(_ x: DiameterEntry, from position: Int, in h: UnsafeMutablePointer<DiameterEntry>) {
        var i = position
        while i > 0 {
            let parent = (i - 1) >> 1
            if !EntryHeap.before(x, h[parent]) { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = x
    }

    mutating func pop() {
        let last = items.removeLast()
        if items.isEmpty {
            if spilled { refill() }
            return
        }
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= n { break }
                if child + 1 < n && EntryHeap.before(h[child + 1], h[child]) { child += 1 }
                if !EntryHeap.before(h[child], last) { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
        }
    }

    /// A bound with about `keep` of `entries` before it (from a sample),
    /// its coefficient bits cleared.
    func quantile(_ entries: [DiameterEntry], keep: Int) -> DiameterEntry {
        let stride = Swift.max(1, entries.count / 2048)
        var sample: [DiameterEntry] = []
        sample.reserveCapacity(entries.count / stride + 1)
        var k = 0
        while k < entries.count { sample.append(entries[k]); k += stride }
        sample.sort(by: EntryHeap.before)
        let position = Swift.min(sample.count - 1, Swift.max(0, keep / stride))
        let b = sample[position]
        return DiameterEntry(diameter: b.diameter, entry: b.entry & ~coefficientMask)
    }

    /// Moves all but about `keptAfterSpill` entries of the heap to `far`.
    mutating func spill() {
        let newBound = quantile(items, keep: EntryHeap.keptAfterSpill)
        var kept: [DiameterEntry] = []
        kept.reserveCapacity(EntryHeap.keptAfterSpill * 2)
        for x in items {
            if EntryHeap.before(x, newBound) { kept.append(x) } else { far.append(x) }
        }
        bound = newBound
        spilled = true
        items = kept
        heapify()
    }

    /// The heap is empty: takes the first slice of `far` back into it.
    mutating func refill() {
        if far.count <= 2 * EntryHeap.keptAfterSpill {
            swap(&items, &far)
            far.removeAll(keepingCapacity: true)
            spilled = false
        } else {
            let newBound = quantile(far, keep: EntryHeap.keptAfterSpill)
            var rest = 0
            far.withUnsafeMutableBufferPointer { f in
                for t in 0..<f.count {
                    if EntryHeap.before(f[t], newBound) { items.append(f[t]) } else { f[rest] = f[t]; rest += 1 }
                }
            }
            far.removeLast(far.count - rest)
            bound = newBound
        }
        heapify()
    }

    /// Floyd's bottom-up heap construction.
    mutating func heapify() {
        items.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var start = n / 2 - 1
            while start >= 0 {
                let x = h[start]
                var i = start
                while true {
                    var child = 2 * i + 1
                    if child >= n { break }
                    if child + 1 < n && EntryHeap.before(h[child + 1], h[child]) { child += 1 }
                    if !EntryHeap.before(h[child], x) { break }
                    h[i] = h[child]
                    i = child
                }
                h[i] = x
                start -= 1
            }
        }
    }

    /// The top entry with its coefficient summed over the entries of the
    /// same simplex index (adjacent in the heap's order), left in the heap
    /// once; entries summing to zero are removed. Nil if the column is zero.
    /// Ripser's `get_pivot` without its pop and push when the top's index
    /// occurs once.
    @inline(__always)
    mutating func pivot(coefficientBits: Int64, modulus: Int64) -> DiameterEntry? {
        let mask = (Int64(1) << coefficientBits) &- 1
        while !items.isEmpty {
            let index = items[0].entry >> coefficientBits
            var c = items[0].entry & mask
            var merged = false
            while items.count > 1 {
                // The second entry in order is the smaller child of the root.
                var second = items[1]
                if items.count > 2 && EntryHeap.before(items[2], second) { second = items[2] }
                if second.entry >> coefficientBits != index { break }
                pop()
                c = modulus == 2 ? (c ^ (second.entry & mask)) : (c &+ (second.entry & mask)) % modulus
                merged = true
            }
            if c == 0 {
                pop()
                continue
            }
            if merged {
                // Same index, so the same place in the order: the root stays the root.
                items[0].entry = (items[0].entry & ~mask) | c
            }
            return items[0]
        }
        return nil
    }
}

/// Open-addressing hash map from simplex index to (column, pivot
/// coefficient), Ripser's `pivot_column_index`.

struct PivotTable {
    var keys: [Int64]
    var values: [Int64]
    var mask: Int
    var count = 0

    init(capacity: Int) {
        var c = 16
        while c < 2 * capacity { c <<= 1 }
        keys = Array(repeating: -1, count: c)
        values = Array(repeating: 0, count: c)
        mask = c - 1
    }

    @inline(__always)
    static func hash(_ k: Int64) -> Int {
        var x = UInt64(bitPattern: k) &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return Int(truncatingIfNeeded: x)
    }

    /// The stored value for `key`, or -1.
    
    func find(_ key: Int64) -> Int64 {
        keys.withUnsafeBufferPointer { kp in
            var i = PivotTable.hash(key) & mask
            while true {
                let k = kp[i]
                if k == key { return values[i] }
                if k == -1 { return -1 }
                i = (i + 1) & mask
            }
        }
    }

    
    mutating func insert(_ key: Int64, _ value: Int64) {
        if 2 * (count + 1) > keys.count { grow() }
        var i = PivotTable.hash(key) & mask
        while keys[i] != -1 && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == -1 { count += 1 }
        keys[i] = key
        values[i] = value
    }

    mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: -1, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != -1 { insert(k, v) }
    }
}

/// The coefficient of the k-th face or coface of a simplex with coefficient
/// `c` (1 <= c < p): (-1)^k c in Z/p, without a division ((p - 1) c mod p
/// is p - c).
@inline(__always)
func alternating(_ c: Int64, _ k: Int, modulus: Int64) -> Int64 {
    k & 1 == 1 ? modulus &- c : c
}

/// The multiplicative inverses of Z/p, Ripser's `multiplicative_inverse_vector`
/// (entry 0 unused): the one table of inverses of both engines.
package func multiplicativeInverses(_ p: Int) -> [Int64] {
    var inverse = [Int64](repeating: 0, count: p)
    if p > 1 { inverse[1] = 1 }
    if p > 2 {
        for a in 2..<p { inverse[a] = Int64(p) - (Int64(p / a) * inverse[p % a]) % Int64(p) }
    }
    return inverse
}

/// Whether `p` is a prime.
func isPrime(_ p: Int) -> Bool {
    if p < 2 { return false }
    var d = 2
    while d * d <= p {
        if p % d == 0 { return false }
        d += 1
    }
    return true
}
