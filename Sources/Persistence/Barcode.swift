/// One interval of a persistence barcode: a homology class born at `birth`
/// and dying at `death` (`.infinity` for an essential class).
///
/// ```swift
/// let bar = Bar(birth: 0.5, death: 1.25)
/// bar.persistence  // 0.75
/// ```
public struct Bar: Hashable, Sendable, Codable, Comparable {
    public var birth: Double
    public var death: Double

    public init(birth: Double, death: Double) {
        self.birth = birth
        self.death = death
    }

    /// `death - birth`; infinite for an essential class.
    @inlinable public var persistence: Double { death - birth }
    /// Whether the class never dies.
    @inlinable public var isEssential: Bool { death == .infinity }

    /// Orders by birth, then death.
    public static func < (a: Bar, b: Bar) -> Bool {
        a.birth != b.birth ? a.birth < b.birth : a.death < b.death
    }
}

/// A persistence barcode: for each homology dimension 0...k, the multiset of
/// bars.
///
/// ```swift
/// let barcode = Barcode(bars: [[Bar(birth: 0, death: .infinity)],
///                              [Bar(birth: 1, death: 1.7)]])
/// barcode[1].count            // 1
/// barcode.bettiNumbers(at: 1.2)  // [1, 1]
/// ```
public struct Barcode: Hashable, Sendable, Codable {
    /// `bars[d]` holds the bars of dimension d.
    public var bars: [[Bar]]
    /// Representative cocycles when they were asked for (`nil` otherwise):
    /// for each dimension d >= 1, `cocycles[d][k]` represents `bars[d][k]`;
    /// `cocycles[0]` is empty (as ripser.py's).
    public var cocycles: [[Cocycle]]?

    /// Creates a barcode from bars per dimension.
    public init(bars: [[Bar]]) {
        self.bars = bars
        self.cocycles = nil
    }

    /// Creates a barcode with representative cocycles, `cocycles[d][k]` for
    /// `bars[d][k]` in every dimension d >= 1 (`cocycles[0]` empty).
    ///
    /// ```swift
    /// let c = try Cocycle(dimension: 1, vertices: [0, 1], coefficients: [1])
    /// let b = Barcode(bars: [[], [Bar(birth: 1, death: 2)]], cocycles: [[], [c]])
    /// ```
    public init(bars: [[Bar]], cocycles: [[Cocycle]]?) {
        self.bars = bars
        self.cocycles = cocycles
    }

    /// An empty barcode with dimensions 0...maxDimension.
    public init(maxDimension: Int) {
        self.bars = Array(repeating: [], count: Swift.max(0, maxDimension + 1))
    }

    /// The highest dimension this barcode covers (-1 if it covers none).
    public var maxDimension: Int { bars.count - 1 }

    /// The bars of dimension `d` (empty beyond `maxDimension`).
    public subscript(d: Int) -> [Bar] {
        d >= 0 && d < bars.count ? bars[d] : []
    }

    /// Bars with a finite death, per dimension (with their cocycles, if any).
    public var finite: Barcode { filtered { !$0.isEssential } }
    /// Bars that never die, per dimension (with their cocycles, if any).
    public var essential: Barcode { filtered { $0.isEssential } }

    /// The bars that pass `keep`, with their cocycles.
    func filtered(_ keep: (Bar) -> Bool) -> Barcode {
        guard let cocycles else { return Barcode(bars: bars.map { $0.filter(keep) }) }
        var outBars: [[Bar]] = [], outCocycles: [[Cocycle]] = []
        for (d, list) in bars.enumerated() {
            let withCocycles = d < cocycles.count && cocycles[d].count == list.count
            let kept = list.indices.filter { keep(list[$0]) }
            outBars.append(kept.map { list[$0] })
            outCocycles.append(withCocycles ? kept.map { cocycles[d][$0] } : [])
        }
        return Barcode(bars: outBars, cocycles: outCocycles)
    }

    /// The persistence (death - birth) of each bar, per dimension.
    public var persistence: [[Double]] { bars.map { $0.map(\.persistence) } }

    /// The Betti numbers at scale `t`: in each dimension, the number of bars
    /// with `birth <= t < death`.
    public func bettiNumbers(at t: Double) -> [Int] {
        bars.map { $0.reduce(0) { $0 + ($1.birth <= t && t < $1.death ? 1 : 0) } }
    }

    /// The same barcode with each dimension sorted by (birth, death); the
    /// cocycles, if any, follow their bars (stable on ties).
    public func sorted() -> Barcode {
        guard let cocycles else { return Barcode(bars: bars.map { $0.sorted() }) }
        var outBars: [[Bar]] = [], outCocycles: [[Cocycle]] = []
        for (d, list) in bars.enumerated() {
            let order = list.indices.sorted { a, b in list[a] < list[b] || (list[a] == list[b] && a < b) }
            outBars.append(order.map { list[$0] })
            let withCocycles = d < cocycles.count && cocycles[d].count == list.count
            outCocycles.append(withCocycles ? order.map { cocycles[d][$0] } : [])
        }
        return Barcode(bars: outBars, cocycles: outCocycles)
    }

    /// All bars as (dimension, bar), sorted by (dimension, birth, death).
    public var flattened: [(dimension: Int, bar: Bar)] {
        bars.enumerated().flatMap { d, b in b.sorted().map { (d, $0) } }
    }

    /// The total number of bars.
    public var count: Int { bars.reduce(0) { $0 + $1.count } }
}
