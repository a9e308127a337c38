extension BatchPlan {
    /// The shard a cluster scheduler gives this process (`--shard auto`):
    /// a Slurm job array (`SLURM_ARRAY_TASK_ID` with `SLURM_ARRAY_TASK_COUNT`,
    /// or with `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_MAX`, the index
    /// counted from the minimum), else a Kubernetes Indexed Job
    /// (`JOB_COMPLETION_INDEX`, with the shard count given as `count`, since
    /// the pod does not see `.spec.completions`).
    ///
    /// ```swift
    /// let shard = try BatchPlan.shard(fromEnvironment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"])
    /// // (index: 2, count: 3)
    /// ```
    /// - Parameter count: `--shard-count`: required for Kubernetes; for
    ///   Slurm it must agree with the array when given.
    /// - Throws: `VectorizationError.invalidSpecification` when no scheduler
    ///   variable is set, or the values do not make a shard.
    public static func shard(fromEnvironment env: [String: String], count: Int? = nil) throws -> (index: Int, count: Int) {
        func number(_ key: String) throws -> Int? {
            guard let raw = env[key] else { return nil }
            guard let v = Int(raw.trimmingCharacters(in: .whitespaces)), v >= 0 else {
                throw VectorizationError.invalidSpecification("--shard auto: \(key)='\(raw.prefix(40))' is not a non-negative integer")
            }
            return v
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            let index: Int, total: Int
            if let c = try number("SLURM_ARRAY_TASK_COUNT"), let lo = try number("SLURM_ARRAY_TASK_MIN") {
                index = id - lo; total = c
            } else if let c = try number("SLURM_ARRAY_TASK_COUNT") {
                index = id; total = c
            } else if let lo = try number("SLURM_ARRAY_TASK_MIN"), let hi = try number("SLURM_ARRAY_TASK_MAX") {
                index = id - lo; total = hi - lo + 1
            } else {
                throw VectorizationError.invalidSpecification("--shard auto: SLURM_ARRAY_TASK_ID is set but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MIN/MAX")
            }
            guard total >= 1, index >= 0, index < total else {
                throw VectorizationError.invalidSpecification("--shard auto: Slurm task \(id) is not one of \(total) array tasks (an array with a step, such as --array=0-10:2, cannot be a shard list: use --array=0-N)")
            }
            if let count, count != total {
                throw VectorizationError.invalidSpecification("--shard-count \(count) disagrees with the Slurm array of \(total) tasks")
            }
            return (index, total)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let count else {
                throw VectorizationError.invalidSpecification("--shard auto: JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give --shard-count N, the Job's completions")
            }
            guard count >= 1, index < count else {
                throw VectorizationError.invalidSpecification("--shard auto: JOB_COMPLETION_INDEX \(index) is not below --shard-count \(count)")
            }
            return (index, count)
        }
        throw VectorizationError.invalidSpecification("--shard auto: no scheduler shard in the environment (SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT or _MIN/_MAX, or JOB_COMPLETION_INDEX with --shard-count N)")
    }
}

import Foundation
