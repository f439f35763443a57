import ArgumentParser
import Foundation
import Rules

/// `vigil test`: groups test runners (today only `rules`).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run unit tests against Vigil's engine.",
        subcommands: [TestRulesCommand.self])
}

/// `vigil test rules FILE...`: runs promtool's rules unit-test files on Vigil's engine,
/// with promtool's output and exit status (0 all passed, 1 any failed).
struct TestRulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Run promtool-format rule unit tests (rule_files, input_series, alert_rule_test, promql_expr_test).")

    @Argument(help: "Unit-test files, as for `promtool test rules`.") var files: [String]

    func run() throws {
        let report = RuleUnitTester.run(files: files)
        FileHandle.standardOutput.write(Data(report.standardOutput.utf8))
        FileHandle.standardError.write(Data(report.standardError.utf8))
        if !report.passed { throw ExitCode(1) }
    }
}
