/// What the scrape config generator needs to know about the Prometheus it writes for —
/// the parts of `Prometheus.spec` and of the cluster that change the output.
public struct GeneratorOptions: Sendable, Equatable {
    /// Namespace and name of the Prometheus (`monitoring/main`).
    public var prometheusNamespace: String
    public var prometheusName: String
    /// The Prometheus version written for; gates fields and validation rules.
    public var prometheusVersion: PrometheusVersion
    /// `Prometheus.spec.scrapeInterval` (global), also the bound for `scrapeTimeout`.
    public var scrapeInterval: String
    /// `Prometheus.spec.scrapeTimeout` (global), written only when set.
    public var scrapeTimeout: String?
    /// `Prometheus.spec.evaluationInterval` (global).
    public var evaluationInterval: String
    /// `Prometheus.spec.shards`; values below 1 count as 1.
    public var shards: Int
    /// The `PrometheusShardRetentionPolicy` feature gate (on by default since PO v0.92):
    /// adds the `__tmp_current_shard` rules before the hashmod block.
    public var shardRetention: Bool
    /// `Prometheus.spec.serviceDiscoveryRole`, used when a monitor sets none.
    public var serviceDiscoveryRole: ServiceMonitor.ServiceDiscoveryRole
    /// Whether the cluster serves the EndpointSlice API.
    public var endpointSliceSupported: Bool
    /// `Prometheus.spec.podTargetLabels`, appended to every monitor's list.
    public var podTargetLabels: [String]
    /// `Prometheus.spec.ignoreNamespaceSelectors`.
    public var ignoreNamespaceSelectors: Bool
    /// `Prometheus.spec.enforcedNamespaceLabel`.
    public var enforcedNamespaceLabel: String?
    /// Monitors (`"<namespace>/<name>"`) exempt from namespace enforcement.
    public var excludedFromEnforcement: Set<String>
    /// `Prometheus.spec.overrideHonorLabels` / `overrideHonorTimestamps`.
    public var overrideHonorLabels: Bool
    public var overrideHonorTimestamps: Bool
    /// `Prometheus.spec.arbitraryFSAccessThroughSMs.deny`.
    public var denyArbitraryFileAccess: Bool
    /// `Prometheus.spec.enforced*Limit` values (nil or 0 = not enforced).
    public var enforcedLimits: ScrapeLimits
    /// `Prometheus.spec.enforcedBodySizeLimit` (`512MB`, `1GiB`).
    public var enforcedBodySizeLimit: String?
    /// `Prometheus.spec.scrapeClasses`.
    public var scrapeClasses: [ScrapeClass]
    /// Number of rule ConfigMaps; nil when `Prometheus.spec.ruleSelector` is null (then the
    /// config has no `rule_files`). At least three names are always listed.
    public var ruleConfigMapCount: Int?
    /// `storage.tsdb.retention.time`, written only when set (Prometheus 3.x configs).
    public var retention: String?
    /// `Prometheus.spec.externalLabels`: extra `global.external_labels` (the generated
    /// `prometheus` and `prometheus_replica` labels take precedence).
    public var externalLabels: [String: String]

    public init(prometheusNamespace: String = "monitoring", prometheusName: String = "main") {
        self.prometheusNamespace = prometheusNamespace
        self.prometheusName = prometheusName
        prometheusVersion = .default
        scrapeInterval = "30s"
        scrapeTimeout = nil
        evaluationInterval = "30s"
        shards = 1
        shardRetention = true
        serviceDiscoveryRole = .endpoints
        endpointSliceSupported = true
        podTargetLabels = []
        ignoreNamespaceSelectors = false
        enforcedNamespaceLabel = nil
        excludedFromEnforcement = []
        overrideHonorLabels = false
        overrideHonorTimestamps = false
        denyArbitraryFileAccess = false
        enforcedLimits = ScrapeLimits()
        enforcedBodySizeLimit = nil
        scrapeClasses = []
        ruleConfigMapCount = nil
        retention = nil
        externalLabels = [:]
    }
}

/// Per-target limits, as monitors set them and as a Prometheus may enforce them.
public struct ScrapeLimits: Sendable, Equatable {
    public var sampleLimit: UInt64?
    public var targetLimit: UInt64?
    public var labelLimit: UInt64?
    public var labelNameLengthLimit: UInt64?
    public var labelValueLengthLimit: UInt64?
    public var keepDroppedTargets: UInt64?

    public init() {}
}

/// A Prometheus release (`v3.11.1`), compared numerically.
public struct PrometheusVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) { (self.major, self.minor, self.patch) = (major, minor, patch) }

    /// Parses `v3.11.1`, `3.11` or `2.42.0+ds`; nil if it does not start with numbers.
    public init?(_ text: String) {
        let trimmed = text.hasPrefix("v") ? text.dropFirst() : Substring(text)
        let core = trimmed.prefix { $0.isNumber || $0 == "." }
        let parts = core.split(separator: ".").map { Int($0) }
        guard parts.count >= 2, parts.count <= 3, let major = parts[0], let minor = parts[1] else { return nil }
        self.init(major, minor, parts.count == 3 ? (parts[2] ?? 0) : 0)
    }

    /// The default of the prometheus-operator release this generator follows.
    public static let `default` = PrometheusVersion(3, 11, 1)

    public static func < (lhs: PrometheusVersion, rhs: PrometheusVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "v\(major).\(minor).\(patch)" }
}
