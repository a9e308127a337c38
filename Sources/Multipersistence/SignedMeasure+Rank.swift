import Complexes

extension SignedMeasure {
    /// The rank-invariant signed barcode of a two-parameter filtration on a
    /// grid: rectangles [b, d) with integer weights such that
    /// rk(x <= y) = sum of w over rectangles with b <= x and y < d (deaths
    /// exclusive, +infinity for never), the Möbius inversion of the rank
    /// invariant with the death axes flipped (Botnan, Oppermann, Oudot,
    /// Scoccola), as multipers' `invariant="rank"`.
    ///
    /// ```swift
    /// let r1 = try SignedMeasure.rank(complex, degree: 1, grid: .regular(50))
    /// r1.rank([1, 1], [2, 2])  // rank of H1(K_(1,1)) -> H1(K_(2,2))
    /// ```
    /// The rank of every pair a <= c is read from one reduction per "hook"
    /// path: along row a2 up to column c1, then up column c1. That is |G1| x |G2|
    /// reductions, each giving the ranks of all pairs on its path.
    /// - Complexity: |G1| |G2| reductions; memory 4 (|G1| |G2|)^2 bytes for the rank tensor.
    /// - Throws: `MultipersistenceError.unsupported` unless there are two
    ///   parameters, `.overBudget` when the rank tensor exceeds `memoryLimit` bytes.
    public static func rank(_ complex: FilteredComplex, degree: Int, grid strategy: Grid.Strategy = .exact,
                            options: SignedMeasureOptions = SignedMeasureOptions(),
                            memoryLimit: Int = 4 << 30) throws -> SignedMeasure {
        guard complex.parameterCount == 2 else {
            throw MultipersistenceError.unsupported("the rank invariant needs 2 parameters (this complex has \(complex.parameterCount))")
        }
        let grid = try Grid(for: complex, strategy: strategy)
        return try rank(SqueezedComplex(complex, grid: grid), degree: degree, options: options, memoryLimit: memoryLimit)
    }

    /// The bytes the rank tensor of a grid takes (nil on overflow).
    public static func rankTensorBytes(shape: [Int]) -> Int? {
        var cells = 1
        for s in shape + shape {
            let (t, o) = cells.multipliedReportingOverflow(by: s)
            if o { return nil }
            cells = t
        }
        let (b, o) = cells.multipliedReportingOverflow(by: 4)
        return o ? nil : b
    }

    /// The rank invariant on a grid, dense: rk(a <= c) = the rank of
    /// H_d(K_a) -> H_d(K_c) at [a1, a2, c1, c2] (0 unless a <= c), shape
    /// |G1| x |G2| x |G1| x |G2|.
    ///
    /// - Throws: as `rank(_:degree:options:memoryLimit:)`.
    public static func rankInvariant(_ squeezed: SqueezedComplex, degree: Int,
                                     options: SignedMeasureOptions = SignedMeasureOptions(),
                                     memoryLimit: Int = 4 << 30) throws -> GridTensor {
        let values = try rankTensor(squeezed, degree: degree, options: options, memoryLimit: memoryLimit)
        let shape = squeezed.grid.shape
        return try GridTensor(shape: shape + shape, values: values)
    }

    /// The rank signed barcode of a complex already squeezed onto its grid.
    public static func rank(_ squeezed: SqueezedComplex, degree: Int, options: SignedMeasureOptions = SignedMeasureOptions(),
                            memoryLimit: Int = 4 << 30) throws -> SignedMeasure {
        let options = try options.checked()
        var rk = try rankTensor(squeezed, degree: degree, options: options, memoryLimit: memoryLimit)
        let grid = squeezed.grid, I = grid.shape[0], J = grid.shape[1]
        if options.massDefault != .none {
            // multipers zeroes the ranks whose death index is the grid's last in some parameter.
            for a in 0..<(I * J) {
                for c0 in 0..<I { rk[(a * I + c0) * J + (J - 1)] = 0 }
                for c1 in 0..<J { rk[(a * I + (I - 1)) * J + c1] = 0 }
            }
        }
        // Möbius inversion, death axes flipped: w(a, c) = sum (-1)^(|e|+|f|) rk(a - e, c + f).
        func value(_ a0: Int, _ a1: Int, _ c0: Int, _ c1: Int) -> Int {
            guard a0 >= 0, a1 >= 0, c0 < I, c1 < J, a0 <= c0, a1 <= c1 else { return 0 }
            return Int(rk[((a0 * J + a1) * I + c0) * J + c1])
        }
        var measure = IndexMeasure(width: 4)
        for a0 in 0..<I { for a1 in 0..<J { for c0 in a0..<I { for c1 in a1..<J {
            var w = 0
            for e in 0..<4 { for f in 0..<4 {
                let sign = ((e & 1) + (e >> 1) + (f & 1) + (f >> 1)) & 1 == 0 ? 1 : -1
                w += sign * value(a0 - (e & 1), a1 - (e >> 1), c0 + (f & 1), c1 + (f >> 1))
            }}
            if w != 0 { measure.append([Int32(a0), Int32(a1), Int32(c0), Int32(c1)], w) }
        }}}}
        let mass = try options.massDefault.point(for: grid)
        // Deaths are exclusive: the rectangle whose last rank-carrying index is c dies at the next grid value.
        return try measure.values(grid: grid, mass: mass, rectangles: true) { p, idx in
            let next = Int(idx) + 1
            return next < grid.values[p].count ? grid.values[p][next] : (mass?[p] ?? .infinity)
        }
    }

