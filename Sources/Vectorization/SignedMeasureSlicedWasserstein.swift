import Foundation
import Multipersistence

/// The sliced Wasserstein distance between signed measures of equal total
/// mass, as multipers 2.3.2 computes it (`multipers.ml.sliced_wasserstein`):
/// mu+ + nu- is compared with nu+ + mu- (each atom repeated |w| times); on
/// each direction theta both sides are projected and sorted, the L1 distance
/// of the sorted lists is taken, and the directions are averaged:
///
///     SW(mu, nu) = (1/K) sum_k sum_j |a_(j) - b_(j)|,  a = <theta_k, mu+ + nu->, b = <theta_k, nu+ + mu->
///
/// (no division by the mass). multipers draws its K directions with
/// `np.random.seed(42)`, normal, normalised; numpy's generator cannot be
/// reproduced here, so pass those directions to `init(directions:)` to get
/// its numbers, or use ``seededDirections(count:dimension:seed:)``.
///
/// ```swift
/// let sw = try SignedMeasureSlicedWasserstein(numDirections: 10, dimension: 2, seed: 42)
/// let d = try sw.distance(mu, nu)
/// let p = try sw.project(mu)                 // sort once, compare with many
/// let same = try p.distance(to: sw.project(nu))
/// ```
///
/// - Complexity: projecting a measure of m atoms costs O(K m (n + log m));
///   the distance of two projected measures O(K (m + m')): on each line the
///   sum over the sorted lists equals the integral of |F(t)|, F the
///   cumulative weight of mu - nu up to t, so atoms are never repeated.
///   Reference: M. Carrière, M. Cuturi, S. Oudot, "Sliced Wasserstein
///   kernel for persistence diagrams", ICML 2017; signed measures:
///   Loiseaux et al., NeurIPS 2023.
public struct SignedMeasureSlicedWasserstein: Sendable, Equatable {
    /// The K directions, each of `dimension` coordinates, used as given.
    public let directions: [[Double]]
    /// The number of coordinates of an atom (n, or 2n for rectangles).
    public let dimension: Int

    /// A slicer on explicit directions (for instance the unit vectors
    /// multipers drew); pass unit vectors for the sliced Wasserstein
    /// distance (a longer vector scales its line's term).
    ///
    /// ```swift
    /// let sw = try SignedMeasureSlicedWasserstein(directions: [[1, 0], [0.6, 0.8]])
    /// ```
    /// - Throws: `VectorizationError.invalidParameter` when there is no
    ///   direction, they differ in length, or one is zero or not finite.
    public init(directions: [[Double]]) throws {
        guard let first = directions.first, !first.isEmpty else {
            throw VectorizationError.invalidParameter(name: "directions", reason: "give at least one direction with at least one coordinate")
        }
        for (k, v) in directions.enumerated() {
            guard v.count == first.count else {
                throw VectorizationError.invalidParameter(
                    name: "directions", reason: "direction \(k + 1) has \(v.count) coordinates, the first \(first.count)")
            }
            guard v.allSatisfy(\.isFinite), v.contains(where: { $0 != 0 }) else {
                throw VectorizationError.invalidParameter(name: "directions", reason: "direction \(k + 1) must be finite and non-zero")
            }
        }
        self.directions = directions
        self.dimension = first.count
    }

    /// A slicer on `numDirections` seeded unit directions of R^dimension
    /// (``seededDirections(count:dimension:seed:)``; multipers' default is 10).
    ///
    /// ```swift
    /// let sw = try SignedMeasureSlicedWasserstein(numDirections: 50, dimension: 2, seed: 7)
    /// ```
    public init(numDirections: Int = 10, dimension: Int, seed: UInt64 = 42) throws {
        guard numDirections >= 1 else {
            throw VectorizationError.invalidParameter(name: "number of directions", reason: "\(numDirections) must be at least 1")
        }
        guard dimension >= 1 else {
            throw VectorizationError.invalidParameter(name: "dimension", reason: "\(dimension) must be at least 1")
        }
        try self.init(directions: Self.seededDirections(count: numDirections, dimension: dimension, seed: seed))
    }

    /// A measure's atoms projected on every direction and sorted, ready to
    /// be compared with other projected measures.
    ///
    /// ```swift
    /// let p = try sw.project(mu)
    /// p.totalMass  // mu's total mass
    /// ```
    public struct Projection: Sendable, Equatable {
        /// The measure's total mass (sum of weights).
        public let totalMass: Int
        /// The number of directions.
        public let directionCount: Int
        /// The number of atoms.
        public let atomCount: Int
        /// Direction-major: the atoms' projections on direction k, sorted, at k * atomCount ..< (k + 1) * atomCount.
        let values: [Double]
        /// The weights in the same order as `values`.
        let weights: [Int]

