import Foundation
import Testing
@testable import Monitoring

/// The validator against the oracle: every table case is rendered and given to Debian's
/// promtool (2.42). Where Vigil reports problems promtool must reject the file too, and a
/// clean case must pass both — except where Vigil is stricter on purpose.
@Suite("PrometheusRule validation agrees with promtool check rules")
struct RulePromtoolAgreementTests {
    /// Vigil rejects rule expressions that cannot produce an instant vector or scalar;
    /// promtool 2.42 only parses them (the rule would fail at every evaluation instead).
    static let stricterThanPromtool: Set<String> = ["a range vector or string result is rejected"]

    @Test(arguments: RuleValidationTests.cases)
    func agrees(_ testCase: RuleValidationTests.Case) throws {
        guard SLOPromtoolTests.promtoolAvailable() else { return }
        let directory = try SLOPromtoolTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }   // cleanup only
        let file = directory.appendingPathComponent("rules.yaml")
        // The renderer drops query_offset for 2.42, so promtool could not judge it: leave it out.
        var group = testCase.group
        group.queryOffset = nil
        try PrometheusRuleRenderer.yaml(for: [group]).write(to: file, atomically: true, encoding: .utf8)
        let result = try SLOPromtoolTests.run(["check", "rules", file.path])
        let vigilRejects = !PrometheusRuleValidator.issues(in: [group]).isEmpty
        if Self.stricterThanPromtool.contains(testCase.name) {
            #expect(vigilRejects && result.status == 0, "\(result.output)")
        } else {
            #expect((result.status != 0) == vigilRejects, "vigil: \(vigilRejects), promtool:\n\(result.output)")
        }
    }
}
