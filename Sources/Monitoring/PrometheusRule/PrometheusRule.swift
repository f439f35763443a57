/// A `monitoring.coreos.com/v1` PrometheusRule: groups of recording and alerting rules, as
/// users write them for prometheus-operator (`prometheus-operator-compat.md` 4.1).
///
/// Decoded from YAML or JSON with ``PrometheusRuleDecoder``; fields this model does not know
/// are ignored so newer CRD versions still decode. Checked with ``PrometheusRuleValidator``
/// and written as a Prometheus rule file with ``PrometheusRuleRenderer``.
///
/// ```yaml
/// apiVersion: monitoring.coreos.com/v1
/// kind: PrometheusRule
/// metadata: {name: checkout-alerts, namespace: shop}
/// spec:
///   groups:
///   - name: checkout.rules
///     rules:
///     - alert: CheckoutErrorsHigh
///       expr: sum(rate(http_requests_total{code=~"5.."}[5m])) > 1
///       for: 10m
/// ```
public struct PrometheusRule: Codable, Sendable, Equatable {
    public static let apiVersion = "monitoring.coreos.com/v1"
    public static let kind = "PrometheusRule"

    public var apiVersion: String?
    public var kind: String?
    public var metadata: Metadata
    public var spec: Spec

    public init(metadata: Metadata, spec: Spec) {
        (apiVersion, kind, self.metadata, self.spec) = (Self.apiVersion, Self.kind, metadata, spec)
    }

    /// The namespace the object lives in (`default` when the manifest leaves it out).
    public var namespace: String { metadata.namespace ?? "default" }

    /// `namespace/name`, the key objects are sorted and reported by.
    public var key: String { "\(namespace)/\(metadata.name)" }

    /// The parts of `metadata` Vigil uses.
    public struct Metadata: Codable, Sendable, Equatable {
        public var name: String
        public var namespace: String?
        /// Part of the rule file name; absent in manifests that were never applied.
        public var uid: String?
        public var labels: [String: String]?
        public var generation: Int64?

        public init(name: String, namespace: String? = nil, uid: String? = nil,
                    labels: [String: String]? = nil, generation: Int64? = nil) {
            (self.name, self.namespace, self.uid) = (name, namespace, uid)
            (self.labels, self.generation) = (labels, generation)
        }
    }

    /// `spec`: the rule groups.
    public struct Spec: Codable, Sendable, Equatable {
        public var groups: [RuleGroup]?

        public init(groups: [RuleGroup]? = nil) { self.groups = groups }
    }

    /// One rule group. Field spellings are Prometheus's rule-file ones (`query_offset`).
    public struct RuleGroup: Codable, Sendable, Equatable {
        public var name: String
        /// Evaluation interval (a Prometheus duration); the global one when absent.
        public var interval: String?
        /// Most series a recording rule or alerts an alerting rule may produce (0: no limit).
        public var limit: Int?
        /// Evaluation time offset (Prometheus ≥ 2.53; dropped when rendering for older ones).
        public var queryOffset: String?
        /// Labels added to every rule (Prometheus ≥ 3.0; dropped when rendering for older ones).
        public var labels: [String: String]?
        /// Thanos Ruler only: decoded so it can be named, never rendered.
        public var partialResponseStrategy: String?
        public var rules: [Rule]

        public init(name: String, interval: String? = nil, limit: Int? = nil, queryOffset: String? = nil,
                    labels: [String: String]? = nil, rules: [Rule]) {
            (self.name, self.interval, self.limit, self.queryOffset) = (name, interval, limit, queryOffset)
            (self.labels, self.partialResponseStrategy, self.rules) = (labels, nil, rules)
        }

        enum CodingKeys: String, CodingKey {
            case name, interval, limit, labels, rules
            case queryOffset = "query_offset"
            case partialResponseStrategy = "partial_response_strategy"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            interval = try container.decodeIfPresent(String.self, forKey: .interval)
            limit = try container.decodeIfPresent(Int.self, forKey: .limit)
            queryOffset = try container.decodeIfPresent(String.self, forKey: .queryOffset)
            labels = try container.decodeIfPresent([String: String].self, forKey: .labels)
            partialResponseStrategy = try container.decodeIfPresent(String.self, forKey: .partialResponseStrategy)
            // The CRD allows a group without rules; so does Prometheus.
            rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
        }
    }

    /// A recording rule (`record`) or an alerting rule (`alert`); exactly one must be set.
    public struct Rule: Codable, Sendable, Equatable {
        public var record: String?
        public var alert: String?
        /// PromQL; the CRD types it int-or-string, so `expr: 1` stays an integer.
        public var expr: IntOrString
        /// How long an alert must be active before it fires (alerting rules only).
        public var `for`: String?
        /// How long an alert keeps firing after its condition clears (alerting rules only).
        public var keepFiringFor: String?
        public var labels: [String: String]?
        /// Alerting rules only.
        public var annotations: [String: String]?

        public init(record: String? = nil, alert: String? = nil, expr: IntOrString, for: String? = nil,
                    keepFiringFor: String? = nil, labels: [String: String]? = nil,
                    annotations: [String: String]? = nil) {
            (self.record, self.alert, self.expr, self.for) = (record, alert, expr, `for`)
            (self.keepFiringFor, self.labels, self.annotations) = (keepFiringFor, labels, annotations)
        }

        enum CodingKeys: String, CodingKey {
            case record, alert, expr, labels, annotations
            case `for`
            case keepFiringFor = "keep_firing_for"
        }

        /// The alert or recorded series name, for messages (`""` when neither is set).
        public var name: String { alert ?? record ?? "" }
    }
}
