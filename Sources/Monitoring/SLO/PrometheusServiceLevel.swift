/// Sloth's `PrometheusServiceLevel` (`sloth.slok.dev/v1`), accepted as input so existing
/// Sloth users can switch without rewriting their specs. The SLO period is not part of the
/// object (Sloth takes it from a flag); Vigil takes it from `SLOGenerationOptions`.
public struct PrometheusServiceLevel: Codable, Sendable, Equatable {
    public static let apiVersion = "sloth.slok.dev/v1"
    public static let kind = "PrometheusServiceLevel"

    public var apiVersion: String
    public var kind: String
    public var metadata: SLOObjectMeta
    public var spec: Spec

    public init(metadata: SLOObjectMeta, spec: Spec) {
        (self.apiVersion, self.kind, self.metadata, self.spec) = (Self.apiVersion, Self.kind, metadata, spec)
    }

    /// Sloth's spec: one service, a list of SLOs.
    public struct Spec: Codable, Sendable, Equatable {
        /// Service name: `sloth_service` label and first half of every SLO id.
        public var service: String
        /// Labels added to every rule of every SLO (per-SLO labels win).
        public var labels: [String: String]?
        public var slos: [SLO]
        /// Sloth plugin chains are not supported; present only so validation can say so.
        public var sloPlugins: SLOIgnoredValue?

        public init(service: String, labels: [String: String]? = nil, slos: [SLO]) {
            (self.service, self.labels, self.slos, self.sloPlugins) = (service, labels, slos, nil)
        }
    }

    /// One SLO of the list.
    public struct SLO: Codable, Sendable, Equatable {
        public var name: String
        public var objective: Double
        public var description: String?
        public var labels: [String: String]?
        public var sli: SLOIndicatorSpec
        public var alerting: SLOAlertingSpec?
        public var plugins: SLOIgnoredValue?

        public init(name: String, objective: Double, description: String? = nil, labels: [String: String]? = nil,
                    sli: SLOIndicatorSpec, alerting: SLOAlertingSpec? = nil) {
            (self.name, self.objective, self.description, self.labels) = (name, objective, description, labels)
            (self.sli, self.alerting, self.plugins) = (sli, alerting, nil)
        }
    }
}
