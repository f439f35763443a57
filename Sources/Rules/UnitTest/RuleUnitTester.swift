import Foundation
import PromQL
import TSDB
import Yams

/// What a unit-test run printed and whether everything passed, in promtool's layout.
public struct RuleUnitTestReport: Sendable, Equatable {
    /// promtool's stdout: `Unit Testing:  FILE`, `  SUCCESS`, blank lines.
    public var standardOutput: String
    /// promtool's stderr: `  FAILED:` and one block per failure.
    public var standardError: String
    /// True when every file passed (promtool exits 0).
    public var passed: Bool

    public init(standardOutput: String = "", standardError: String = "", passed: Bool = true) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.passed = passed
    }
}

/// Runs promtool's rules unit-test files (`promtool test rules FILE...`) on Vigil's engine:
/// input series in series notation, `alert_rule_test`, `promql_expr_test`,
/// `external_labels`, `external_url`, `group_eval_order`. Messages match promtool 2.42.
///
/// ```swift
/// let report = RuleUnitTester.run(files: ["alerts.test.yaml"])
/// print(report.standardOutput, terminator: "")
/// ```
///
/// Differences: groups not named in `group_eval_order` run in file order (promtool:
/// unspecified); unknown YAML fields are ignored (promtool: an error).
public enum RuleUnitTester {
    /// Runs every file; a file's failures are reported and the next file still runs.
    /// `readFile` and `expandPattern` (a `rule_files` glob to paths) default to the file
    /// system; tests substitute them to work from a fixtures directory.
    public static func run(files: [String],
                           readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) },
                           expandPattern: (String) -> [String] = FileGlob.paths(matching:)) -> RuleUnitTestReport {
        var report = RuleUnitTestReport()
        for file in files {
            report.standardOutput += "Unit Testing:  \(file)\n"
            var warnings = ""
            let errors = testFile(file, readFile: readFile, expandPattern: { pattern in
                let paths = expandPattern(pattern)
                if paths.isEmpty { warnings += "  WARNING: no file match pattern \(pattern)\n" }
                return paths
            })
            report.standardError += warnings
            if errors.isEmpty {
                report.standardOutput += "  SUCCESS\n"
            } else {
                report.standardError += "  FAILED:\n"
                for error in errors {
                    report.standardError += error + "\n"
                    report.standardOutput += "\n"
                }
                report.passed = false
            }
            report.standardOutput += "\n"
        }
        return report
    }

    static func testFile(_ file: String, readFile: (String) throws -> String,
                         expandPattern: (String) -> [String]) -> [String] {
        let text: String
        do {
            text = try readFile(file)
        } catch {
            return ["open \(file): \(error.localizedDescription)"]
        }
        let unitFile: UnitTestFile
        do {
            unitFile = try YAMLDecoder().decode(UnitTestFile.self, from: text)
        } catch {
            return ["\(error)"]
        }
        // promtool decodes strictly: a misspelt key (`exp_sample:`) must fail, not be ignored.
        let unknown = StrictYAMLShape.unitTestFile.unknownFields(in: try? Yams.compose(yaml: text))
        if !unknown.isEmpty { return ["yaml: unmarshal errors:\n" + unknown.joined(separator: "\n")] }
        let directory = (file as NSString).deletingLastPathComponent
        let ruleFiles = (unitFile.ruleFiles ?? []).flatMap { path -> [String] in
            expandPattern(path.hasPrefix("/") || directory.isEmpty ? path : directory + "/" + path)
        }
        let evaluationInterval: Milliseconds
        do {
            evaluationInterval = try unitFile.evaluationInterval.map { try PromDuration.parse($0) } ?? 60_000
        } catch {
            return ["not a valid duration string: \"\(unitFile.evaluationInterval ?? "")\""]
        }
        var order: [String: Int] = [:]
        for (index, name) in (unitFile.groupEvalOrder ?? []).enumerated() {
            guard order[name] == nil else { return ["group name repeated in evaluation order: \(name)"] }
            order[name] = index
        }
        var groups: [RuleGroupDefinition] = []
        for ruleFile in ruleFiles {
            do {
                groups += try RuleFileLoader.load(yaml: try readFile(ruleFile), file: ruleFile)
            } catch let error as RuleFileError {
                return [error.promtoolDescription]
            } catch {
                return ["\(ruleFile): \(error.localizedDescription)"]
            }
        }
        // A stable sort: groups the order does not name rank 0, as in promtool.
        let ordered = groups.enumerated().sorted { lhs, rhs in
            let (a, b) = (order[lhs.element.name] ?? 0, order[rhs.element.name] ?? 0)
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
        var errors: [String] = []
        for test in unitFile.tests ?? [] {
            var run = UnitTestGroupRun(test: test, evaluationInterval: evaluationInterval, groups: ordered)
            errors += run.run()
        }
        return errors
    }
}
