/// Checks a ServiceMonitor the way prometheus-operator does before using it
/// (`prometheus-operator-compat.md` 1.5), but reports every problem instead of the first.
public enum ServiceMonitorValidator {
    /// All problems in `monitor`; an empty list means it is accepted. Issues with severity
    /// `.warning` do not reject the monitor.
    public static func validate(_ monitor: ServiceMonitor, options: GeneratorOptions,
                                secrets: SecretLookup = .empty) -> [ValidationIssue] {
        var issues = SelectorValidation.issues(in: monitor.spec.selector, field: "spec.selector")
        if monitor.spec.selectorMechanism == .roleSelector, options.prometheusVersion < PrometheusVersion(2, 17) {
            issues.append(ValidationIssue(
                field: "spec.selectorMechanism",
                message: "RoleSelector requires Prometheus >= v2.17.0, configured version is \(options.prometheusVersion)",
                reason: .unsupportedByVersion))
        }
        for (index, endpoint) in monitor.spec.endpoints.enumerated() {
            var check = EndpointValidation(field: "spec.endpoints[\(index)]", namespace: monitor.namespace,
                                           options: options, secrets: secrets)
            check.run(endpoint)
            issues += check.issues
        }
        if let size = monitor.spec.bodySizeLimit, !size.isEmpty, ByteSize.bytes(size) == nil {
            issues.append(ValidationIssue(field: "spec.bodySizeLimit",
                                          message: "invalid size \"\(size)\": expected a number with a unit such as 512MB or 1GiB",
                                          reason: .invalidEndpoint))
        }
        if let scrapeClass = monitor.spec.scrapeClass, !options.scrapeClasses.contains(where: { $0.name == scrapeClass }) {
            issues.append(ValidationIssue(field: "spec.scrapeClass",
                                          message: "scrape class \"\(scrapeClass)\" not found in Prometheus scrapeClasses",
                                          reason: .unknownScrapeClass))
        }
        return issues
    }
}

/// Label selector rules of Kubernetes (`metav1.LabelSelectorAsSelector`).
enum SelectorValidation {
    static func issues(in selector: LabelSelector, field: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func add(_ path: String, _ message: String) {
            issues.append(ValidationIssue(field: path, message: message, reason: .invalidSelector))
        }
        for (key, value) in selector.sortedMatchLabels {
            if let problem = LabelSyntax.qualifiedNameProblem(key) { add("\(field).matchLabels", "key \"\(key)\": \(problem)") }
            if let problem = LabelSyntax.labelValueProblem(value) { add("\(field).matchLabels[\(key)]", "value \"\(value)\": \(problem)") }
        }
        for (index, expression) in (selector.matchExpressions ?? []).enumerated() {
            let path = "\(field).matchExpressions[\(index)]"
            if let problem = LabelSyntax.qualifiedNameProblem(expression.key) {
                add("\(path).key", "key \"\(expression.key)\": \(problem)")
            }
            let values = expression.values ?? []
            switch expression.operator {
            case .in, .notIn:
                if values.isEmpty {
                    add("\(path).values", "for 'in', 'notin' operators, values set can't be empty")
                }
                for (valueIndex, value) in values.enumerated() {
                    if let problem = LabelSyntax.labelValueProblem(value) {
                        add("\(path).values[\(valueIndex)]", "value \"\(value)\": \(problem)")
                    }
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    add("\(path).values", "values set must be empty for exists and does not exist")
                }
            default:
                add("\(path).operator", "\"\(expression.operator.rawValue)\" is not a valid label selector operator")
            }
        }
        return issues
    }
}

/// Syntax of Kubernetes label keys/values and Prometheus label names.
enum LabelSyntax {
    /// Kubernetes qualified name: optional DNS-subdomain prefix and `/`, then a name of at
    /// most 63 characters of `[A-Za-z0-9-_.]` starting and ending alphanumeric.
    static func qualifiedNameProblem(_ key: String) -> String? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return "a qualified name must have at most one '/'" }
        let name = String(parts.last ?? "")
        if parts.count == 2 {
            let prefix = parts[0]
            if prefix.isEmpty || prefix.count > 253
                || !prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isDNSLabel)
            {
                return "prefix must be a lowercase DNS subdomain"
            }
        }
        if name.isEmpty { return "name part must be non-empty" }
        return nameProblem(name)
    }

    /// A label value: empty, or a name as in ``qualifiedNameProblem(_:)`` without prefix.
    static func labelValueProblem(_ value: String) -> String? {
        value.isEmpty ? nil : nameProblem(value)
    }

    private static func nameProblem(_ name: String) -> String? {
        if name.count > 63 { return "must be no more than 63 characters" }
        let scalars = Array(name.unicodeScalars)
        let allowed = scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
        guard allowed, let first = scalars.first, let last = scalars.last, isAlphanumeric(first), isAlphanumeric(last) else {
            return "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
        }
        return nil
    }

    private static func isDNSLabel(_ label: Substring) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, scalars.count <= 63 else { return false }
        let lowerAlnum: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return lowerAlnum(first) && lowerAlnum(last) && scalars.allSatisfy { lowerAlnum($0) || $0 == "-" }
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// Prometheus label name: legacy `[a-zA-Z_][a-zA-Z0-9_]*` before 3.0, any non-empty
    /// UTF-8 from 3.0.
    static func isValidLabelName(_ name: String, version: PrometheusVersion) -> Bool {
        if version.major >= 3 { return !name.isEmpty }
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return scalars.allSatisfy { $0 == "_" || isAlphanumeric($0) }
    }

    /// A label name that may contain `$1` / `${name}` templates (relabel targets of
    /// `replace` and `labelmap` replacements).
    static func isValidTemplatedLabelName(_ name: String, version: PrometheusVersion) -> Bool {
        if version.major >= 3 { return !name.isEmpty }
        var stripped = ""
        var scalars = Substring(name).unicodeScalars[...]
        while let scalar = scalars.first {
            if scalar == "$" {
                scalars = scalars.dropFirst()
                if scalars.first == "{" {
                    guard let close = scalars.firstIndex(of: "}") else { return false }
                    let inner = scalars[scalars.index(after: scalars.startIndex)..<close]
                    guard !inner.isEmpty, inner.allSatisfy({ $0 == "_" || isAlphanumeric($0) }) else { return false }
                    scalars = scalars[scalars.index(after: close)...]
                } else {
                    let word = scalars.prefix { $0 == "_" || isAlphanumeric($0) }
                    guard !word.isEmpty else { return false }
                    scalars = scalars.dropFirst(word.count)
                }
                stripped += "x"
            } else {
                stripped.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
        }
        return isValidLabelName(stripped, version: version)
    }
}
