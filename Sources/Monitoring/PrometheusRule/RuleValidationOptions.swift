import Foundation

/// How ``PrometheusRuleValidator`` checks what it cannot check itself.
public struct RuleValidationOptions: Sendable {
    /// Checks one label or annotation value of an alerting rule as a Go text/template and
    /// returns the error message, or nil when it parses. The default only checks that every
    /// `{{` is closed; the real template parser of the Rules module can be passed in.
    public var templateChecker: @Sendable (String) -> String?
    /// The Prometheus version rules are checked for (label name syntax).
    public var prometheusVersion: PrometheusVersion

    public init(templateChecker: @escaping @Sendable (String) -> String? = RuleValidationOptions.checkActionsClosed,
                prometheusVersion: PrometheusVersion = PrometheusVersion(2, 42)) {
        (self.templateChecker, self.prometheusVersion) = (templateChecker, prometheusVersion)
    }

    /// Defaults: brace-balance template check, Prometheus 2.42.
    public static var `default`: RuleValidationOptions { RuleValidationOptions() }

    /// A minimal template check: each `{{` has a later `}}` and no action is empty. Text
    /// outside actions may contain anything, as in Go templates (a lone `}}` is just text).
    @Sendable public static func checkActionsClosed(_ text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.range(of: "}}") else { return "unclosed action" }
            let inside = afterOpen[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            // `{{- x -}}` trims text around the action; the dashes are not the action.
            let action = inside.trimmingCharacters(in: CharacterSet(charactersIn: "-")).trimmingCharacters(in: .whitespaces)
            if action.isEmpty { return "missing value for command" }
            rest = afterOpen[close.upperBound...]
        }
        return nil
    }
}
