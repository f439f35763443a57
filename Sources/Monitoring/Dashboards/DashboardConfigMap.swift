/// How dashboards are delivered to the Grafana sidecar (grafana-dashboards.md §1).
public struct DashboardDeliveryOptions: Sendable {
    /// The label the sidecar selects on, and its value (kube-prometheus-stack: `"1"`).
    public var labelName: String
    public var labelValue: String
    /// The annotation naming the target folder (`grafana_folder`, or the sidecar's own
    /// default `k8s-sidecar-target-directory`), and the folder; nil writes no annotation.
    /// A folder only becomes a Grafana folder with `foldersFromFilesStructure: true`.
    public var folderAnnotation: String
    public var folder: String?
    /// Namespace for every ConfigMap (the sidecar's `searchNamespace`); nil puts each one
    /// beside its source object, which is the only place an owner reference is valid.
    public var namespace: String?
    /// Namespace of the overview's ConfigMap when `namespace` is nil (it has no source).
    public var overviewNamespace: String

    public init(labelName: String = "grafana_dashboard", labelValue: String = "1",
                folderAnnotation: String = "grafana_folder", folder: String? = "Vigil",
                namespace: String? = nil, overviewNamespace: String = "default") {
        self.labelName = labelName
        self.labelValue = labelValue
        self.folderAnnotation = folderAnnotation
        self.folder = folder
        self.namespace = namespace
        self.overviewNamespace = overviewNamespace
    }
}

/// A ConfigMap carrying one dashboard for the Grafana sidecar: one key, `<uid>.json`,
/// compact JSON, owned by the dashboard's source object so it is garbage-collected with it.
///
/// Owner references cannot cross namespaces (the garbage collector treats such an owner as
/// missing and deletes the ConfigMap), so a ConfigMap placed in another namespace carries
/// no owner; the `vigil.dev/source` annotation still names the object for cleanup.
public struct DashboardConfigMap: Sendable, Equatable {
    /// The API's ownerReference fields.
    public struct OwnerReference: Sendable, Equatable, Encodable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        public var uid: String
    }

    /// The Kubernetes limit for a whole ConfigMap (etcd's request size).
    public static let maximumSize = 1_048_576
    /// `kubectl apply` (client-side) copies the object into an annotation capped at this.
    public static let clientSideApplyLimit = 262_144

    /// The dashboard's uid (unique, lower case, at most 40 characters: a valid name).
    public var name: String
    public var namespace: String
    /// The sidecar label plus `app.kubernetes.io/managed-by: vigil` and the dashboard kind.
    public var labels: [String: String]
    /// The folder annotation (when a folder is set) and `vigil.dev/source`.
    public var annotations: [String: String]
    /// The only data key, `<uid>.json`: unique across namespaces, as the sidecar needs.
    public var key: String
    /// Compact dashboard JSON.
    public var json: String
    /// The source object, when it is in the ConfigMap's namespace and its uid is known.
    public var owner: OwnerReference?

    /// The ConfigMap for `dashboard`; `ownerUID` is the source object's `metadata.uid`
    /// (nil when unknown, e.g. offline generation: then there is no owner reference).
    /// Throws when the dashboard is over the 1 MiB ConfigMap limit.
    public init(dashboard: GeneratedDashboard, ownerUID: String? = nil,
                options: DashboardDeliveryOptions = DashboardDeliveryOptions()) throws(DashboardConfigMapError) {
        let size = dashboard.fileName.utf8.count + dashboard.json.utf8.count
        guard size <= Self.maximumSize else {
            throw DashboardConfigMapError(uid: dashboard.uid, size: size, limit: Self.maximumSize)
        }
        name = dashboard.uid
        namespace = options.namespace ?? dashboard.source?.namespace ?? options.overviewNamespace
        labels = [options.labelName: options.labelValue,
                  "app.kubernetes.io/managed-by": "vigil",
                  "vigil.dev/dashboard-kind": dashboard.kind.rawValue]
        annotations = [:]
        if let folder = options.folder { annotations[options.folderAnnotation] = folder }
        key = dashboard.fileName
        json = dashboard.json
        if let source = dashboard.source {
            annotations["vigil.dev/source"] = "\(source.kind)/\(source.namespace)/\(source.name)"
            if let ownerUID, !ownerUID.isEmpty, source.namespace == namespace {
                owner = OwnerReference(apiVersion: source.apiVersion, kind: source.kind, name: source.name,
                                       uid: ownerUID)
            }
        }
    }

    /// `data` of the ConfigMap.
    public var data: [String: String] { [key: json] }

    /// Bytes of `data` (key plus value), as the API server counts them.
    public var size: Int { key.utf8.count + json.utf8.count }

    /// True when a client-side `kubectl apply` of this object would fail (writing through
    /// the API, as the operator does, is fine up to `maximumSize`).
    public var exceedsClientSideApplyLimit: Bool { size > Self.clientSideApplyLimit }

    /// The object as a YAML manifest (`vigil generate`, `kubectl apply --server-side`).
    public func yaml() throws(OrderedYAMLEncoder.Error) -> String {
        try OrderedYAML.emit(Manifest(self))
    }

    private struct Manifest: Encodable {
        struct Metadata: Encodable {
            var name: String
            var namespace: String
            var labels: SortedYAMLMap<String>
            var annotations: SortedYAMLMap<String>?
            var ownerReferences: [OwnerReference]?
        }

        var apiVersion = "v1"
        var kind = "ConfigMap"
        var metadata: Metadata
        var data: SortedYAMLMap<String>

        init(_ configMap: DashboardConfigMap) {
            metadata = Metadata(name: configMap.name, namespace: configMap.namespace,
                                labels: SortedYAMLMap(configMap.labels),
                                annotations: configMap.annotations.isEmpty ? nil : SortedYAMLMap(configMap.annotations),
                                ownerReferences: configMap.owner.map { [$0] })
            data = SortedYAMLMap(configMap.data)
        }
    }
}

/// A dashboard too large for a ConfigMap.
public struct DashboardConfigMapError: Error, Sendable, Equatable, CustomStringConvertible {
    public var uid: String
    /// Bytes the ConfigMap's data would take.
    public var size: Int
    public var limit: Int

    public var description: String {
        "dashboard \(uid) is \(size) bytes, over the \(limit)-byte ConfigMap limit; "
            + "split it or reduce its panels"
    }
}
