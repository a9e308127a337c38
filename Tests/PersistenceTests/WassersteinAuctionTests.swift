import Foundation
import XCTest
@testable import Persistence

/// The auction (hera's method) against POT's exact values and our exact
/// Hungarian solver: within the stated relative error, never below.
final class WassersteinAuctionTests: XCTestCase {
    static func referenceCases() throws -> [[String: Any]] {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "wasserstein_auction.json", withExtension: nil, subdirectory: "Reference"),
                                "Reference/wasserstein_auction.json is missing: run scripts/make_wasserstein_auction_reference.py")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        return try XCTUnwrap(json["cases"] as? [[String: Any]])
    }

    static func bars(_ value: Any?) -> [Bar] {
        ((value as? [[Double]]) ?? []).map { Bar(birth: $0[0], death: $0[1]) }
    }

    func testAuctionIsWithinItsRelativeErrorOfPOT() throws {
        let cases = try Self.referenceCases()
        XCTAssertEqual(cases.count, 4)
        var checked = 0
        for (k, c) in cases.enumerated() {
            let a = Self.bars(c["a"]), b = Self.bars(c["b"])
            for v in try XCTUnwrap(c["values"] as? [[String: Any]]) {
                let q = try XCTUnwrap(v["order"] as? Double)
                let p = (v["internal_p"] as? String) == "inf" ? Double.infinity : try XCTUnwrap(v["internal_p"] as? Double)
                let exact = try XCTUnwrap(v["exact"] as? Double)
                for delta in [0.01, 1e-4] {
                    let got = try wassersteinDistance(a, b, order: q, internalP: p, relativeError: delta)
                    XCTAssertGreaterThanOrEqual(got, exact * (1 - 1e-12), "case \(k) q \(q) p \(p) delta \(delta)")
                    XCTAssertLessThanOrEqual(got, exact * (1 + delta) + 1e-300, "case \(k) q \(q) p \(p) delta \(delta)")
                    checked += 1
                }
                // The exact solver agrees with POT to rounding.
                XCTAssertEqual(try wassersteinDistance(a, b, order: q, internalP: p), exact, accuracy: 1e-10 * max(1, exact))
            }
        }
        XCTAssertEqual(checked, 32)
    }

    func testAuctionAgainstExactOnRandomDiagramsWithTiesAndDiagonalPoints() throws {
        var g = GeometricBottleneckTests.Generator(state: 99)
        func bars(_ flat: [Double]) -> [Bar] { stride(from: 0, to: flat.count, by: 2).map { Bar(birth: flat[$0], death: flat[$0 + 1]) } }
        var checked = 0
        for trial in 0..<120 {
            let a = bars(GeometricBottleneckTests.diagram(g.int(30), &g)), b = bars(GeometricBottleneckTests.diagram(g.int(30), &g))
            let q = [1.0, 2.0, 1.5][trial % 3], p = [Double.infinity, 2, 1][trial % 3 == 0 ? 0 : (trial % 2 == 0 ? 1 : 2)]
            let exact = try wassersteinDistance(a, b, order: q, internalP: p)
            let m = try wassersteinMatching(a, b, order: q, internalP: p, relativeError: 0.01)
            XCTAssertGreaterThanOrEqual(m.distance, exact * (1 - 1e-12), "trial \(trial)")
            XCTAssertLessThanOrEqual(m.distance, exact * 1.01 + 1e-300, "trial \(trial)")
            // The matching is complete and realises the reported distance.
            XCTAssertEqual(m.pairs.map(\.a).filter { $0 >= 0 }.sorted(), Array(a.indices))
            XCTAssertEqual(m.pairs.map(\.b).filter { $0 >= 0 }.sorted(), Array(b.indices))
            let cost = GroundCost(internalP: p, order: q)
            let factor = p == .infinity ? 0.5 : (p == 1 ? 1 : pow(2, 1 / p - 1))
            var total = 0.0
            for pair in m.pairs {
                if pair.a >= 0 && pair.b >= 0 {
                    total += cost(abs(a[pair.a].birth - b[pair.b].birth), abs(a[pair.a].death - b[pair.b].death))
                } else {
                    let x = pair.a >= 0 ? a[pair.a] : b[pair.b]
                    total += cost.power(abs(x.death - x.birth) * factor)
                }
            }
            XCTAssertEqual(pow(total, 1 / q), m.distance, accuracy: 1e-12 * max(1, m.distance), "trial \(trial)")
            checked += 1
        }
        XCTAssertEqual(checked, 120)
    }

    func testEssentialPartsAndBadParameters() throws {
        let a = [Bar(birth: 0, death: .infinity), Bar(birth: 0, death: 2)]
        let b = [Bar(birth: 1, death: .infinity), Bar(birth: 0, death: 2.5)]
        XCTAssertEqual(try wassersteinDistance(a, b, order: 1, relativeError: 0.01), 1.5, accuracy: 1e-12)
        XCTAssertEqual(try wassersteinDistance(a, [Bar(birth: 0, death: 1)], order: 1, relativeError: 0.01), .infinity)
        XCTAssertEqual(try wassersteinDistance([], [], order: 2, relativeError: 0.01), 0)
        XCTAssertEqual(try wassersteinDistance(a, a, order: 2, relativeError: 0.01), 0)
        for bad in [0.0, -1, .nan, .infinity] {
            XCTAssertThrowsError(try wassersteinDistance(a, b, relativeError: bad))
        }
    }
}
