import Foundation
import XCTest
import Persistence

/// Loads the JSON files written by scripts/make_vectorization_reference.py.
enum ReferenceData {
    /// A reference file or case that is missing or malformed: a failure, never a skip.
    struct Missing: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func json(_ name: String) throws -> [String: Any] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Reference") else {
            throw ReferenceData.Missing("reference file \(name).json missing")
        }
        let data = try Data(contentsOf: url)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ReferenceData.Missing("reference file \(name).json is not an object")
        }
        return object
    }

    static func number(_ any: Any?) -> Double {
        if let s = any as? String { return Double(s) ?? .nan }
        return (any as? NSNumber)?.doubleValue ?? .nan
    }

    static func diagram(_ any: Any?) -> [Bar] {
        ((any as? [Any]) ?? []).map { point in
            let p = point as? [Any] ?? []
            return Bar(birth: number(p.first), death: number(p.count > 1 ? p[1] : nil))
        }
    }

    /// Flattens nested arrays of numbers (complex pairs stay interleaved).
    static func flat(_ any: Any?) -> [Double] {
        if let a = any as? [Any] { return a.flatMap { flat($0) } }
        return [number(any)]
    }

    static func rows(_ any: Any?) -> [[Double]] {
        ((any as? [Any]) ?? []).map { flat($0) }
    }
}

/// |a - b| <= rel * |b| (+ a tiny absolute floor for underflowing values); NaN in
/// the reference means GUDHI's 0/0, where SwiftTDA returns 0.
func assertClose(_ a: [Double], _ b: [Double], rel: Double = 1e-9, _ message: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(message): length", file: file, line: line)
    var worst = 0.0, at = -1
    for k in 0..<min(a.count, b.count) {
        let ref = b[k].isNaN ? 0 : b[k]
        if a[k] == ref { continue }
        let err = abs(a[k] - ref) / max(abs(ref), 1e-290)
        if !(err <= worst) { worst = err; at = k }
    }
    XCTAssert(worst <= rel, "\(message): worst relative error \(worst) at \(at): \(at >= 0 ? a[at] : 0) vs \(at >= 0 ? b[at] : 0)", file: file, line: line)
}
