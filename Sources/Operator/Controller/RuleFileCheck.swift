import KubernetesClient
import Monitoring
import PromQL

/// Checks a PrometheusRule's `spec.groups` with Prometheus's rule-file rules that matter
/// for loading (group names, record xor alert, a parsable expression) and renders the
/// rule file prometheus-operator would write: the spec with keys sorted,
/// `partial_response_strategy` removed.
enum RuleFileCheck {
    struct Outcome {
        var errors: [String] = []
        var ruleCount = 0
    }

    static func check(_ spec: JSONValue?) -> Outcome {
        var outcome = Outcome()
        let groups = spec?["groups"]?.arrayValue ?? []
        var names: Set<String> = []
        for (groupIndex, group) in groups.enumerated() {
            let name = group["name"]?.stringValue ?? ""
            if name.isEmpty { outcome.errors.append("spec.groups[\(groupIndex)].name: must not be empty") }
            if !names.insert(name).inserted { outcome.errors.append("group \"\(name)\": repeated in the same object") }
            for (ruleIndex, rule) in (group["rules"]?.arrayValue ?? []).enumerated() {
                outcome.ruleCount += 1
                let record = rule["record"]?.stringValue, alert = rule["alert"]?.stringValue
                let label = "group \"\(name)\", rule \(ruleIndex + 1), \"\(record ?? alert ?? "")\""
                if (record == nil) == (alert == nil) {
                    outcome.errors.append("\(label): one of 'record' or 'alert' must be set")
                }
                let expr: String
                switch rule["expr"] {
                case .string(let text)?: expr = text
                case .int(let number)?: expr = String(number)
                default: expr = ""
                }
                if expr.isEmpty {
                    outcome.errors.append("\(label): field 'expr' must be set in rule")
                    continue
                }
                do throws(ParseError) {
                    _ = try Parser.parse(expr)
                } catch {
                    outcome.errors.append("\(label): could not parse expression: \(error)")
                }
            }
        }
        return outcome
    }

    /// The rule file text.
    static func render(_ spec: JSONValue?) -> String {
        var spec = spec ?? .object([:])
        if var groups = spec["groups"]?.arrayValue {
            for index in groups.indices { groups[index]["partial_response_strategy"] = nil }
            spec = .object(["groups": .array(groups)])
        } else {
            spec = .object(["groups": .array([])])
        }
        return OrderedYAML.emit(yamlNode(spec))
    }

    static func yamlNode(_ value: JSONValue) -> YAMLNode {
        switch value {
        case .null: .null
        case .bool(let flag): .boolean(flag)
        case .int(let number): .integer(number)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .array(let items): .sequence(items.map(yamlNode))
        case .object(let members): .mapping(members.sorted { $0.key < $1.key }.map { ($0.key, yamlNode($0.value)) })
        }
    }
}