    /// The rank tensor rk[((a0 J + a1) I + c0) J + c1], by hook paths.
    static func rankTensor(_ squeezed: SqueezedComplex, degree: Int, options: SignedMeasureOptions,
                           memoryLimit: Int) throws -> [Int32] {
        let options = try options.checked()
        guard squeezed.parameterCount == 2 else {
            throw MultipersistenceError.unsupported("the rank invariant needs 2 parameters (this complex has \(squeezed.parameterCount))")
        }
        guard degree >= 0, degree <= 64 else {
            throw MultipersistenceError.invalidParameter(name: "degree", reason: "\(degree) must be between 0 and 64")
        }
        let grid = squeezed.grid, I = grid.shape[0], J = grid.shape[1]
        guard let bytes = rankTensorBytes(shape: grid.shape), bytes <= memoryLimit else {
            throw MultipersistenceError.overBudget("the rank tensor of a \(I) x \(J) grid needs \(Self.bytesText(rankTensorBytes(shape: grid.shape))) (limit \(Self.bytesText(memoryLimit))); use a coarser grid, e.g. --grid regular:50")
        }
        let complex = squeezed.complex, gi = squeezed.gradeIndices
        let never = Int32.max
        // rk[((a0 * J + a1) * I + c0) * J + c1] for a <= c.
        var rk = [Int32](repeating: 0, count: I * J * I * J)
        // One-critical: a hook path is the row part (g1 <= Y, by g0) then the column part (g1 > Y, by g1).
        let orders = complex.isMultiCritical ? nil
            : (SweepOrder(squeezed, sweep: 0, top: degree + 1), SweepOrder(squeezed, sweep: 1, top: degree + 1))
        let paths: [[(a0: Int32, c1Limit: Int32, b: Int32)]] = try parallelMap(
            I * J, threads: options.threads, progress: options.progress,
            state: { SliceReducer(squeezed, maxDegree: degree, modulus: options.modulus, cells: orders == nil) }
        ) { path, reducer in
            let X = Int32(path / J), Y = Int32(path % J)
            let bars = try orders.map { row, column in
                reducer.bars(row, in: row.ranks(from: Int32.min, through: X), keep: { c in gi[2 * c + 1] <= Y },
                             then: column, in: column.ranks(from: Y + 1, through: never - 1), secondShift: X - Y,
                             keepSecond: { c in gi[2 * c] <= X && gi[2 * c + 1] > Y && gi[2 * c + 1] != never })
            } ?? reducer.bars { c in
                var best = never
                for g in complex.gradeRange(of: c) {
                    let g0 = gi[2 * g], g1 = gi[2 * g + 1]
                    guard g0 <= X, g1 != never else { continue }
                    let t = g1 <= Y ? g0 : X + g1 - Y
                    if t < best { best = t }
                }
                return best
            }
            // Each bar born on the row (b <= X) and alive past the corner (d > X)
            // counts for a0 in [b, X] and c1 in [Y, min(J - 1, d - 1 - X + Y)].
            var out: [(a0: Int32, c1Limit: Int32, b: Int32)] = []
            for bar in bars where bar.degree == degree && bar.birth <= X && bar.death > X {
                let limit = bar.death == never ? Int32(J - 1) : Swift.min(Int32(J - 1), bar.death - 1 - X + Y)
                out.append((bar.birth, limit, bar.birth))
            }
            return out
        }
        for path in 0..<(I * J) {
            let X = path / J, Y = path % J
            for bar in paths[path] {
                for a0 in Int(bar.a0)...X {
                    let base = ((a0 * J + Y) * I + X) * J
                    for c1 in Y...Int(bar.c1Limit) { rk[base + c1] += 1 }
                }
            }
        }
        return rk
    }

    static func bytesText(_ b: Int?) -> String {
        guard let b else { return "more than 2^63 bytes" }
        if b >= 1 << 30 { return String(format: "%.1f GiB", Double(b) / Double(1 << 30)) }
        return String(format: "%.1f MiB", Double(b) / Double(1 << 20))
    }
}

import Foundation
