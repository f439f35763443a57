import PromQL

/// Validates PromQL rule groups like `promtool check rules` (Prometheus 2.42 `rulefmt`), and
/// a little stricter: expressions must also type-check to an instant vector or a scalar.
///
/// Every problem is collected, in document order, each located by group and rule:
///
/// ```swift
/// for issue in PrometheusRuleValidator.issues(in: rule) {
///     log(issue.description)   // group "kthena", rule 2 ("HighErrorRate"): expr: 1:45: parse error: …
/// }
/// ```
public enum PrometheusRuleValidator {
    /// Every problem of `rule`'s groups; empty when Prometheus would load them.
    public static func issues(in rule: PrometheusRule, options: RuleValidationOptions = .default) -> [RuleIssue] {
        issues(in: rule.spec.groups ?? [], options: options)
    }

    /// Every problem of `groups`; empty when Prometheus would load them.
    public static func issues(in groups: [PrometheusRule.RuleGroup],
                              options: RuleValidationOptions = .default) -> [RuleIssue] {
        var found: [RuleIssue] = []
        var seen: Set<String> = []
        for (index, group) in groups.enumerated() {
            var checker = GroupChecker(group: group, index: index, options: options)
            checker.checkGroup(seenNames: &seen)
            for (ruleIndex, rule) in group.rules.enumerated() {
                checker.check(rule, number: ruleIndex + 1)
            }
            found += checker.issues
        }
        return found
    }

    /// Throws every problem of `rule` at once.
    public static func validate(_ rule: PrometheusRule,
                                options: RuleValidationOptions = .default) throws(RuleValidationError) {
        let found = issues(in: rule, options: options)
        if !found.isEmpty { throw RuleValidationError(issues: found) }
    }
}

/// Collects the issues of one group.
private struct GroupChecker {
    let group: PrometheusRule.RuleGroup
    let index: Int
    let options: RuleValidationOptions
    var issues: [RuleIssue] = []

    init(group: PrometheusRule.RuleGroup, index: Int, options: RuleValidationOptions) {
        (self.group, self.index, self.options) = (group, index, options)
    }

    mutating func add(rule: Int? = nil, name: String? = nil, _ field: String, _ reason: RuleIssue.Reason,
                      _ message: String) {
        issues.append(RuleIssue(group: group.name, groupIndex: index, rule: rule, ruleName: name,
                                field: field, reason: reason, message: message))
    }

    mutating func checkGroup(seenNames: inout Set<String>) {
        if group.name.isEmpty {
            add("name", .emptyGroupName, "group name must not be empty")
        } else if !seenNames.insert(group.name).inserted {
            add("name", .duplicateGroupName, "group name \(group.name.quotedForMessage) is repeated in the same file")
        }
        checkDuration(group.interval, field: "interval")
        checkDuration(group.queryOffset, field: "query_offset")
        if let limit = group.limit, limit < 0 {
            add("limit", .invalidLimit, "limit must not be negative, got \(limit)")
        }
        for key in (group.labels ?? [:]).keys.sorted() where !isValidLabelName(key) {
            add("labels", .invalidLabelName, "invalid label name: \(key)")
        }
    }

    mutating func checkDuration(_ text: String?, field: String, rule: Int? = nil, name: String? = nil) {
        guard let text else { return }
        do throws(PromDuration.Failure) {
            _ = try PromDuration.parse(text)
        } catch {
            add(rule: rule, name: name, field, .invalidDuration, error.description)
        }
    }

    func isValidLabelName(_ name: String) -> Bool {
        name != "__name__" && LabelSyntax.isValidLabelName(name, version: options.prometheusVersion)
    }

    mutating func check(_ rule: PrometheusRule.Rule, number: Int) {
        let record = rule.record ?? ""
        let alert = rule.alert ?? ""
        let name = alert.isEmpty ? record : alert
        func add(_ field: String, _ reason: RuleIssue.Reason, _ message: String) {
            self.add(rule: number, name: name, field, reason, message)
        }
        switch (record.isEmpty, alert.isEmpty) {
        case (false, false): add("", .invalidRuleKind, "only one of 'record' and 'alert' must be set")
        case (true, true): add("", .invalidRuleKind, "one of 'record' or 'alert' must be set")
        default: break
        }
        let expression = rule.expr.description
        if expression.allSatisfy(\.isWhitespace) {
            add("expr", .missingExpression, "field 'expr' must be set in rule")
        } else if let problem = PromQLCheck.problem(in: expression) {
            add("expr", problem.reason, problem.message)
        }
        checkDuration(rule.for, field: "for", rule: number, name: name)
        checkDuration(rule.keepFiringFor, field: "keep_firing_for", rule: number, name: name)
        if !record.isEmpty {
            if !(rule.annotations ?? [:]).isEmpty {
                add("annotations", .fieldNotAllowed, "invalid field 'annotations' in recording rule")
            }
            if rule.for.map(isNonZeroDuration) ?? false {
                add("for", .fieldNotAllowed, "invalid field 'for' in recording rule")
            }
            if rule.keepFiringFor.map(isNonZeroDuration) ?? false {
                add("keep_firing_for", .fieldNotAllowed, "invalid field 'keep_firing_for' in recording rule")
            }
            if !LabelSyntax.isValidMetricName(record, version: options.prometheusVersion) {
                add("record", .invalidMetricName, "invalid recording rule name: \(record)")
            }
        }
        for (key, value) in (rule.labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !isValidLabelName(key) {
                add("labels", .invalidLabelName, "invalid label name: \(key)")
            } else if record.isEmpty, let message = options.templateChecker(value) {
                // Prometheus expands templates in alert labels only; recording rule labels are literal.
                add("labels.\(key)", .invalidTemplate, "template: \(message)")
            }
        }
        for (key, value) in (rule.annotations ?? [:]).sorted(by: { $0.key < $1.key }) {
            if !LabelSyntax.isValidLabelName(key, version: options.prometheusVersion) {
                add("annotations", .invalidAnnotationName, "invalid annotation name: \(key)")
            } else if record.isEmpty, let message = options.templateChecker(value) {
                add("annotations.\(key)", .invalidTemplate, "template: \(message)")
            }
        }
    }

    /// `for: 0s` on a recording rule is what Prometheus reads as "not set". An unparsable
    /// value counts as set; `checkDuration` has already reported it, so the error is not lost.
    private func isNonZeroDuration(_ text: String) -> Bool {
        (try? PromDuration.parse(text)).map { $0 != 0 } ?? true
    }
}

extension LabelSyntax {
    /// Prometheus metric name: legacy `[a-zA-Z_:][a-zA-Z0-9_:]*` before 3.0, any non-empty
    /// UTF-8 from 3.0.
    static func isValidMetricName(_ name: String, version: PrometheusVersion) -> Bool {
        if version.major >= 3 { return !name.isEmpty }
        let scalars = Array(name.unicodeScalars)
        func start(_ s: Unicode.Scalar) -> Bool { s == "_" || s == ":" || ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
        guard let first = scalars.first, start(first) else { return false }
        return scalars.allSatisfy { start($0) || ("0"..."9").contains($0) }
    }
}
