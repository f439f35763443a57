import Yams

/// The fields a YAML document may have, for the strict decoding Prometheus applies
/// (`yaml.UnmarshalStrict`): an unknown key is an error naming its line and Go type.
indirect enum StrictYAMLShape: Sendable {
    /// A mapping with these fields (Go struct `type`).
    case object(type: String, fields: [String: StrictYAMLShape])
    /// A sequence of elements of one shape.
    case list(StrictYAMLShape)
    /// Anything else (scalars, free-form maps such as labels).
    case free

    /// `  line N: field F not found in type T` for every unknown key, in document order.
    func unknownFields(in node: Node?) -> [String] {
        guard let node else { return [] }
        switch self {
        case .free:
            return []
        case .list(let element):
            return (node.sequence ?? []).flatMap { element.unknownFields(in: $0) }
        case .object(let type, let fields):
            var problems: [String] = []
            for (key, value) in node.mapping ?? [:] {
                guard let name = key.string else { continue }
                guard let shape = fields[name] else {
                    problems.append("  line \(key.mark?.line ?? 0): field \(name) not found in type \(type)")
                    continue
                }
                problems += shape.unknownFields(in: value)
            }
            return problems
        }
    }

    /// A Prometheus rule file (`rulefmt.RuleGroups`).
    static let ruleFile = StrictYAMLShape.object(type: "rulefmt.RuleGroups", fields: [
        "groups": .list(.object(type: "rulefmt.RuleGroup", fields: [
            "name": .free, "interval": .free, "limit": .free,
            "rules": .list(.object(type: "rulefmt.RuleNode", fields: [
                "record": .free, "alert": .free, "expr": .free, "for": .free, "keep_firing_for": .free,
                "labels": .free, "annotations": .free,
            ])),
        ])),
    ])

    /// A promtool unit-test file (`main.unitTestFile` in promtool).
    static let unitTestFile = StrictYAMLShape.object(type: "main.unitTestFile", fields: [
        "rule_files": .free, "evaluation_interval": .free, "group_eval_order": .free,
        "tests": .list(.object(type: "main.testGroup", fields: [
            "interval": .free, "external_labels": .free, "external_url": .free, "name": .free,
            "input_series": .list(.object(type: "main.series", fields: ["series": .free, "values": .free])),
            "alert_rule_test": .list(.object(type: "main.alertTestCase", fields: [
                "eval_time": .free, "alertname": .free,
                "exp_alerts": .list(.object(type: "main.alert", fields: ["exp_labels": .free, "exp_annotations": .free])),
            ])),
            "promql_expr_test": .list(.object(type: "main.promqlTestCase", fields: [
                "expr": .free, "eval_time": .free,
                "exp_samples": .list(.object(type: "main.sample", fields: ["labels": .free, "value": .free])),
            ])),
        ])),
    ])
}
