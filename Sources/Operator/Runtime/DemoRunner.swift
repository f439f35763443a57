import Foundation
import KubernetesClient
import Logging
import Prometheus
import Rules
import Scrape
import ServiceLifecycle
import Synchronization
import TSDB

/// `vigil demo`: the example manifests in an ``InMemoryCluster``, the synthetic inference
/// service (``SyntheticInferenceService``), the same reconcilers and engine as `vigil run`, generated files under the
/// output directory, `/metrics` and probes on `listen`, and a live condition table.
/// Ends on SIGINT/SIGTERM or after `duration`, shutting down gracefully.
public struct DemoRunner: Sendable {
    public var documents: [(source: String, object: JSONValue)]
    public var outputDirectory: URL
    public var listen: OperatorHTTPServer.Address
    public var duration: Duration?
    /// Redraw the table in place (a terminal) or print changed tables as plain lines.
    public var redrawsInPlace: Bool
    /// Where the table goes (standard output).
    public var write: @Sendable (String) -> Void

    public init(documents: [(source: String, object: JSONValue)], outputDirectory: URL,
                listen: OperatorHTTPServer.Address, duration: Duration?, redrawsInPlace: Bool,
                write: @escaping @Sendable (String) -> Void) {
        self.documents = documents
        self.outputDirectory = outputDirectory
        self.listen = listen
        self.duration = duration
        self.redrawsInPlace = redrawsInPlace
        self.write = write
    }

    /// Runs the demo until a signal or `duration`; returns the last table's rows.
    @discardableResult
    public func run(scrapeClient: any ScrapeClient, registry: PrometheusCollectorRegistry, logger: Logger) async throws
        -> [ConditionTable.Row]
    {
        let cluster = InMemoryCluster()
        for skipped in await DemoScenario.load(documents, into: cluster) {
            logger.info("manifest skipped", metadata: ["vigil.source": "\(skipped.source)", "vigil.reason": "\(skipped.reason)"])
        }
        let files = OutputFiles(directory: outputDirectory, logger: logger)
        try files.prepare()
        let engine = ScrapeEngine(storage: TimeSeriesStore(), client: scrapeClient,
                                  now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: logger)
        let options = OperatorOptions(operatorNamespace: "monitoring", statusResync: .seconds(5), identity: "vigil-demo")
        let nowMilliseconds: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
        let rules = RuleManager(storage: engine.storage, options: RuleManager.Options(defaultInterval: 5_000),
                                clock: ContinuousClock(), now: nowMilliseconds, logger: logger)
        let controller = Controller(cluster: cluster, engine: engine, rules: rules, options: options,
                                    output: { path, contents in files.write(path, contents) }, logger: logger)
        let lastRows = Mutex<[ConditionTable.Row]>([])
        let inference = SyntheticInferenceService(logger: logger)
        let target = TaskService {
            do {
                let port = try await inference.start()
                try await DemoScenario.addInferenceService(port: port, to: cluster)
                logger.info("synthetic inference service running", metadata: [
                    "vigil.metrics": "http://127.0.0.1:\(port)/metrics",
                    "vigil.control": "curl -X POST 'http://127.0.0.1:\(port)/control?errorRatio=0.05&latency=0.5'",
                ])
                try await Task.sleep(for: .seconds(365 * 86_400))
            } catch {
                if !Task.isCancelled {
                    logger.error("synthetic inference service failed", metadata: ["vigil.error": "\(error)"])
                }
            }
            await inference.shutdown()
        }
        let api = PrometheusAPI(storage: engine.storage, now: { Int64(Date().timeIntervalSince1970 * 1000) })
        let server = OperatorHTTPServer.application(
            address: listen, registry: registry, isReady: { controller.hasSynced },
            onRunning: { port in
                logger.info("serving the Prometheus API, /metrics, /healthz, /readyz",
                            metadata: ["vigil.url": "http://\(listen.host):\(port)/api/v1/query?query=up"])
            },
            extraRoutes: { router in
                api.addRoutes(to: router)
                RulesRoutes.add(to: router, rules: rules)
            }, logger: logger)
        let table = TaskService { [redrawsInPlace, write] in
            var shown = ""
            while !Task.isCancelled {
                if let rows = try? await ConditionTable.rows(in: cluster) {
                    lastRows.withLock { $0 = rows }
                    let text = ConditionTable.render(rows)
                    if text != shown {
                        write(redrawsInPlace ? "\u{1B}[H\u{1B}[2J" + text : text + "\n")
                        shown = text
                    }
                }
                do { try await Task.sleep(for: .milliseconds(500)) } catch { break }
            }
        }
        // Shut down in reverse order: table, server, controller (in-flight reconciles
        // finish), engine, target. A service that ends lets the others end gracefully.
        let services: [any ServiceLifecycle.Service] = [
            target, TaskService { await engine.run() }, TaskService { await rules.runUntilCancelled(logger: logger) },
            TaskService { await controller.run() }, server, table,
        ]
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            tasks.addTask {
                try await group.run()
                return true
            }
            if let duration {
                tasks.addTask {
                    try await Task.sleep(for: duration)
                    await group.triggerGracefulShutdown()
                    return false
                }
            }
            // Wait for the group itself; the timer only asks it to stop.
            while let groupEnded = try await tasks.next(), !groupEnded {}
            tasks.cancelAll()
        }
        engine.shutDown()
        return lastRows.withLock { $0 }
    }
}

/// Writes generated files under the output directory, only when their content changed.
final class OutputFiles: Sendable {
    let directory: URL
    let logger: Logger
    private let written = Mutex<[String: String]>([:])

    init(directory: URL, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// Creates `prometheus/`, `rules/` and `dashboards/`.
    func prepare() throws {
        for sub in ["prometheus", "rules", "dashboards"] {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
    }

    func write(_ path: String, _ contents: String) {
        let changed = written.withLock { written -> Bool in
            guard written[path] != contents else { return false }
            written[path] = contents
            return true
        }
        guard changed else { return }
        let url = directory.appendingPathComponent(path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url, options: .atomic)
        } catch {
            logger.warning("cannot write output file", metadata: ["vigil.path": "\(url.path)", "vigil.error": "\(error)"])
        }
    }
}
