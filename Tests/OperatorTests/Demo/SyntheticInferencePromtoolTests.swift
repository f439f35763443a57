import Foundation
import Testing
import VigilTestSupport
@testable import Operator

/// Debian's promtool (Prometheus 2.42) as the oracle for the exposition: `check metrics`
/// parses it with Prometheus's own parser and lints names and types. Skipped when promtool
/// is missing locally; a failure under CI=true.
@Suite("promtool accepts the synthetic metrics")
struct SyntheticInferencePromtoolTests {
    static let promtool = "/usr/bin/promtool"

    @Test("promtool check metrics finds no problem in the synthetic exposition")
    func checkMetrics() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.promtool) else {
            if SharedData.isCI { Issue.record("\(Self.promtool) is required when CI=true") }
            return
        }
        let clock = ManualClock()
        let service = SyntheticInferenceService(
            configuration: .init(knobs: SyntheticInferenceKnobs(errorRatio: 0.1, extraLatency: 0.3)), clock: clock)
        clock.advance(by: .seconds(90))

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try input.fileHandleForWriting.write(contentsOf: Data(service.metricsText().utf8))
        try input.fileHandleForWriting.close()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(report)")
        #expect(report.isEmpty, "\(report)")
    }
}
