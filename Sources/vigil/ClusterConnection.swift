import Foundation
import KubernetesClient

/// Chooses how to reach the cluster, as kubectl and client-go do: an explicit
/// `--kubeconfig`, else `$KUBECONFIG` or `~/.kube/config` when present, else the pod's
/// service account.
enum ClusterConnection {
    static func configuration(kubeconfig: String?, context: String?) throws -> ClientConfiguration {
        try ClientConfiguration.load(
            kubeconfigPath: kubeconfig, context: context, environment: ProcessInfo.processInfo.environment)
    }
}

/// The kinds `vigil kube` knows by name, with kubectl's short names.
enum ResourceNames {
    static let known: [(names: [String], kind: ResourceKind)] = [
        (["pods", "pod", "po"], Pod.resource),
        (["services", "service", "svc"], Service.resource),
        (["endpoints", "ep"], Endpoints.resource),
        (["endpointslices", "endpointslice"], EndpointSlice.resource),
        (["namespaces", "namespace", "ns"], Namespace.resource),
        (["secrets", "secret"], Secret.resource),
        (["configmaps", "configmap", "cm"], ConfigMap.resource),
        (["events", "event", "ev"], Event.resource),
        (["leases", "lease"], Lease.resource),
        (["servicemonitors", "servicemonitor", "smon"],
         ResourceKind(group: "monitoring.coreos.com", version: "v1", plural: "servicemonitors", kind: "ServiceMonitor")),
        (["prometheusrules", "prometheusrule", "promrule"],
         ResourceKind(group: "monitoring.coreos.com", version: "v1", plural: "prometheusrules", kind: "PrometheusRule")),
        (["servicelevels", "servicelevel", "slo"],
         ResourceKind(group: "vigil.dev", version: "v1alpha1", plural: "servicelevels", kind: "ServiceLevel")),
    ]

    struct Unknown: Error, CustomStringConvertible {
        let name: String
        var description: String {
            "unknown resource \"\(name)\"; use one of \(known.map(\.names[0]).joined(separator: ", ")) or PLURAL.GROUP/VERSION (e.g. widgets.example.com/v1)"
        }
    }

    /// Resolves `pods`, `svc`, `slo`, or `plural.group/version` for any other kind.
    static func resolve(_ name: String) throws -> ResourceKind {
        let lower = name.lowercased()
        if let entry = known.first(where: { $0.names.contains(lower) || $0.kind.description == lower }) {
            return entry.kind
        }
        // plural.group/version, e.g. "widgets.example.com/v1".
        let parts = lower.split(separator: "/", maxSplits: 1)
        if parts.count == 2, let dot = parts[0].firstIndex(of: ".") {
            let plural = String(parts[0][..<dot]), group = String(parts[0][parts[0].index(after: dot)...])
            return ResourceKind(group: group, version: String(parts[1]), plural: plural, kind: "")
        }
        throw Unknown(name: name)
    }
}
