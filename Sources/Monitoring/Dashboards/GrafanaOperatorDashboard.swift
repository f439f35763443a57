/// A grafana-operator `GrafanaDashboard` (`grafana.integreatly.org/v1beta1`) pointing at a
/// dashboard ConfigMap, for clusters that run grafana-operator instead of the sidecar
/// (`--grafana-operator`; grafana-dashboards.md §3).
///
/// It sets what the operator's users trip over when it is missing: `instanceSelector`
/// (required, immutable), a `folder` (the default folder moved between releases) and the
/// dashboard `uid` (otherwise the CR's own `metadata.uid` is used, which changes when the
/// object is recreated). The ConfigMap must be in the CR's namespace.
public struct GrafanaOperatorDashboard: Sendable, Equatable {
    public static let apiVersion = "grafana.integreatly.org/v1beta1"
    public static let kind = "GrafanaDashboard"

    public var name: String
    public var namespace: String
    /// `spec.instanceSelector.matchLabels`: which Grafana CRs receive the dashboard.
    public var instanceSelector: [String: String]
    public var folder: String?
    public var uid: String
    public var configMapName: String
    public var configMapKey: String
    /// The same owner as the ConfigMap, so both are garbage-collected with the object.
    public var owner: DashboardConfigMap.OwnerReference?

    /// The CR for `configMap`, in its namespace and with its owner.
    public init(configMap: DashboardConfigMap, uid: String, instanceSelector: [String: String],
                folder: String? = "Vigil") {
        name = configMap.name
        namespace = configMap.namespace
        self.instanceSelector = instanceSelector
        self.folder = folder
        self.uid = uid
        configMapName = configMap.name
        configMapKey = configMap.key
        owner = configMap.owner
    }

    /// The object as a YAML manifest.
    public func yaml() throws(OrderedYAMLEncoder.Error) -> String {
        try OrderedYAML.emit(Manifest(self))
    }

    private struct Manifest: Encodable {
        struct Metadata: Encodable {
            var name: String
            var namespace: String
            var labels: SortedYAMLMap<String>
            var ownerReferences: [DashboardConfigMap.OwnerReference]?
        }

        struct Spec: Encodable {
            struct Selector: Encodable { var matchLabels: SortedYAMLMap<String> }
            struct Reference: Encodable { var name: String; var key: String }
            var instanceSelector: Selector
            var folder: String?
            var uid: String
            var configMapRef: Reference
        }

        var apiVersion = GrafanaOperatorDashboard.apiVersion
        var kind = GrafanaOperatorDashboard.kind
        var metadata: Metadata
        var spec: Spec

        init(_ dashboard: GrafanaOperatorDashboard) {
            metadata = Metadata(name: dashboard.name, namespace: dashboard.namespace,
                                labels: SortedYAMLMap(["app.kubernetes.io/managed-by": "vigil"]),
                                ownerReferences: dashboard.owner.map { [$0] })
            spec = Spec(instanceSelector: .init(matchLabels: SortedYAMLMap(dashboard.instanceSelector)),
                        folder: dashboard.folder, uid: dashboard.uid,
                        configMapRef: .init(name: dashboard.configMapName, key: dashboard.configMapKey))
        }
    }
}
