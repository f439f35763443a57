import Foundation
import Rules
import Testing
import VigilTestSupport

/// Runs the same promtool unit-test files through `promtool test rules` (Debian's 2.42,
/// the oracle) and Vigil's runner: both must pass or fail alike, printing the same text.
@Suite("promtool test rules, differential")
struct PromtoolDifferentialTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var passes: Bool
        var description: String { file }
    }

    static let cases = [
        Case(file: "kthena-alerts.test.yaml", passes: true),
        Case(file: "templates.test.yaml", passes: true),
        Case(file: "globs.test.yaml", passes: true),
        Case(file: "failing/kthena-wrong.test.yaml", passes: false),
        Case(file: "failing/limit.test.yaml", passes: false),
        Case(file: "failing/template-errors.test.yaml", passes: false),
        Case(file: "failing/bad-rules.test.yaml", passes: false),
        Case(file: "failing/misspelt.test.yaml", passes: false),
        // Prints every recorded series, ALERTS and ALERTS_FOR_STATE minute by minute.
        Case(file: "failing/timeline.test.yaml", passes: false),
    ]

    static func readFixture(_ path: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(path), encoding: .utf8)
    }

    /// Globs relative to the fixtures directory, answering with relative paths as promtool
    /// (run from that directory) sees them.
    static func globFixture(_ pattern: String) -> [String] {
        let prefix = fixtures.path + "/"
        return FileGlob.paths(matching: prefix + pattern).map { String($0.dropFirst(prefix.count)) }
    }

    @Test("Vigil's runner passes or fails each fixture as intended", arguments: cases)
    func vigilOutcome(_ testCase: Case) {
        let report = RuleUnitTester.run(files: [testCase.file], readFile: Self.readFixture, expandPattern: Self.globFixture)
        #expect(report.passed == testCase.passes, "\(report.standardError)")
        #expect(report.standardOutput.hasPrefix("Unit Testing:  \(testCase.file)\n"))
    }

    static let promtool = "/usr/bin/promtool"

    /// Outside CI a missing promtool skips these tests (with this reason); in CI they run
    /// and fail.
    static var promtoolAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: promtool) || SharedData.isCI
    }

    @Test("promtool and Vigil agree on outcome, stdout and stderr",
          .enabled(if: promtoolAvailable, "promtool is not installed at /usr/bin/promtool"), arguments: cases)
    func matchesPromtool(_ testCase: Case) throws {
        let promtool = Self.promtool
        guard FileManager.default.isExecutableFile(atPath: promtool) else {
            if SharedData.isCI { Issue.record("promtool is missing at \(promtool); CI must install it") }
            return
        }
        let oracle = try Self.runPromtool(promtool, file: testCase.file)
        let report = RuleUnitTester.run(files: [testCase.file], readFile: Self.readFixture, expandPattern: Self.globFixture)
        #expect(oracle.status == (testCase.passes ? 0 : 1))
        #expect(report.passed == (oracle.status == 0))
        #expect(report.standardOutput == oracle.stdout)
        #expect(report.standardError == oracle.stderr)
    }

    static func runPromtool(_ path: String, file: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["test", "rules", file]
        process.currentDirectoryURL = fixtures
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Outputs are small; read both before waiting so a full pipe cannot block promtool.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
