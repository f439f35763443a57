import PromQL

/// One rule group as written in a Prometheus rule file: the plain input to ``RuleGroup``,
/// independent of where it came from (a rule file, a PrometheusRule object).
public struct RuleGroupDefinition: Sendable, Equatable {
    /// The group's name, unique within its file.
    public var name: String
    /// Where the group came from (a rule file path or `namespace/name` of an object);
    /// with the name it identifies the group and seeds its evaluation offset.
    public var file: String
    /// Evaluation interval in milliseconds; nil means the manager's default (1 m).
    public var interval: Milliseconds?
    /// Most series a recording rule, or alerts an alerting rule, may produce (0: no limit).
    public var limit: Int
    /// The rules, evaluated in this order.
    public var rules: [RuleDefinition]

    public init(name: String, file: String = "", interval: Milliseconds? = nil, limit: Int = 0,
                rules: [RuleDefinition]) {
        self.name = name
        self.file = file
        self.interval = interval
        self.limit = limit
        self.rules = rules
    }
}

/// One recording or alerting rule.
public struct RuleDefinition: Sendable, Equatable {
    /// What the rule produces.
    public enum Kind: Sendable, Equatable {
        /// A recording rule writing series named `record`.
        case recording(record: String)
        /// An alerting rule named `alert` (its `alertname` label).
        case alerting(alert: String)
    }

    public var kind: Kind
    /// The PromQL expression.
    public var expr: String
    /// How long an alert stays pending before it fires (alerting rules only).
    public var forDuration: Milliseconds
    /// How long a firing alert keeps firing after its condition cleared (alerting rules only).
    public var keepFiringFor: Milliseconds
    /// Labels added to every result; for alerts the values are templates.
    public var labels: [String: String]
    /// Alert annotations (templates); empty for recording rules.
    public var annotations: [String: String]

    public init(kind: Kind, expr: String, forDuration: Milliseconds = 0, keepFiringFor: Milliseconds = 0,
                labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.kind = kind
        self.expr = expr
        self.forDuration = forDuration
        self.keepFiringFor = keepFiringFor
        self.labels = labels
        self.annotations = annotations
    }

    /// A recording rule.
    public static func record(_ name: String, _ expr: String, labels: [String: String] = [:]) -> RuleDefinition {
        RuleDefinition(kind: .recording(record: name), expr: expr, labels: labels)
    }

    /// An alerting rule.
    public static func alert(_ name: String, _ expr: String, for forDuration: Milliseconds = 0,
                             keepFiringFor: Milliseconds = 0, labels: [String: String] = [:],
                             annotations: [String: String] = [:]) -> RuleDefinition {
        RuleDefinition(kind: .alerting(alert: name), expr: expr, forDuration: forDuration,
                       keepFiringFor: keepFiringFor, labels: labels, annotations: annotations)
    }

    /// The record or alert name.
    public var name: String {
        switch kind {
        case .recording(let record): return record
        case .alerting(let alert): return alert
        }
    }
}
