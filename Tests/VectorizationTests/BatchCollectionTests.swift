import XCTest
@testable import Vectorization

/// Collected batch output: the index format, the shards a scheduler's
/// environment gives, and merges that give a one-machine run's bytes.
final class BatchCollectionTests: XCTestCase {
    func entries(_ n: Int, failing: Set<Int> = []) -> [BatchCollection.Entry] {
        (0..<n).map { k in
            BatchCollection.Entry(input: "in/\(k).csv", row: failing.contains(k) ? nil : [Double(k), 0.1 * Double(k), .infinity],
                                  label: k % 3 == 0 ? "a,\"b\"" : "c")
        }
    }

    func testIndexNamesRowsStatusAndQuotedLabels() throws {
        let c = BatchCollection(entries: Array(entries(4, failing: [1]).prefix(4)), shard: nil)
        let (matrix, index) = try c.encoded(format: .csv)
        XCTAssertEqual(String(decoding: matrix, as: UTF8.self), "0.0,0.0,inf\n2.0,0.2,inf\n3.0,0.30000000000000004,inf\n")
        XCTAssertEqual(String(decoding: index, as: UTF8.self),
                       "row,input,status,label\n0,in/0.csv,ok,\"a,\"\"b\"\"\"\n,in/1.csv,failed,c\n1,in/2.csv,ok,c\n2,in/3.csv,ok,\"a,\"\"b\"\"\"\n")
        let back = try BatchCollection(matrix: matrix, isNPY: false, index: index, name: "x.csv")
        XCTAssertEqual(back, c)
    }

    func testMergedShardsGiveTheOneMachineBytes() throws {
        for format in [VectorOutput.Format.npy, .csv] {
            for (n, m) in [(3, 10), (4, 3), (1, 5), (5, 5)] {
                let all = entries(m, failing: [2, 7])
                let whole = try BatchCollection(entries: all, shard: nil).encoded(format: format)
                var parts: [BatchCollection] = []
                for i in (0..<n).reversed() {
                    let mine = all.enumerated().filter { $0.offset % n == i }.map(\.element)
                    let bytes = try BatchCollection(entries: mine, shard: .init(index: i, count: n, inputCount: m)).encoded(format: format)
                    XCTAssertTrue(String(decoding: bytes.index, as: UTF8.self).hasPrefix("# tda batch shard \(i)/\(n) of \(m) inputs\n"))
                    parts.append(try BatchCollection(matrix: bytes.matrix, isNPY: format == .npy, index: bytes.index, name: "p\(i)"))
                }
                let merged = try BatchCollection.merge(parts).encoded(format: format)
                XCTAssertEqual(merged.matrix, whole.matrix, "\(format) \(n)/\(m)")
                XCTAssertEqual(merged.index, whole.index, "\(format) \(n)/\(m)")
                if n > 1 {
                    XCTAssertThrowsError(try BatchCollection.merge(Array(parts.dropFirst()))) { XCTAssertTrue("\($0)".contains("missing shard")) }
                    XCTAssertThrowsError(try BatchCollection.merge(parts + [parts[0]])) { XCTAssertTrue("\($0)".contains("twice")) }
                }
            }
        }
    }

    func testShardFromSlurmAndKubernetesEnvironments() throws {
        func shard(_ env: [String: String], _ count: Int? = nil) throws -> [Int] {
            let s = try BatchPlan.shard(fromEnvironment: env, count: count); return [s.index, s.count]
        }
        XCTAssertEqual(try shard(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"]), [2, 3])
        XCTAssertEqual(try shard(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "7"]), [1, 4])
        XCTAssertEqual(try shard(["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "7"]), [1, 4])
        XCTAssertEqual(try shard(["JOB_COMPLETION_INDEX": "7"], 10), [7, 10])
        XCTAssertEqual(try shard(["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2", "JOB_COMPLETION_INDEX": "1"]), [0, 2])
        for (env, count, words) in [
            ([String: String](), nil as Int?, "no scheduler shard"),
            (["JOB_COMPLETION_INDEX": "1"], nil, "--shard-count"),
            (["JOB_COMPLETION_INDEX": "4"], 4, "not below"),
            (["SLURM_ARRAY_TASK_ID": "1"], nil, "SLURM_ARRAY_TASK_COUNT"),
            (["SLURM_ARRAY_TASK_ID": "10", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "10", "SLURM_ARRAY_TASK_COUNT": "6"], nil, "step"),
            (["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "2"], nil, "not a non-negative integer"),
            (["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2"], 3, "disagrees"),
        ] {
            XCTAssertThrowsError(try shard(env, count), "\(env)") { XCTAssertTrue("\($0)".contains(words), "\($0)") }
        }
    }
}
