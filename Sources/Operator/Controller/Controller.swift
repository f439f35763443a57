import Foundation
import KubernetesClient
import Logging
import Metrics
import Monitoring
import Rules
import Synchronization

/// Vigil's reconcilers over one ``Cluster``: watches ServiceMonitors, PrometheusRules,
/// ServiceLevels and what they select, and keeps the generated Secret and rule
/// ConfigMaps, the embedded engine's targets, and every object's status up to date.
///
/// ```swift
/// let controller = Controller(cluster: cluster, engine: engine, options: options, logger: logger)
/// await controller.run()   // until the task is cancelled
/// ```
///
/// Level-based: each reconcile reads the caches and recomputes everything for its key.
/// Nothing runs before every cache has synced. On cancellation watches stop, reconciles
/// in progress finish, and `run()` returns.
public final class Controller: Sendable {
    let cluster: any Cluster
    let engine: ScrapeEngine
    let options: OperatorOptions
    let logger: Logger
    let now: @Sendable () -> Date
    let events: EventRecorder
    let queue: WorkQueue<WorkItem, ContinuousClock>
    let index = ServiceIndex()
    /// Generated files (`prometheus/prometheus.yaml`, `rules/<file>`) are also handed
    /// here, for `vigil demo`'s output directory.
    let output: (@Sendable (_ path: String, _ contents: String) -> Void)?
    let ruleConfigMapCount = Mutex(0)
    /// Dashboard ConfigMaps this controller wrote (or found from a previous run), so
    /// those no longer wanted are deleted.
    let dashboardConfigMaps = Mutex<Set<ObjectKey>>([])
    /// Whether the previous run's dashboard ConfigMaps were listed yet.
    let dashboardsAdopted = Mutex(false)
    /// Per source object (`Kind/namespace/name`), what its dashboards were last written
    /// from; cleared on every full resync so that edited or deleted ConfigMaps are repaired.
    let dashboardSources = Mutex<[String: DashboardSourceCache]>([:])
    /// The embedded rule evaluator, loaded with every generated rule file.
    let rules: RuleManager?
    /// ServiceMonitors already decoded, by key, with the spec and labels they came from:
    /// selection checks on every Service event and every config regeneration read all
    /// monitors, and decoding each one again dominated start-up at a thousand monitors.
    let decodedMonitors = Mutex<[ObjectKey: DecodedMonitor]>([:])
    /// Each monitor's rendered scrape jobs (see `reconcilePrometheusConfig`).
    let renderedMonitors = Mutex<[ObjectKey: RenderedMonitor]>([:])
    /// Bumped on every change of a Secret other than the generated one: credentials are
    /// inlined into rendered jobs, which are then rendered again.
    let secretsVersion = Mutex(0)
    /// Why the last configuration could not be written (it did not fit in a Secret), for
    /// the monitors' `Accepted` condition; nil once it was written.
    let configWriteFailure = Mutex<String?>(nil)

    let serviceMonitors = ObjectCache<ServiceMonitorObject>(index: CacheIndexes.monitorSelector)
    let prometheusRules = ObjectCache<PrometheusRuleObject>()
    let serviceLevels = ObjectCache<ServiceLevelObject>()
    let services = ObjectCache<Service>(index: CacheIndexes.serviceLabels)
    let endpointSlices = ObjectCache<EndpointSlice>(index: CacheIndexes.sliceService)
    let pods = ObjectCache<Pod>()
    let namespaces = ObjectCache<Namespace>()
    let secrets = ObjectCache<Secret>()
    /// ConfigMaps TLS CAs and certificates (and OAuth2 client IDs) can come from.
    let configMaps = ObjectCache<ConfigMap>()

    public init(cluster: any Cluster, engine: ScrapeEngine, rules: RuleManager? = nil, options: OperatorOptions,
                now: @escaping @Sendable () -> Date = { Date() },
                output: (@Sendable (_ path: String, _ contents: String) -> Void)? = nil, logger: Logger) {
        self.cluster = cluster
        self.engine = engine
        self.rules = rules
        self.options = options
        self.now = now
        self.output = output
        self.logger = logger
        self.queue = WorkQueue(name: "vigil", clock: ContinuousClock())
        self.events = EventRecorder(cluster: cluster, instance: options.identity, now: now, logger: logger)
    }

    /// True once every cache holds its first full list (`/readyz`).
    public var hasSynced: Bool {
        serviceMonitors.hasSynced && prometheusRules.hasSynced && serviceLevels.hasSynced && services.hasSynced
            && endpointSlices.hasSynced && pods.hasSynced && namespaces.hasSynced && secrets.hasSynced
            && configMaps.hasSynced
    }

    /// Keys waiting in the work queue.
    public var queueDepth: Int { queue.count }

