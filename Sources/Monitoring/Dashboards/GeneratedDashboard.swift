/// The object a dashboard was generated from (its owner, when delivered as a ConfigMap).
public struct DashboardSource: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String, name: String) {
        (self.apiVersion, self.kind, self.namespace, self.name) = (apiVersion, kind, namespace, name)
    }
}

/// One generated Grafana dashboard, ready to write to a file or a ConfigMap.
public struct GeneratedDashboard: Sendable, Equatable {
    /// Which of the three dashboard kinds this is.
    public enum Kind: String, Sendable, Hashable {
        /// One SLO (of a ServiceLevel, or one of a PrometheusServiceLevel's SLOs).
        case serviceLevel
        /// The targets of one ServiceMonitor and what they serve.
        case targets
        /// Every SLO and ServiceMonitor at a glance.
        case overview
    }

    public let kind: Kind
    /// Stable, at most 40 characters of `[a-z0-9-]`, distinct for distinct objects.
    public let uid: String
    public let title: String
    /// The object shown; nil for the overview.
    public let source: DashboardSource?
    /// Compact JSON with sorted keys: identical bytes for identical input.
    public let json: String
    /// The same dashboard indented (for files people read and review).
    public let prettyJSON: String

    /// `<uid>.json`: the ConfigMap key and file name (uids are unique, so keys are too).
    public var fileName: String { "\(uid).json" }

    let model: GrafanaDashboard

    init(kind: Kind, source: DashboardSource?, model: GrafanaDashboard) throws(DashboardGenerationError) {
        do {
            json = try model.encoded(pretty: false)
            prettyJSON = try model.encoded(pretty: true) + "\n"
        } catch {
            throw DashboardGenerationError(uid: model.uid, message: "cannot encode dashboard JSON: \(error)")
        }
        (self.kind, self.uid, self.title, self.source, self.model) = (kind, model.uid, model.title, source, model)
    }
}

/// A dashboard that could not be produced.
public struct DashboardGenerationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dashboard's uid.
    public var uid: String
    public var message: String

    public var description: String { "dashboard \(uid): \(message)" }
}
