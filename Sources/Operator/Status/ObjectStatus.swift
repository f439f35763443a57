import KubernetesClient

// The `.status` of each reconciled kind, as `status-contract.md` fixes it. Display values
// that can be NaN or infinite are strings; numbers are only counts.

/// ServiceMonitor `.status`.
public struct ServiceMonitorStatus: Sendable, Equatable, Codable {
    public var observedGeneration: Int64?
    public var conditions: [Condition] = []
    public var targetsUp: Int?
    public var targetsTotal: Int?
    public var lastScrapeTime: Time?
    public init() {}
}

// PrometheusRule `.status` is `Monitoring.PrometheusRuleStatus`, made by its pure function.
// ServiceLevel `.status` is `Monitoring.ServiceLevelStatus`, made by its pure function.

extension JSONValue {
    /// Decodes a status stored as JSON; an absent or unreadable status starts empty (the
    /// next write replaces it whole).
    func decodedStatus<S: Decodable>(_ type: S.Type, default empty: S) -> S {
        (try? JSONCoding.decode(S.self, from: self)) ?? empty
    }
}
