import KubernetesClient

/// The secondary indexes of the controller's caches: how a reconcile finds the few
/// objects an event concerns without scanning every object of a kind.
enum CacheIndexes {
    /// Services by each of their labels as `key=value`: a monitor whose selector requires
    /// `app=web` only looks at Services listed under `app=web`.
    @Sendable static func serviceLabels(_ service: Service) -> [String] {
        (service.metadata.labels ?? [:]).map { labelPair($0.key, $0.value) }
    }

    /// EndpointSlices by `namespace/service` (their `kubernetes.io/service-name` label).
    @Sendable static func sliceService(_ slice: EndpointSlice) -> [String] {
        guard let service = slice.serviceName else { return [] }
        return [serviceKey(ObjectKey(namespace: slice.metadata.namespace, name: service))]
    }

    /// ServiceMonitors by one `key=value` their `spec.selector.matchLabels` requires (the
    /// smallest key), or ``anySelector`` when it requires none: every Service the monitor
    /// selects carries that label, so a Service's candidates are the monitors listed under
    /// its own labels plus those under ``anySelector``. Read from the raw spec so that even
    /// a monitor that does not decode is found (it falls under ``anySelector``).
    @Sendable static func monitorSelector(_ monitor: ServiceMonitorObject) -> [String] {
        guard let matchLabels = monitor.spec?.value(at: ["selector", "matchLabels"])?.objectValue,
              let first = matchLabels.keys.min(), let value = matchLabels[first]?.stringValue
        else { return [anySelector] }
        return [labelPair(first, value)]
    }

    /// The index value of monitors whose selector names no label value.
    static let anySelector = "*"

    static func labelPair(_ key: String, _ value: String) -> String { "\(key)=\(value)" }

    static func serviceKey(_ key: ObjectKey) -> String { "\(key.namespace)/\(key.name)" }
}
