import Yams

extension PrometheusRule {
    static let specFields: Set<String> = ["groups"]
    static let groupFields: Set<String> = ["name", "interval", "limit", "query_offset", "labels",
                                           "partial_response_strategy", "rules"]
    static let ruleFields: Set<String> = ["record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"]

    /// Fields under `spec` the CRD does not define, with their lines: the API server prunes
    /// them silently and Prometheus rejects them in a rule file, so a typo such as
    /// `annotaions:` would otherwise go unnoticed.
    static func unknownFields(in document: Node) -> [(path: String, line: Int?)] {
        guard let spec = document.mapping?["spec"]?.mapping else { return [] }
        var found: [(String, Int?)] = []
        func check(_ mapping: Node.Mapping, known: Set<String>, path: String) {
            for (key, _) in mapping {
                guard let name = key.string, !known.contains(name) else { continue }
                found.append(("\(path).\(name)", key.mark?.line))
            }
        }
        check(spec, known: specFields, path: "spec")
        for (groupIndex, group) in (spec["groups"]?.sequence ?? []).enumerated() {
            guard let groupMapping = group.mapping else { continue }
            check(groupMapping, known: groupFields, path: "spec.groups[\(groupIndex)]")
            for (ruleIndex, rule) in (groupMapping["rules"]?.sequence ?? []).enumerated() {
                guard let ruleMapping = rule.mapping else { continue }
                check(ruleMapping, known: ruleFields, path: "spec.groups[\(groupIndex)].rules[\(ruleIndex)]")
            }
        }
        return found
    }
}
