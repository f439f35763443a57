import Monitoring

/// What `vigil run` and `vigil demo` tell the reconcilers.
public struct OperatorOptions: Sendable {
    /// Where the generated Secret and rule ConfigMaps go.
    public var operatorNamespace: String
    /// Namespaces whose objects Vigil handles; `nil` for all.
    public var watchNamespaces: [String]?
    /// Only ServiceMonitors with matching labels are handled (`nil`: all).
    public var serviceMonitorSelector: LabelSelector?
    /// Only PrometheusRules and ServiceLevels with matching labels are handled (`nil`: all).
    public var ruleSelector: LabelSelector?
    /// `global.scrape_interval`, also the engine's default.
    public var scrapeInterval: String
    /// `global.evaluation_interval`.
    public var evaluationInterval: String
    /// How often status is recomputed although nothing changed (target health moves on
    /// its own).
    public var statusResync: Duration
    /// How often every object is reconciled again as a safety net.
    public var fullResync: Duration
    /// Parallel reconciles.
    public var workers: Int
    /// This replica's name, in Events (`reportingInstance`) and the lease.
    public var identity: String
    /// The label Grafana's dashboard sidecar selects on, put on every dashboard ConfigMap.
    public var grafanaDashboardLabel: (name: String, value: String)
    /// Extra `global.external_labels` of the generated config, also the rule evaluator's
    /// `$externalLabels` (`prometheus`/`prometheus_replica` are Vigil's own and win).
    public var externalLabels: [String: String]
    /// Put each dashboard ConfigMap beside the object it describes, owned by it (needs
    /// ConfigMap write access in every watched namespace), instead of in the operator
    /// namespace (the default: the Role there allows it, and Vigil deletes the ConfigMaps
    /// of objects that are gone).
    public var dashboardsBesideSources: Bool
    /// Write a dashboard for every ServiceMonitor (ServiceLevels and the overview always get
    /// theirs). Each is a ConfigMap of some 35 KB: at thousands of monitors that is a lot of
    /// etcd and of Grafana dashboards, so large installations turn this off.
    public var serviceMonitorDashboards: Bool
    /// How long the embedded engine keeps samples (`vigil run --retention`): at least the
    /// longest SLO period, or budgets are computed over less than their window.
    public var retention: Duration = .seconds(30 * 24 * 3600)

    public init(operatorNamespace: String = "vigil-system", watchNamespaces: [String]? = nil,
                serviceMonitorSelector: LabelSelector? = nil, ruleSelector: LabelSelector? = nil,
                scrapeInterval: String = "30s", evaluationInterval: String = "30s",
                statusResync: Duration = .seconds(30), fullResync: Duration = .seconds(600), workers: Int = 2,
                identity: String = "vigil",
                grafanaDashboardLabel: (name: String, value: String) = (name: "grafana_dashboard", value: "1"),
                externalLabels: [String: String] = [:], dashboardsBesideSources: Bool = false,
                serviceMonitorDashboards: Bool = true) {
        self.operatorNamespace = operatorNamespace
        self.watchNamespaces = watchNamespaces
        self.serviceMonitorSelector = serviceMonitorSelector
        self.ruleSelector = ruleSelector
        self.scrapeInterval = scrapeInterval
        self.evaluationInterval = evaluationInterval
        self.statusResync = statusResync
        self.fullResync = fullResync
        self.workers = max(1, workers)
        self.identity = identity
        self.grafanaDashboardLabel = grafanaDashboardLabel
        self.externalLabels = externalLabels
        self.dashboardsBesideSources = dashboardsBesideSources
        self.serviceMonitorDashboards = serviceMonitorDashboards
    }

    /// The API server's cap on the values of one Secret (tests lower it).
    var configSecretLimit = 1_048_576

    /// Name of the Secret holding `prometheus.yaml`.
    public static let configSecretName = "vigil-prometheus-config"
    /// Key of the plain configuration in that Secret, present while it fits beside the
    /// compressed one (the API server caps a Secret's values at 1 MiB in total).
    public static let configSecretKey = "prometheus.yaml"
    /// Key of the gzip-compressed configuration, always present (prometheus-operator's
    /// key, which its config reloader reads).
    public static let compressedConfigSecretKey = "prometheus.yaml.gz"
    /// Prefix of the rule ConfigMaps (`vigil-rulefiles-0`, …).
    public static let ruleConfigMapPrefix = "vigil-rulefiles-"
    /// Labels on everything Vigil generates, for discovery (`kubectl get cm -l …`).
    public static let managedLabels = ["app.kubernetes.io/managed-by": "vigil"]
    /// Label that marks rule ConfigMaps.
    public static let ruleFilesLabel = "vigil.dev/rulefiles"

    /// The generator's view: Vigil writes for itself as Prometheus `vigil` in the operator
    /// namespace, discovering with EndpointSlices (what its engine resolves).
    var generatorOptions: GeneratorOptions {
        var options = GeneratorOptions(prometheusNamespace: operatorNamespace, prometheusName: "vigil")
        options.scrapeInterval = scrapeInterval
        options.evaluationInterval = evaluationInterval
        options.serviceDiscoveryRole = .endpointSlice
        options.ruleConfigMapCount = 3
        options.externalLabels = externalLabels
        return options
    }

    /// The rule_files globs: one per rule ConfigMap, at least three (mounted optional, so
    /// growing to three ConfigMaps needs no restart).
    static func ruleFileGlobs(count: Int) -> [String] {
        (0..<max(3, count)).map { "/etc/prometheus/rules/\(ruleConfigMapPrefix)\($0)/*.yaml" }
    }
}
