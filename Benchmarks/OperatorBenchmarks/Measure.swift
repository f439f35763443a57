import Foundation

/// Resident set size now (VmRSS from /proc/self/status), in bytes.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 1024 : 0
    }
    return 0
}

/// Peak resident set size (VmHWM), in bytes.
func peakResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * 1024 : 0
    }
    return 0
}

func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func milliseconds(_ value: Double) -> String {
    value >= 1000 ? String(format: "%.2f s", value / 1000) : String(format: "%.0f ms", value)
}

/// Nearest-rank percentile of `samples` (milliseconds).
func percentile(_ samples: [Double], _ p: Double) -> Double {
    guard !samples.isEmpty else { return .nan }
    let sorted = samples.sorted()
    let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
    return sorted[min(sorted.count - 1, max(0, rank - 1))]
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
}

/// Polls `condition` every `interval` until it holds; returns the time since `start`,
/// or throws after `timeout`.
@MainActor func waitFor(_ what: String, since start: ContinuousClock.Instant, timeout: Duration,
             interval: Duration = .milliseconds(1), _ condition: () -> Bool) async throws -> Duration {
    while !condition() {
        if start.duration(to: .now) > timeout { throw BenchmarkFailure(description: "timed out waiting for \(what)") }
        try await Task.sleep(for: interval)
    }
    return start.duration(to: .now)
}
