import Foundation

/// One problem in a PrometheusRule, located by group and rule the way `promtool check rules`
/// does, plus the Kubernetes field path.
///
/// `description` reads
/// `group "kthena", rule 3 ("HighErrorRate"): expr: 1:45: parse error: unexpected <EOF>`.
public struct RuleIssue: Sendable, Equatable, CustomStringConvertible {
    /// Machine-readable cause (stable; used in condition reasons and tests).
    public struct Reason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let emptyGroupName = Reason(rawValue: "EmptyGroupName")
        public static let duplicateGroupName = Reason(rawValue: "DuplicateGroupName")
        public static let invalidDuration = Reason(rawValue: "InvalidDuration")
        public static let invalidLimit = Reason(rawValue: "InvalidLimit")
        /// Neither or both of `record` and `alert`.
        public static let invalidRuleKind = Reason(rawValue: "InvalidRuleKind")
        public static let missingExpression = Reason(rawValue: "MissingExpression")
        /// The PromQL does not parse or does not type-check.
        public static let invalidExpression = Reason(rawValue: "InvalidExpression")
        /// The PromQL is valid but yields a range vector or a string.
        public static let invalidExpressionType = Reason(rawValue: "InvalidExpressionType")
        public static let invalidMetricName = Reason(rawValue: "InvalidMetricName")
        public static let invalidLabelName = Reason(rawValue: "InvalidLabelName")
        public static let invalidAnnotationName = Reason(rawValue: "InvalidAnnotationName")
        public static let invalidTemplate = Reason(rawValue: "InvalidTemplate")
        /// `for`, `keep_firing_for` or `annotations` on a recording rule.
        public static let fieldNotAllowed = Reason(rawValue: "FieldNotAllowed")
    }

    /// Name of the group (may be empty when that is the problem).
    public var group: String
    /// 0-based index of the group in `spec.groups`.
    public var groupIndex: Int
    /// 1-based rule number inside the group, as promtool counts; nil for group problems.
    public var rule: Int?
    /// Alert or recorded series name of the rule (`""` when it has neither).
    public var ruleName: String?
    /// The rule-file field, e.g. `expr`, `labels.severity`, `interval`.
    public var field: String
    public var reason: Reason
    public var message: String

    public init(group: String, groupIndex: Int, rule: Int? = nil, ruleName: String? = nil,
                field: String, reason: Reason, message: String) {
        (self.group, self.groupIndex, self.rule, self.ruleName) = (group, groupIndex, rule, ruleName)
        (self.field, self.reason, self.message) = (field, reason, message)
    }

    /// The Kubernetes field path: `spec.groups[0].rules[2].expr`.
    public var path: String {
        var path = "spec.groups[\(groupIndex)]"
        if let rule { path += ".rules[\(rule - 1)]" }
        return field.isEmpty ? path : "\(path).\(field)"
    }

    public var description: String {
        var place = "group \(group.quotedForMessage)"
        if let rule { place += ", rule \(rule) (\((ruleName ?? "").quotedForMessage))" }
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}

/// Every problem of a PrometheusRule, in document order.
public struct RuleValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var issues: [RuleIssue]
    public init(issues: [RuleIssue]) { self.issues = issues }
    /// One issue per line.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

extension String {
    /// Double-quoted with `"` and backslashes escaped, like the names in promtool's messages.
    var quotedForMessage: String {
        "\"" + replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
