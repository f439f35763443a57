import PromQL

/// The JSON bodies of Prometheus's `/api/v1/rules` and `/api/v1/alerts`, built from a
/// ``RulesSnapshot``. Encode with `JSONEncoder`; field names and value formats follow
/// Prometheus 2.42 (`value` as `"1e+00"`, times as RFC 3339 UTC, durations in seconds).
public enum RulesAPI {
    /// Prometheus's envelope: `{"status":"success","data":...}`.
    public struct Response<Data: Encodable & Sendable>: Encodable, Sendable {
        public var status = "success"
        public var data: Data
    }

    /// `data` of `/api/v1/rules`.
    public struct RuleGroups: Encodable, Sendable {
        public var groups: [Group]
    }

    /// One rule group; `interval` and `evaluationTime` in seconds.
    public struct Group: Encodable, Sendable {
        public var name: String
        public var file: String
        public var rules: [Rule]
        public var interval: Double
        public var limit: Int
        public var evaluationTime: Double
        public var lastEvaluation: String
    }

    /// A recording or alerting rule; alerting-only fields are nil for recording rules.
    public struct Rule: Encodable, Sendable {
        public var state: String?
        public var name: String
        public var query: String
        public var duration: Double?
        public var keepFiringFor: Double?
        public var labels: [String: String]
        public var annotations: [String: String]?
        public var alerts: [AlertBody]?
        public var health: String
        public var lastError: String?
        public var evaluationTime: Double
        public var lastEvaluation: String
        public var type: String
    }

    /// `data` of `/api/v1/alerts`.
    public struct AlertList: Encodable, Sendable {
        public var alerts: [AlertBody]
    }

    /// One alert; `value` in Go's `%e` shortest form, `activeAt` RFC 3339.
    public struct AlertBody: Encodable, Sendable {
        public var labels: [String: String]
        public var annotations: [String: String]
        public var state: String
        public var activeAt: String
        public var value: String
    }

    /// `/api/v1/rules`; `type` filters to `alert` or `record` rules as Prometheus's
    /// `?type=` does (groups left empty are dropped).
    public static func rules(_ snapshot: RulesSnapshot, type: String? = nil) -> Response<RuleGroups> {
        let groups = snapshot.groups.compactMap { group -> Group? in
            let rules = group.rules.compactMap { rule -> Rule? in
                switch (rule.definition.kind, type) {
                case (.alerting, "record"), (.recording, "alert"): return nil
                default: return body(rule)
                }
            }
            if type != nil, rules.isEmpty { return nil }
            return Group(name: group.name, file: group.file, rules: rules, interval: seconds(group.interval),
                         limit: group.limit, evaluationTime: seconds(group.evaluationDuration),
                         lastEvaluation: timestamp(group.lastEvaluation))
        }
        return Response(data: RuleGroups(groups: groups))
    }

    /// `/api/v1/alerts`: every pending and firing alert.
    public static func alerts(_ snapshot: RulesSnapshot) -> Response<AlertList> {
        Response(data: AlertList(alerts: snapshot.alerts.map(body)))
    }

    private static func body(_ rule: RulesSnapshot.Rule) -> Rule {
        let definition = rule.definition
        let common = (name: definition.name, query: definition.expr, labels: definition.labels,
                      health: rule.health.state.rawValue, lastError: rule.health.lastError,
                      evaluationTime: seconds(rule.health.evaluationDuration),
                      lastEvaluation: timestamp(rule.health.lastEvaluation))
        switch definition.kind {
        case .recording:
            return Rule(state: nil, name: common.name, query: common.query, duration: nil, keepFiringFor: nil,
                        labels: common.labels, annotations: nil, alerts: nil, health: common.health,
                        lastError: common.lastError, evaluationTime: common.evaluationTime,
                        lastEvaluation: common.lastEvaluation, type: "recording")
        case .alerting:
            return Rule(state: rule.state.rawValue, name: common.name, query: common.query,
                        duration: seconds(definition.forDuration), keepFiringFor: seconds(definition.keepFiringFor),
                        labels: common.labels, annotations: definition.annotations, alerts: rule.alerts.map(body),
                        health: common.health, lastError: common.lastError, evaluationTime: common.evaluationTime,
                        lastEvaluation: common.lastEvaluation, type: "alerting")
        }
    }

    private static func body(_ alert: Alert) -> AlertBody {
        AlertBody(labels: AlertTemplateData.map(alert.labels), annotations: alert.annotations,
                  state: alert.state.rawValue, activeAt: timestamp(alert.activeAt),
                  value: GoFloat.shortestExponent(alert.value, uppercase: false))
    }

    private static func seconds(_ milliseconds: Milliseconds) -> Double { Double(milliseconds) / 1000 }

    private static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// Go's `time.Time` JSON (RFC 3339, UTC, trailing zeros of the fraction dropped);
    /// never-evaluated is Go's zero time.
    static func timestamp(_ milliseconds: Milliseconds?) -> String {
        guard let milliseconds else { return "0001-01-01T00:00:00Z" }
        let text = HumanizeFormat.formatUTC(milliseconds: milliseconds)   // 2006-01-02 15:04:05.5 +0000 UTC
        let dateTime = text.replacingFirst(" ", with: "T")
        return String(dateTime.prefix { $0 != " " }) + "Z"
    }
}

extension String {
    fileprivate func replacingFirst(_ target: Character, with replacement: Character) -> String {
        guard let index = firstIndex(of: target) else { return self }
        var copy = self
        copy.replaceSubrange(index...index, with: String(replacement))
        return copy
    }
}
