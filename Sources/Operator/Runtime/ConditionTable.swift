import KubernetesClient

/// The live table `vigil demo` prints: one row per reconciled object with its
/// conditions.
public enum ConditionTable {
    /// One row.
    public struct Row: Sendable, Equatable {
        public var kind: String
        public var key: String
        public var conditions: [Condition]
    }

    /// Rows for every ServiceMonitor, PrometheusRule and ServiceLevel in `cluster`.
    public static func rows(in cluster: any Cluster) async throws -> [Row] {
        var rows: [Row] = []
        for object in try await cluster.list(ServiceMonitorObject.self, namespace: nil) {
            rows.append(Row(kind: "ServiceMonitor", key: "\(object.key)", conditions: conditions(object.status)))
        }
        for object in try await cluster.list(PrometheusRuleObject.self, namespace: nil) {
            rows.append(Row(kind: "PrometheusRule", key: "\(object.key)", conditions: conditions(object.status)))
        }
        for object in try await cluster.list(ServiceLevelObject.self, namespace: nil) {
            rows.append(Row(kind: "ServiceLevel", key: "\(object.key)", conditions: conditions(object.status)))
        }
        return rows
    }

    /// A condition worth its message: a positive one (Ready, Accepted…) not True, or a
    /// problem one (BudgetExhausted, alerts firing) True.
    static func needsAttention(_ condition: Condition) -> Bool {
        let problemTypes: Set<ConditionType> = [.budgetExhausted, .pageAlertFiring, .ticketAlertFiring]
        return problemTypes.contains(condition.type) ? condition.status == .true : condition.status != .true
    }

    static func conditions(_ status: JSONValue?) -> [Condition] {
        guard let list = status?["conditions"] else { return [] }
        return (try? JSONCoding.decode([Condition].self, from: list)) ?? []
    }

    /// True when every row has `Ready=True`.
    public static func allReady(_ rows: [Row]) -> Bool {
        !rows.isEmpty && rows.allSatisfy { $0.conditions[.ready]?.status == .true }
    }

    /// The table as text: a header, one line per object with each condition's status,
    /// and the message of every condition that is not True.
    public static func render(_ rows: [Row]) -> String {
        let kindWidth = max(4, rows.map(\.kind.count).max() ?? 0)
        let keyWidth = max(6, rows.map(\.key.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        var text = pad("KIND", kindWidth) + "  " + pad("OBJECT", keyWidth) + "  CONDITIONS\n"
        for row in rows {
            let summary = row.conditions.map { "\($0.type.rawValue)=\($0.status.rawValue)" }.joined(separator: " ")
            text += pad(row.kind, kindWidth) + "  " + pad(row.key, keyWidth) + "  " + (summary.isEmpty ? "(pending)" : summary) + "\n"
            for condition in row.conditions where needsAttention(condition) {
                text += pad("", kindWidth) + "  " + pad("", keyWidth) + "    \(condition.type.rawValue) \(condition.reason.rawValue): \(condition.message)\n"
            }
        }
        return text
    }
}
