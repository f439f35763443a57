import KubernetesClient

// The custom resources Vigil reconciles, as the cluster stores them: typed metadata, the
// spec and status kept as JSON. Reconcilers decode `spec` into the `Monitoring` models
// (which report bad fields with their path) instead of this layer rejecting objects.

/// Which custom resource a ``CustomResourceObject`` is.
public protocol CustomResourceKind: Sendable {
    static var resource: ResourceKind { get }
}

/// A custom resource as stored in the cluster: typed metadata, spec and status as JSON.
public struct CustomResourceObject<Kind: CustomResourceKind>: KubernetesResource, Hashable {
    public static var resource: ResourceKind { Kind.resource }
    public var apiVersion: String? = Kind.resource.apiVersion
    public var kind: String? = Kind.resource.kind
    public var metadata: ObjectMeta
    public var spec: JSONValue?
    public var status: JSONValue?
    public var retainedFields = RetainedFields()

    public init(metadata: ObjectMeta, spec: JSONValue?) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `monitoring.coreos.com/v1` ServiceMonitor.
public enum ServiceMonitorKind: CustomResourceKind {
    public static let resource = ResourceKind(
        group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor")
}

/// `monitoring.coreos.com/v1` PrometheusRule.
public enum PrometheusRuleKind: CustomResourceKind {
    public static let resource = ResourceKind(
        group: "monitoring.coreos.com", version: "v1", plural: "prometheusrules", kind: "PrometheusRule")
}

/// `vigil.dev/v1alpha1` ServiceLevel.
public enum ServiceLevelKind: CustomResourceKind {
    public static let resource = ResourceKind(
        group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel")
}

/// A `monitoring.coreos.com/v1` ServiceMonitor as stored in the cluster.
public typealias ServiceMonitorObject = CustomResourceObject<ServiceMonitorKind>
/// A `monitoring.coreos.com/v1` PrometheusRule as stored in the cluster.
public typealias PrometheusRuleObject = CustomResourceObject<PrometheusRuleKind>
/// A `vigil.dev/v1alpha1` ServiceLevel as stored in the cluster.
public typealias ServiceLevelObject = CustomResourceObject<ServiceLevelKind>

/// The kinds whose `.status` is a subresource: writes to the object leave it alone and
/// status writes change nothing else.
enum StatusSubresource {
    static let kinds: Set<ResourceKind> = [
        ServiceMonitorObject.resource, PrometheusRuleObject.resource, ServiceLevelObject.resource,
    ]
}
