import ArgumentParser
import AsyncHTTPClient
import Foundation
import KubernetesClient
import Monitoring
import Operator
import Scrape

/// `vigil run`: the operator.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator: reconcile ServiceMonitors, PrometheusRules and ServiceLevels into the Prometheus config Secret, rule ConfigMaps, engine targets and status.")

    @Option(help: "Path of a kubeconfig; default $KUBECONFIG, ~/.kube/config, then the in-cluster service account.")
    var kubeconfig: String?
    @Option(help: "kubeconfig context to use instead of the current one.") var context: String?
    @Option(name: [.customLong("namespace")], help: "Watch this namespace (repeatable); default: all namespaces.")
    var namespaces: [String] = []
    @Option(help: "Comma-separated namespaces to watch (same as repeating --namespace).") var watchNamespaces: String?
    @Option(help: "Only handle ServiceMonitors matching this label selector (kubectl syntax: team=ml,tier!=batch,env in (a,b),!legacy).")
    var servicemonitorSelector: String?
    @Option(help: "Only handle PrometheusRules and ServiceLevels matching this label selector (kubectl syntax).")
    var ruleSelector: String?
    @Option(help: "Namespace for the generated Secret, ConfigMaps and the lease; default: the pod's namespace, else vigil-system.")
    var operatorNamespace: String?
    @Option(help: "HOST:PORT for /metrics, /healthz and /readyz.") var metricsListen: String = ":8080"
    @Option(help: "HOST:PORT for the Prometheus-compatible API (/api/v1/query, ...) over the embedded engine; empty to disable.")
    var listen: String = ":9090"
    @Flag(help: "Elect a leader through a Lease so that only one replica writes.") var leaderElect = false
    @Option(help: "Name of the leader election Lease.") var leaseName: String = "vigil-operator"
    @Option(help: "This replica's identity; default $POD_NAME, else the host name.") var identity: String?
    @Option(help: "Default scrape interval (global.scrape_interval).") var scrapeInterval: String = "30s"
    @Option(help: "Rule evaluation interval (global.evaluation_interval).") var evaluationInterval: String = "30s"
    @Option(help: "Parallel reconciles.") var workers: Int = 2
    @Option(help: "NAME=VALUE label put on generated Grafana dashboard ConfigMaps, for Grafana's sidecar.")
    var grafanaDashboardLabel: String = "grafana_dashboard=1"
    @Flag(help: "Write each dashboard ConfigMap beside the object it describes, owned by it (needs ConfigMap write access in the watched namespaces), instead of in the operator namespace.")
    var dashboardsBesideSources = false
    @Flag(inversion: .prefixedNo, help: "Write a Grafana dashboard ConfigMap for every ServiceMonitor (about 35 KB each; turn off at thousands of monitors).")
    var servicemonitorDashboards = true
    @Option(help: "Extra global.external_labels of the generated config and of rule evaluation (name=value,...).")
    var externalLabels: String?
    @Option(help: "Keep the embedded engine's samples in this directory across restarts (restored at start, written every --snapshot-interval and on shutdown); default: memory only.")
    var dataDir: String?
    @Option(help: "Time between snapshots of the store with --data-dir.") var snapshotInterval: String = "5m"
    @Option(help: "How long the embedded engine keeps samples (Prometheus duration); at least the longest SLO period.")
    var retention: String = "30d"
    @Flag(help: "Validate the flags, print the effective settings and exit without connecting to anything.")
    var checkConfig = false
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        guard let metricsAddress = OperatorHTTPServer.Address(metricsListen) else {
            throw ValidationError("--metrics-listen: expected HOST:PORT, got \(metricsListen)")
        }
        let apiAddress = listen.isEmpty ? nil : OperatorHTTPServer.Address(listen)
        if !listen.isEmpty, apiAddress == nil { throw ValidationError("--listen: expected HOST:PORT, got \(listen)") }
        guard PrometheusDuration.parse(scrapeInterval) != nil else { throw ValidationError("--scrape-interval: not a duration") }
        guard PrometheusDuration.parse(evaluationInterval) != nil else {
            throw ValidationError("--evaluation-interval: not a duration")
        }
        guard let retentionDuration = PrometheusDuration.parse(retention), retentionDuration > .zero else {
            throw ValidationError("--retention: not a positive duration (e.g. 30d)")
        }
        let monitorSelector = try servicemonitorSelector.map {
            try RunFlagParsing.selector($0, flag: "--servicemonitor-selector")
        }
        let rulesSelector = try ruleSelector.map { try RunFlagParsing.selector($0, flag: "--rule-selector") }
        let dashboardLabel = try RunFlagParsing.kubernetesLabel(grafanaDashboardLabel, flag: "--grafana-dashboard-label")
        let extraLabels = try externalLabels.map { try RunFlagParsing.prometheusLabels($0, flag: "--external-labels") } ?? [:]
        guard workers > 0 else { throw ValidationError("--workers: must be at least 1") }
        guard let snapshotEvery = PrometheusDuration.parse(snapshotInterval), snapshotEvery > .zero else {
            throw ValidationError("--snapshot-interval: expected a positive duration such as 5m, got \(snapshotInterval)")
        }
        if let dataDir, dataDir.isEmpty { throw ValidationError("--data-dir: must not be empty") }
        let environment = ProcessInfo.processInfo.environment
        let replica = identity ?? environment["POD_NAME"] ?? ProcessInfo.processInfo.hostName
        var watched = namespaces
        watched += (watchNamespaces ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        let ownNamespace = operatorNamespace ?? InClusterNamespace.read() ?? "vigil-system"
        var options = OperatorOptions(
            operatorNamespace: ownNamespace, watchNamespaces: watched.isEmpty ? nil : watched,
            serviceMonitorSelector: monitorSelector, ruleSelector: rulesSelector, scrapeInterval: scrapeInterval,
            evaluationInterval: evaluationInterval, workers: workers, identity: replica,
            grafanaDashboardLabel: dashboardLabel, externalLabels: extraLabels,
            dashboardsBesideSources: dashboardsBesideSources, serviceMonitorDashboards: servicemonitorDashboards)
        options.retention = retentionDuration
        if checkConfig {
            print(Self.describe(options))
            print("data dir: \(dataDir.map { "\($0) (snapshot every \(snapshotInterval))" } ?? "(none: memory only)")")
            return
        }
        let logger = logging.makeLogger()
        let configuration = try ClusterConnection.configuration(kubeconfig: kubeconfig, context: context)
        let runner = OperatorRunner(
            options: options, metricsAddress: metricsAddress, apiAddress: apiAddress,
            leaderElection: leaderElect
                ? .init(leaseName: leaseName, namespace: ownNamespace, identity: replica) : nil,
            snapshots: dataDir.map { StoreSnapshots(directory: $0, interval: snapshotEvery, logger: logger) })
        let registry = MetricsBootstrap.prometheus()
        let client = try KubernetesClient(configuration: configuration, logger: logger)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPScrapeClient.makeHTTPClientConfiguration())
        do {
            try await runner.run(client: client, scrapeClient: try HTTPScrapeClient(httpClient: httpClient),
                                 registry: registry, logger: logger)
        } catch {
            try? await httpClient.shutdown()
            try? await client.shutdown()
            throw error
        }
        try await httpClient.shutdown()
        try await client.shutdown()
    }
}

