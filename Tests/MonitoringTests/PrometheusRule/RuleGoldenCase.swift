import Foundation
import Testing
@testable import Monitoring

/// A rule-file golden case: `Golden/rules/<case>/input.yaml` (one PrometheusRule),
/// `expected.yaml` (the rule file) and optionally `filename` (the expected file name).
/// `VIGIL_UPDATE_GOLDEN=1` rewrites `expected.yaml` for review.
struct RuleGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/rules")

    static func all() throws -> [RuleGoldenCase] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { FileManager.default.fileExists(atPath: directory.appendingPathComponent("\($0)/input.yaml").path) }
            .sorted()
            .map(RuleGoldenCase.init(name:))
    }

    func url(_ file: String) -> URL { Self.directory.appendingPathComponent("\(name)/\(file)") }

    func read(_ file: String) throws -> String { try String(contentsOf: url(file), encoding: .utf8) }

    func input() throws -> PrometheusRule { try PrometheusRule(yaml: read("input.yaml")) }

    func render() throws -> GeneratedFile { PrometheusRuleRenderer.render(try input()) }
}
