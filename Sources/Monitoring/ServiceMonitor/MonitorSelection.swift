/// Which ServiceMonitors a Prometheus uses (`prometheus-operator-compat.md` section 2).
///
/// Mind the difference between absent (`nil`) and empty selectors: a `nil`
/// `serviceMonitorSelector` selects no monitors, `{}` selects all; a `nil` namespace
/// selector means only the Prometheus' own namespace, `{}` means every namespace.
public struct MonitorSelection: Sendable, Equatable {
    /// `Prometheus.spec.serviceMonitorSelector` (on the monitors' own labels).
    public var serviceMonitorSelector: LabelSelector?
    /// `Prometheus.spec.serviceMonitorNamespaceSelector` (on Namespace labels).
    public var serviceMonitorNamespaceSelector: LabelSelector?
    /// The namespace of the Prometheus object.
    public var prometheusNamespace: String

    public init(serviceMonitorSelector: LabelSelector?, serviceMonitorNamespaceSelector: LabelSelector?,
                prometheusNamespace: String) {
        self.serviceMonitorSelector = serviceMonitorSelector
        self.serviceMonitorNamespaceSelector = serviceMonitorNamespaceSelector
        self.prometheusNamespace = prometheusNamespace
    }

    /// The selected monitors, sorted by `"<namespace>/<name>"` as prometheus-operator keys
    /// them. `namespaceLabels` gives the labels of each known Namespace; a monitor in a
    /// namespace missing from it is selected only by an empty (`{}`) namespace selector.
    public func select(_ monitors: [ServiceMonitor], namespaceLabels: [String: [String: String]]) -> [ServiceMonitor] {
        guard let serviceMonitorSelector else { return [] }
        return monitors.filter { monitor in
            guard serviceMonitorSelector.matches(monitor.metadata.labels ?? [:]) else { return false }
            guard let namespaceSelector = serviceMonitorNamespaceSelector else {
                return monitor.namespace == prometheusNamespace
            }
            if namespaceSelector.isEmpty { return true }
            guard let labels = namespaceLabels[monitor.namespace] else { return false }
            return namespaceSelector.matches(labels)
        }
        .sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
    }
}

extension LabelSelector {
    /// True for `{}` (no labels and no expressions): selects everything.
    public var isEmpty: Bool { (matchLabels ?? [:]).isEmpty && (matchExpressions ?? []).isEmpty }
}
