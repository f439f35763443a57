import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Rules
import Testing
import VigilTestSupport

/// Runs Debian's Prometheus 2.42 with a 1 s rule group and checks that the timestamps of
/// its recorded samples sit on the slots Vigil computes for the same group name and file.
@Suite("Evaluation slots match a real Prometheus")
struct PrometheusScheduleTests {
    static let binary = "/usr/bin/prometheus"

    @Test("recorded samples carry the timestamps Vigil's offset hash predicts",
          .enabled(if: FileManager.default.isExecutableFile(atPath: binary) || SharedData.isCI,
                   "prometheus is not installed at /usr/bin/prometheus"))
    func slots() async throws {
        let binary = Self.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            if SharedData.isCI { Issue.record("prometheus is missing at \(binary); CI must install it") }
            return
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("vigil-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("rules.yml")
        try "groups:\n  - name: vigil-offset-probe\n    rules:\n      - record: vigil_offset_probe\n        expr: vector(1)\n"
            .write(to: rules, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("prometheus.yml")
        try "global:\n  evaluation_interval: 1s\nrule_files:\n  - \(rules.path)\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let port = try OracleProcess.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--config.file=\(config.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                             "--web.listen-address=127.0.0.1:\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        let group = try RuleGroup(RuleGroupDefinition(name: "vigil-offset-probe", file: rules.path, interval: 1000,
                                                      rules: [.record("vigil_offset_probe", "vector(1)")]))
        var observed: [Int64] = []
        // Prometheus needs a moment to start and evaluate; poll its API, never longer than 30 s.
        for _ in 0..<150 where observed.count < 3 {
            try await Task.sleep(for: .milliseconds(200))
            guard let timestamp = await Self.sampleTimestamp(port: port) else { continue }
            if observed.last != timestamp { observed.append(timestamp) }
        }
        try #require(observed.count >= 2, "Prometheus never recorded the probe")
        for timestamp in observed {
            #expect(group.evaluationTimestamp(atOrBefore: timestamp) == timestamp, "\(timestamp)")
        }
    }

    /// `timestamp(vigil_offset_probe)` in milliseconds, or nil while there is none yet.
    static func sampleTimestamp(port: Int) async -> Int64? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/api/v1/query?query=timestamp(vigil_offset_probe)"),
              let (data, _) = try? await URLSession.shared.data(from: url),
              let body = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let result = (body["data"] as? [String: Any])?["result"] as? [[String: Any]],
              let value = result.first?["value"] as? [Any], value.count == 2,
              let text = value[1] as? String else { return nil }
        // Seconds with up to three decimals: read them as integers to stay exact.
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let seconds = Int64(parts[0]) else { return nil }
        var millis = parts.count > 1 ? String(parts[1].prefix(3)) : ""
        millis += String(repeating: "0", count: 3 - millis.count)
        return seconds * 1000 + (Int64(millis) ?? 0)
    }
}
