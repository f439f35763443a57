import KubernetesClient

/// What the work queue holds: an object to reconcile, or one of the aggregates built from
/// all objects. The key says what to look at, never what happened.
public enum WorkItem: Sendable, Hashable, CustomStringConvertible {
    case serviceMonitor(ObjectKey)
    case prometheusRule(ObjectKey)
    case serviceLevel(ObjectKey)
    /// The Secret with the whole Prometheus configuration.
    case prometheusConfig
    /// The rule ConfigMaps.
    case ruleFiles
    /// The Grafana dashboard ConfigMaps.
    case dashboards

    public var description: String {
        switch self {
        case .serviceMonitor(let key): "servicemonitor/\(key)"
        case .prometheusRule(let key): "prometheusrule/\(key)"
        case .serviceLevel(let key): "servicelevel/\(key)"
        case .prometheusConfig: "prometheus-config"
        case .ruleFiles: "rule-files"
        case .dashboards: "dashboards"
        }
    }

    var kindLabel: String {
        switch self {
        case .serviceMonitor: "ServiceMonitor"
        case .prometheusRule: "PrometheusRule"
        case .serviceLevel: "ServiceLevel"
        case .prometheusConfig: "PrometheusConfig"
        case .ruleFiles: "RuleFiles"
        case .dashboards: "Dashboards"
        }
    }
}

/// What a reconcile asks for next. A thrown error instead means: retry with backoff.
public enum ReconcileResult: Sendable, Equatable {
    /// Wait for the next change (plus the periodic resync).
    case done
    /// Look again after this long even if nothing changes.
    case requeue(after: Duration)
}
