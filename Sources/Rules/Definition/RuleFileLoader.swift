import PromQL
import Yams

/// Reads Prometheus rule files (`groups: [{name, interval, limit, rules: [...]}]`) into
/// ``RuleGroupDefinition`` values, checking what evaluation needs: names present, exactly
/// one of `record`/`alert`, `expr` present and parsing, durations valid, group names unique.
///
/// Full `promtool check rules` validation (metric and label names, templates, ...) lives
/// with the PrometheusRule model; this loader accepts what Prometheus would evaluate.
public enum RuleFileLoader {
    /// Parses one rule file's YAML text; `file` names it in errors and group keys.
    public static func load(yaml text: String, file: String) throws(RuleFileError) -> [RuleGroupDefinition] {
        let document: RuleFileDocument
        do {
            document = try YAMLDecoder().decode(RuleFileDocument.self, from: text)
        } catch {
            throw RuleFileError(file: file, message: "\(error)")
        }
        var seen: Set<String> = []
        var groups: [RuleGroupDefinition] = []
        for group in document.groups ?? [] {
            guard !group.name.isEmpty else { throw RuleFileError(file: file, message: "Groupname must not be empty") }
            guard seen.insert(group.name).inserted else {
                throw RuleFileError(file: file, group: group.name, message: "repeated in the same file")
            }
            groups.append(try definition(of: group, file: file))
        }
        return groups
    }

    private static func definition(of group: RuleFileDocument.Group, file: String) throws(RuleFileError) -> RuleGroupDefinition {
        func duration(_ text: String?, field: String, rule: Int?, name: String?) throws(RuleFileError) -> Milliseconds? {
            guard let text, !text.isEmpty else { return nil }
            do {
                return try PromDuration.parse(text)
            } catch {
                throw RuleFileError(file: file, group: group.name, ruleIndex: rule, ruleName: name, field: field,
                                    message: "not a valid duration string: \"\(text)\"")
            }
        }
        var rules: [RuleDefinition] = []
        for (index, rule) in (group.rules ?? []).enumerated() {
            let name = rule.record ?? rule.alert
            func fail(_ field: String?, _ message: String) -> RuleFileError {
                RuleFileError(file: file, group: group.name, ruleIndex: index, ruleName: name, field: field, message: message)
            }
            let kind: RuleDefinition.Kind
            switch (rule.record, rule.alert) {
            case (let record?, nil) where !record.isEmpty: kind = .recording(record: record)
            case (nil, let alert?) where !alert.isEmpty: kind = .alerting(alert: alert)
            case (.some, .some): throw fail(nil, "only one of 'record' and 'alert' must be set")
            default: throw fail(nil, "one of 'record' or 'alert' must be set")
            }
            guard let expr = rule.expr, !expr.isEmpty else { throw fail("expr", "field 'expr' must be set in rule") }
            do {
                _ = try Parser.parse(expr)
            } catch {
                throw fail("expr", "could not parse expression: \(error)")
            }
            if case .recording = kind, rule.forDuration != nil || rule.annotations != nil {
                throw fail(nil, "invalid field 'for' or 'annotations' in recording rule")
            }
            rules.append(RuleDefinition(
                kind: kind, expr: expr,
                forDuration: try duration(rule.forDuration, field: "for", rule: index, name: name) ?? 0,
                keepFiringFor: try duration(rule.keepFiringFor, field: "keep_firing_for", rule: index, name: name) ?? 0,
                labels: rule.labels ?? [:], annotations: rule.annotations ?? [:]))
        }
        return RuleGroupDefinition(
            name: group.name, file: file,
            interval: try duration(group.interval, field: "interval", rule: nil, name: nil),
            limit: group.limit ?? 0, rules: rules)
    }
}

/// The YAML shape of a rule file.
struct RuleFileDocument: Decodable {
    struct Group: Decodable {
        var name: String
        var interval: String?
        var limit: Int?
        var rules: [Rule]?
    }

    struct Rule: Decodable {
        var record: String?
        var alert: String?
        var expr: String?
        var forDuration: String?
        var keepFiringFor: String?
        var labels: [String: String]?
        var annotations: [String: String]?

        enum CodingKeys: String, CodingKey {
            case record, alert, expr, labels, annotations
            case forDuration = "for"
            case keepFiringFor = "keep_firing_for"
        }
    }

    var groups: [Group]?
}
