import ArgumentParser
import Foundation
import Monitoring

/// `vigil check -f PATH`: validates manifests as `vigil generate` would render them and
/// prints every problem as `file:line: object: field: message`. Exit status 1 when any
/// object is invalid; warnings alone do not fail.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate ServiceMonitor, PrometheusRule and ServiceLevel manifests, offline.",
        discussion: """
            Rules are checked like promtool check rules (PromQL parsed and type-checked, names, \
            durations, templates), SLI queries with the same PromQL parser, ServiceMonitors like \
            prometheus-operator. Every problem is printed with its file and line; exit status 1 if any.
            """)

    @Option(name: .shortAndLong, help: "Manifest file, directory (read recursively) or - for standard input. Repeatable.")
    var file: [String]

    @Option(help: "Prometheus version to check for (label name rules, supported fields).")
    var prometheusVersion: String = "2.42.0"

    func validate() throws {
        if file.isEmpty { throw ValidationError("give at least one -f PATH") }
        if PrometheusVersion(prometheusVersion) == nil { throw ValidationError("--prometheus-version: not a version: \(prometheusVersion)") }
    }

    func run() throws {
        let (set, rendered) = OfflineCommandSupport.render(paths: file, prometheusVersion: prometheusVersion)
        // Problems are the command's output here, so they go to standard output.
        FileHandle.standardOutput.write(Data(rendered.report(objectCount: set.objects.count).utf8))
        if rendered.hasErrors { throw ExitCode(1) }
    }
}
