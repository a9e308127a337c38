import Foundation
import XCTest
import Persistence

/// Reads `Reference/NAME.json` (written by scripts/make_complexes_reference.py).
func referenceCases(_ name: String) throws -> [[String: Any]] {
    guard let url = Bundle.module.url(forResource: "Reference/\(name)", withExtension: "json") else {
        throw NSError(domain: "ComplexesTests", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing reference \(name)"])
    }
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    return ((object as? [String: Any])?["cases"] as? [[String: Any]]) ?? []
}

/// A number written as a string by the reference script ("inf" allowed),
/// parsed with Swift's correctly rounded `Double(String)`.
func real(_ any: Any?) -> Double {
    guard let s = any as? String else { return .nan }
    return Double(s) ?? .nan
}

/// Strings as numbers.
func reals(_ any: Any?) -> [Double] { ((any as? [Any]) ?? []).map(real) }

/// The reference bars of a case as (dim, birth, death).
func referenceBars(_ c: [String: Any]) -> [(Int, Double, Double)] {
    ((c["bars"] as? [[Any]]) ?? []).map { row in
        ((row[0] as? NSNumber)?.intValue ?? -1, real(row[1]), real(row[2]))
    }
}

/// Asserts equal multisets of bars, values within `tolerance` (relative).
func assertSameBars(_ barcode: Barcode, _ expected: [(Int, Double, Double)], tolerance: Double = 0,
                    _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let ours = barcode.flattened.map { ($0.dimension, $0.bar.birth, $0.bar.death) }
    let key: ((Int, Double, Double)) -> [Double] = { [Double($0.0), $0.1, $0.2] }
    let a = ours.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    let b = expected.sorted { key($0).lexicographicallyPrecedes(key($1)) }
    guard a.count == b.count else {
        XCTFail("\(name): \(a.count) bars, GUDHI has \(b.count)\nours:  \(a.prefix(12))\ngudhi: \(b.prefix(12))", file: file, line: line)
        return
    }
    func close(_ x: Double, _ y: Double) -> Bool {
        x == y || abs(x - y) <= tolerance * Swift.max(abs(x), abs(y))
    }
    for (x, y) in zip(a, b) where !(x.0 == y.0 && close(x.1, y.1) && close(x.2, y.2)) {
        XCTFail("\(name): bar \(x) differs from GUDHI's \(y)", file: file, line: line)
        return
    }
}
