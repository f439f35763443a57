import Foundation
import PromQL
import Testing
import VigilTestSupport

/// Runs Prometheus 2.42's `promql/testdata/*.test` scripts with the same extra checks as
/// Prometheus's runner (`@`-pinned variants, range-mode cross-check).
@Suite struct ConformanceScriptTests {
    static let directory = SharedData.url("conformance/promql/testdata")

    static func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".test") }
            .sorted()
    }

    static func run(_ file: String) throws -> (total: Int, failures: [String]) {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        do {
            let outcome = try TestScript(parsing: text).run()
            let failures = outcome.failed.map { "\(file):\($0.line): \($0.reason)" }
            return (outcome.passed.count + outcome.failed.count, failures)
        } catch {
            return (1, ["\(file): script rejected: \(error)"])
        }
    }

    @Test("Every eval of a Prometheus test script passes", arguments: try files())
    func script(_ file: String) throws {
        let (total, failures) = try Self.run(file)
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
        #expect(failures.isEmpty, "\(file): \(total - failures.count) passed, \(failures.count) failed")
    }

    @Test("The conformance summary counts every eval")
    func summary() throws {
        var passed = 0
        var failed: [String] = []
        for file in try Self.files() {
            let (total, failures) = try Self.run(file)
            passed += total - failures.count
            failed += failures
        }
        print("promql conformance: \(passed) passed, \(failed.count) failed")
        for failure in failed { print("  " + failure) }
        #expect(passed + failed.count == 566)
    }
}
