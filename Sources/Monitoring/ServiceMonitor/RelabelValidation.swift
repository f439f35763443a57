/// Checks one relabeling the way prometheus-operator does (compat 1.5, step 3).
enum RelabelValidation {
    private static let actions: Set<String> = [
        "replace", "keep", "drop", "hashmod", "labelmap", "labeldrop", "labelkeep",
        "lowercase", "uppercase", "keepequal", "dropequal",
    ]
    private static let needsTarget: Set<String> = ["replace", "hashmod", "lowercase", "uppercase", "keepequal", "dropequal"]

    static func issues(in rule: RelabelConfigSpec, field: String, version: PrometheusVersion) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ subfield: String?, _ message: String, _ reason: ValidationIssue.Reason = .invalidRelabeling) {
            issues.append(ValidationIssue(field: subfield.map { "\(field).\($0)" } ?? field, message: message, reason: reason))
        }
        let action = rule.effectiveAction
        guard actions.contains(action) else {
            add("action", "unknown relabel action \"\(rule.action ?? "")\"")
            return issues
        }
        if let regex = rule.regex, let problem = regexProblem(regex) {
            add("regex", "invalid regular expression \"\(regex)\": \(problem)")
        }
        let target = rule.targetLabel ?? ""
        if needsTarget.contains(action), target.isEmpty {
            add("targetLabel", "relabel configuration for \(action) action needs targetLabel value")
        }
        if !target.isEmpty {
            let valid = action == "replace"
                ? LabelSyntax.isValidTemplatedLabelName(target, version: version)
                : LabelSyntax.isValidLabelName(target, version: version)
            if !valid { add("targetLabel", "\"\(target)\" is invalid 'target_label' for \(action) action") }
        }
        if action == "hashmod", (rule.modulus ?? 0) == 0 {
            add("modulus", "relabel configuration for hashmod requires non-zero modulus")
        }
        let defaultReplacement = rule.replacement == nil || rule.replacement == "$1"
        let defaultRegex = rule.regex == nil || rule.regex == "(.*)"
        let defaultSeparator = rule.separator == nil || rule.separator == ";"
        switch action {
        case "lowercase", "uppercase":
            if version < PrometheusVersion(2, 36) {
                add("action", "\(action) relabel action is only supported from Prometheus v2.36", .unsupportedByVersion)
            }
            if !defaultReplacement { add("replacement", "'replacement' can not be set for \(action) action") }
        case "keepequal", "dropequal":
            if version < PrometheusVersion(2, 41) {
                add("action", "\(action) relabel action is only supported from Prometheus v2.41", .unsupportedByVersion)
            }
            if !defaultRegex || (rule.modulus ?? 0) != 0 || !defaultSeparator || !defaultReplacement {
                add(nil, "\(action) action requires only 'source_labels' and 'target_label', and no other fields")
            }
        case "labeldrop", "labelkeep":
            if !(rule.sourceLabels ?? []).isEmpty || !target.isEmpty || (rule.modulus ?? 0) != 0
                || !defaultSeparator || !defaultReplacement
            {
                add(nil, "\(action) action requires only 'regex', and no other fields")
            }
        case "labelmap":
            let replacement = rule.replacement ?? "$1"
            if !LabelSyntax.isValidTemplatedLabelName(replacement, version: version) {
                add("replacement", "\"\(replacement)\" is invalid 'replacement' for labelmap action")
            }
        default:
            break
        }
        return issues
    }

    /// Why `pattern` would not compile as a Prometheus (RE2) regex, or nil. Swift's regex
    /// engine accepts more than RE2, so RE2-only refusals (look-around, backreferences)
    /// are checked first.
    static func regexProblem(_ pattern: String) -> String? {
        for construct in ["(?=", "(?!", "(?<=", "(?<!"] where pattern.contains(construct) {
            return "invalid or unsupported Perl syntax: `\(construct)`"
        }
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "\\" {
                if ("1"..."9").contains(scalars[index + 1]) { return "invalid escape sequence: `\\\(scalars[index + 1])`" }
                index += 2
            } else {
                index += 1
            }
        }
        do {
            _ = try Regex(pattern)
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
