extension OfflineOutput {
    /// What `vigil check` and `vigil generate` print to standard error: every problem
    /// (`file:line: object: field: message`), every ignored document, then a summary line.
    ///
    /// ```text
    /// examples/rules.yaml:24: PrometheusRule monitoring/kthena-alerts: group "kthena-inference", rule 2 ("HighErrorRate"): expr: 1:108: parse error: unexpected <by> in aggregation
    /// examples/crds/servicelevels.vigil.dev.yaml:4: ignored apiextensions.k8s.io/v1 CustomResourceDefinition servicelevels.vigil.dev
    /// 4 objects checked: 1 error, 0 warnings, 1 document ignored
    /// ```
    public func report(objectCount: Int) -> String {
        var lines = problems.map(\.description)
        lines += ignored.map(\.description)
        let errors = problems.filter { !$0.isWarning }.count
        let warnings = problems.count - errors
        lines.append("\(Self.count(objectCount, "object")) checked: \(Self.count(errors, "error")), "
            + "\(Self.count(warnings, "warning")), \(Self.count(ignored.count, "document")) ignored")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }
}
