import ArgumentParser
import Foundation
import Monitoring
import Rules

/// `vigil generate -f PATH`: renders the Prometheus configuration, rule files and dashboards
/// from manifests with no cluster, to standard output or under `-o DIR`.
///
/// Invalid objects are reported on standard error and left out; the rest is still written,
/// and the exit status is 1 so pipelines notice.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render scrape config and rule files from manifests, offline.",
        discussion: """
            Reads ServiceMonitor and PrometheusRule (monitoring.coreos.com/v1), ServiceLevel \
            (vigil.dev/v1alpha1) and PrometheusServiceLevel (sloth.slok.dev/v1) objects; other kinds \
            are listed and skipped. Writes prometheus/prometheus.yaml and rules/<namespace>-<name>.yaml \
            files. Exit status 1 when any object is invalid (the valid ones are still written).
            """)

    @Option(name: .shortAndLong, help: "Manifest file, directory (read recursively) or - for standard input. Repeatable.")
    var file: [String]

    @Option(name: .shortAndLong, help: "Write the files under this directory instead of printing them.")
    var output: String?

    @Option(help: "Prometheus version to generate for (fields newer than it are left out).")
    var prometheusVersion: String = "2.42.0"

    func validate() throws {
        if file.isEmpty { throw ValidationError("give at least one -f PATH") }
        if PrometheusVersion(prometheusVersion) == nil { throw ValidationError("--prometheus-version: not a version: \(prometheusVersion)") }
    }

    func run() throws {
        let (set, rendered) = OfflineCommandSupport.render(paths: file, prometheusVersion: prometheusVersion)
        var removed: [String] = []
        if let output {
            do {
                removed = try rendered.write(to: URL(fileURLWithPath: output))
            } catch {
                OfflineCommandSupport.printToStandardError("vigil generate: cannot write to \(output): \(error.localizedDescription)\n")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(rendered.concatenated.utf8))
        }
        var report = rendered.report(objectCount: set.objects.count)
        if let output {
            report += removed.map { "removed \(output)/\($0) (no longer generated)\n" }.joined()
            report += "wrote \(rendered.files.count) files under \(output)\n"
        }
        OfflineCommandSupport.printToStandardError(report)
        if rendered.hasErrors { throw ExitCode(1) }
    }
}

/// What `generate` and `check` share: reading every path and rendering once.
enum OfflineCommandSupport {
    static func render(paths: [String], prometheusVersion: String) -> (ManifestSet, OfflineOutput) {
        var set = ManifestSet()
        for path in paths { set.append(ManifestLoader.load(path: path)) }
        var options = OfflineRenderOptions.default
        options.ruleValidation.templateChecker = templateProblem
        if let version = PrometheusVersion(prometheusVersion) {
            options.scrape.prometheusVersion = version
            options.rules.prometheusVersion = version
            options.ruleValidation.prometheusVersion = version
        }
        return (set, OfflineRenderer.render(set, options: options))
    }

    /// Alert label and annotation values parsed as Prometheus parses them (Go text/template
    /// with the alert variables and template functions), e.g. `1: function "humanise" not defined`.
    @Sendable static func templateProblem(_ text: String) -> String? {
        do {
            _ = try TemplateParser.parse(text)
            return nil
        } catch {
            return "\(error.line): \(error.message)"
        }
    }

    static func printToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
