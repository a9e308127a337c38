/// Up to four point ids stored inline (no allocation): the vertices of a
/// cell or face handed to the predicates in `ExactGeometry`.
struct Verts {
    var v0: Int32 = 0, v1: Int32 = 0, v2: Int32 = 0, v3: Int32 = 0
    var count = 0

    init() {}

    init(_ a: [Int32]) {
        for x in a { append(x) }
    }

    init(_ a: UnsafeBufferPointer<Int32>, _ start: Int, _ n: Int) {
        for i in 0..<n { append(a[start + i]) }
    }

    @inline(__always) subscript(i: Int) -> Int32 {
        get {
            switch i {
            case 0: return v0
            case 1: return v1
            case 2: return v2
            default: return v3
            }
        }
        set {
            switch i {
            case 0: v0 = newValue
            case 1: v1 = newValue
            case 2: v2 = newValue
            default: v3 = newValue
            }
        }
    }

    @inline(__always) mutating func append(_ x: Int32) {
        self[count] = x
        count += 1
    }

    /// The same ids without position i.
    @inline(__always) func removing(_ i: Int) -> Verts {
        var out = Verts()
        for j in 0..<count where j != i { out.append(self[j]) }
        return out
    }

    var array: [Int32] { (0..<count).map { self[$0] } }
}