    /// Watches and reconciles until the calling task is cancelled.
    public func run() async {
        let scope = WatchScope(namespaces: options.watchNamespaces)
        // Secrets and ConfigMaps: the watched namespaces (credentials, TLS material) plus the operator's own.
        let secretScope = WatchScope(namespaces: options.watchNamespaces.map { names in
            names.contains(options.operatorNamespace) ? names : names + [options.operatorNamespace]
        })
        // Not Vigil's own rule and dashboard ConfigMaps: no monitor references them, and at
        // thousands of monitors the dashboards alone are hundreds of megabytes.
        let configMapScope = WatchScope(namespaces: secretScope.namespaces, labelSelector: "app.kubernetes.io/managed-by!=vigil")
        await withTaskCancellationHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.queue.run() }
                group.addTask { await self.cluster.watch(ServiceMonitorObject.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(PrometheusRuleObject.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(ServiceLevelObject.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(Service.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(EndpointSlice.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(Pod.self, scope: scope) { self.handle($0) } }
                group.addTask { await self.cluster.watch(Namespace.self, scope: .all) { self.handle($0) } }
                group.addTask { await self.cluster.watch(Secret.self, scope: secretScope) { self.handleSecret($0) } }
                group.addTask {
                    await self.cluster.watch(ConfigMap.self, scope: configMapScope) { self.handleConfigMap($0) }
                }
                group.addTask { await self.work() }
            }
        } onCancel: {
            queue.shutDown()
        }
        logger.info("controller stopped")
    }

    /// Waits for the caches, queues everything once, then runs the workers.
    private func work() async {
        for wait in cacheWaits() { await wait() }
        guard !Task.isCancelled else { return }
        logger.info("caches synced", metadata: ["vigil.servicemonitors": "\(serviceMonitors.count)"])
        enqueueEverything()
        await withDiscardingTaskGroup { group in
            for _ in 0..<options.workers {
                group.addTask { await self.workerLoop() }
            }
            group.addTask { await self.resyncLoop() }
        }
    }

    private func cacheWaits() -> [@Sendable () async -> Void] {
        [
            serviceMonitors.waitUntilSynced, prometheusRules.waitUntilSynced, serviceLevels.waitUntilSynced,
            services.waitUntilSynced, endpointSlices.waitUntilSynced, pods.waitUntilSynced,
            namespaces.waitUntilSynced, secrets.waitUntilSynced, configMaps.waitUntilSynced,
        ]
    }

    func enqueueEverything() {
        dashboardSources.withLock { $0 = [:] }
        // The generated files first: at thousands of objects, reconciling each object's
        // status takes far longer than the configuration Prometheus is waiting for.
        queue.add(.prometheusConfig)
        queue.add(.ruleFiles)
        for key in serviceMonitors.keys.sorted() { queue.add(.serviceMonitor(key)) }
        for key in prometheusRules.keys.sorted() { queue.add(.prometheusRule(key)) }
        for key in serviceLevels.keys.sorted() { queue.add(.serviceLevel(key)) }
        queue.add(.dashboards)
    }

    private func resyncLoop() async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: options.fullResync) } catch { return }
            enqueueEverything()
        }
    }

    private func workerLoop() async {
        while let item = await queue.next() {
            await process(item)
            queue.done(item)
        }
    }

    /// One reconcile with the outcome rules: an error retries with per-key backoff, a
    /// requeue comes back later, done forgets the backoff.
    func process(_ item: WorkItem) async {
        var logger = self.logger
        logger[metadataKey: "vigil.object"] = "\(item)"
        let started = ContinuousClock.now
        let dimensions = [("kind", item.kindLabel)]
        do {
            let result = try await reconcile(item)
            queue.forget(item)
            if case .requeue(let delay) = result { queue.add(item, after: delay) }
            Counter(label: "vigil_reconcile_total", dimensions: dimensions + [("result", "success")]).increment()
            logger.debug("reconciled")
        } catch {
            queue.addRateLimited(item)
            Counter(label: "vigil_reconcile_total", dimensions: dimensions + [("result", "error")]).increment()
            Counter(label: "vigil_reconcile_errors_total", dimensions: dimensions).increment()
            logger.warning("reconcile failed; retrying", metadata: ["vigil.error": "\(error)"])
        }
        Metrics.Timer(label: "vigil_reconcile_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
            .record(started.duration(to: .now))
    }

    func reconcile(_ item: WorkItem) async throws -> ReconcileResult {
        switch item {
        case .serviceMonitor(let key): try await reconcileServiceMonitor(key)
        case .prometheusRule(let key): try await reconcilePrometheusRule(key)
        case .serviceLevel(let key): try await reconcileServiceLevel(key)
        case .prometheusConfig: try await reconcilePrometheusConfig()
        case .ruleFiles: try await reconcileRuleFiles()
        case .dashboards: try await reconcileDashboards()
        }
    }
}

extension Metrics.Timer {
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
