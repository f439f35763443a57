import Foundation
import KubernetesClient
import Logging
import Prometheus
import Rules
import Scrape
import ServiceLifecycle
import Synchronization
import TSDB

/// `vigil run`: the operator against a real API server. Every replica serves
/// `/metrics`, `/healthz` and `/readyz`; with leader election only the leader runs the
/// reconcilers (so only it writes), and a replica that loses the lease stops them and
/// its engine's jobs. SIGTERM/SIGINT: watches stop, in-flight reconciles finish, the
/// lease is released, and with ``snapshots`` the store is written once more.
public struct OperatorRunner: Sendable {
    public var options: OperatorOptions
    public var metricsAddress: OperatorHTTPServer.Address
    /// Where the Prometheus-compatible API over the engine's store is served; `nil` for nowhere.
    public var apiAddress: OperatorHTTPServer.Address?
    /// `nil` runs without leader election (a single replica).
    public var leaderElection: LeaderElector<ContinuousClock>.Configuration?
    /// Where the engine's store is kept across restarts; `nil` keeps it in memory only.
    public var snapshots: StoreSnapshots?

    public init(options: OperatorOptions, metricsAddress: OperatorHTTPServer.Address,
                apiAddress: OperatorHTTPServer.Address? = nil,
                leaderElection: LeaderElector<ContinuousClock>.Configuration?, snapshots: StoreSnapshots? = nil) {
        self.options = options
        self.metricsAddress = metricsAddress
        self.apiAddress = apiAddress
        self.leaderElection = leaderElection
        self.snapshots = snapshots
    }

    public func run(client: KubernetesClient, scrapeClient: any ScrapeClient, registry: PrometheusCollectorRegistry,
                    logger: Logger) async throws {
        let cluster = KubernetesCluster(client: client, logger: logger)
        let storeOptions = TimeSeriesStore.Options(retention: options.retention.wholeMilliseconds)
        let engine = ScrapeEngine(storage: snapshots?.restore(options: storeOptions) ?? TimeSeriesStore(options: storeOptions),
                                  client: scrapeClient,
                                  now: { Int64(Date().timeIntervalSince1970 * 1000) }, logger: logger)
        // The embedded evaluator runs groups without their own interval at --evaluation-interval.
        let interval = PrometheusDuration.parse(options.evaluationInterval) ?? .seconds(30)
        let rules = RuleManager(storage: engine.storage, options: RuleManager.Options(defaultInterval: interval.wholeMilliseconds,
                                                                                  externalLabels: Labels(options.externalLabels)),
                                clock: ContinuousClock(), now: { Int64(Date().timeIntervalSince1970 * 1000) },
                                logger: logger)
        let current = Mutex<Controller?>(nil)
        let elector = leaderElection.map {
            LeaderElector(configuration: $0, client: client, clock: ContinuousClock(), logger: logger)
        }
        let options = self.options
        // A controller per term of leadership: its queue ends with the term.
        let lead: @Sendable () async -> Void = {
            let controller = Controller(cluster: cluster, engine: engine, rules: rules, options: options, logger: logger)
            current.withLock { $0 = controller }
            logger.info("reconciling", metadata: ["vigil.identity": "\(options.identity)"])
            await controller.run()
            current.withLock { $0 = nil }
            for job in engine.jobNames { engine.removeJob(job) }
        }
        let reconcilers = TaskService {
            if let elector { await elector.run(whileLeader: lead) } else { await lead() }
        }
        let server = OperatorHTTPServer.application(
            address: metricsAddress, registry: registry,
            isReady: {
                // A standby replica is ready to take over; the leader once its caches synced.
                if let elector, !elector.isLeader { return true }
                return current.withLock { $0 }?.hasSynced ?? false
            },
            onRunning: { port in logger.info("serving /metrics, /healthz, /readyz", metadata: ["vigil.port": "\(port)"]) },
            logger: logger)
        var services: [any ServiceLifecycle.Service] = [
            TaskService { await engine.run() }, TaskService { await rules.runUntilCancelled(logger: logger) }, reconcilers,
            server,
        ]
        if let snapshots {
            services.append(TaskService { await snapshots.runPeriodically(engine.storage) })
        }
        services.append(TaskService { await Self.applyRetentionPeriodically(engine.storage, logger: logger) })
        if let apiAddress {
            let api = PrometheusAPI(storage: engine.storage, now: { Int64(Date().timeIntervalSince1970 * 1000) })
            services.append(OperatorHTTPServer.application(
                address: apiAddress, registry: registry, isReady: { true },
                onRunning: { port in logger.info("serving the Prometheus API", metadata: ["vigil.port": "\(port)"]) },
                extraRoutes: { router in
                    api.addRoutes(to: router)
                    RulesRoutes.add(to: router, rules: rules)
                }, logger: logger))
        }
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        // The last snapshot is taken once the group has stopped scraping and evaluating,
        // and before the engine's shutdown marks every series stale.
        do {
            try await group.run()
        } catch {
            snapshots?.save(engine.storage)
            engine.shutDown()
            throw error
        }
        snapshots?.save(engine.storage)
        engine.shutDown()
    }

    /// Drops samples older than the store's retention every five minutes, until cancelled:
    /// without it the store, and the snapshot, would grow for as long as Vigil runs.
    static func applyRetentionPeriodically(_ store: TimeSeriesStore, every interval: Duration = .seconds(300),
                                           logger: Logger) async {
        while !Task.isCancelled {
            let result = store.applyRetention(now: Int64(Date().timeIntervalSince1970 * 1000))
            logger.debug("retention applied", metadata: ["vigil.retention": "\(result)"])
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }
}
