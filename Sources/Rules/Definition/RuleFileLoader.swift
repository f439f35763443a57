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
        let positions = NodePositions(text)
        let unknown = positions.unknownFields()
        if !unknown.isEmpty {
            throw RuleFileError(file: file, message: "yaml: unmarshal errors:\n" + unknown.joined(separator: "\n"))
        }
        var seen: Set<String> = []
        var groups: [RuleGroupDefinition] = []
        for (index, group) in (document.groups ?? []).enumerated() {
            let mark = positions.group(index)
            guard !group.name.isEmpty else {
                throw RuleFileError(file: file, message: "Groupname must not be empty", line: mark?.line, column: mark?.column)
            }
            guard seen.insert(group.name).inserted else {
                throw RuleFileError(file: file, message: "groupname: \"\(group.name)\" is repeated in the same file",
                                    line: mark?.line, column: mark?.column)
            }
            do {
                groups.append(try definition(of: group, file: file))
            } catch {
                var located = error
                if let rule = error.ruleIndex {
                    // Prometheus points at the offending field; rule-level problems have no node (0:0).
                    let node = error.field.flatMap { positions.rule(index, rule, field: $0) }
                    (located.line, located.column) = (node?.line ?? 0, node?.column ?? 0)
                }
                throw located
            }
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

/// Where groups and rules sit in the YAML text, for error positions (Prometheus reports
/// the offending node's line and column).
struct NodePositions {
    private let root: Node?

    init(_ text: String) {
        // Positions are a nicety: text that decoded above composes here too.
        root = try? Yams.compose(yaml: text)
    }

    func group(_ index: Int) -> Mark? {
        node(root?["groups"], index)?.mark
    }

    func rule(_ group: Int, _ rule: Int, field: String) -> Mark? {
        node(node(root?["groups"], group)?["rules"], rule)?[field]?.mark
    }

    /// Keys Prometheus's strict YAML decoding rejects.
    func unknownFields() -> [String] {
        StrictYAMLShape.ruleFile.unknownFields(in: root)
    }

    private func node(_ sequence: Node?, _ index: Int) -> Node? {
        guard let items = sequence?.sequence, index < items.count else { return nil }
        return items[index]
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