extension RunCommand {
    /// The settings `--check-config` prints, one `name: value` per line.
    static func describe(_ options: OperatorOptions) -> String {
        func retention(_ duration: Duration) -> String {
            let seconds = duration.components.seconds
            return seconds % 86_400 == 0 ? "\(seconds / 86_400)d" : "\(seconds)s"
        }
        func text(_ selector: LabelSelector?) -> String {
            let text = selector?.kubernetesString ?? ""
            return text.isEmpty ? "(all)" : text
        }
        return """
            configuration OK
            operator namespace: \(options.operatorNamespace)
            watch namespaces: \(options.watchNamespaces?.joined(separator: ",") ?? "(all)")
            servicemonitor selector: \(text(options.serviceMonitorSelector))
            rule selector: \(text(options.ruleSelector))
            grafana dashboard label: \(options.grafanaDashboardLabel.name)=\(options.grafanaDashboardLabel.value)
            dashboard ConfigMaps: \(options.dashboardsBesideSources ? "beside their sources" : "in \(options.operatorNamespace)")\(options.serviceMonitorDashboards ? "" : " (none per ServiceMonitor)")
            retention: \(retention(options.retention))
            external labels: \(options.externalLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
            """
    }
}

/// The namespace of the pod's service account, when running in a cluster.
enum InClusterNamespace {
    static func read() -> String? {
        let path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
