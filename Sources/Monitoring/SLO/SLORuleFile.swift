/// Generated Prometheus rules, in the group and rule order they are written.
public struct SLORuleFile: Sendable, Equatable {
    public var groups: [SLORuleGroup]
    public init(groups: [SLORuleGroup]) { self.groups = groups }
}

/// One rule group (`sloth-slo-sli-recordings-<id>`, `sloth-slo-meta-recordings-<id>`,
/// `sloth-slo-alerts-<id>`). No `interval`: Prometheus' global evaluation interval applies.
public struct SLORuleGroup: Sendable, Equatable {
    public var name: String
    public var rules: [SLORule]
    public init(name: String, rules: [SLORule]) { (self.name, self.rules) = (name, rules) }
}

/// A recording or alerting rule. Labels and annotations are written sorted by key, as Go's
/// YAML encoder writes Sloth's maps.
public struct SLORule: Sendable, Equatable {
    /// A recording rule with the series it records, or an alert with its name.
    public enum Kind: Sendable, Equatable {
        case recording(String)
        case alerting(String)
    }

    public var kind: Kind
    public var expr: String
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(kind: Kind, expr: String, labels: [String: String], annotations: [String: String] = [:]) {
        (self.kind, self.expr, self.labels, self.annotations) = (kind, expr, labels, annotations)
    }

    /// The recorded series or alert name.
    public var name: String {
        switch kind {
        case .recording(let name), .alerting(let name): name
        }
    }
}