        /// The sliced Wasserstein distance to another measure projected on
        /// the same directions.
        ///
        /// ```swift
        /// let d = try sw.project(mu).distance(to: sw.project(nu))
        /// ```
        /// - Throws: `VectorizationError.invalidParameter` when the total
        ///   masses differ (mu+ + nu- and nu+ + mu- would not have the same
        ///   number of points) or the direction counts do.
        public func distance(to other: Projection) throws -> Double {
            guard directionCount == other.directionCount else {
                throw VectorizationError.invalidParameter(
                    name: "projections", reason: "\(directionCount) and \(other.directionCount) directions")
            }
            guard totalMass == other.totalMass else {
                throw VectorizationError.invalidParameter(
                    name: "signed measures",
                    reason: "total masses \(totalMass) and \(other.totalMass) differ: the sliced Wasserstein distance compares measures of equal mass")
            }
            let m = atomCount, m2 = other.atomCount, k = directionCount
            if k == 0 { return 0 }
            var total = 0.0
            // Cost model: one merge of two sorted lists per direction, O(m + m2).
            // F is the cumulative weight of mu - nu up to t (exact in a Double
            // below 2^53); the sum over the sorted, repeated atoms of
            // |a_(j) - b_(j)| is the integral of |F|, summed gap by gap.
            values.withUnsafeBufferPointer { a in
                other.values.withUnsafeBufferPointer { b in
                    weights.withUnsafeBufferPointer { wa in
                        other.weights.withUnsafeBufferPointer { wb in
                            for line in 0..<k {
                                var i = line * m, j = line * m2
                                let iEnd = i + m, jEnd = j + m2
                                var cumulative = 0.0, previous = 0.0, sum = 0.0
                                var started = false
                                while i < iEnd || j < jEnd {
                                    let t: Double, w: Double
                                    if j >= jEnd || (i < iEnd && a[i] <= b[j]) {
                                        t = a[i]; w = Double(wa[i]); i += 1
                                    } else {
                                        t = b[j]; w = -Double(wb[j]); j += 1
                                    }
                                    if started { sum += Swift.abs(cumulative) * (t - previous) }
                                    cumulative += w
                                    previous = t
                                    started = true
                                }
                                total += sum
                            }
                        }
                    }
                }
            }
            return total / Double(k)
        }
    }

    /// Projects a measure's atoms on every direction and sorts them.
    ///
    /// - Throws: `VectorizationError.invalidParameter` when the atoms do not
    ///   have `dimension` coordinates, one is infinite (multipers' inputs
    ///   "must not contain essential points"), or the weights overflow.
    public func project(_ measure: SignedMeasure) throws -> Projection {
        guard measure.width == dimension else {
            throw VectorizationError.invalidParameter(
                name: "signed measure", reason: "its atoms have \(measure.width) coordinates, the directions \(dimension)")
        }
        let x = measure.points, w = measure.weights, m = measure.count
        guard x.allSatisfy(\.isFinite) else {
            throw VectorizationError.invalidParameter(
                name: "signed measure",
                reason: "an atom has an infinite coordinate: the sliced Wasserstein distance needs finite atoms")
        }
        var mass = 0
        for weight in w {
            let (sum, overflow) = mass.addingReportingOverflow(weight)
            guard !overflow else {
                throw VectorizationError.invalidParameter(name: "signed measure", reason: "its total weight overflows")
            }
            mass = sum
        }
        var values = [Double](), weights = [Int]()
        values.reserveCapacity(directions.count * m)
        weights.reserveCapacity(directions.count * m)
        var projected = [(value: Double, weight: Int)](repeating: (0, 0), count: m)
        for theta in directions {
            for i in 0..<m {
                var dot = 0.0
                for p in 0..<dimension { dot += x[i * dimension + p] * theta[p] }
                projected[i] = (dot, w[i])
            }
            projected.sort { $0.value < $1.value }
            for pair in projected { values.append(pair.value); weights.append(pair.weight) }
        }
        return Projection(totalMass: mass, directionCount: directions.count, atomCount: m, values: values, weights: weights)
    }

    /// The sliced Wasserstein distance between two measures of equal total mass.
    ///
    /// ```swift
    /// let d = try sw.distance(mu, nu)
    /// ```
    public func distance(_ mu: SignedMeasure, _ nu: SignedMeasure) throws -> Double {
        try project(mu).distance(to: project(nu))
    }
}
