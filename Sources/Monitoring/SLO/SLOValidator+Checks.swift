/// Accumulates validation issues; each check records problems and returns what it could
/// normalize so the caller can keep going and report everything in one pass.
struct SLOIssueCollector {
    let options: SLOGenerationOptions
    private(set) var found: [SLOValidationIssue] = []

    init(options: SLOGenerationOptions) { self.options = options }

    mutating func add(_ path: String, _ reason: SLOValidationIssue.Reason, _ message: String) {
        found.append(SLOValidationIssue(path: path, reason: reason, message: message))
    }

    /// Service, SLO name and the id built from them (Sloth's rules).
    mutating func checkIdentity(service: String, servicePath: String, name: String, namePath: String,
                                checkService: Bool = true) {
        if checkService { checkName(service, path: servicePath, what: "service") }
        checkName(name, path: namePath, what: "SLO name")
        if name.count > 128 { add(namePath, .nameTooLong, "SLO name must be at most 128 characters") }
    }

    private mutating func checkName(_ value: String, path: String, what: String) {
        if value.isEmpty {
            add(path, .missingField, "\(what) is required")
        } else if !Self.isValidName(value) {
            add(path, .invalidName,
                "\(what) \"\(value)\" must be at least 2 characters of letters, digits, '-', '_' or '.', "
                    + "starting and ending with a letter or digit")
        }
    }

    /// `^[A-Za-z0-9][-A-Za-z0-9_.]*[A-Za-z0-9]$`
    static func isValidName(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count >= 2, let first = scalars.first, let last = scalars.last else { return false }
        func alphanumeric(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
        }
        return alphanumeric(first) && alphanumeric(last)
            && scalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// Prometheus 2.42 label names: `^[a-zA-Z_][a-zA-Z0-9_]*$`.
    static func isValidLabelName(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        func letter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_" }
        return letter(first) && value.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }

    mutating func checkLabels(_ labels: [String: String]?, path: String, reserveSlothPrefix: Bool) {
        for (key, value) in (labels ?? [:]).sorted(by: { $0.key < $1.key }) {
            let keyPath = "\(path)[\(key)]"
            if !Self.isValidLabelName(key) || key == "__name__" {
                add(keyPath, .invalidLabelName, "\"\(key)\" is not a valid Prometheus label name")
            } else if reserveSlothPrefix && key.hasPrefix("sloth_") {
                add(keyPath, .reservedLabelName, "label names starting with sloth_ are reserved for generated rules")
            }
            if value.isEmpty { add(keyPath, .emptyLabelValue, "label value must not be empty") }
        }
    }

    mutating func checkAnnotations(_ annotations: [String: String]?, path: String) {
        for (key, value) in (annotations ?? [:]).sorted(by: { $0.key < $1.key }) {
            let keyPath = "\(path)[\(key)]"
            if !Self.isValidLabelName(key) {
                add(keyPath, .invalidLabelName, "\"\(key)\" is not a valid annotation name")
            }
            if value.isEmpty { add(keyPath, .emptyAnnotationValue, "annotation value must not be empty") }
        }
    }

    mutating func checkIndicator(_ sli: SLOIndicatorSpec, path: String) -> SLODefinition.Indicator? {
        if sli.plugin != nil {
            add("\(path).plugin", .unsupportedField, "Sloth SLI plugins are not supported; use events or raw")
        }
        switch (sli.events, sli.raw) {
        case (nil, nil):
            if sli.plugin == nil { add(path, .missingSLI, "one of events or raw is required") }
            return nil
        case (.some, .some):
            add(path, .conflictingSLI, "set only one of events or raw")
            return nil
        case (.some(let events), nil):
            let errorOK = checkQuery(events.errorQuery, path: "\(path).events.errorQuery")
            let totalOK = checkQuery(events.totalQuery, path: "\(path).events.totalQuery")
            if events.errorQuery == events.totalQuery && !events.errorQuery.isEmpty {
                add("\(path).events.totalQuery", .identicalQueries, "errorQuery and totalQuery must differ")
                return nil
            }
            return errorOK && totalOK ? .events(errorQuery: events.errorQuery, totalQuery: events.totalQuery) : nil
        case (nil, .some(let raw)):
            return checkQuery(raw.errorRatioQuery, path: "\(path).raw.errorRatioQuery")
                ? .raw(errorRatioQuery: raw.errorRatioQuery) : nil
        }
    }

    private mutating func checkQuery(_ query: String, path: String) -> Bool {
        if query.allSatisfy(\.isWhitespace) {
            add(path, .missingField, "query is required")
            return false
        }
        let problems = SLOQueryTemplate.problems(in: query)
        for problem in problems {
            switch problem {
            case .noPlaceholder:
                add(path, .missingWindowPlaceholder,
                    "query must contain the {{.window}} placeholder, e.g. rate(x[{{.window}}])")
            case .unsupportedAction(let action):
                add(path, .unsupportedTemplate, "only {{.window}} may appear in a query, found \(action)")
            }
        }
        guard problems.isEmpty else { return false }
        // Sloth checks the query with 1m substituted; any window gives the same syntax.
        if let checker = options.expressionChecker,
           let message = checker(SLOQueryTemplate.render(query, window: .minutes(1))) {
            add(path, .invalidQuery,
                SLOQueryTemplate.translatingPosition(in: message, renderedWith: .minutes(1), query: query))
            return false
        }
        return true
    }

    /// Alert labels are not checked for the `sloth_` prefix: overriding `sloth_severity` there
    /// is a documented Sloth feature.
    mutating func checkAlerting(_ alerting: SLOAlertingSpec?, path: String)
        -> (name: String?, page: SLODefinition.Alert?, ticket: SLODefinition.Alert?) {
        guard let alerting else { return (nil, nil, nil) }
        checkLabels(alerting.labels, path: "\(path).labels", reserveSlothPrefix: false)
        checkAnnotations(alerting.annotations, path: "\(path).annotations")
        func merged(_ alert: SLOAlertingSpec.Alert?) -> SLODefinition.Alert? {
            guard !(alert?.isDisabled ?? false) else { return nil }
            return SLODefinition.Alert(
                labels: (alerting.labels ?? [:]).merging(alert?.labels ?? [:]) { $1 },
                annotations: (alerting.annotations ?? [:]).merging(alert?.annotations ?? [:]) { $1 })
        }
        for (alert, key) in [(alerting.pageAlert, "pageAlert"), (alerting.ticketAlert, "ticketAlert")] {
            checkLabels(alert?.labels, path: "\(path).\(key).labels", reserveSlothPrefix: false)
            checkAnnotations(alert?.annotations, path: "\(path).\(key).annotations")
        }
        let page = merged(alerting.pageAlert)
        let ticket = merged(alerting.ticketAlert)
        let name = alerting.name ?? ""
        if (page != nil || ticket != nil) && name.allSatisfy(\.isWhitespace) {
            add("\(path).name", .missingAlertName,
                "alert name is required unless pageAlert and ticketAlert are both disabled")
        }
        return (name.isEmpty ? nil : name, page, ticket)
    }
}
