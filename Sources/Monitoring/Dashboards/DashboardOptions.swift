/// Settings of the dashboard generator. The defaults suit kube-prometheus-stack's Grafana.
public struct DashboardOptions: Sendable {
    /// `schemaVersion` written into every dashboard. 39 (Grafana 10.4/11) lets every
    /// current Grafana load it with at most a few cheap migrations (grafana-dashboards.md §2).
    public var schemaVersion: Int
    /// First part of every uid (lower-cased, cut to fit in 40 characters).
    public var uidPrefix: String
    /// Tags on every dashboard; the object's namespace is added per dashboard.
    public var tags: [String]
    /// Auto-refresh interval of every dashboard.
    public var refresh: String
    /// Labels that, when a request metric carries them, become a breakdown and a template
    /// variable (first match wins), e.g. `model_id` for the Kthena inference metrics.
    public var dimensionLabels: [String]
    /// Values of a status/code label that count as failed requests (RE2).
    public var errorStatusPattern: String
    /// How SLO objects are validated (period, style); must match the rule generator's so the
    /// dashboards select the series the rules record.
    public var slo: SLOGenerationOptions

    public init(schemaVersion: Int = 39, uidPrefix: String = "vigil", tags: [String] = ["vigil"],
                refresh: String = "30s", dimensionLabels: [String] = ["model_id", "model"],
                errorStatusPattern: String = "5..|error|failed|failure", slo: SLOGenerationOptions = .vigil) {
        self.schemaVersion = schemaVersion
        self.uidPrefix = uidPrefix
        self.tags = tags
        self.refresh = refresh
        self.dimensionLabels = dimensionLabels
        self.errorStatusPattern = errorStatusPattern
        self.slo = slo
    }

    /// The uid of the overview dashboard (one per Vigil installation).
    public var overviewUID: String {
        let prefix = DashboardIdentity.slug(uidPrefix)
        return String((prefix.isEmpty ? "overview" : "\(prefix)-overview").prefix(DashboardIdentity.maximumUIDLength))
    }

    /// Tags of a dashboard about an object in `namespace`.
    func tags(namespace: String?) -> [String] {
        var result = tags
        if let namespace, !result.contains(namespace) { result.append(namespace) }
        return result
    }
}
