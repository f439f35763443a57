/// Writes a PrometheusRule as a Prometheus rule file, the way prometheus-operator does
/// (`prometheus-operator-compat.md` 4.3–4.4): the `spec` re-serialised with every mapping's
/// keys in alphabetical order, empty fields left out, an integer `expr` kept an integer, and
/// fields the target Prometheus does not know dropped (`partial_response_strategy` always).
///
/// Pure and deterministic; validate first (``PrometheusRuleValidator``): the renderer writes
/// whatever it is given.
public enum PrometheusRuleRenderer {
    /// The rule file for `rule`, named `<namespace>-<name>-<uid>.yaml` (without `-<uid>`
    /// when the object has none, as in manifests that were never applied).
    public static func render(_ rule: PrometheusRule, options: RuleRenderOptions = .default) -> GeneratedFile {
        GeneratedFile(path: fileName(for: rule), contents: yaml(for: rule.spec.groups ?? [], options: options))
    }

    /// prometheus-operator's file name (ConfigMap key) for `rule`.
    public static func fileName(for rule: PrometheusRule) -> String {
        var name = "\(rule.namespace)-\(rule.metadata.name)"
        if let uid = rule.metadata.uid, !uid.isEmpty { name += "-\(uid)" }
        return name + ".yaml"
    }

    /// The rule-file YAML of `groups`.
    public static func yaml(for groups: [PrometheusRule.RuleGroup], options: RuleRenderOptions = .default) -> String {
        let version = options.prometheusVersion
        let document = RuleFileDocument(groups: groups.map { group in
            RuleFileDocument.Group(
                interval: group.interval,
                labels: version >= PrometheusVersion(3, 0) ? nonEmpty(group.labels) : nil,
                limit: version >= PrometheusVersion(2, 31) ? group.limit : nil,
                name: group.name,
                queryOffset: version >= PrometheusVersion(2, 53) ? group.queryOffset : nil,
                rules: group.rules.map { rule in
                    RuleFileDocument.Rule(
                        alert: rule.alert.flatMap { $0.isEmpty ? nil : $0 },
                        annotations: nonEmpty(rule.annotations),
                        expr: rule.expr,
                        for: rule.for,
                        keepFiringFor: version >= PrometheusVersion(2, 42) ? rule.keepFiringFor : nil,
                        labels: nonEmpty(rule.labels),
                        record: rule.record.flatMap { $0.isEmpty ? nil : $0 })
                })
        })
        return OrderedYAML.emit(document.node)
    }

    private static func nonEmpty(_ map: [String: String]?) -> SortedYAMLMap<String>? {
        guard let map, !map.isEmpty else { return nil }
        return SortedYAMLMap(map)
    }
}

/// Which Prometheus the rule files are written for.
public struct RuleRenderOptions: Sendable, Equatable {
    /// Fields newer than this version are dropped, as prometheus-operator does.
    public var prometheusVersion: PrometheusVersion

    public init(prometheusVersion: PrometheusVersion = PrometheusVersion(2, 42)) {
        self.prometheusVersion = prometheusVersion
    }

    /// Prometheus 2.42, the version Vigil's engine and test oracle follow.
    public static var `default`: RuleRenderOptions { RuleRenderOptions() }
}

/// The rule file as written: keys in alphabetical order, which is the order of the
/// properties (and so of the synthesized `CodingKeys`).
private struct RuleFileDocument: Encodable {
    struct Group: Encodable {
        var interval: String?
        var labels: SortedYAMLMap<String>?
        var limit: Int?
        var name: String
        var queryOffset: String?
        var rules: [Rule]

        enum CodingKeys: String, CodingKey {
            case interval, labels, limit, name
            case queryOffset = "query_offset"
            case rules
        }
    }

    struct Rule: Encodable {
        var alert: String?
        var annotations: SortedYAMLMap<String>?
        var expr: IntOrString
        var `for`: String?
        var keepFiringFor: String?
        var labels: SortedYAMLMap<String>?
        var record: String?

        enum CodingKeys: String, CodingKey {
            case alert, annotations, expr
            case `for`
            case keepFiringFor = "keep_firing_for"
            case labels, record
        }
    }

    var groups: [Group]

    /// The tree to emit. Encoding these types cannot fail: every key is a string and every
    /// value encodes something; a failure would be a bug in the encoder.
    var node: YAMLNode {
        do {
            return try OrderedYAMLEncoder().encode(self)
        } catch {
            preconditionFailure("rule file model failed to encode: \(error)")
        }
    }
}
