import KubernetesClient

/// The live table `vigil demo` prints: one row per reconciled object with its
/// conditions.
public enum ConditionTable {
    /// One row.
    public struct Row: Sendable, Equatable {
        public var kind: String
        public var key: String
        public var conditions: [Condition]
        /// The status figures worth watching, e.g. `targets 1/1` or `SLI 99.95% · budget 72.4% · burn 1h 0.35`.
        public var figures: String = ""
    }

    /// Rows for every ServiceMonitor, PrometheusRule and ServiceLevel in `cluster`.
    public static func rows(in cluster: any Cluster) async throws -> [Row] {
        var rows: [Row] = []
        for object in try await cluster.list(ServiceMonitorObject.self, namespace: nil) {
            rows.append(Row(kind: "ServiceMonitor", key: "\(object.key)", conditions: conditions(object.status),
                            figures: figures(object.status, [("targets", "targetsUp", "targetsTotal")])))
        }
        for object in try await cluster.list(PrometheusRuleObject.self, namespace: nil) {
            rows.append(Row(kind: "PrometheusRule", key: "\(object.key)", conditions: conditions(object.status),
                            figures: figures(object.status, [("rules", "rules", nil), ("firing", "firingAlerts", nil)])))
        }
        for object in try await cluster.list(ServiceLevelObject.self, namespace: nil) {
            rows.append(Row(kind: "ServiceLevel", key: "\(object.key)", conditions: conditions(object.status),
                            figures: figures(object.status, [("SLI", "sli", nil), ("budget", "errorBudgetRemaining", nil),
                                                             ("burn 1h", "burnRate1h", nil)])))
        }
        return rows
    }

    /// A condition worth its message: a positive one (Ready, Accepted…) not True, or a
    /// problem one (BudgetExhausted, alerts firing) True.
    static func needsAttention(_ condition: Condition) -> Bool {
        let problemTypes: Set<ConditionType> = [.budgetExhausted, .pageAlertFiring, .ticketAlertFiring]
        return problemTypes.contains(condition.type) ? condition.status == .true : condition.status != .true
    }

    /// `label value` (or `label value/total`) for each status field present, joined by ` · `.
    static func figures(_ status: JSONValue?, _ fields: [(label: String, field: String, total: String?)]) -> String {
        func text(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let string)?: return string
            case .int(let number)?: return String(number)
            default: return nil
            }
        }
        return fields.compactMap { label, field, total in
            guard let value = text(status?[field]) else { return nil }
            guard let total else { return "\(label) \(value)" }
            return "\(label) \(value)/\(text(status?[total]) ?? "?")"
        }.joined(separator: " · ")
    }

    static func conditions(_ status: JSONValue?) -> [Condition] {
        guard let list = status?["conditions"] else { return [] }
        return (try? JSONCoding.decode([Condition].self, from: list)) ?? []
    }

    /// True when every row has `Ready=True`.
    public static func allReady(_ rows: [Row]) -> Bool {
        !rows.isEmpty && rows.allSatisfy { $0.conditions[.ready]?.status == .true }
    }

    /// The table as text: a header, one line per object with each condition's status, a
    /// line of its status figures, and the message of every condition that needs attention.
    public static func render(_ rows: [Row]) -> String {
        let kindWidth = max(4, rows.map(\.kind.count).max() ?? 0)
        let keyWidth = max(6, rows.map(\.key.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var text = pad("KIND", kindWidth) + "  " + pad("OBJECT", keyWidth) + "  CONDITIONS\n"
        for row in rows {
            let summary = row.conditions.map { "\($0.type.rawValue)=\($0.status.rawValue)" }.joined(separator: " ")
            text += pad(row.kind, kindWidth) + "  " + pad(row.key, keyWidth) + "  " + (summary.isEmpty ? "(pending)" : summary) + "\n"
            if !row.figures.isEmpty {
                text += pad("", kindWidth) + "  " + pad("", keyWidth) + "    " + row.figures + "\n"
            }
            for condition in row.conditions where needsAttention(condition) {
                text += pad("", kindWidth) + "  " + pad("", keyWidth) + "    \(condition.type.rawValue) \(condition.reason.rawValue): \(condition.message)\n"
            }
        }
        return text
    }
}
