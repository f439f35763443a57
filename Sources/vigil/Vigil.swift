import ArgumentParser
import Logging

/// The `vigil` command: the operator and its tools.
@main
struct Vigil: AsyncParsableCommand {
    static let version = "0.1.0-dev"

    static let configuration = CommandConfiguration(
        commandName: "vigil",
        abstract: "Monitors services on Kubernetes: ServiceMonitor, PrometheusRule and ServiceLevel in; scrape configs, rules, dashboards and status out.",
        version: version,
        subcommands: [
            RunCommand.self, DemoCommand.self, GenerateCommand.self, CheckCommand.self, QueryCommand.self,
            ServeCommand.self, TestCommand.self, ScrapeCommand.self, KubeCommand.self,
        ]
    )
}

/// Logging flags shared by every subcommand.
struct LoggingOptions: ParsableArguments {
    @Option(name: .long, help: "Lowest level logged: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(name: .long, help: "Log line format: text or json.")
    var logFormat: LogFormat = .text

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    /// Builds the process's logger; log lines go to standard error.
    func makeLogger(label: String = "vigil") -> Logger {
        let level = logLevel
        switch logFormat {
        case .text:
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return Logger(label: label, factory: { _ in handler })
        case .json:
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return Logger(label: label, factory: { _ in handler })
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
