import KubernetesClient

// The custom resources Vigil reconciles, as the cluster stores them: typed metadata, the
// spec and status kept as JSON. Reconcilers decode `spec` into the `Monitoring` models
// (which report bad fields with their path) instead of this layer rejecting objects.

/// A `monitoring.coreos.com/v1` ServiceMonitor as stored in the cluster.
public struct ServiceMonitorObject: KubernetesResource, Hashable {
    public static let resource = ResourceKind(
        group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor")
    public var apiVersion: String? = "monitoring.coreos.com/v1"
    public var kind: String? = "ServiceMonitor"
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, spec: JSONValue?) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// A `monitoring.coreos.com/v1` PrometheusRule as stored in the cluster.
public struct PrometheusRuleObject: KubernetesResource, Hashable {
    public static let resource = ResourceKind(
        group: "monitoring.coreos.com", version: "v1", plural: "prometheusrules", kind: "PrometheusRule")
    public var apiVersion: String? = "monitoring.coreos.com/v1"
    public var kind: String? = "PrometheusRule"
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, spec: JSONValue?) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// A `vigil.dev/v1alpha1` ServiceLevel as stored in the cluster.
public struct ServiceLevelObject: KubernetesResource, Hashable {
    public static let resource = ResourceKind(
        group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel")
    public var apiVersion: String? = "vigil.dev/v1alpha1"
    public var kind: String? = "ServiceLevel"
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, spec: JSONValue?) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The kinds whose `.status` is a subresource: writes to the object leave it alone and
/// status writes change nothing else.
enum StatusSubresource {
    static let kinds: Set<ResourceKind> = [
        ServiceMonitorObject.resource, PrometheusRuleObject.resource, ServiceLevelObject.resource,
    ]
}
