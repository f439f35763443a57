/// One kind of object the fake API server serves, as a CustomResourceDefinition or a
/// built-in API group would declare it.
public struct FakeResource: Sendable, Hashable {
    /// API group; "" for the core group (served under `/api/v1`).
    public var group: String
    public var version: String
    /// Lower-case plural used in paths, e.g. `servicemonitors`.
    public var plural: String
    public var kind: String
    public var namespaced: Bool
    /// Whether `/status` is a subresource: writes to the main resource then ignore
    /// `status`, and writes to `/status` ignore everything else.
    public var hasStatusSubresource: Bool
    /// Whether `metadata.generation` starts at 1 and grows when the spec changes.
    public var bumpsGeneration: Bool
    /// Custom resources refuse strategic merge patches (415), as real servers do.
    public var isCustomResource: Bool

    public init(
        group: String, version: String, plural: String, kind: String, namespaced: Bool = true,
        hasStatusSubresource: Bool = false, bumpsGeneration: Bool = false, isCustomResource: Bool? = nil
    ) {
        self.group = group
        self.version = version
        self.plural = plural
        self.kind = kind
        self.namespaced = namespaced
        self.hasStatusSubresource = hasStatusSubresource
        self.bumpsGeneration = bumpsGeneration
        self.isCustomResource = isCustomResource ?? !(group.isEmpty || group.hasSuffix(".k8s.io")
            || Self.builtInGroups.contains(group))
    }

    /// `v1` for core, `group/version` otherwise, as written in `apiVersion`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `plural` or `plural.group`, as Kubernetes names a resource in error messages.
    public var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// Path prefix of the group version: `/api/v1` or `/apis/group/version`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    private static let builtInGroups: Set<String> = [
        "apps", "batch", "policy", "autoscaling", "extensions",
    ]
}

extension [FakeResource] {
    /// The kinds Vigil reads and writes: core objects, EndpointSlices, Events, Leases, the
    /// prometheus-operator kinds, ServiceLevels and Sloth's PrometheusServiceLevels.
    public static var builtIn: [FakeResource] {
        [
            FakeResource(group: "", version: "v1", plural: "namespaces", kind: "Namespace", namespaced: false),
            FakeResource(group: "", version: "v1", plural: "services", kind: "Service"),
            FakeResource(group: "", version: "v1", plural: "endpoints", kind: "Endpoints"),
            FakeResource(group: "", version: "v1", plural: "pods", kind: "Pod"),
            FakeResource(group: "", version: "v1", plural: "secrets", kind: "Secret"),
            FakeResource(group: "", version: "v1", plural: "configmaps", kind: "ConfigMap"),
            FakeResource(group: "discovery.k8s.io", version: "v1", plural: "endpointslices", kind: "EndpointSlice"),
            FakeResource(group: "events.k8s.io", version: "v1", plural: "events", kind: "Event"),
            FakeResource(group: "coordination.k8s.io", version: "v1", plural: "leases", kind: "Lease"),
            FakeResource(
                group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor",
                hasStatusSubresource: true, bumpsGeneration: true),
            FakeResource(
                group: "monitoring.coreos.com", version: "v1", plural: "prometheusrules", kind: "PrometheusRule",
                hasStatusSubresource: true, bumpsGeneration: true),
            FakeResource(
                group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel",
                hasStatusSubresource: true, bumpsGeneration: true),
            FakeResource(
                group: "sloth.slok.dev", version: "v1", plural: "prometheusservicelevels",
                kind: "PrometheusServiceLevel", bumpsGeneration: true),
        ]
    }
}
