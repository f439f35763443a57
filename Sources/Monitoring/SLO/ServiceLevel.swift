/// A Vigil `ServiceLevel` (`vigil.dev/v1alpha1`, short name `slo`): ONE service level
/// objective of one service.
///
/// One SLO per object (rather than Sloth's list) because everything users do with an SLO is
/// per SLO: `kubectl wait --for=condition=Ready slo/checkout-availability`, printer columns
/// with the objective and the remaining budget, status conditions, RBAC and ownership, and
/// `kubectl apply`/`delete` of a single objective without touching its neighbours. Sloth's
/// list form is still accepted through `PrometheusServiceLevel`.
///
/// ```yaml
/// apiVersion: vigil.dev/v1alpha1
/// kind: ServiceLevel
/// metadata: {name: checkout-availability, namespace: shop}
/// spec:
///   service: checkout
///   objective: 99.9          # percent, 0 < objective < 100
///   timeWindow: 30d          # 30d (default), 28d or 7d
///   sli:
///     events:
///       errorQuery: sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))
///       totalQuery: sum(rate(http_requests_total[{{.window}}]))
///   alerting:
///     name: CheckoutAvailabilityBurn
/// ```
public struct ServiceLevel: Codable, Sendable, Equatable {
    public static let apiVersion = "vigil.dev/v1alpha1"
    public static let kind = "ServiceLevel"

    public var apiVersion: String
    public var kind: String
    public var metadata: SLOObjectMeta
    public var spec: Spec

    public init(metadata: SLOObjectMeta, spec: Spec) {
        (self.apiVersion, self.kind, self.metadata, self.spec) = (Self.apiVersion, Self.kind, metadata, spec)
    }

    /// The desired objective.
    public struct Spec: Codable, Sendable, Equatable {
        /// Service name: `sloth_service` label and first half of the SLO id.
        public var service: String
        /// SLO name (`sloth_slo` label); defaults to `metadata.name`.
        public var name: String?
        /// Target in percent, strictly between 0 and 100 (100 leaves no error budget).
        public var objective: Double
        public var description: String?
        /// SLO period: `30d` (default), `28d` or `7d`.
        public var timeWindow: String?
        /// Labels added to every generated recording rule and alert.
        public var labels: [String: String]?
        public var sli: SLOIndicatorSpec
        /// Burn-rate alerts; omit (or disable both) for recording rules only.
        public var alerting: SLOAlertingSpec?

        public init(service: String, name: String? = nil, objective: Double, description: String? = nil,
                    timeWindow: String? = nil, labels: [String: String]? = nil, sli: SLOIndicatorSpec,
                    alerting: SLOAlertingSpec? = nil) {
            (self.service, self.name, self.objective, self.description) = (service, name, objective, description)
            (self.timeWindow, self.labels, self.sli, self.alerting) = (timeWindow, labels, sli, alerting)
        }
    }
}
